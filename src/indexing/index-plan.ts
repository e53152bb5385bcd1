// The segmented index's manifest and the pure planning around it: which documents changed since
// the stored index, which stored units die (tombstones), and when a full rebuild (compaction) is due.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CorpusUnit } from '../domain/types.js';

export const FORMAT_VERSION = 2;

const DocEntrySchema = z.object({
  /** Content hash of the document's units (key + indexed text). */
  hash: z.string(),
  /** The document's units are stored contiguously in its segment: local ids start … start+count-1. */
  start: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});

export const SegmentSchema = z.object({
  id: z.string().regex(/^[\w-]+$/),
  /** Unit keys by segment-local id (the HNSW label and the index into the tokens file). */
  unitKeys: z.array(z.string()),
  tokensFile: z.string().regex(/^[\w.-]+$/),
  vectorsFile: z.string().regex(/^[\w.-]+$/),
  /** Documents whose units in this segment are live. */
  docs: z.record(z.string(), DocEntrySchema),
  /** Keys of this segment's units that were replaced or withdrawn since it was written. */
  tombstones: z.array(z.string()),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const ManifestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION),
  corpusHash: z.string(),
  tokenizerId: z.string(),
  embedderConfigId: z.string(),
  embedderId: z.string(),
  dimension: z.number().int().positive(),
  /** Live units (equals the corpus's unit count). */
  unitCount: z.number().int().nonnegative(),
  /** When this version was published, and how long its own work took. */
  builtAt: z.string(),
  buildMs: z.number(),
  /** The full build whose fitted embedder every later segment reuses (frozen). */
  baseBuiltAt: z.string(),
  nextSegment: z.number().int().positive(),
  segments: z.array(SegmentSchema),
  /** File name → sha256, for every file the version reads. */
  files: z.record(z.string(), z.string()),
});
export type IndexManifest = z.infer<typeof ManifestSchema>;

export interface CorpusDocument {
  docId: string;
  hash: string;
  /** Positions of the document's units in `corpus.units`, in corpus order. */
  positions: number[];
}

export interface IndexChanges {
  added: string[];
  replaced: string[];
  removed: string[];
}

export const NO_CHANGES: IndexChanges = { added: [], replaced: [], removed: [] };

export interface CompactionPolicy {
  /** Full rebuild once tombstoned units exceed this share of stored units. */
  maxTombstoneRatio: number;
  /** Full rebuild once the index would hold more segments than this. */
  maxSegments: number;
}

export const DEFAULT_COMPACTION: CompactionPolicy = { maxTombstoneRatio: 0.3, maxSegments: 24 };

/** Groups units into documents (first-appearance order) with a hash of their keys and indexed texts. */
export function corpusDocuments(units: readonly CorpusUnit[], texts: readonly string[]): CorpusDocument[] {
  const byId = new Map<string, number[]>();
  units.forEach((u, i) => {
    let list = byId.get(u.docId);
    if (!list) byId.set(u.docId, (list = []));
    list.push(i);
  });
  return [...byId].map(([docId, positions]) => {
    const h = createHash('sha256');
    for (const p of positions) h.update(units[p]!.key).update('\u0001').update(texts[p]!).update('\u0002');
    return { docId, hash: h.digest('hex'), positions };
  });
}

/** docId → content hash of every document live in the stored index. */
export function liveDocuments(segments: readonly Segment[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of segments) for (const [docId, d] of Object.entries(s.docs)) out.set(docId, d.hash);
  return out;
}

export function diffDocuments(stored: ReadonlyMap<string, string>, current: readonly CorpusDocument[]): IndexChanges {
  const added: string[] = [];
  const replaced: string[] = [];
  const seen = new Set<string>();
  for (const d of current) {
    seen.add(d.docId);
    const old = stored.get(d.docId);
    if (old === undefined) added.push(d.docId);
    else if (old !== d.hash) replaced.push(d.docId);
  }
  const removed = [...stored.keys()].filter((id) => !seen.has(id));
  return { added, replaced, removed };
}

export function hasChanges(c: IndexChanges): boolean {
  return c.added.length + c.replaced.length + c.removed.length > 0;
}

/**
 * Segments after retiring the replaced and removed documents: their units become tombstones and
 * segments with no live unit left are dropped. Input segments are not modified.
 */
export function retireDocuments(segments: readonly Segment[], docIds: Iterable<string>): Segment[] {
  const dead = new Set(docIds);
  const out: Segment[] = [];
  for (const s of segments) {
    const docs: Segment['docs'] = {};
    const tombstones = [...s.tombstones];
    for (const [docId, d] of Object.entries(s.docs)) {
      if (dead.has(docId)) tombstones.push(...s.unitKeys.slice(d.start, d.start + d.count));
      else docs[docId] = d;
    }
    if (Object.keys(docs).length === 0) continue;
    out.push({ ...s, docs, tombstones });
  }
  return out;
}

/** Why the index should be rebuilt in full instead of growing another segment, if it should. */
export function compactionReason(segments: readonly Segment[], policy: CompactionPolicy = DEFAULT_COMPACTION): string | undefined {
  const stored = segments.reduce((n, s) => n + s.unitKeys.length, 0);
  const dead = segments.reduce((n, s) => n + s.tombstones.length, 0);
  if (segments.length > policy.maxSegments) return `索引段数 ${segments.length} 超过 ${policy.maxSegments}，需要压缩`;
  if (stored > 0 && dead / stored > policy.maxTombstoneRatio) {
    return `已删除单元占 ${Math.round((100 * dead) / stored)}%，超过 ${Math.round(policy.maxTombstoneRatio * 100)}%，需要压缩`;
  }
  return undefined;
}

/** Segment metadata for documents written contiguously, in the given order. */
export function segmentFor(
  id: string,
  files: { tokensFile: string; vectorsFile: string },
  docs: readonly CorpusDocument[],
  units: readonly CorpusUnit[],
): Segment {
  const unitKeys: string[] = [];
  const entries: Segment['docs'] = {};
  for (const d of docs) {
    entries[d.docId] = { hash: d.hash, start: unitKeys.length, count: d.positions.length };
    for (const p of d.positions) unitKeys.push(units[p]!.key);
  }
  return { id, ...files, unitKeys, docs: entries, tombstones: [] };
}

export function describeChanges(c: IndexChanges): string {
  return `新增 ${c.added.length} 个、替换 ${c.replaced.length} 个、撤下 ${c.removed.length} 个文件`;
}
