// The pruned BM25 search (MaxScore, document ranges applied inside scoring) returns exactly what
// accumulating every posting returns: same documents, same order, same scores to the last bit.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildBm25, docRangesOf, searchBm25, searchBm25Exhaustive, unionDocRanges, type DocRanges } from '../../src/indexing/bm25.js';

// Skewed vocabulary: a few terms in most documents (like 企业), many rare ones.
const VOCAB = ['企业', '补助', '研发', '人才', '用地', '贷款', '担保', '出口', '保险', '农业', '养老', '托育', '专利', '税'];
const term = fc.integer({ min: 0, max: 1000 }).map((x) => VOCAB[Math.min(VOCAB.length - 1, Math.floor((x / 1000) ** 2.5 * VOCAB.length))]!);
const corpus = fc.array(fc.array(term, { minLength: 0, maxLength: 15 }), { minLength: 0, maxLength: 250 });
const query = fc.array(fc.constantFrom(...VOCAB, '未知词'), { minLength: 0, maxLength: 8 });

/** Ranges from a seed: random runs of allowed documents. */
function rangesFor(n: number, picks: number[]): DocRanges {
  const ids: number[] = [];
  for (let i = 0; i + 1 < picks.length; i += 2) {
    const from = picks[i]! % (n + 1);
    for (let d = from; d < Math.min(n, from + (picks[i + 1]! % 120)); d++) ids.push(d);
  }
  return docRangesOf(ids);
}

describe('searchBm25 (pruned) against the exhaustive scan', () => {
  it('gives identical top k for random corpora, queries, weights and k', () => {
    fc.assert(
      fc.property(corpus, query, fc.integer({ min: 1, max: 30 }), fc.array(fc.boolean(), { minLength: VOCAB.length + 1, maxLength: VOCAB.length + 1 }), (docs, q, k, half) => {
        const index = buildBm25(docs);
        // Expansion terms weigh 0.5 in the retriever; some terms here do too.
        const weight = (t: string) => (half[VOCAB.indexOf(t) + 1] ? 0.5 : 1);
        expect(searchBm25(index, q, k, weight)).toEqual(searchBm25Exhaustive(index, q, k, weight));
      }),
      { numRuns: 300 },
    );
  });

  it('with document ranges, gives the exhaustive ranking restricted to them (k allowed hits when k match)', () => {
    fc.assert(
      fc.property(corpus, query, fc.integer({ min: 1, max: 30 }), fc.array(fc.nat(), { maxLength: 10 }), (docs, q, k, picks) => {
        const index = buildBm25(docs);
        const ranges = rangesFor(docs.length, picks);
        const inRanges = (d: number) => [...ranges.starts].some((s, i) => d >= s && d < ranges.ends[i]!);
        const pruned = searchBm25(index, q, k, undefined, ranges);
        expect(pruned).toEqual(searchBm25Exhaustive(index, q, k, undefined, ranges));
        // The same as ranking everything and keeping the allowed documents' first k.
        const all = searchBm25Exhaustive(index, q, docs.length + 1).filter((h) => inRanges(h.doc)).slice(0, k);
        expect(pruned).toEqual(all);
      }),
      { numRuns: 300 },
    );
  });

  it('breaks ties by document id, as the exhaustive scan does', () => {
    const docs = Array.from({ length: 40 }, (_, i) => (i % 2 ? ['企业', '补助'] : ['企业']));
    const index = buildBm25(docs);
    for (const k of [1, 3, 10, 25]) expect(searchBm25(index, ['补助', '企业'], k)).toEqual(searchBm25Exhaustive(index, ['补助', '企业'], k));
    expect(searchBm25(index, ['补助'], 3).map((h) => h.doc)).toEqual([1, 3, 5]);
  });

  it('returns nothing for k 0, empty ranges, unknown terms', () => {
    const index = buildBm25([['企业'], ['补助']]);
    expect(searchBm25(index, ['企业'], 0)).toEqual([]);
    expect(searchBm25(index, ['企业'], 5, undefined, docRangesOf([]))).toEqual([]);
    expect(searchBm25(index, ['未知词'], 5)).toEqual([]);
  });
});

describe('document ranges', () => {
  it('merge adjacent and duplicate ids, and union overlapping lists', () => {
    const r = docRangesOf([5, 3, 4, 9, 9, 10, 0]);
    expect([...r.starts]).toEqual([0, 3, 9]);
    expect([...r.ends]).toEqual([1, 6, 11]);
    const u = unionDocRanges([r, docRangesOf([1, 2, 11, 20])]);
    expect([...u.starts]).toEqual([0, 9, 20]);
    expect([...u.ends]).toEqual([6, 12, 21]);
  });
});
