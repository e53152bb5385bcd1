// Builds, persists and loads the search index (I/O edge). The index is a base segment plus delta
// segments, each holding whole documents (unit keys, tokens, its own HNSW file); replaced or
// withdrawn units are tombstoned in the manifest. Every version is written to a fresh folder
// (unchanged segment files hard-linked from the previous one) and published by atomically
// replacing a pointer file; every file is checksummed, so a corrupt or half-written index is
// detected at load and rebuilt, never served. Large files are re-hashed only when their stamp
// (size, mtime, inode, sampled prefix/suffix; see file-stamps.ts) changed since they were verified.
//
// The embedder is fitted once, at a full build, and then frozen: delta segments are embedded with
// the stored state, so idf weights do not learn from documents added later (features unseen at
// the full build weigh like the rarest seen one), and withdrawn documents keep counting until the
// next full build. BM25 is exact: it is rebuilt at load from the live units' stored tokens.
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Corpus } from '../domain/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { buildBm25, buildBm25FromTermIds, type Bm25Index } from './bm25.js';
import { decodeTermTable, encodeTermTable, gatherTermTables, unitCountOf, type TermTable } from './term-table.js';
import { buildHnsw, loadHnsw, type HnswIndex, type HnswOptions } from './hnsw-store.js';
import type { EmbedderProvider, QueryEmbedder } from './embedder.js';
import { createSegmentedVectorIndex, type VectorSegment } from './segmented-vector-index.js';
import {
  compactionReason,
  corpusDocuments,
  DEFAULT_COMPACTION,
  describeChanges,
  diffDocuments,
  FORMAT_VERSION,
  hasChanges,
  liveDocuments,
  ManifestSchema,
  NO_CHANGES,
  retireDocuments,
  segmentFor,
  type CompactionPolicy,
  type CorpusDocument,
  type IndexChanges,
  type IndexManifest,
  type Segment,
} from './index-plan.js';
import { indexText } from '../retrieval/hybrid-retriever.js';
import { DEFAULT_TRUST_STAMPS_FROM, sha256, stampOf, verifyFiles, writeStamps, type Stamps, type VerifyReport } from './file-stamps.js';

export type { IndexChanges, IndexManifest } from './index-plan.js';

export interface SearchIndex {
  manifest: IndexManifest;
  bm25: Bm25Index;
  /** Composite over all segments; ids are positions in `corpus.units`. */
  vectors: HnswIndex;
  embedder: QueryEmbedder;
}

export type ProgressFn = (done: number, total: number, stage: string) => void;

/** A segment built in memory and not yet written. */
interface PendingSegment {
  meta: Segment;
  tokens: string[][];
  hnsw: HnswIndex;
}

export interface BuiltIndex {
  index: SearchIndex;
  segments: PendingSegment[];
}

const EMBEDDER_FILE = 'embedder.json';

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

/** Tokens, vectors and HNSW for the given documents' units, written contiguously per document. */
async function buildSegment(opts: {
  id: string;
  files: { tokensFile: string; vectorsFile: string };
  docs: CorpusDocument[];
  corpus: Corpus;
  texts: string[];
  tokenizer: Tokenizer;
  embedder: QueryEmbedder;
  onProgress: ProgressFn;
  hnsw?: HnswOptions;
  /** Tokens already computed, by corpus position (the full build tokenizes in corpus order). */
  tokensAt?: (position: number) => string[];
}): Promise<PendingSegment> {
  const { docs, corpus, texts, embedder, onProgress } = opts;
  const meta = segmentFor(opts.id, opts.files, docs, corpus.units);
  const order = docs.flatMap((d) => d.positions);
  const tokens = order.map((p, i) => {
    if (!opts.tokensAt && i % 200 === 0) onProgress(i, order.length, '分词');
    return opts.tokensAt ? opts.tokensAt(p) : opts.tokenizer.tokenize(texts[p]!);
  });
  if (!opts.tokensAt) onProgress(order.length, order.length, '分词');
  const vectors: ArrayLike<number>[] = [];
  const batch = 256;
  for (let i = 0; i < order.length; i += batch) {
    vectors.push(...(await embedder.embedDocuments(order.slice(i, i + batch).map((p) => texts[p]!), tokens.slice(i, i + batch))));
    onProgress(Math.min(i + batch, order.length), order.length, '向量化');
  }
  onProgress(0, 1, '构建 HNSW 索引');
  const hnsw = buildHnsw(vectors, embedder.dimension, opts.hnsw);
  onProgress(1, 1, '构建 HNSW 索引');
  return { meta, tokens, hnsw };
}

