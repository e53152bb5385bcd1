import { describe, expect, it } from 'vitest';
import { hitAt1, mean, percentile, recallAtK, reciprocalRank, summarizeRanking } from '../../src/eval/retrieval-metrics.js';

describe('retrieval metrics', () => {
  it('hit@1, recall@k and reciprocal rank on a hand example', () => {
    const retrieved = ['19', '11', '46', '17', '65', '16'];
    expect(hitAt1(retrieved, ['11'])).toBe(0);
    expect(hitAt1(retrieved, ['19', '11'])).toBe(1);
    expect(recallAtK(retrieved, ['11', '16'], 5)).toBe(0.5);
    expect(recallAtK(retrieved, ['11', '16'], 6)).toBe(1);
    expect(reciprocalRank(retrieved, ['46', '11'])).toBe(0.5);
  });

  it('degenerate inputs', () => {
    expect(hitAt1([], ['11'])).toBe(0);
    expect(reciprocalRank([], ['11'])).toBe(0);
    expect(recallAtK(['11'], [], 5)).toBe(1);
    expect(mean([])).toBe(0);
    expect(percentile([], 95)).toBe(0);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(summarizeRanking([{ retrieved: ['1'], gold: [] }])).toEqual({ hitAt1: 0, recallAt5: 0, mrr: 0, cases: 0 });
  });
});
