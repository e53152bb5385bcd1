// One VectorIndex over several segment indexes (pure): maps segment-local ids to positions in
// `corpus.units`, skips units that are tombstoned or absent, and merges per-segment top-k by score.
// A filter over positions is applied inside each segment's search (never by searching deeper and
// dropping hits); a small allowed set (a few documents) is scored exactly instead, which is both
// cheaper than a filtered graph walk and exact.
import { dot, type VectorFilter, type VectorHit, type VectorIndex } from './vector-index.js';

export interface VectorSegment {
  index: VectorIndex & { setEfSearch?(ef: number): void };
  /** Segment-local id → position in `corpus.units`, or -1 when the unit is not live. */
  positions: Int32Array;
}

export interface SegmentedVectorIndex extends VectorIndex {
  setEfSearch(ef: number): void;
  /** Segments are saved one file each by the index store; the composite has no file of its own. */
  save(file: string): void;
}

export interface SegmentedOptions {
  /** Allowed sets of at most this many positions are scored exactly (when segments expose vectors). */
  exactUpTo?: number;
  /** Stored vectors kept in memory for exact scoring (most recently fetched). */
  cachedVectors?: number;
}

export function createSegmentedVectorIndex(
  segments: readonly VectorSegment[],
  dimension: number,
  { exactUpTo = 2048, cachedVectors = 16384 }: SegmentedOptions = {},
): SegmentedVectorIndex {
  const parts = segments.map((s) => {
    let live = 0;
    for (const p of s.positions) if (p >= 0) live++;
    return { ...s, live, stored: s.positions.length };
  });
  const size = parts.reduce((n, p) => n + p.live, 0);
  // Position → segment and local id, for exact scoring of allowed positions.
  let maxPos = -1;
  for (const p of parts) for (const pos of p.positions) if (pos > maxPos) maxPos = pos;
  const segOf = new Int32Array(maxPos + 1).fill(-1);
  const localOf = new Int32Array(maxPos + 1);
  parts.forEach((p, si) =>
    p.positions.forEach((pos, local) => {
      if (pos >= 0) {
        segOf[pos] = si;
        localOf[pos] = local;
      }
    }),
  );
  const exactPossible = parts.every((p) => typeof p.index.vectorOf === 'function');
  const cache = new Map<number, Float32Array>();
  const vectorAt = (pos: number): Float32Array => {
    let v = cache.get(pos);
    if (!v) {
      v = Float32Array.from(parts[segOf[pos]!]!.index.vectorOf!(localOf[pos]!));
      if (cache.size >= cachedVectors) cache.delete(cache.keys().next().value as number);
      cache.set(pos, v);
    }
    return v;
  };

  const exactSearch = (vector: ArrayLike<number>, k: number, ids: Iterable<number>): VectorHit[] => {
    const hits: VectorHit[] = [];
    for (const pos of ids) {
      if (pos < 0 || pos > maxPos || segOf[pos] === -1) continue;
      hits.push({ id: pos, score: dot(vectorAt(pos), vector, dimension) });
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.slice(0, k);
  };

  return {
    dimension,
    size,
    search(vector, k, filter?: VectorFilter): VectorHit[] {
      if (filter?.ids && filter.size !== undefined && filter.size <= exactUpTo && exactPossible) return exactSearch(vector, k, filter.ids());
      const query = Array.from(vector);
      const hits: VectorHit[] = [];
      for (const part of parts) {
        const want = Math.min(k, part.live);
        if (want <= 0) continue;
        if (filter) {
          const local: VectorFilter = { allows: (id) => (part.positions[id] ?? -1) >= 0 && filter.allows(part.positions[id]!) };
          for (const h of part.index.search(query, want, local)) hits.push({ id: part.positions[h.id]!, score: h.score });
          continue;
        }
        const stored = Math.min(part.stored, part.index.size);
        // Ask for enough extra candidates to cover the dead share; widen if that was not enough.
        let n = part.live === stored ? want : Math.min(stored, Math.ceil((want * stored) / part.live) + 8);
        for (;;) {
          const got: VectorHit[] = [];
          for (const h of part.index.search(query, n)) {
            const pos = part.positions[h.id] ?? -1;
            if (pos >= 0) got.push({ id: pos, score: h.score });
            if (got.length === want) break;
          }
          if (got.length === want || n >= stored) {
            hits.push(...got);
            break;
          }
          n = Math.min(stored, n * 2);
        }
      }
      hits.sort((a, b) => b.score - a.score || a.id - b.id);
      return hits.slice(0, k);
    },
    setEfSearch(ef) {
      for (const p of parts) p.index.setEfSearch?.(ef);
    },
    save() {
      throw new Error('分段向量索引没有单一文件：请保存各段的索引文件');
    },
  };
}
