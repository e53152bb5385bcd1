// A document's life through the CLI while a server is running: ingest (added, then unchanged on
// the same bytes), answered over POST /api/chat with citations "<docId>:<ref>" without a restart,
// replaced by a changed file (the old text is no longer answered), withdrawn (kept on disk,
// never cited again). Runs the real CLI and server as child processes on temporary folders.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, spawnServer, type SpawnedServer } from '../fixtures/server/spawn-server.js';

const run = promisify(execFile);
const FIXTURES = join(ROOT, 'tests/fixtures/ingest');
let corpusDir: string;
let dataDir: string;
let server: SpawnedServer;
// The server must log at info: spawnServer waits for its start-up line.
const env = () => ({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'info', INDEX_POLL_MS: '200', RATE_LIMIT_PER_MINUTE: '0', SESSIONS_PER_CLIENT_PER_HOUR: '0', DEFAULT_REGION: '丽水市' });

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env() } });
}

async function ask(message: string): Promise<{ answer: string; citations: Array<{ ref: string; quote: string }>; abstained: boolean }> {
  const res = await fetch(`${server.base}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message }) });
  expect(res.status).toBe(200);
  return (await res.json()) as never;
}

/** Asks until the answer satisfies `ok` (the server reloads within a poll interval or two). */
async function eventually(message: string, ok: (r: Awaited<ReturnType<typeof ask>>) => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  for (;;) {
    const r = await ask(message);
    if (ok(r) || Date.now() > until) return r;
    await new Promise((res) => setTimeout(res, 200));
  }
}

const QUESTION = '青田县新建连栋钢架大棚每亩补助多少';
const cites = (r: { citations: Array<{ ref: string }> }, docId: string) => r.citations.some((c) => c.ref.startsWith(`${docId}:`));

beforeAll(async () => {
  corpusDir = mkdtempSync(join(tmpdir(), 'zct-corpus-'));
  dataDir = mkdtempSync(join(tmpdir(), 'zct-data-'));
  cpSync(join(ROOT, 'corpus'), corpusDir, { recursive: true });
  await cli('ingest', '--if-stale');
  server = await spawnServer(env());
}, 120_000);

afterAll(() => {
  server?.kill();
  rmSync(corpusDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('ingest, replace and withdraw through the CLI while serving', () => {
  it('adds a document, keeps the original byte-identical, and the running server answers from it', async () => {
    const { stdout } = await cli('ingest', join(FIXTURES, 'county-greenhouse-v1.txt'), '--id', 'qt-greenhouse');
    expect(stdout).toMatch(/已添加 qt-greenhouse：青田县支持设施农业大棚建设若干措施（青政办发〔2025〕8号），\d+ 个单元/);
    expect(readFileSync(join(corpusDir, 'raw/qt-greenhouse.txt'))).toEqual(readFileSync(join(FIXTURES, 'county-greenhouse-v1.txt')));
    const meta = JSON.parse(readFileSync(join(corpusDir, 'meta/qt-greenhouse.meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ docNumber: '青政办发〔2025〕8号', issueDate: '2025-03-18', effectiveFrom: '2025-04-01', effectiveTo: '2027-12-31', reviewed: false });
    const r = await eventually(QUESTION, (x) => cites(x, 'qt-greenhouse'));
    expect(r.citations.map((c) => c.ref)).toContain('qt-greenhouse:2');
    expect(r.answer).toMatch(/3000元/);
  }, 90_000);

  it('the same file again changes nothing', async () => {
    const pointer = readFileSync(join(dataDir, 'index.json'), 'utf8');
    const { stdout } = await cli('ingest', join(FIXTURES, 'county-greenhouse-v1.txt'), '--id', 'qt-greenhouse');
    expect(stdout).toMatch(/未变化 qt-greenhouse/);
    expect(stdout).toMatch(/索引已是最新/);
    expect(readFileSync(join(dataDir, 'index.json'), 'utf8')).toBe(pointer);
  }, 60_000);

  it('a changed file replaces the document: the new figures are answered, the old ones are gone', async () => {
    const { stdout } = await cli('ingest', join(FIXTURES, 'county-greenhouse-v2.txt'), '--id', 'qt-greenhouse');
    expect(stdout).toMatch(/已替换 qt-greenhouse/);
    const r = await eventually(QUESTION, (x) => /4000元/.test(x.answer));
    expect(r.answer).toMatch(/4000元/);
    expect(r.answer).not.toMatch(/3000元/);
  }, 90_000);

  it('withdraw keeps the files on disk and the document is no longer cited', async () => {
    const { stdout } = await cli('withdraw', 'qt-greenhouse');
    expect(stdout).toMatch(/已撤回 qt-greenhouse/);
    expect(existsSync(join(corpusDir, 'raw/qt-greenhouse.txt'))).toBe(true);
    expect((JSON.parse(readFileSync(join(corpusDir, 'meta/qt-greenhouse.meta.json'), 'utf8')) as { withdrawnAt: string }).withdrawnAt).toMatch(/^\d{4}-/);
    const r = await eventually(QUESTION, (x) => !cites(x, 'qt-greenhouse'));
    expect(cites(r, 'qt-greenhouse')).toBe(false);
  }, 90_000);

  it('meta prints the extracted record with dates as YYYY-MM-DD and inForce as of the given day', async () => {
    const { stdout } = await cli('meta', join(FIXTURES, 'county-greenhouse-v1.txt'), '--json', '--as-of', '2026-06-01');
    const m = JSON.parse(stdout) as Record<string, unknown>;
    expect(m).toMatchObject({ docNumber: '青政办发〔2025〕8号', issueDate: '2025-03-18', effectiveFrom: '2025-04-01', effectiveTo: '2027-12-31', inForce: true, status: 'in_force', level: 'district-county' });
    expect((m.region as { code: string }).code).toBe('331121');
  }, 60_000);
});