/** Builds a one-segment index in memory, fitting the embedder on the whole corpus. */
export async function buildSearchIndex(opts: {
  corpus: Corpus;
  tokenizer: Tokenizer;
  provider: EmbedderProvider;
  onProgress?: ProgressFn;
  hnsw?: HnswOptions;
}): Promise<BuiltIndex> {
  const { corpus, tokenizer, provider, onProgress = () => {} } = opts;
  const started = Date.now();
  const texts = unitIndexTexts(corpus);
  const tokens = texts.map((t, i) => {
    if (i % 200 === 0) onProgress(i, texts.length, '分词');
    return tokenizer.tokenize(t);
  });
  onProgress(texts.length, texts.length, '分词');
  const embedder = await provider.fit(texts, tokens);
  const docs = corpusDocuments(corpus.units, texts);
  const base = await buildSegment({
    id: 'base',
    files: { tokensFile: 'tokens.json', vectorsFile: 'vectors.hnsw' },
    docs,
    corpus,
    texts,
    tokenizer,
    embedder,
    onProgress,
    hnsw: opts.hnsw,
    tokensAt: (p) => tokens[p]!,
  });
  const builtAt = new Date().toISOString();
  const manifest: IndexManifest = {
    formatVersion: FORMAT_VERSION,
    corpusHash: corpus.hash,
    tokenizerId: tokenizer.id,
    embedderConfigId: provider.configId,
    embedderId: embedder.id,
    dimension: embedder.dimension,
    unitCount: corpus.units.length,
    builtAt,
    buildMs: Date.now() - started,
    baseBuiltAt: builtAt,
    nextSegment: 1,
    segments: [base.meta],
    files: {},
  };
  const vectors = createSegmentedVectorIndex([{ index: base.hnsw, positions: Int32Array.from(docs.flatMap((d) => d.positions)) }], embedder.dimension);
  return { index: { manifest, bm25: buildBm25(tokens), vectors, embedder }, segments: [base] };
}

function newVersionDir(dataDir: string, builtAt: string): { id: string; dir: string } {
  const stem = `${builtAt.replace(/[:.]/g, '-')}-${process.pid}`;
  for (let n = 0; ; n++) {
    const id = n === 0 ? stem : `${stem}-${n}`;
    const dir = join(dataDir, 'indexes', id);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true });
      return { id, dir };
    }
  }
}

/**
 * Writes a version folder and then atomically points dataDir/index.json at it. Files of `reuse`
 * (already checksummed in the previous version) are hard-linked, or copied where links fail.
 */
