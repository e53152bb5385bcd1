// EMBEDDINGS=openai: OpenAIEmbeddings (float encoding) against the local double; the embedder's
// id and dimension are recorded in the manifest and a change of embedder rebuilds the index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startOpenAIDouble, type OpenAIDouble } from '../fakes/openai-double.js';
import { loadConfig } from '../../src/config/config.js';
import { loadSearchServices } from '../../src/bootstrap/search-services.js';

let double: OpenAIDouble;
beforeAll(async () => {
  double = await startOpenAIDouble();
});
afterAll(() => double.close());

describe('OpenAI-compatible embeddings', () => {
  it('builds the vector index through /v1/embeddings with float encoding', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zct-oai-'));
    const config = loadConfig({
      DATA_DIR: dataDir,
      CORPUS_DIR: resolve('corpus'),
      EMBEDDINGS: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: double.url,
      OPENAI_EMBEDDING_MODEL: 'double-embed',
    });
    const s = await loadSearchServices(config);
    expect(s.rebuilt).toBe(true);
    expect(s.index.manifest.embedderId).toBe('openai:double-embed');
    expect(s.index.manifest.dimension).toBe(8);
    const calls = double.calls.filter((c) => c.path.endsWith('/embeddings'));
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.every((c) => c.body.encoding_format === 'float')).toBe(true);
    const r = await s.retriever.retrieve('小升规奖励', { k: 3 });
    expect(r.hits).toHaveLength(3);
    // Reloading with the same embedder reuses the stored index.
    expect((await loadSearchServices(config)).rebuilt).toBe(false);
    // Switching back to local embeddings rebuilds it.
    const local = await loadSearchServices({ ...config, EMBEDDINGS: 'local' });
    expect(local.rebuilt).toBe(true);
    expect(local.rebuildReason).toContain('向量模型已变化');
  });
});
