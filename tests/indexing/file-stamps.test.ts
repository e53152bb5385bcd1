// Verified-file stamps: large files are trusted while size, mtime, inode and a sampled prefix/suffix
// are unchanged since they were verified; any of those changing makes verify hash the file again,
// so truncation, in-place rewrites and replacements are still caught. And `load: false` publishes
// an update without loading the index.
import { describe, expect, it } from 'vitest';
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, renameSync, statSync, truncateSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSearchIndex, loadSearchIndex } from '../../src/indexing/index-store.js';
import { localEmbedderProvider } from '../../src/indexing/embedder.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { loadTextTools } from '../../src/text/load-tokenizer.js';
import { syntheticCorpus } from '../../src/bench/synthetic-corpus.js';
import type { Corpus } from '../../src/domain/types.js';

const real = await loadCorpus(resolve('corpus'));
const text = loadTextTools(resolve('corpus'));
const provider = localEmbedderProvider(text.tokenizer, 128);
const base = syntheticCorpus(real, 8, { unitsPerDoc: 30 });
const plusOne = (c: Corpus): Corpus => {
  const extra = syntheticCorpus(real, 1, { seed: 5, unitsPerDoc: 30 }).units.map((u) => ({ ...u, docId: `new-${u.docId}`, key: `new-${u.key}` }));
  return { ...c, units: [...c.units, ...extra], hash: `${c.hash}+new` };
};
const fresh = () => mkdtempSync(join(tmpdir(), 'zct-stamps-'));
const currentDir = (dataDir: string) => join(dataDir, 'indexes', JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')).current);
// Every file counts as large here, so stamps decide.
const trust = { trustStampsFrom: 0 };
const opts = (dataDir: string, corpus: Corpus) => ({ dataDir, corpus, tokenizer: text.tokenizer, provider, ...trust });

describe('file stamps', () => {
  it('trusts unchanged files on update and load, and hashes small files always by default', async () => {
    const dataDir = fresh();
    await ensureSearchIndex(opts(dataDir, base));
    const up = await ensureSearchIndex({ ...opts(dataDir, plusOne(base)), load: false });
    expect(up.mode).toBe('incremental');
    expect(up.verified.hashed).toEqual([]);
    expect(up.verified.trusted.sort()).toEqual(['embedder.json', 'tokens.json', 'vectors.hnsw']);
    const again = await ensureSearchIndex(opts(dataDir, plusOne(base)));
    expect(again.mode).toBe('loaded');
    expect(again.verified.hashed).toEqual([]);
    expect(again.verified.trusted).toHaveLength(5);
    // Default threshold: these small files are hashed in full.
    const dflt = await ensureSearchIndex({ dataDir, corpus: plusOne(base), tokenizer: text.tokenizer, provider });
    expect(dflt.verified).toEqual({ hashed: expect.arrayContaining(['vectors.hnsw', 'delta-0001.hnsw']), trusted: [] });
  });

  const damages: Array<[string, (path: string) => void]> = [
    ['truncation', (p) => truncateSync(p, 100)],
    ['a same-size in-place rewrite of the middle', (p) => {
      const size = statSync(p).size;
      const fd = openSync(p, 'r+');
      writeSync(fd, Buffer.alloc(64, 7), 0, 64, Math.floor(size / 2));
      closeSync(fd);
    }],
    ['a same-size rewrite of the header with the old mtime restored', (p) => {
      const st = statSync(p);
      const fd = openSync(p, 'r+');
      writeSync(fd, Buffer.alloc(16, 9), 0, 16, 0);
      closeSync(fd);
      utimesSync(p, st.atime, st.mtime);
    }],
    ['replacement by a damaged copy (new inode)', (p) => {
      const copy = `${p}.copy`;
      copyFileSync(p, copy);
      const fd = openSync(copy, 'r+');
      writeSync(fd, Buffer.alloc(8, 1), 0, 8, 200);
      closeSync(fd);
      renameSync(copy, p);
    }],
  ];
  it.each(damages)('still detects %s of a stamped file', async (_name, damage) => {
    const dataDir = fresh();
    await ensureSearchIndex(opts(dataDir, base));
    damage(join(currentDir(dataDir), 'vectors.hnsw'));
    expect(loadSearchIndex(opts(dataDir, base))).toEqual({ ok: false, reason: '索引文件 vectors.hnsw 校验失败（可能损坏或未写完）' });
    const r = await ensureSearchIndex({ ...opts(dataDir, plusOne(base)), load: false });
    expect(r).toMatchObject({ rebuilt: true, mode: 'full', reason: '索引文件 vectors.hnsw 校验失败（可能损坏或未写完）' });
    expect(loadSearchIndex(opts(dataDir, plusOne(base))).ok).toBe(true);
  });

  it('hashes a file whose stamp changed but content did not, then trusts it again', async () => {
    const dataDir = fresh();
    await ensureSearchIndex(opts(dataDir, base));
    const p = join(currentDir(dataDir), 'vectors.hnsw');
    utimesSync(p, new Date(), new Date(Date.now() + 5000));
    const a = await ensureSearchIndex(opts(dataDir, base));
    expect(a).toMatchObject({ mode: 'loaded', verified: { hashed: ['vectors.hnsw'] } });
    const b = await ensureSearchIndex(opts(dataDir, base));
    expect(b.verified.hashed).toEqual([]);
  });

  it('falls back to hashing when the stamps sidecar is garbage', async () => {
    const dataDir = fresh();
    await ensureSearchIndex(opts(dataDir, base));
    writeFileSync(join(currentDir(dataDir), 'stamps.json'), '{"version":1,"files":');
    const r = await ensureSearchIndex(opts(dataDir, base));
    expect(r.mode).toBe('loaded');
    expect(r.verified.hashed).toHaveLength(3);
  });

  it('load: false publishes the update without loading; the next load sees it', async () => {
    const dataDir = fresh();
    await ensureSearchIndex(opts(dataDir, base));
    const corpus = plusOne(base);
    const up = await ensureSearchIndex({ ...opts(dataDir, corpus), load: false });
    expect(up).toMatchObject({ mode: 'incremental', rebuilt: false, changed: { added: ['new-syn-0001'] }, timings: { loadMs: 0 } });
    expect('index' in up).toBe(false);
    expect(up.manifest.unitCount).toBe(corpus.units.length);
    const loaded = loadSearchIndex(opts(dataDir, corpus));
    expect(loaded.ok && loaded.index.manifest.builtAt).toBe(up.manifest.builtAt);
    const same = await ensureSearchIndex({ ...opts(dataDir, corpus), load: false });
    expect(same).toMatchObject({ mode: 'loaded', manifest: { builtAt: up.manifest.builtAt } });
  });
});
