// The published-index port: which search index version is current for every replica, and the
// files to load it. An index version is the folder DATA_DIR/indexes/<id> named by the pointer
// DATA_DIR/index.json ({"current": id}); publishing copies that folder into the registry, and a
// replica materialises it into its own DATA_DIR (then loads it like a local reload would).
// Adapter: postgres/pg-index-registry.ts (SQLite deployments have one process and no registry).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PublishedIndex {
  /** The version folder's name, e.g. 2026-12-01T08-41-04-462Z-31448. */
  id: string;
  corpusHash: string;
  unitCount: number;
  builtAt: string;
  publishedBy: string;
  publishedAt: Date;
}

export interface IndexFile {
  name: string;
  bytes: Buffer;
}

export interface IndexRegistry {
  /** The newest published version, if any. */
  latest(): Promise<PublishedIndex | undefined>;
  /** Stores a version's files; false if that id was already published (nothing changes then). */
  publish(meta: Omit<PublishedIndex, 'publishedAt'>, files: readonly IndexFile[]): Promise<boolean>;
  /** The files of a published version (checksums verified). */
  files(id: string): Promise<IndexFile[]>;
  /** Calls `onPublished` whenever any replica publishes (and after a lost connection returns). */
  subscribe(onPublished: (id: string | undefined) => void): Promise<() => Promise<void>>;
}

const POINTER = 'index.json';
const VERSION_ID = /^[\w-]+$/;

/** The version the local pointer names, if any. */
export function localIndexVersion(dataDir: string): string | undefined {
  try {
    const { current } = JSON.parse(readFileSync(join(dataDir, POINTER), 'utf8')) as { current?: unknown };
    return typeof current === 'string' && VERSION_ID.test(current) ? current : undefined;
  } catch {
    return undefined;
  }
}

/** The files of a local version folder, with the manifest's corpus hash and unit count. */
export function readLocalIndex(dataDir: string, id: string): { files: IndexFile[]; corpusHash: string; unitCount: number; builtAt: string } {
  const dir = join(dataDir, 'indexes', id);
  const files = readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
  const manifest = JSON.parse(files.find((f) => f.name === 'manifest.json')?.bytes.toString('utf8') ?? '{}') as {
    corpusHash?: string;
    unitCount?: number;
    builtAt?: string;
  };
  return { files, corpusHash: String(manifest.corpusHash ?? ''), unitCount: Number(manifest.unitCount ?? 0), builtAt: String(manifest.builtAt ?? '') };
}

/**
 * Writes a version folder and then moves the pointer to it, each step atomic (a temporary name,
 * then rename), so a local reader sees the old index or the whole new one, never a mix.
 */
export function materializeIndex(dataDir: string, id: string, files: readonly IndexFile[]): void {
  if (!VERSION_ID.test(id)) throw new Error(`invalid index version id ${id}`);
  const root = join(dataDir, 'indexes');
  mkdirSync(root, { recursive: true });
  const dir = join(root, id);
  if (!existsSync(dir)) {
    const tmp = join(root, `.incoming-${randomUUID()}`);
    mkdirSync(tmp);
    try {
      for (const f of files) {
        if (f.name.includes('/') || f.name.includes('\\') || f.name.startsWith('.')) throw new Error(`invalid index file name ${f.name}`);
        writeFileSync(join(tmp, f.name), f.bytes);
      }
      renameSync(tmp, dir);
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  }
  const pointerTmp = join(dataDir, `${POINTER}.${randomUUID()}.tmp`);
  writeFileSync(pointerTmp, JSON.stringify({ current: id }));
  renameSync(pointerTmp, join(dataDir, POINTER));
}

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
