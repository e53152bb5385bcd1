import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../src/config/config.js';

describe('loadConfig', () => {
  it('applies documented defaults with no environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: 'data', EMBEDDINGS: 'local', OPENAI_MODEL: 'gpt-4o-mini', EMBEDDING_DIMENSION: 1024 });
    expect(c.OPENAI_API_KEY).toBeUndefined();
  });

  it('coerces numbers and booleans and treats empty strings as unset', () => {
    const c = loadConfig({ PORT: '8080', TRUST_PROXY: 'true', OPENAI_API_KEY: '' });
    expect(c.PORT).toBe(8080);
    expect(c.TRUST_PROXY).toBe(true);
    expect(c.OPENAI_API_KEY).toBeUndefined();
  });

  it('names every invalid variable in Chinese', () => {
    expect(() => loadConfig({ PORT: 'abc', OPENAI_BASE_URL: 'not a url' })).toThrow(/配置无效.*PORT.*OPENAI_BASE_URL/);
  });

  it('redacts secrets when described', () => {
    const d = describeConfig(loadConfig({ OPENAI_API_KEY: 'sk-secret', STAFF_TOKEN: 'tok' }));
    expect(JSON.stringify(d)).not.toContain('sk-secret');
    expect(JSON.stringify(d)).not.toContain('tok"');
  });
});

describe('.env.example', () => {
  it('documents every setting of the config schema and nothing else', async () => {
    const { readFileSync } = await import('node:fs');
    const { ConfigSchema } = await import('../../src/config/config.js');
    const documented = readFileSync('.env.example', 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]);
    expect(new Set(documented)).toEqual(new Set(Object.keys(ConfigSchema.shape)));
  });

  it('holds defaults that parse to the same config as no environment', async () => {
    const { readFileSync } = await import('node:fs');
    const env = Object.fromEntries(
      readFileSync('.env.example', 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(loadConfig(env)).toEqual(loadConfig({}));
  });
});
