// Three real server processes on one PostgreSQL behind a real nginx (round robin, a refused
// connection retried on the next replica), each with its own DATA_DIR and a shared corpus:
// a conversation continues across replicas; feedback written through one is exported through
// another; one rate-limit budget holds across all; a document ingested through one replica's
// CLI is served by all within seconds; kill -9 of one replica during a burst of chat turns and
// feedback loses no acknowledged write and the balancer keeps serving.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT, spawnServer, type SpawnedServer } from '../fixtures/server/spawn-server.js';
import { tempDataDir } from '../server/helpers.js';
import { createTestDatabase, describeWithPostgres, postgresForTests, type PgAvailability } from '../storage/pg-test-server.js';
import { NGINX, startNginx, type Balancer } from '../../src/bench/nginx-balancer.js';

const TOKEN = 'replica-staff-token';
const RATE = 40;
const run = promisify(execFile);

const pgServer = await postgresForTests();
const available: PgAvailability = !pgServer.ok ? pgServer : NGINX ? pgServer : { ok: false, reason: '未安装 nginx（apt-get install -y nginx）' };

interface Reply {
  status: number;
  body: Record<string, unknown> & { [k: string]: never };
  text: string;
}

/** One HTTP request from a chosen loopback source address (the balancer forwards it as the client). */
function call(base: string, method: string, path: string, body?: unknown, { from = '127.0.0.1', headers = {} as Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(path, base);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: url.pathname + url.search,
        localAddress: from,
        agent: false,
        headers: { ...(payload ? { 'Content-Type': 'application/json', 'Content-Length': payload.length } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: unknown = {};
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON (e.g. an nginx error page, JSONL export)
          }
          resolve({ status: res.statusCode!, body: parsed as Reply['body'], text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}

describeWithPostgres('replicas on one PostgreSQL behind nginx', available, (serverUrl) => {
  let db: { url: string; drop(): Promise<void> };
  let corpusDir: string;
  const dataDirs: string[] = [];
  const replicas: SpawnedServer[] = [];
  let lb: Balancer;
  let sql: pg.Client;

  const env = (dataDir: string) => ({
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    CORPUS_DIR: corpusDir,
    LOG_LEVEL: 'info',
    INDEX_POLL_MS: '200',
    RATE_LIMIT_PER_MINUTE: String(RATE),
    SESSIONS_PER_CLIENT_PER_HOUR: '0',
    STAFF_TOKEN: TOKEN,
    TRUST_PROXY: 'true',
    DATABASE_POOL_SIZE: '4',
  });

  beforeAll(async () => {
    db = await createTestDatabase(serverUrl, 'zct_replicas');
    corpusDir = mkdtempSync(join(tmpdir(), 'zct-shared-corpus-'));
    cpSync(join(ROOT, 'corpus'), corpusDir, { recursive: true });
    for (let i = 0; i < 3; i++) dataDirs.push(tempDataDir(`zct-replica-${i}-`));
    // The first replica publishes its index; the others start from the published one.
    replicas.push(await spawnServer(env(dataDirs[0]!), { timeoutMs: 120_000 }));
    replicas.push(...(await Promise.all([1, 2].map((i) => spawnServer(env(dataDirs[i]!), { timeoutMs: 120_000 })))));
    lb = await startNginx(replicas.map((r) => r.port));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  }, 240_000);

  afterAll(async () => {
    await lb?.stop();
    for (const r of replicas) r.kill();
    await sql?.end().catch(() => {});
    await Promise.all(replicas.map((r) => r.exited));
    await db?.drop().catch(() => {});
    for (const d of [...dataDirs, corpusDir]) if (d) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('every replica reports the database, the same index version, and readiness', async () => {
    const health = await Promise.all(replicas.map((r) => call(r.base, 'GET', '/api/health')));
    for (const h of health) {
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({ status: 'ok', ready: true, database: expect.stringMatching(/^postgres 127\.0\.0\.1:\d+\/zct_replicas/) });
    }
    const versions = health.map((h) => (h.body.index as unknown as { version?: string }).version);
    expect(versions[0]).toBeTruthy();
    expect(new Set(versions).size).toBe(1);
    // Only the first replica may have built an index; the others start from the published one.
    for (const r of replicas.slice(1)) expect(r.lines.join('\n')).not.toMatch(/正在(重建|增量更新)索引/);
  }, 30_000);

  it('continues one conversation across all three replicas and through the balancer', async () => {
    const from = '127.0.0.11';
    const first = await call(replicas[0]!.base, 'POST', '/api/chat', { message: '研发费用补助最高多少？' }, { from });
    expect(first.status).toBe(200);
    const sessionId = first.body.sessionId as unknown as string;
    const second = await call(replicas[1]!.base, 'POST', '/api/chat', { message: '那这个要去哪个部门办理？', sessionId }, { from });
    expect(second.status).toBe(200);
    expect(second.body.sessionId).toBe(sessionId);
    expect(String(second.body.resolvedQuestion)).toMatch(/研发/);
    const third = await call(replicas[2]!.base, 'POST', '/api/chat', { message: '上限是多少？', sessionId }, { from });
    expect(third.status).toBe(200);
    for (let i = 0; i < 3; i++) {
      const r = await call(lb.base, 'POST', '/api/chat', { message: `还有别的要求吗？${i}`, sessionId }, { from });
      expect(r.status).toBe(200);
    }
    const turns = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM turns WHERE session_id = $1', [sessionId]);
    expect(turns.rows[0]!.n).toBe(12);
  }, 60_000);

  it('exports through one replica the feedback written through another', async () => {
    const from = '127.0.0.12';
    const chat = await call(replicas[0]!.base, 'POST', '/api/chat', { message: '小升规奖励多少？' }, { from });
    const fb = await call(replicas[1]!.base, 'POST', '/api/feedback', { sessionId: chat.body.sessionId, turnId: chat.body.turnId, rating: 'up', comment: '跨副本' }, { from });
    expect(fb.status).toBe(201);
    const exported = await call(replicas[2]!.base, 'GET', '/api/staff/feedback/export', undefined, { from, headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(exported.status).toBe(200);
    expect(exported.text).toContain(`"fb-${fb.body.id}"`);
    expect(exported.text).toContain('小升规奖励多少？');
    const viaLb = await call(lb.base, 'GET', '/api/staff/feedback', undefined, { from, headers: { Authorization: `Bearer ${TOKEN}` } });
    expect((viaLb.body.items as unknown as Array<{ comment?: string }>).some((i) => i.comment === '跨副本')).toBe(true);
  }, 60_000);

  it('lists, reads and updates through one replica an applicant saved through another', async () => {
    const from = '127.0.0.14';
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const visit = (name: string, status: 'eligible' | 'possible') => ({
      applicant: { name, creditCode: '91350100M000100Y43' },
      contact: '张三',
      counter: '3号窗口',
      region: '鹿城区',
      asOf: '2026-12-01',
      snapshot: { measures: [{ ref: 'wzzb-2024-11:11', label: '第11条', title: '推动企业加大研发投入', status }], profile: { revenue: 80_000_000 }, documents: [], notices: [] },
    });
    const saved = await call(replicas[0]!.base, 'POST', '/api/staff/applicants/checklists', visit('温州市鹿城智云软件有限公司', 'possible'), { from, headers });
    expect(saved.status).toBe(201);
    const id = (saved.body.applicant as unknown as { id: string }).id;
    const listed = await call(replicas[1]!.base, 'GET', `/api/staff/applicants?q=${encodeURIComponent('智云')}`, undefined, { from, headers });
    expect(listed.status).toBe(200);
    expect((listed.body.items as unknown as Array<{ id: string; visits: number }>).map((i) => [i.id, i.visits])).toEqual([[id, 1]]);
    // A second visit through replica 2 updates the same company and compares with replica 0's visit.
    const second = await call(replicas[2]!.base, 'POST', '/api/staff/applicants/checklists', visit('温州市鹿城智云软件有限公司（更名）', 'eligible'), { from, headers });
    expect(second.status).toBe(201);
    expect((second.body.applicant as unknown as { id: string }).id).toBe(id);
    expect((second.body.previous as unknown as { id: string }).id).toBe((saved.body.checklist as unknown as { id: string }).id);
    const read = await call(replicas[1]!.base, 'GET', `/api/staff/applicants/${id}`, undefined, { from, headers });
    expect(read.status).toBe(200);
    expect(read.body.applicant).toMatchObject({ name: '温州市鹿城智云软件有限公司（更名）', visits: 2 });
    expect((read.body.checklists as unknown as unknown[]).length).toBe(2);
    // A share link made on one replica opens on another.
    const share = await call(replicas[1]!.base, 'POST', `/api/staff/checklists/${(second.body.checklist as unknown as { id: string }).id}/share`, {}, { from, headers });
    expect(share.status).toBe(201);
    const opened = await call(replicas[0]!.base, 'GET', `/api/share/${share.body.token as unknown as string}`, undefined, { from });
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('推动企业加大研发投入');
  }, 60_000);

  it('holds one rate-limit budget across all replicas', async () => {
    const from = '127.0.0.13';
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 15; i++) statuses.push((await call(lb.base, 'GET', '/api/documents', undefined, { from })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(RATE);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // Straight to any replica, the same client is still over its budget.
    for (const r of replicas) {
      const direct = await call(r.base, 'GET', '/api/documents', undefined, { from: '127.0.0.1', headers: {} });
      expect(direct.status).toBe(200); // another client (the loopback address itself) is not
    }
    const again = await call(lb.base, 'GET', '/api/documents', undefined, { from });
    expect(again.status).toBe(429);
  }, 60_000);

  it('serves a document ingested through one replica from every replica within seconds', async () => {
    const cliEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CORPUS_DIR: corpusDir, DATA_DIR: dataDirs[0]!, LOG_LEVEL: 'silent' };
    const started = Date.now();
    await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'ingest', join(ROOT, 'tests/fixtures/ingest/county-greenhouse-v1.txt'), '--id', 'qt-greenhouse'], { cwd: ROOT, env: cliEnv });
    const ingested = Date.now();
    const question = '青田县新建连栋钢架大棚每亩补助多少';
    const cites = (r: Reply) => (r.body.citations as unknown as Array<{ ref: string }> | undefined)?.some((c) => c.ref.startsWith('qt-greenhouse:')) ?? false;
    // Seconds on an idle machine (see the printed time); generous bounds for a loaded CI runner.
    const until = Date.now() + 45_000;
    let served: boolean[] = [];
    for (let round = 1; Date.now() < until; round++) {
      // A fresh client address per round: polling must not run into the rate limit.
      served = await Promise.all(replicas.map(async (r, i) => cites(await call(r.base, 'POST', '/api/chat', { message: question }, { from: `127.0.${10 + i}.${round % 250}` }))));
      if (served.every(Boolean)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(served).toEqual([true, true, true]);
    const seconds = (Date.now() - ingested) / 1000;
    expect(seconds).toBeLessThan(30);
    // Every replica names the same version, and only the ingesting replica built it.
    const versions = await Promise.all(replicas.map(async (r) => ((await call(r.base, 'GET', '/api/health')).body.index as unknown as { version: string }).version));
    expect(new Set(versions).size).toBe(1);
    expect(replicas[1]!.lines.join('\n')).not.toMatch(/正在(重建|增量更新)索引/);
    for (let i = 0; i < 6; i++) expect(cites(await call(lb.base, 'POST', '/api/chat', { message: question }, { from: '127.0.0.24' }))).toBe(true);
    console.info(`ingest → served by all 3 replicas: ${seconds.toFixed(1)} s after the CLI finished (${((ingested - started) / 1000).toFixed(1)} s CLI)`);
  }, 150_000);

  it('loses no acknowledged write when a replica is killed with SIGKILL mid-burst, and keeps serving', async () => {
    const ackedTurns: Array<{ sessionId: string; turnId: string }> = [];
    const ackedFeedback: number[] = [];
    const failures: number[] = [];
    let n = 0;
    const TOTAL = 90;
    const victim = replicas[1]!;
    const worker = async (w: number) => {
      while (n < TOTAL) {
        const i = n++;
        const from = `127.0.1.${(i % 30) + 1}`;
        try {
          const chat = await call(lb.base, 'POST', '/api/chat', { message: i % 2 ? '研发费用补助怎么申请？' : '技术改造项目有什么补助？' }, { from });
          if (chat.status !== 200) {
            failures.push(chat.status);
            continue;
          }
          ackedTurns.push({ sessionId: chat.body.sessionId as unknown as string, turnId: chat.body.turnId as unknown as string });
          const fb = await call(lb.base, 'POST', '/api/feedback', { sessionId: chat.body.sessionId, turnId: chat.body.turnId, rating: w % 2 ? 'up' : 'down' }, { from });
          if (fb.status === 201) ackedFeedback.push(fb.body.id as unknown as number);
          else failures.push(fb.status);
        } catch {
          failures.push(0);
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    while (ackedTurns.length < 15) await new Promise((r) => setTimeout(r, 20));
    process.kill(victim.pid, 'SIGKILL');
    await burst;
    expect(await victim.exited).toBe('SIGKILL');
    // Only requests in flight on the killed replica may fail (nginx never resends a POST it sent).
    expect(failures.length).toBeLessThanOrEqual(16);
    expect(failures.every((s) => s === 502 || s === 0)).toBe(true);
    expect(ackedTurns.length).toBeGreaterThan(TOTAL - 20);
    const turns = await sql.query<{ session_id: string; turn_id: string }>("SELECT session_id, turn_id FROM turns WHERE role = 'assistant' AND session_id = ANY($1)", [ackedTurns.map((t) => t.sessionId)]);
    const stored = new Set(turns.rows.map((r) => `${r.session_id}/${r.turn_id}`));
    expect(ackedTurns.filter((t) => !stored.has(`${t.sessionId}/${t.turnId}`))).toEqual([]);
    const fb = await sql.query<{ id: number }>('SELECT id::int AS id FROM feedback WHERE id = ANY($1)', [ackedFeedback]);
    expect(fb.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...ackedFeedback].sort((a, b) => a - b));
    console.info(`kill -9 mid-burst: ${ackedTurns.length} chat turns and ${ackedFeedback.length} feedback acknowledged, all stored; ${failures.length} requests failed (in flight on the killed replica)`);
    // The balancer keeps serving from the two that are left.
    for (let i = 0; i < 6; i++) expect((await call(lb.base, 'POST', '/api/chat', { message: '研发费用补助最高多少？' }, { from: '127.0.2.1' })).status).toBe(200);
    expect((await call(lb.base, 'GET', '/api/health', undefined, { from: '127.0.2.1' })).status).toBe(200);
  }, 120_000);
});
