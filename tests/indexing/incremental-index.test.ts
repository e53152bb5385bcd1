// The segmented on-disk index: document changes become a delta segment plus tombstones, only the
// changed documents are tokenized and embedded, and the result searches like a full rebuild.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSearchIndex, loadSearchIndex, type SearchIndex } from '../../src/indexing/index-store.js';
import { localEmbedderProvider, type EmbedderProvider } from '../../src/indexing/embedder.js';
import { searchBm25 } from '../../src/indexing/bm25.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { loadTextTools } from '../../src/text/load-tokenizer.js';
import { createRetriever } from '../../src/bootstrap/search-services.js';
import { syntheticCorpus } from '../../src/bench/synthetic-corpus.js';
import type { Corpus, CorpusUnit } from '../../src/domain/types.js';
import type { Tokenizer } from '../../src/text/tokenizer.js';

const real = await loadCorpus(resolve('corpus'));
const text = loadTextTools(resolve('corpus'));
const dirs: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), 'zct-incr-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const currentDir = (dataDir: string) => join(dataDir, 'indexes', JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')).current);

/** Records every text it tokenizes and every fit/embed call; otherwise the real local embedder. */
function recording(dimension = 128) {
  const tokenized: string[] = [];
  const embedded: string[] = [];
  let fits = 0;
  const tokenizer: Tokenizer = {
    id: text.tokenizer.id,
    tokenize: (t) => {
      tokenized.push(t);
      return text.tokenizer.tokenize(t);
    },
  };
  const inner = localEmbedderProvider(tokenizer, dimension);
  const wrap = (e: Awaited<ReturnType<EmbedderProvider['fit']>>) => ({
    ...e,
    embedDocuments: (ts: string[]) => {
      embedded.push(...ts);
      return e.embedDocuments(ts);
    },
  });
  const provider: EmbedderProvider = {
    configId: inner.configId,
    fit: async (ts) => {
      fits++;
      return wrap(await inner.fit(ts));
    },
    restore: (state, dim) => wrap(inner.restore(state, dim)),
  };
  return {
    tokenizer,
    provider,
    calls: () => ({ tokenized: tokenized.length, embedded: [...embedded], fits }),
    reset: () => {
      tokenized.length = 0;
      embedded.length = 0;
      fits = 0;
    },
  };
}

const template = real.units.find((u) => u.kind === 'clause')!;
function document(docId: string, texts: string[]): CorpusUnit[] {
  return texts.map((t, i) => ({ ...template, docId, ref: String(i + 1), key: `${docId}:${i + 1}`, label: `第${i + 1}条`, number: i + 1, title: t.slice(0, 12), text: t, units: [] }));
}
const withUnits = (c: Corpus, units: CorpusUnit[], tag: string): Corpus => ({ ...c, units, hash: `${c.hash}+${tag}` });

const base = syntheticCorpus(real, 240, { unitsPerDoc: 30 });
const ocean = document('ocean', [
  '海洋牧场建设补助：对新建省级海洋牧场示范区的企业，每亩补助五千元。',
  '深远海养殖平台购置补贴：购置养殖工船的，按设备投资额的百分之二十给予补贴。',
  '渔港冷链物流奖励：新建渔港冷库容量达到一万吨的，一次性奖励二百万元。',
]);
const oceanV2 = document('ocean', [
  '低空经济无人机起降场建设补助：对新建无人机起降场的企业补助一百万元。',
  '航空器适航认证奖励：取得适航证的企业奖励五十万元。',
]);

const top1 = async (index: SearchIndex, corpus: Corpus, q: string) => (await createRetriever(corpus, text, index).retrieve(q, { k: 1 })).hits[0]?.unit.key;