function publish(
  dataDir: string,
  manifest: IndexManifest,
  { write = [], embedder, reuse }: { write?: PendingSegment[]; embedder?: QueryEmbedder; reuse?: { dir: string; files: string[] } },
): string {
  const { id, dir } = newVersionDir(dataDir, manifest.builtAt);
  const files: Record<string, string> = {};
  // Stamps of files whose content is known to match its checksum: written here, or hard-linked to
  // a file just verified (a link shares the inode, size and mtime). Copies get none (hashed next time).
  const stamps: Stamps = {};
  const stamp = (name: string) => {
    stamps[name] = stampOf(join(dir, name), files[name]!);
  };
  for (const name of reuse?.files ?? []) {
    const from = join(reuse!.dir, name);
    files[name] = manifest.files[name]!;
    try {
      linkSync(from, join(dir, name));
      stamp(name);
    } catch {
      copyFileSync(from, join(dir, name));
    }
  }
  for (const s of write) {
    const hnswFile = join(dir, s.meta.vectorsFile);
    s.hnsw.save(hnswFile);
    files[s.meta.vectorsFile] = sha256(readFileSync(hnswFile));
    stamp(s.meta.vectorsFile);
    const json = encodeTermTable(s.tokens);
    writeFileSync(join(dir, s.meta.tokensFile), json);
    files[s.meta.tokensFile] = sha256(json);
    stamp(s.meta.tokensFile);
  }
  if (embedder) {
    const json = JSON.stringify(embedder.exportState());
    writeFileSync(join(dir, EMBEDDER_FILE), json);
    files[EMBEDDER_FILE] = sha256(json);
    stamp(EMBEDDER_FILE);
  }
  manifest.files = files;
  writeStamps(dir, stamps);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const pointer = join(dataDir, 'index.json');
  const tmp = `${pointer}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify({ current: id }));
  renameSync(tmp, pointer);
  pruneOldIndexes(dataDir, id);
  return dir;
}

/** Writes a full build as a new version and publishes it. */
export function saveSearchIndex(dataDir: string, built: BuiltIndex): string {
  return publish(dataDir, built.index.manifest, { write: built.segments, embedder: built.index.embedder });
}

function pruneOldIndexes(dataDir: string, keep: string): void {
  const root = join(dataDir, 'indexes');
  for (const name of readdirSync(root)) if (name !== keep) rmSync(join(root, name), { recursive: true, force: true });
}

class IndexUnreadable extends Error {}

type Opened = { ok: true; dir: string; manifest: IndexManifest } | { ok: false; reason: string };

export interface VerifyOptions {
  /**
   * Files at least this many bytes are trusted without re-hashing while their stamp (size, mtime,
   * inode, sampled prefix/suffix) matches the one recorded when they were last verified; smaller
   * files are always hashed. Infinity hashes everything. Default 8 MiB.
   */
  trustStampsFrom?: number;
}

/** Reads the published manifest and verifies every file's checksum and the tokenizer/embedder config. */
function openStoredIndex(dataDir: string, tokenizer: Tokenizer, provider: EmbedderProvider, verify: VerifyOptions = {}, report: VerifyReport = { hashed: [], trusted: [] }): Opened {
  const pointer = join(dataDir, 'index.json');
  if (!existsSync(pointer)) return { ok: false, reason: '索引不存在' };
  try {
    const { current } = z.object({ current: z.string().regex(/^[\w-]+$/) }).parse(JSON.parse(readFileSync(pointer, 'utf8')));
    const dir = join(dataDir, 'indexes', current);
    const raw = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { formatVersion?: unknown; files?: unknown };
    // Checksums first (every format version records them), so damage is reported as damage.
    const files = z.record(z.string(), z.string()).parse(raw.files);
    const bad = verifyFiles(dir, files, verify.trustStampsFrom ?? DEFAULT_TRUST_STAMPS_FROM, report);
    if (bad !== null) return { ok: false, reason: `索引文件 ${bad} 校验失败（可能损坏或未写完）` };
    if (raw.formatVersion !== FORMAT_VERSION) return { ok: false, reason: `索引格式版本 ${String(raw.formatVersion)} 已过时，需要重建` };
    const manifest = ManifestSchema.parse(raw);
    const needed = [EMBEDDER_FILE, ...manifest.segments.flatMap((s) => [s.tokensFile, s.vectorsFile])];
    for (const file of needed) {
      if (!(file in manifest.files)) return { ok: false, reason: `索引文件 ${file} 未登记（索引不一致）` };
    }
    if (manifest.tokenizerId !== tokenizer.id) return { ok: false, reason: '分词词典已变化，索引过期' };
    if (manifest.embedderConfigId !== provider.configId) return { ok: false, reason: `向量模型已变化（${manifest.embedderConfigId} → ${provider.configId}）` };
    return { ok: true, dir, manifest };
  } catch (err) {
    return { ok: false, reason: `索引无法读取：${(err as Error).message.slice(0, 200)}` };
  }
}

function readTermTable(dir: string, file: string): TermTable {
  try {
    return decodeTermTable(readFileSync(join(dir, file), 'utf8'));
  } catch (err) {
    throw new IndexUnreadable(`索引文件 ${file} 内容不一致：${(err as Error).message}`);
  }
}

/**
 * Assembles the in-memory index from verified files: BM25 over the live units in corpus order
 * (their stored term ids merged into one table), and a composite over the segments' HNSW files.
 */
function assemble(dir: string, manifest: IndexManifest, corpus: Corpus, embedder: QueryEmbedder): SearchIndex {
  const positionOf = new Map<string, number>();
  corpus.units.forEach((u, i) => positionOf.set(u.key, i));
  const n = corpus.units.length;
  // For each corpus position: which segment and local unit hold its tokens.
  const ownerSeg = new Int32Array(n).fill(-1);
  const ownerLocal = new Uint32Array(n);
  const tables: TermTable[] = [];
  const parts: VectorSegment[] = [];
  manifest.segments.forEach((seg, si) => {
    const table = readTermTable(dir, seg.tokensFile);
    if (unitCountOf(table) !== seg.unitKeys.length) throw new IndexUnreadable(`索引段 ${seg.id} 的单元数不一致`);
    tables.push(table);
    const dead = new Set(seg.tombstones);
    const positions = new Int32Array(seg.unitKeys.length).fill(-1);
    seg.unitKeys.forEach((key, i) => {
      if (dead.has(key)) return;
      const p = positionOf.get(key);
      if (p === undefined || ownerSeg[p] !== -1) throw new IndexUnreadable('索引单元与语料不一致');
      ownerSeg[p] = si;
      ownerLocal[p] = i;
      positions[i] = p;
    });
    const hnsw = loadHnsw(join(dir, seg.vectorsFile), manifest.dimension);
    if (hnsw.size !== seg.unitKeys.length) throw new IndexUnreadable(`索引段 ${seg.id} 的向量数与单元数不一致`);
    parts.push({ index: hnsw, positions });
  });
  if (ownerSeg.includes(-1)) throw new IndexUnreadable('索引单元数与语料不一致');
  return {
    manifest,
    bm25: buildBm25FromTermIds(gatherTermTables(tables, ownerSeg, ownerLocal)),
    vectors: createSegmentedVectorIndex(parts, manifest.dimension),
    embedder,
  };
}

function restoreEmbedder(dir: string, manifest: IndexManifest, provider: EmbedderProvider): QueryEmbedder {
  return provider.restore(JSON.parse(readFileSync(join(dir, EMBEDDER_FILE), 'utf8')), manifest.dimension);
}

function assembleOutcome(dir: string, manifest: IndexManifest, corpus: Corpus, provider: EmbedderProvider): LoadOutcome {
  try {
    return { ok: true, index: assemble(dir, manifest, corpus, restoreEmbedder(dir, manifest, provider)) };
  } catch (err) {
    return { ok: false, reason: err instanceof IndexUnreadable ? err.message : `索引无法读取：${(err as Error).message.slice(0, 200)}` };
  }
}

export type LoadOutcome =
  | { ok: true; index: SearchIndex }
  | { ok: false; reason: string };

/** Loads the current index, verifying checksums and that it matches corpus, tokenizer and embedder. */
export function loadSearchIndex(opts: { dataDir: string; corpus: Corpus; tokenizer: Tokenizer; provider: EmbedderProvider } & VerifyOptions): LoadOutcome {
  const opened = openStoredIndex(opts.dataDir, opts.tokenizer, opts.provider, opts);
  if (!opened.ok) return opened;
  if (opened.manifest.corpusHash !== opts.corpus.hash) return { ok: false, reason: '语料已变化，索引过期' };
  return assembleOutcome(opened.dir, opened.manifest, opts.corpus, opts.provider);
}

export interface EnsureUpdate {
  /** The published manifest. */
  manifest: IndexManifest;
  /** True after a full rebuild (missing, corrupt, stale config, forced, or compaction due). */
  rebuilt: boolean;
  /** Why the index was rebuilt or updated. */
  reason?: string;
  /** Documents added, replaced and withdrawn relative to the stored index. */
  changed: IndexChanges;
  mode: 'loaded' | 'incremental' | 'full';
  /** Milliseconds: verifying the stored files, building and publishing new segments, loading. */
  timings: { verifyMs: number; updateMs: number; loadMs: number };
  /** Stored files hashed in full, and files trusted on an unchanged stamp (empty after `force`). */
  verified: VerifyReport;
}

export interface EnsureResult extends EnsureUpdate {
  index: SearchIndex;
}

export interface EnsureOptions extends VerifyOptions {
  dataDir: string;
  corpus: Corpus;
  tokenizer: Tokenizer;
  provider: EmbedderProvider;
  force?: boolean;
  log?: (msg: string) => void;
  onProgress?: ProgressFn;
  compaction?: Partial<CompactionPolicy>;
  /**
   * false: publish the update and return its manifest without loading the index (no BM25 build,
   * no HNSW reads; loadMs 0) — for the CLI, whose process ends after the update. A full rebuild
   * still happens in memory. Default true.
   */
  load?: boolean;
}

/**
 * Loads the index; applies document changes as a delta segment plus tombstones; or rebuilds and
 * saves it in full when missing, corrupt, built with another tokenizer/embedder, forced, or due
 * for compaction.
 */
export async function ensureSearchIndex(opts: EnsureOptions & { load: false }): Promise<EnsureUpdate>;
export async function ensureSearchIndex(opts: EnsureOptions & { load?: true }): Promise<EnsureResult>;
export async function ensureSearchIndex(opts: EnsureOptions): Promise<EnsureResult | EnsureUpdate>;
export async function ensureSearchIndex(opts: EnsureOptions): Promise<EnsureResult | EnsureUpdate> {
  const { dataDir, corpus, tokenizer, provider, onProgress = () => {} } = opts;
  const load = opts.load !== false;
  const verified: VerifyReport = { hashed: [], trusted: [] };
  const log = opts.log ?? (() => {});
  const policy = { ...DEFAULT_COMPACTION, ...opts.compaction };
  const t0 = performance.now();
  const full = async (reason: string, changed: IndexChanges, verifyMs: number): Promise<EnsureResult> => {
    log(`正在重建索引：${reason}`);
    const t = performance.now();
    const built = await buildSearchIndex(opts);
    saveSearchIndex(dataDir, built);
    const index = built.index;
    return { index, manifest: index.manifest, rebuilt: true, reason, changed, mode: 'full', timings: { verifyMs, updateMs: performance.now() - t, loadMs: 0 }, verified };
  };
  const texts = unitIndexTexts(corpus);
  const docs = corpusDocuments(corpus.units, texts);
  const allAdded = { ...NO_CHANGES, added: docs.map((d) => d.docId) };
  if (opts.force) return full('手动重建', allAdded, 0);
  const opened = openStoredIndex(dataDir, tokenizer, provider, opts, verified);
  const verifyMs = performance.now() - t0;
  if (!opened.ok) return full(opened.reason, allAdded, verifyMs);
  const { dir, manifest } = opened;
  const changed = diffDocuments(liveDocuments(manifest.segments), docs);
  const finish = (at: string, m: IndexManifest, updateMs: number, reason?: string): EnsureResult | EnsureUpdate | Promise<EnsureResult> => {
    const mode = hasChanges(changed) ? 'incremental' : 'loaded';
    const result: EnsureUpdate = { manifest: m, rebuilt: false, ...(reason ? { reason } : {}), changed, mode, timings: { verifyMs, updateMs, loadMs: 0 }, verified };
    if (!load) return result;
    const t = performance.now();
    const loaded = assembleOutcome(at, m, corpus, provider);
    if (!loaded.ok) return full(loaded.reason, changed, verifyMs);
    return { ...result, index: loaded.index, timings: { verifyMs, updateMs, loadMs: performance.now() - t } };
  };
  if (!hasChanges(changed)) {
    if (manifest.corpusHash === corpus.hash) return finish(dir, manifest, 0);
    // Metadata changed but no indexed text: publish the new corpus hash over the same files.
    const t = performance.now();
    const next: IndexManifest = { ...manifest, corpusHash: corpus.hash, builtAt: new Date().toISOString(), buildMs: 0 };
    const at = publish(dataDir, next, { reuse: { dir, files: Object.keys(manifest.files) } });
    return finish(at, next, performance.now() - t);
  }
  const t1 = performance.now();
  const fresh = new Set([...changed.added, ...changed.replaced]);
  const kept = retireDocuments(manifest.segments, [...changed.replaced, ...changed.removed]);
  const deltaDocs = docs.filter((d) => fresh.has(d.docId));
  const deltaId = `delta-${String(manifest.nextSegment).padStart(4, '0')}`;
  const deltaMeta = segmentFor(deltaId, { tokensFile: `${deltaId}.tokens.json`, vectorsFile: `${deltaId}.hnsw` }, deltaDocs, corpus.units);
  const segments = deltaDocs.length ? [...kept, deltaMeta] : kept;
  const due = compactionReason(segments, policy);
  if (due) return full(due, changed, verifyMs);
  const reason = `增量更新：${describeChanges(changed)}`;
  log(`正在增量更新索引：${describeChanges(changed)}`);
  let embedder: QueryEmbedder;
  try {
    embedder = restoreEmbedder(dir, manifest, provider);
  } catch (err) {
    return full(`索引无法读取：${(err as Error).message.slice(0, 200)}`, changed, verifyMs);
  }
  const write = deltaDocs.length
    ? [await buildSegment({ id: deltaId, files: deltaMeta, docs: deltaDocs, corpus, texts, tokenizer, embedder, onProgress })]
    : [];
  const next: IndexManifest = {
    ...manifest,
    corpusHash: corpus.hash,
    unitCount: corpus.units.length,
    builtAt: new Date().toISOString(),
    buildMs: 0,
    nextSegment: manifest.nextSegment + 1,
    segments,
  };
  next.buildMs = Math.round(performance.now() - t1);
  const reuse = [EMBEDDER_FILE, ...kept.flatMap((s) => [s.tokensFile, s.vectorsFile])];
  const at = publish(dataDir, next, { write, reuse: { dir, files: reuse } });
  return finish(at, next, performance.now() - t1, reason);
}
