// The persisted index: built when missing, reused when fresh, rebuilt when stale or corrupt
// (checksums), published atomically through data/index.json.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSearchIndex, loadSearchIndex } from '../../src/indexing/index-store.js';
import { localEmbedderProvider } from '../../src/indexing/embedder.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { loadTextTools } from '../../src/text/load-tokenizer.js';

const corpus = await loadCorpus(resolve('corpus'));
const text = loadTextTools(resolve('corpus'));
const provider = localEmbedderProvider(text.tokenizer, 128);
const fresh = () => mkdtempSync(join(tmpdir(), 'zct-index-'));
const currentDir = (dataDir: string) => join(dataDir, 'indexes', JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')).current);

describe('index store', () => {
  it('builds when missing, then loads the same index without rebuilding', async () => {
    const dataDir = fresh();
    const logs: string[] = [];
    const first = await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider, log: (m) => logs.push(m) });
    expect(first.rebuilt).toBe(true);
    expect(logs[0]).toContain('索引不存在');
    const m = first.index.manifest;
    expect(m).toMatchObject({ corpusHash: corpus.hash, dimension: 128, unitCount: corpus.units.length });
    expect(m.embedderId).toMatch(/^local-hash-v2:d128/);
    const second = await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    expect(second.rebuilt).toBe(false);
    expect(second.index.manifest.builtAt).toBe(m.builtAt);
    expect(second.index.vectors.search(await second.index.embedder.embedQuery('小升规奖励'), 1)[0]!.id).toBe(
      first.index.vectors.search(await first.index.embedder.embedQuery('小升规奖励'), 1)[0]!.id,
    );
  });

  it.each([
    ['a truncated vector file', (dir: string) => truncateSync(join(dir, 'vectors.hnsw'), 100)],
    ['an edited token file', (dir: string) => writeFileSync(join(dir, 'tokens.json'), '[]')],
    ['a missing manifest', (dir: string) => writeFileSync(join(dir, 'manifest.json'), '{')],
  ])('detects %s and rebuilds instead of serving it', async (_name, damage) => {
    const dataDir = fresh();
    await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    damage(currentDir(dataDir));
    const loaded = loadSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    expect(loaded.ok).toBe(false);
    const logs: string[] = [];
    const r = await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider, log: (m) => logs.push(m) });
    expect(r.rebuilt).toBe(true);
    expect(logs[0]).toMatch(/正在重建索引：.*(校验失败|无法读取|不一致)/);
    expect(loadSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider }).ok).toBe(true);
  });

  it('treats a changed corpus or embedder as stale', async () => {
    const dataDir = fresh();
    await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    const changed = { ...corpus, hash: 'different' };
    expect(loadSearchIndex({ dataDir, corpus: changed, tokenizer: text.tokenizer, provider })).toEqual({ ok: false, reason: '语料已变化，索引过期' });
    const other = localEmbedderProvider(text.tokenizer, 64);
    const r = loadSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider: other });
    expect(r.ok).toBe(false);
  });

  it('keeps only the published build after a rebuild', async () => {
    const dataDir = fresh();
    await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider, force: true });
    expect(readdirSync(join(dataDir, 'indexes'))).toHaveLength(1);
    expect(existsSync(join(currentDir(dataDir), 'manifest.json'))).toBe(true);
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
