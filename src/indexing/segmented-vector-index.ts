// One VectorIndex over several segment indexes (pure): maps segment-local ids to positions in
// `corpus.units`, skips units that are tombstoned or absent, and merges per-segment top-k by score.
import type { VectorHit, VectorIndex } from './vector-index.js';

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

export function createSegmentedVectorIndex(segments: readonly VectorSegment[], dimension: number): SegmentedVectorIndex {
  const parts = segments.map((s) => {
    let live = 0;
    for (const p of s.positions) if (p >= 0) live++;
    return { ...s, live, stored: s.positions.length };
  });
  const size = parts.reduce((n, p) => n + p.live, 0);
  return {
    dimension,
    size,
    search(vector, k): VectorHit[] {
      const hits: VectorHit[] = [];
      for (const part of parts) {
        const want = Math.min(k, part.live);
        if (want <= 0) continue;
        const stored = Math.min(part.stored, part.index.size);
        // Ask for enough extra candidates to cover the dead share; widen if that was not enough.
        let n = part.live === stored ? want : Math.min(stored, Math.ceil((want * stored) / part.live) + 8);
        for (;;) {
          const got: VectorHit[] = [];
          for (const h of part.index.search(vector, n)) {
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
