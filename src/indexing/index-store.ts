// Builds, persists and loads the search indexes (I/O edge). A build is written to a fresh
// folder and published by atomically replacing a pointer file; every file is checksummed so a
// corrupt or half-written index is detected at load and rebuilt, never served.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Corpus } from '../domain/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { buildBm25, type Bm25Index } from './bm25.js';
import { buildHnsw, loadHnsw, type HnswIndex } from './hnsw-store.js';
import type { EmbedderProvider, QueryEmbedder } from './embedder.js';
import { indexText } from '../retrieval/hybrid-retriever.js';

const FORMAT_VERSION = 1;

const ManifestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  corpusHash: z.string(),
  tokenizerId: z.string(),
  embedderConfigId: z.string(),
  embedderId: z.string(),
  dimension: z.number().int().positive(),
  unitCount: z.number().int().nonnegative(),
  unitKeys: z.array(z.string()),
  builtAt: z.string(),
  buildMs: z.number(),
  files: z.record(z.string(), z.string()),
});
export type IndexManifest = z.infer<typeof ManifestSchema>;

export interface SearchIndex {
  manifest: IndexManifest;
  bm25: Bm25Index;
  vectors: HnswIndex;
  embedder: QueryEmbedder;
}

export type ProgressFn = (done: number, total: number, stage: string) => void;

function sha256(buf: Buffer | string): string {
  return createHash('sha256').update(buf).digest('hex');
}

function sectionTitles(corpus: Corpus): Map<string, string> {
  const m = new Map<string, string>();
  for (const u of corpus.units) if (u.kind === 'section') m.set(`${u.docId}#${u.number}`, u.title);
  return m;
}

/** Texts indexed for each unit, in corpus order. */
export function unitIndexTexts(corpus: Corpus): string[] {
  const titles = sectionTitles(corpus);
  return corpus.units.map((u) => indexText(u, u.kind === 'clause' ? titles.get(`${u.docId}#${u.section}`) : undefined));
}

/** Builds indexes in memory. */
export async function buildSearchIndex(opts: {
  corpus: Corpus;
  tokenizer: Tokenizer;
  provider: EmbedderProvider;
  onProgress?: ProgressFn;
  hnsw?: { m?: number; efConstruction?: number; efSearch?: number };
}): Promise<{ index: SearchIndex; tokens: string[][] }> {
  const { corpus, tokenizer, provider, onProgress = () => {} } = opts;
  const started = Date.now();
  const texts = unitIndexTexts(corpus);
  const tokens = texts.map((t, i) => {
    if (i % 200 === 0) onProgress(i, texts.length, '分词');
    return tokenizer.tokenize(t);
  });
  onProgress(texts.length, texts.length, '分词');
  const bm25 = buildBm25(tokens);
  const embedder = await provider.fit(texts);
  const vectors: ArrayLike<number>[] = [];
  const batch = 256;
  for (let i = 0; i < texts.length; i += batch) {
    vectors.push(...(await embedder.embedDocuments(texts.slice(i, i + batch))));
    onProgress(Math.min(i + batch, texts.length), texts.length, '向量化');
  }
  onProgress(0, 1, '构建 HNSW 索引');
  const hnsw = buildHnsw(vectors, embedder.dimension, opts.hnsw);
  onProgress(1, 1, '构建 HNSW 索引');
  const manifest: IndexManifest = {
    formatVersion: FORMAT_VERSION,
    corpusHash: corpus.hash,
    tokenizerId: tokenizer.id,
    embedderConfigId: provider.configId,
    embedderId: embedder.id,
    dimension: embedder.dimension,
    unitCount: corpus.units.length,
    unitKeys: corpus.units.map((u) => u.key),
    builtAt: new Date().toISOString(),
    buildMs: Date.now() - started,
    files: {},
  };
  return { index: { manifest, bm25, vectors: hnsw, embedder }, tokens };
}

