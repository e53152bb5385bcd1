import { describe, expect, it } from 'vitest';
import { fitPairwise, rankHits, type RankingCase } from '../../src/eval/pairwise-fit.js';

// Candidates described by [signal, noise]: the relevant one always has the higher signal, and
// a misleading noise feature is higher on an irrelevant one.
const cases: RankingCase[] = Array.from({ length: 30 }, (_, i) => ({
  id: `c${i}`,
  rows: [
    [0.2 + (i % 3) * 0.1, 0.9],
    [0.6 + (i % 5) * 0.05, 0.1],
    [0.1, 0.5],
  ],
  relevant: [false, true, false],
}));

describe('pairwise ranking fit', () => {
  it('learns to put the relevant candidate first and weighs the misleading feature down', () => {
    expect(rankHits(cases, [0, 1])).toBe(0);
    const w = fitPairwise(cases, { l2: 0.001 });
    expect(rankHits(cases, w)).toBe(30);
    expect(w[0]).toBeGreaterThan(0);
    expect(w[1]).toBeLessThan(0);
  });

  it('counts ties for the earlier candidate and ignores questions without a relevant candidate', () => {
    const tie: RankingCase = { id: 't', rows: [[1], [1]], relevant: [false, true] };
    const none: RankingCase = { id: 'n', rows: [[1], [0]], relevant: [false, false] };
    expect(rankHits([tie, none], [1])).toBe(0);
    expect(rankHits([{ ...tie, relevant: [true, false] }], [1])).toBe(1);
    expect(fitPairwise([none], {}).every((x) => x === 0)).toBe(true);
  });
});
