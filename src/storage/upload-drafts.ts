// Uploaded files waiting between 文件管理's preview and publish: a port with a folder adapter
// (DATA_DIR/uploads, one process) and a PostgreSQL one (postgres/pg-upload-drafts.ts), so that
// behind a load balancer the publish may reach another replica than the preview did.
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface UploadDraft {
  /** Random, URL-safe (16–32 characters). */
  id: string;
  fileName: string;
  sha256: string;
  docId: string;
  createdAt: Date;
  bytes: Uint8Array;
}

export interface UploadDraftStore {
  save(draft: UploadDraft): Promise<void>;
  get(id: string): Promise<UploadDraft | undefined>;
  remove(id: string): Promise<void>;
  /** Deletes drafts created before `cutoff`; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}

const DRAFT_ID = /^[A-Za-z0-9_-]{16,32}$/u;

export function createFileUploadDrafts(dir: string): UploadDraftStore {
  const file = (id: string, ext: string) => join(dir, `${id}.${ext}`);
  return {
    async save(d) {
      await mkdir(dir, { recursive: true });
      await writeFile(file(d.id, 'bin'), d.bytes);
      await writeFile(file(d.id, 'json'), JSON.stringify({ fileName: d.fileName, sha256: d.sha256, docId: d.docId, createdAt: d.createdAt.toISOString() }));
    },
    async get(id) {
      if (!DRAFT_ID.test(id)) return undefined;
      try {
        const meta = JSON.parse(await readFile(file(id, 'json'), 'utf8')) as { fileName: string; sha256: string; docId: string; createdAt: string };
        const bytes = new Uint8Array(await readFile(file(id, 'bin')));
        return { id, fileName: meta.fileName, sha256: meta.sha256, docId: meta.docId, createdAt: new Date(meta.createdAt), bytes };
      } catch {
        return undefined;
      }
    },
    async remove(id) {
      if (!DRAFT_ID.test(id)) return;
      await rm(file(id, 'json'), { force: true });
      await rm(file(id, 'bin'), { force: true });
    },
    async purgeOlderThan(cutoff) {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch {
        return 0; // no drafts yet
      }
      let n = 0;
      for (const f of names) {
        const p = join(dir, f);
        try {
          if ((await stat(p)).mtimeMs < cutoff.getTime()) {
            await rm(p, { force: true });
            if (f.endsWith('.json')) n++;
          }
        } catch {
          // removed meanwhile
        }
      }
      return n;
    },
  };
}
