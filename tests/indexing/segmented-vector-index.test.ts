// The composite vector index over segments: tombstoned entries never surface, even when they are
// the nearest neighbours, and k live hits are still returned.
import { describe, expect, it } from 'vitest';
import { createSegmentedVectorIndex } from '../../src/indexing/segmented-vector-index.js';
import { createExactIndex } from '../../src/indexing/vector-index.js';
import { seededRandom } from '../../src/bench/synthetic-corpus.js';

const dim = 8;
const random = seededRandom(3);
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v.map((x) => x / n));
};

describe('segmented vector index', () => {
  it('skips dead entries that are nearest and still fills k from live ones', () => {
    const query = unit([1, 0, 0, 0, 0, 0, 0, 0]);
    // 20 near-copies of the query are dead; 30 random vectors are live.
    const near = Array.from({ length: 20 }, () => unit([1, ...Array.from({ length: dim - 1 }, () => (random() - 0.5) * 0.01)]));
    const far = Array.from({ length: 30 }, () => unit(Array.from({ length: dim }, () => random() - 0.5)));
    const positions = Int32Array.from([...near.map(() => -1), ...far.map((_, i) => 100 + i)]);
    const index = createSegmentedVectorIndex([{ index: createExactIndex([...near, ...far], dim), positions }], dim);
    expect(index.size).toBe(30);
    const hits = index.search(query, 10);
    expect(hits).toHaveLength(10);
    expect(hits.every((h) => h.id >= 100 && h.id < 130)).toBe(true);
    const truth = createExactIndex(far, dim).search(query, 10).map((h) => h.id + 100);
    expect(hits.map((h) => h.id)).toEqual(truth);
  });

  it('merges segments by score and returns at most the live count', () => {
    const a = [unit([1, 0, 0, 0, 0, 0, 0, 0]), unit([0, 1, 0, 0, 0, 0, 0, 0])];
    const b = [unit([1, 1, 0, 0, 0, 0, 0, 0])];
    const index = createSegmentedVectorIndex(
      [
        { index: createExactIndex(a, dim), positions: Int32Array.from([2, 0]) },
        { index: createExactIndex(b, dim), positions: Int32Array.from([1]) },
      ],
      dim,
    );
    const hits = index.search(unit([1, 0.2, 0, 0, 0, 0, 0, 0]), 10);
    expect(hits.map((h) => h.id)).toEqual([2, 1, 0]);
    expect(() => index.save('x')).toThrow(/分段/);
  });

  it('filters inside each segment: the same hits as ranking everything and dropping the rest', () => {
    const vectors = Array.from({ length: 90 }, () => unit(Array.from({ length: dim }, () => random() - 0.5)));
    // Three segments with interleaved positions and a dead entry each.
    const segments = [0, 1, 2].map((g) => {
      const ids = vectors.map((_, i) => i).filter((i) => i % 3 === g);
      return { index: createExactIndex([...ids.map((i) => vectors[i]!), vectors[0]!], dim), positions: Int32Array.from([...ids, -1]) };
    });
    const allowedIds = vectors.map((_, i) => i).filter((i) => i % 4 !== 0 && i < 70);
    const allowed = new Set(allowedIds);
    const truthIndex = createExactIndex(vectors, dim);
    // exactUpTo 0: every search goes through the segments' own filtered search.
    for (const index of [createSegmentedVectorIndex(segments, dim), createSegmentedVectorIndex(segments, dim, { exactUpTo: 0, cachedVectors: 4 })]) {
      for (let q = 0; q < 10; q++) {
        const query = unit(Array.from({ length: dim }, () => random() - 0.5));
        const truth = truthIndex.search(query, 90).filter((h) => allowed.has(h.id)).slice(0, 7);
        const hits = index.search(query, 7, { allows: (id) => allowed.has(id), size: allowed.size, ids: () => allowedIds });
        expect(hits.map((h) => h.id)).toEqual(truth.map((h) => h.id));
        hits.forEach((h, i) => expect(h.score).toBeCloseTo(truth[i]!.score, 6));
      }
    }
  });
});