describe('incremental index', () => {
  it('loads an unchanged corpus without tokenizing or embedding anything', async () => {
    const dataDir = fresh();
    const rec = recording();
    await ensureSearchIndex({ dataDir, corpus: base, tokenizer: rec.tokenizer, provider: rec.provider });
    rec.reset();
    const r = await ensureSearchIndex({ dataDir, corpus: base, tokenizer: rec.tokenizer, provider: rec.provider });
    expect(r).toMatchObject({ rebuilt: false, mode: 'loaded', changed: { added: [], replaced: [], removed: [] } });
    expect(rec.calls()).toEqual({ tokenized: 0, embedded: [], fits: 0 });
    expect(r.index.vectors.size).toBe(240);
  });

  it('republishes the corpus hash without touching segments when only metadata changed', async () => {
    const dataDir = fresh();
    const rec = recording();
    await ensureSearchIndex({ dataDir, corpus: base, tokenizer: rec.tokenizer, provider: rec.provider });
    rec.reset();
    const relabelled = { ...base, hash: 'metadata-only' };
    const r = await ensureSearchIndex({ dataDir, corpus: relabelled, tokenizer: rec.tokenizer, provider: rec.provider });
    expect(r).toMatchObject({ rebuilt: false, mode: 'loaded', index: { manifest: { corpusHash: 'metadata-only' } } });
    expect(rec.calls()).toEqual({ tokenized: 0, embedded: [], fits: 0 });
    expect(loadSearchIndex({ dataDir, corpus: relabelled, tokenizer: rec.tokenizer, provider: rec.provider }).ok).toBe(true);
  });

  it('adds a document by tokenizing and embedding only its units, and finds it', async () => {
    const dataDir = fresh();
    const rec = recording();
    await ensureSearchIndex({ dataDir, corpus: base, tokenizer: rec.tokenizer, provider: rec.provider });
    rec.reset();
    const corpus = withUnits(base, [...base.units.slice(0, 120), ...ocean, ...base.units.slice(120)], 'ocean');
    const logs: string[] = [];
    const r = await ensureSearchIndex({ dataDir, corpus, tokenizer: rec.tokenizer, provider: rec.provider, log: (m) => logs.push(m) });
    expect(r).toMatchObject({ rebuilt: false, mode: 'incremental', changed: { added: ['ocean'], replaced: [], removed: [] } });
    expect(logs).toEqual(['正在增量更新索引：新增 1 个、替换 0 个、撤下 0 个文件']);
    const calls = rec.calls();
    expect(calls.fits).toBe(0);
    expect(calls.embedded).toHaveLength(3);
    expect(calls.embedded.every((t) => ocean.some((u) => t.includes(u.text)))).toBe(true);
    expect(calls.tokenized).toBeLessThanOrEqual(2 * ocean.length); // its tokens, and the embedder's own pass
    expect(r.index.manifest.segments.map((s) => s.id)).toEqual(['base', 'delta-0001']);
    expect(await top1(r.index, corpus, '海洋牧场每亩补助多少')).toBe('ocean:1');
    expect(await top1(r.index, corpus, '渔港冷库奖励')).toBe('ocean:3');
    const v = r.index.vectors.search(await r.index.embedder.embedQuery('深远海养殖工船购置补贴'), 1)[0]!;
    expect(corpus.units[v.id]!.key).toBe('ocean:2');
    // Published: a fresh load serves the same index, and only the new version's folder remains.
    rec.reset();
    const loaded = loadSearchIndex({ dataDir, corpus, tokenizer: rec.tokenizer, provider: rec.provider });
    expect(loaded.ok).toBe(true);
    expect(rec.calls().tokenized).toBe(0);
    expect(await top1((loaded as { index: SearchIndex }).index, corpus, '海洋牧场每亩补助多少')).toBe('ocean:1');
    expect(readdirSync(join(dataDir, 'indexes'))).toHaveLength(1);
  });

  it('replaces a document: old text is gone, new text is found', async () => {
    const dataDir = fresh();
    const provider = localEmbedderProvider(text.tokenizer, 128);
    const v1 = withUnits(base, [...base.units, ...ocean], 'v1');
    await ensureSearchIndex({ dataDir, corpus: v1, tokenizer: text.tokenizer, provider });
    const v2 = withUnits(base, [...base.units, ...oceanV2], 'v2');
    const r = await ensureSearchIndex({ dataDir, corpus: v2, tokenizer: text.tokenizer, provider });
    expect(r).toMatchObject({ mode: 'incremental', changed: { added: [], replaced: ['ocean'], removed: [] } });
    const m = r.index.manifest;
    expect(m.segments[0]!.tombstones).toEqual(['ocean:1', 'ocean:2', 'ocean:3']);
    expect(m.unitCount).toBe(242);
    expect(r.index.bm25.postings.has('海洋牧场')).toBe(false);
    // The old text's words match only other documents now, never the replaced document's positions.
    const newWords = new Set(oceanV2.flatMap((u) => text.tokenizer.tokenize(u.text)));
    const oldOnly = ocean.flatMap((u) => text.tokenizer.tokenize(u.text)).filter((w) => !newWords.has(w));
    expect(oldOnly.length).toBeGreaterThan(10);
    const oldHits = searchBm25(r.index.bm25, oldOnly, 242);
    expect(oldHits.filter((h) => v2.units[h.doc]!.docId === 'ocean')).toEqual([]);
    expect(await top1(r.index, v2, '无人机起降场建设补助')).toBe('ocean:1');
    expect(await top1(r.index, v2, '适航证奖励多少')).toBe('ocean:2');
    const hits = r.index.vectors.search(await r.index.embedder.embedQuery(ocean[0]!.text), 242);
    expect(hits.map((h) => v2.units[h.id]!.text)).not.toContain(ocean[0]!.text);
  });

  it('withdraws a document: its units are never returned and ids stay valid positions', async () => {
    const dataDir = fresh();
    const provider = localEmbedderProvider(text.tokenizer, 128);
    const v1 = withUnits(base, [...ocean, ...base.units], 'v1');
    await ensureSearchIndex({ dataDir, corpus: v1, tokenizer: text.tokenizer, provider });
    const withdrawn = base.units.filter((u) => u.docId === 'syn-0003');
    const v2 = withUnits(base, v1.units.filter((u) => u.docId !== 'syn-0003'), 'v2');
    const r = await ensureSearchIndex({ dataDir, corpus: v2, tokenizer: text.tokenizer, provider });
    expect(r).toMatchObject({ mode: 'incremental', changed: { added: [], replaced: [], removed: ['syn-0003'] } });
    expect(r.index.manifest.segments).toHaveLength(1); // nothing to add: tombstones only
    expect(r.index.vectors.size).toBe(v2.units.length);
    expect(r.index.bm25.docCount).toBe(v2.units.length);
    const all = r.index.vectors.search(await r.index.embedder.embedQuery(withdrawn[0]!.text), 1000);
    expect(all).toHaveLength(v2.units.length);
    expect(new Set(all.map((h) => h.id)).size).toBe(v2.units.length);
    const keys = new Set(all.map((h) => v2.units[h.id]!.key));
    for (const u of withdrawn) expect(keys.has(u.key)).toBe(false);
    // Each returned id is the unit whose stored vector it is: the nearest to its own text is itself.
    for (const u of v2.units.slice(0, 12)) {
      const [hit] = r.index.vectors.search(await r.index.embedder.embedQuery(u.text), 1);
      expect(v2.units[hit!.id]!.text).toBe(u.text);
    }
  });

  it('rebuilds in full when compaction is due', async () => {
    const provider = localEmbedderProvider(text.tokenizer, 128);
    const dataDir = fresh();
    await ensureSearchIndex({ dataDir, corpus: base, tokenizer: text.tokenizer, provider });
    const minus = withUnits(base, base.units.filter((u) => u.docId !== 'syn-0001'), 'minus');
    const logs: string[] = [];
    const r = await ensureSearchIndex({ dataDir, corpus: minus, tokenizer: text.tokenizer, provider, compaction: { maxTombstoneRatio: 0.1 }, log: (m) => logs.push(m) });
    expect(r).toMatchObject({ rebuilt: true, mode: 'full', changed: { removed: ['syn-0001'] } });
    expect(logs[0]).toBe('正在重建索引：已删除单元占 13%，超过 10%，需要压缩');
    expect(r.index.manifest.segments.map((s) => [s.id, s.tombstones.length])).toEqual([['base', 0]]);

    const plus = withUnits(minus, [...minus.units, ...ocean], 'plus');
    const s = await ensureSearchIndex({ dataDir, corpus: plus, tokenizer: text.tokenizer, provider, compaction: { maxSegments: 1 } });
    expect(s).toMatchObject({ rebuilt: true, mode: 'full', reason: '索引段数 2 超过 1，需要压缩' });
  });

  it.each([
    ['a truncated delta vector file', 'delta-0001.hnsw'],
    ['a truncated delta token file', 'delta-0001.tokens.json'],
  ])('detects %s and rebuilds in full', async (_name, file) => {
    const provider = localEmbedderProvider(text.tokenizer, 128);
    const dataDir = fresh();
    await ensureSearchIndex({ dataDir, corpus: base, tokenizer: text.tokenizer, provider });
    const corpus = withUnits(base, [...base.units, ...ocean], 'ocean');
    await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    truncateSync(join(currentDir(dataDir), file), 10);
    expect(loadSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider })).toEqual({ ok: false, reason: `索引文件 ${file} 校验失败（可能损坏或未写完）` });
    const r = await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    expect(r).toMatchObject({ rebuilt: true, mode: 'full', reason: `索引文件 ${file} 校验失败（可能损坏或未写完）` });
    expect(r.index.manifest.segments).toHaveLength(1);
    expect(await top1(r.index, corpus, '海洋牧场每亩补助多少')).toBe('ocean:1');
  });

  it('searches like a full rebuild of the same corpus (BM25 exactly, fused top-1 within the frozen-embedder approximation)', async () => {
    const provider = localEmbedderProvider(text.tokenizer, 256);
    const start = withUnits(base, base.units.filter((u) => u.docId <= 'syn-0006'), 'start');
    const extra = syntheticCorpus(real, 60, { seed: 11, unitsPerDoc: 30 }).units.map((u) => ({ ...u, docId: `new-${u.docId}`, key: `new-${u.key}` }));
    const final = withUnits(
      base,
      [...start.units.filter((u) => u.docId !== 'syn-0002').map((u) => (u.docId === 'syn-0004' ? { ...u, text: `${u.text}修订后增加的条款内容。` } : u)), ...extra, ...ocean],
      'final',
    );
    const incDir = fresh();
    await ensureSearchIndex({ dataDir: incDir, corpus: start, tokenizer: text.tokenizer, provider });
    const inc = await ensureSearchIndex({ dataDir: incDir, corpus: final, tokenizer: text.tokenizer, provider });
    expect(inc).toMatchObject({ mode: 'incremental', changed: { added: ['new-syn-0001', 'new-syn-0002', 'ocean'], replaced: ['syn-0004'], removed: ['syn-0002'] } });
    const full = await ensureSearchIndex({ dataDir: fresh(), corpus: final, tokenizer: text.tokenizer, provider });
    const queries = [...final.units.filter((_, i) => i % 6 === 0).map((u) => u.title), '海洋牧场每亩补助多少', '研发费用补助', '小升规奖励', '人才引进安家补贴'];
    for (const q of queries) {
      const tokens = text.tokenizer.tokenize(q);
      expect(searchBm25(inc.index.bm25, tokens, 5)).toEqual(searchBm25(full.index.bm25, tokens, 5));
    }
    // Measured: 40/40 fused and 40/40 vector-only top-1 agree; the frozen idf may shift a few.
    for (const mode of ['hybrid', 'vector'] as const) {
      let same = 0;
      for (const q of queries) {
        const [a, b] = await Promise.all([inc, full].map(async (r) => (await createRetriever(final, text, r.index).retrieve(q, { k: 1, mode })).hits[0]?.unit.key));
        if (a === b) same++;
      }
      expect(same / queries.length, mode).toBeGreaterThanOrEqual(0.9);
    }
  });
});
