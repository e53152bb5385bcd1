// Local embeddings honour LangChain's Embeddings contract: deterministic, L2-normalised,
// same vector for embedQuery and embedDocuments, similar texts closer than unrelated ones.
import { describe, expect, it } from 'vitest';
import { Embeddings } from '@langchain/core/embeddings';
import { LocalHashEmbeddings } from '../../src/indexing/local-embeddings.js';
import { createJiebaTokenizer } from '../../src/text/jieba-tokenizer.js';
import { extractFeatures, fnv1a, hashToVector } from '../../src/indexing/hashed-features.js';

const tokenizer = createJiebaTokenizer({ userDict: [{ word: '小升规' }] });
const texts = [
  '对首次小升规服务业企业给予5万元奖励',
  '对研发费用200万元以上的规上企业按存量3%和增量8%给予补助',
  '国际标准集装箱运输车辆通行费六五折优惠',
];
const e = LocalHashEmbeddings.fit({ tokenizer, texts, dimension: 256 });
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('LocalHashEmbeddings', () => {
  it('fits and embeds the same from tokens passed in as from its own tokenising (the index build passes them)', async () => {
    const tokens = texts.map((t) => tokenizer.tokenize(t));
    const given = LocalHashEmbeddings.fit({ tokenizer, texts, dimension: 256, tokens });
    expect(given.exportState()).toEqual(e.exportState());
    texts.forEach((t, i) => expect(Array.from(given.embedSync(t, tokens[i]))).toEqual(Array.from(e.embedSync(t))));
  });

  it('is a LangChain Embeddings with a stable id recording its dimension', () => {
    expect(e).toBeInstanceOf(Embeddings);
    expect(e.id).toMatch(/^local-hash-v2:d256:/);
    expect(LocalHashEmbeddings.fit({ tokenizer, texts, dimension: 256 }).id).toBe(e.id);
  });

  it('returns unit-length vectors, identical for query and document paths', async () => {
    const [d] = await e.embedDocuments([texts[0]!]);
    const q = await e.embedQuery(texts[0]!);
    expect(d).toHaveLength(256);
    expect(Math.hypot(...q)).toBeCloseTo(1, 5);
    expect(d).toEqual(q);
  });

  it('puts a paraphrase closer to its clause than to an unrelated one', async () => {
    const [a, b, c] = await e.embedDocuments(texts);
    const q = await e.embedQuery('小升规的服务业企业奖励多少');
    expect(dot(q, a!)).toBeGreaterThan(dot(q, b!));
    expect(dot(q, a!)).toBeGreaterThan(dot(q, c!));
  });

  it('maps empty text to the zero vector and restores from exported state', async () => {
    expect((await e.embedQuery('')).every((x) => x === 0)).toBe(true);
    const restored = new LocalHashEmbeddings({ tokenizer, state: e.exportState() });
    expect(await restored.embedQuery(texts[1]!)).toEqual(await e.embedQuery(texts[1]!));
  });
});

describe('hashed features', () => {
  it('hashes deterministically and counts words and n-grams', () => {
    expect(fnv1a('abc')).toBe(fnv1a('abc'));
    expect(fnv1a('abc')).not.toBe(fnv1a('abd'));
    const f = extractFeatures(['研发'], '研发研发');
    expect(f.get('w:研发')).toBe(1);
    expect(f.get('b:研发')).toBe(2);
    expect(f.get('t:研发研')).toBe(1);
    const v = hashToVector(f, 16, () => 1);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });
});
