// The CLI as evaluators use it: segment any file to JSON, search the corpus.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { tempDataDir } from '../helpers/test-services.js';

const tsx = 'node_modules/.bin/tsx';

describe('npm run cli', () => {
  it('segment <file> --json prints units with ref, kind, number, section, title, text, units', () => {
    const out = execFileSync(tsx, ['src/cli/main.ts', 'segment', 'corpus/raw/wzzb-2024-11.txt', '--json'], { encoding: 'utf8' });
    const units = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(units.filter((u) => u.kind === 'clause')).toHaveLength(66);
    expect(units.filter((u) => u.kind === 'section')).toHaveLength(8);
    const c11 = units.find((u) => u.ref === '11')!;
    expect(Object.keys(c11)).toEqual(expect.arrayContaining(['ref', 'kind', 'number', 'section', 'title', 'text', 'units']));
    expect(c11).toMatchObject({ kind: 'clause', number: 11, section: 2, title: '推动企业加大研发投入' });
    expect((c11.units as string[])[0]).toBe('市科技局');
  });

  it('segment reports a clear error for a missing file', () => {
    expect(() => execFileSync(tsx, ['src/cli/main.ts', 'segment', 'no/such/file.txt'], { encoding: 'utf8', stdio: 'pipe' })).toThrow(/ENOENT|错误/);
  });

  it('search prints the top units with refs, labels and scores', () => {
    const out = execFileSync(tsx, ['src/cli/main.ts', 'search', '服务业企业首次小升规奖励多少', '--json'], {
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: tempDataDir() },
    });
    const r = JSON.parse(out);
    expect(r.hits[0]).toMatchObject({ ref: 'wzzb-2024-11:29', label: '第29条' });
    expect(typeof r.hits[0].score).toBe('number');
  });
});
