// The real server as a child process: SIGTERM lets an in-flight request finish (its body still
// arriving), refuses new connections, closes SQLite cleanly (the WAL is merged away) and exits 0;
// a corrupt or half-written index is detected at start (or on SIGHUP reload), logged, rebuilt and
// never served.
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { spawnServer, type SpawnedServer } from '../fixtures/server/spawn-server.js';
import { sleep, tempDataDir } from '../server/helpers.js';

const servers: SpawnedServer[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dataDir(): string {
  const d = tempDataDir('zct-proc-');
  dirs.push(d);
  return d;
}

async function start(env: Record<string, string>) {
  const s = await spawnServer({ RATE_LIMIT_PER_MINUTE: '0', SESSIONS_PER_CLIENT_PER_HOUR: '0', ...env });
  servers.push(s);
  return s;
}

describe('SIGTERM', () => {
  it('finishes an in-flight request, refuses new connections, closes SQLite and exits 0', async () => {
    const dir = dataDir();
    const s = await start({ DATA_DIR: dir, REQUEST_TIMEOUT_MS: '15000', STAFF_TOKEN: 'lifecycle-token' });
    const chat = (await (await fetch(`${s.base}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: '研发费用补助最高多少？' }) })).json()) as {
      sessionId: string;
      turnId: string;
    };
    const body = Buffer.from(
      JSON.stringify({ sessionId: chat.sessionId, turnId: chat.turnId, rating: 'up', question: '研发费用补助最高多少？', answer: '最高300万元', citations: [] }),
    );
    // Send the headers and half the body, then signal the server while the request is in flight.
    const req = request({ host: '127.0.0.1', port: s.port, method: 'POST', path: '/api/feedback', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } });
    const response = new Promise<{ status: number; text: string; connection?: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, text, connection: res.headers.connection }));
      });
      req.on('error', reject);
    });
    req.write(body.subarray(0, 40));
    await sleep(300);
    process.kill(s.pid, 'SIGTERM');
    await sleep(400);
    await expect(fetch(`${s.base}/api/health`)).rejects.toThrow();
    req.end(body.subarray(40));
    const res = await response;
    expect(res.status).toBe(201);
    expect(res.connection).toBe('close');
    const { id } = JSON.parse(res.text) as { id: number };
    expect(await s.exited).toBe(0);
    expect(s.lines.join('\n')).toMatch(/已关闭：所有进行中的请求都已完成/);
    // A clean close checkpoints the WAL into app.db and removes it.
    expect(existsSync(join(dir, 'app.db-wal'))).toBe(false);
    const storage = openStorage({ file: join(dir, 'app.db') });
    expect(await storage.feedback.get(id)).toMatchObject({ rating: 'up' });
    expect(await storage.conversations.listTurns(chat.sessionId)).toHaveLength(2);
    storage.close();
  }, 60_000);
});

describe('corrupt index at start', () => {
  const corruptions: Array<[string, (dir: string) => void]> = [
    ['a truncated vectors.hnsw', (dir) => truncateSync(join(dir, 'vectors.hnsw'), 4096)],
    ['tokens.json overwritten with garbage', (dir) => writeFileSync(join(dir, 'tokens.json'), '[["研发", "费用"], ["半截')],
  ];

  it.each(corruptions)('%s is detected, logged, rebuilt and never served', async (_name, corrupt) => {
    const dir = dataDir();
    const current = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { current: string }).current;
    corrupt(join(dir, 'indexes', current));
    const s = await start({ DATA_DIR: dir });
    const log = s.lines.join('\n');
    expect(log).toMatch(/正在重建索引：索引文件 (vectors\.hnsw|tokens\.json) 校验失败（可能损坏或未写完）/);
    expect(log).toMatch(/索引已重建（索引文件 .+ 校验失败/);
    const health = (await (await fetch(`${s.base}/api/health`)).json()) as { status: string; index: { rebuiltAtStart: boolean; units: number } };
    expect(health).toMatchObject({ status: 'ok', index: { rebuiltAtStart: true } });
    expect(health.index.units).toBeGreaterThan(50);
    const chat = (await (await fetch(`${s.base}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: '研发费用补助最高多少？' }) })).json()) as {
      answer: string;
    };
    expect(chat.answer).toMatch(/300万元/);
    // The rebuilt index was published under a new id; the corrupt folder is gone.
    const now = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { current: string }).current;
    expect(now).not.toBe(current);
    expect(existsSync(join(dir, 'indexes', current))).toBe(false);
    process.kill(s.pid, 'SIGTERM');
    expect(await s.exited).toBe(0);
  }, 90_000);
});

describe('SIGHUP', () => {
  it('reloads corpus and index in place: a corrupted index is rebuilt and swapped in while serving', async () => {
    const dir = dataDir();
    const s = await start({ DATA_DIR: dir });
    expect(s.lines.join('\n')).toMatch(/未设置 STAFF_TOKEN：工作人员接口（\/api\/staff\/\*）只允许从服务器本机直接访问.*转发头的请求一律拒绝/);
    const before = ((await (await fetch(`${s.base}/api/health`)).json()) as { index: { builtAt: string } }).index.builtAt;
    const current = (JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { current: string }).current;
    truncateSync(join(dir, 'indexes', current, 'vectors.hnsw'), 2048);
    process.kill(s.pid, 'SIGHUP');
    const deadline = Date.now() + 30_000;
    while (!s.lines.some((l) => l.includes('已重新加载语料和索引')) && Date.now() < deadline) {
      expect((await fetch(`${s.base}/api/health`)).status).toBe(200); // serving throughout
      await sleep(100);
    }
    const log = s.lines.join('\n');
    expect(log).toMatch(/收到 SIGHUP：重新加载语料和索引/);
    expect(log).toMatch(/正在重建索引：索引文件 vectors\.hnsw 校验失败/);
    expect(log).toMatch(/已重新加载语料和索引。索引已重建/);
    const after = ((await (await fetch(`${s.base}/api/health`)).json()) as { index: { builtAt: string } }).index.builtAt;
    expect(after).not.toBe(before);
    process.kill(s.pid, 'SIGTERM');
    expect(await s.exited).toBe(0);
  }, 90_000);
});
