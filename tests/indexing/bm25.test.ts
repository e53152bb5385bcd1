import { describe, expect, it } from 'vitest';
import { bm25TermScore, buildBm25, searchBm25, topK } from '../../src/indexing/bm25.js';

describe('bm25TermScore', () => {
  it('matches a hand-computed value', () => {
    // idf = ln(1 + (10 - 2 + 0.5) / (2 + 0.5)) = ln(4.4); tf part = 2*2.2 / (2 + 1.2*(0.25 + 0.75*1))
    const expected = Math.log(4.4) * ((2 * 2.2) / (2 + 1.2));
    expect(bm25TermScore(2, 2, 10, 5, 5)).toBeCloseTo(expected, 10);
  });
  it('rewards rarer terms and penalises longer documents', () => {
    expect(bm25TermScore(1, 1, 100, 10, 10)).toBeGreaterThan(bm25TermScore(1, 50, 100, 10, 10));
    expect(bm25TermScore(1, 5, 100, 5, 10)).toBeGreaterThan(bm25TermScore(1, 5, 100, 50, 10));
  });
});

describe('searchBm25', () => {
  const docs = [['研发费用', '补助'], ['用地', '保障'], ['研发费用', '研发费用', '加计扣除'], []];
  const index = buildBm25(docs);

  it('ranks documents containing the query terms', () => {
    const hits = searchBm25(index, ['研发费用'], 10);
    expect(hits.map((h) => h.doc).sort()).toEqual([0, 2]);
    expect(searchBm25(index, ['用地'], 10)[0]!.doc).toBe(1);
  });
  it('returns nothing for unknown terms and for an empty query', () => {
    expect(searchBm25(index, ['杭州'], 10)).toEqual([]);
    expect(searchBm25(index, [], 10)).toEqual([]);
  });
  it('counts repeated query terms once', () => {
    expect(searchBm25(index, ['补助', '补助'], 5)[0]!.score).toBeCloseTo(searchBm25(index, ['补助'], 5)[0]!.score);
  });
  it('handles an empty corpus', () => {
    expect(searchBm25(buildBm25([]), ['x'], 3)).toEqual([]);
  });
});

describe('topK', () => {
  it('keeps the k best in descending order, ties by id', () => {
    const scores = new Map([[1, 0.5], [2, 0.9], [3, 0.1], [4, 0.9], [5, 0.7]]);
    expect(topK(scores, 3).map((h) => h.doc)).toEqual([2, 4, 5]);
    expect(topK(scores, 10)).toHaveLength(5);
    expect(topK(new Map(), 3)).toEqual([]);
  });
});

describe('searchBm25 against a naive full scan (property)', () => {
  it('returns the same top documents and scores', async () => {
    const fc = await import('fast-check');
    const term = fc.constantFrom('甲', '乙', '丙', '丁', '戊', '己');
    fc.assert(
      fc.property(fc.array(fc.array(term, { maxLength: 12 }), { maxLength: 40 }), fc.array(term, { maxLength: 5 }), fc.integer({ min: 1, max: 10 }), (docs, query, k) => {
        const index = buildBm25(docs);
        const fast = searchBm25(index, query, k);
        const naive = docs
          .map((tokens, doc) => {
            let score = 0;
            for (const t of new Set(query)) {
              const tf = tokens.filter((x) => x === t).length;
              if (tf === 0) continue;
              const df = docs.filter((d) => d.includes(t)).length;
              score += bm25TermScore(tf, df, docs.length, tokens.length, index.avgDocLength);
            }
            return { doc, score };
          })
          .filter((d) => d.score > 0)
          // Scores equal up to float summation order (0.953… either way) tie, and ties go to the lower doc.
          .sort((a, b) => (Math.abs(b.score - a.score) > 1e-9 ? b.score - a.score : a.doc - b.doc))
          .slice(0, k);
        expect(fast.map((d) => d.doc)).toEqual(naive.map((d) => d.doc));
        fast.forEach((d, i) => expect(d.score).toBeCloseTo(naive[i]!.score, 4));
      }),
      { numRuns: 200 },
    );
  });
});
