// Stored tokens as a term table, and BM25 built from term ids equal to BM25 built from strings.
import { describe, expect, it } from 'vitest';
import { decodeTermTable, encodeTermTable, termTableOf, tokensOf } from '../../src/indexing/term-table.js';
import { buildBm25, buildBm25FromTermIds, searchBm25 } from '../../src/indexing/bm25.js';
import { seededRandom } from '../../src/bench/synthetic-corpus.js';

const random = seededRandom(5);
const words = Array.from({ length: 60 }, (_, i) => `词${i}`);
const docs = Array.from({ length: 200 }, () => Array.from({ length: Math.floor(random() * 30) }, () => words[Math.floor(random() ** 2 * words.length)]!));

describe('term table', () => {
  it('round-trips tokens through its stored form', () => {
    const table = decodeTermTable(encodeTermTable(docs));
    expect(docs.map((_, i) => tokensOf(table, i))).toEqual(docs);
    expect(decodeTermTable(encodeTermTable([])).offsets).toEqual(Uint32Array.from([0]));
  });

  it('rejects damaged tables', () => {
    const good = JSON.parse(encodeTermTable(docs));
    expect(() => decodeTermTable('[]')).toThrow();
    expect(() => decodeTermTable(JSON.stringify({ ...good, vocab: good.vocab.slice(0, 3) }))).toThrow(/term id/);
    expect(() => decodeTermTable(JSON.stringify({ ...good, ids: good.ids.slice(0, 16) }))).toThrow(/offsets/);
  });

  it('builds the same BM25 index as from strings', () => {
    const a = buildBm25(docs);
    const b = buildBm25FromTermIds(termTableOf(docs));
    expect(b.docCount).toBe(a.docCount);
    expect(b.avgDocLength).toBe(a.avgDocLength);
    expect(b.docLengths).toEqual(a.docLengths);
    expect(new Map([...b.postings].map(([t, p]) => [t, { docs: [...p.docs], tfs: [...p.tfs], impacts: [...p.impacts] }]))).toEqual(
      new Map([...a.postings].map(([t, p]) => [t, { docs: [...p.docs], tfs: [...p.tfs], impacts: [...p.impacts] }])),
    );
    for (let q = 0; q < 20; q++) {
      const query = [words[q]!, words[q * 2]!, words[59 - q]!];
      expect(searchBm25(b, query, 10)).toEqual(searchBm25(a, query, 10));
    }
  });
});