/** Writes the index into dataDir/indexes/<id>/ and then atomically points dataDir/index.json at it. */
export function saveSearchIndex(dataDir: string, built: { index: SearchIndex; tokens: string[][] }): string {
  const id = `${built.index.manifest.builtAt.replace(/[:.]/g, '-')}-${process.pid}`;
  const dir = join(dataDir, 'indexes', id);
  mkdirSync(dir, { recursive: true });
  const hnswFile = join(dir, 'vectors.hnsw');
  built.index.vectors.save(hnswFile);
  const files: Record<string, string> = { 'vectors.hnsw': sha256(readFileSync(hnswFile)) };
  const tokensJson = JSON.stringify(built.tokens);
  writeFileSync(join(dir, 'tokens.json'), tokensJson);
  files['tokens.json'] = sha256(tokensJson);
  const embJson = JSON.stringify(built.index.embedder.exportState());
  writeFileSync(join(dir, 'embedder.json'), embJson);
  files['embedder.json'] = sha256(embJson);
  const manifest = { ...built.index.manifest, files };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  built.index.manifest = manifest;
  const pointer = join(dataDir, 'index.json');
  const tmp = `${pointer}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ current: id }));
  renameSync(tmp, pointer);
  pruneOldIndexes(dataDir, id);
  return dir;
}

function pruneOldIndexes(dataDir: string, keep: string): void {
  const root = join(dataDir, 'indexes');
  for (const name of readdirSync(root)) if (name !== keep) rmSync(join(root, name), { recursive: true, force: true });
}

export type LoadOutcome =
  | { ok: true; index: SearchIndex }
  | { ok: false; reason: string };

/** Loads the current index, verifying checksums and that it matches corpus, tokenizer and embedder. */
export function loadSearchIndex(opts: {
  dataDir: string;
  corpus: Corpus;
  tokenizer: Tokenizer;
  provider: EmbedderProvider;
}): LoadOutcome {
  const { dataDir, corpus, tokenizer, provider } = opts;
  const pointer = join(dataDir, 'index.json');
  if (!existsSync(pointer)) return { ok: false, reason: '索引不存在' };
  try {
    const { current } = z.object({ current: z.string().regex(/^[\w-]+$/) }).parse(JSON.parse(readFileSync(pointer, 'utf8')));
    const dir = join(dataDir, 'indexes', current);
    const manifest = ManifestSchema.parse(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    for (const [file, sum] of Object.entries(manifest.files)) {
      if (sha256(readFileSync(join(dir, file))) !== sum) return { ok: false, reason: `索引文件 ${file} 校验失败（可能损坏或未写完）` };
    }
    if (manifest.corpusHash !== corpus.hash) return { ok: false, reason: '语料已变化，索引过期' };
    if (manifest.tokenizerId !== tokenizer.id) return { ok: false, reason: '分词词典已变化，索引过期' };
    if (manifest.embedderConfigId !== provider.configId) return { ok: false, reason: `向量模型已变化（${manifest.embedderConfigId} → ${provider.configId}）` };
    const tokens = z.array(z.array(z.string())).parse(JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')));
    if (tokens.length !== corpus.units.length) return { ok: false, reason: '索引单元数与语料不一致' };
    const embedder = provider.restore(JSON.parse(readFileSync(join(dir, 'embedder.json'), 'utf8')), manifest.dimension);
    const vectors = loadHnsw(join(dir, 'vectors.hnsw'), manifest.dimension);
    if (vectors.size !== corpus.units.length) return { ok: false, reason: '向量数与语料不一致' };
    return { ok: true, index: { manifest, bm25: buildBm25(tokens), vectors, embedder } };
  } catch (err) {
    return { ok: false, reason: `索引无法读取：${(err as Error).message.slice(0, 200)}` };
  }
}

/** Loads the index, or rebuilds and saves it when missing, stale or corrupt. */
export async function ensureSearchIndex(opts: {
  dataDir: string;
  corpus: Corpus;
  tokenizer: Tokenizer;
  provider: EmbedderProvider;
  force?: boolean;
  log?: (msg: string) => void;
  onProgress?: ProgressFn;
}): Promise<{ index: SearchIndex; rebuilt: boolean; reason?: string }> {
  const log = opts.log ?? (() => {});
  if (!opts.force) {
    const loaded = loadSearchIndex(opts);
    if (loaded.ok) return { index: loaded.index, rebuilt: false };
    log(`正在重建索引：${loaded.reason}`);
    const built = await buildSearchIndex(opts);
    saveSearchIndex(opts.dataDir, built);
    return { index: built.index, rebuilt: true, reason: loaded.reason };
  }
  log('正在重建索引：手动触发');
  const built = await buildSearchIndex(opts);
  saveSearchIndex(opts.dataDir, built);
  return { index: built.index, rebuilt: true, reason: '手动重建' };
}
