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
});
