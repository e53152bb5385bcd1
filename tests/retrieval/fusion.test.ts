import { describe, expect, it } from 'vitest';
import { convexFusion, reciprocalRankFusion } from '../../src/retrieval/fusion.js';

describe('reciprocalRankFusion', () => {
  it('sums 1/(k+rank) across lists', () => {
    const fused = reciprocalRankFusion([{ ids: [1, 2] }, { ids: [2, 3] }], 60);
    expect(fused.get(1)).toBeCloseTo(1 / 61);
    expect(fused.get(2)).toBeCloseTo(1 / 62 + 1 / 61);
    expect(fused.get(3)).toBeCloseTo(1 / 62);
  });
  it('applies list weights and handles empty lists', () => {
    const fused = reciprocalRankFusion([{ ids: [1], weight: 2 }, { ids: [] }], 0);
    expect(fused.get(1)).toBe(2);
    expect(reciprocalRankFusion([]).size).toBe(0);
  });
});

describe('convexFusion', () => {
  it('combines components relative to each best score', () => {
    const f = convexFusion([
      { scores: new Map([[1, 10], [2, 5]]), weight: 0.5 },
      { scores: new Map([[2, 0.8]]), weight: 0.5 },
    ]);
    expect(f.get(1)).toBeCloseTo(0.5);
    expect(f.get(2)).toBeCloseTo(0.25 + 0.5);
  });
});
