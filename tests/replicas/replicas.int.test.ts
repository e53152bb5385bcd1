// Three real server processes on one PostgreSQL behind a real nginx (round robin, a refused
// connection retried on the next replica), each with its own DATA_DIR and its own copy of the
// corpus folder (the document registry and its rules are in PostgreSQL, seeded from the copy of
// whichever replica starts first): a conversation continues across replicas; feedback written
// through one is exported through another; a saved applicant is shared; one rate-limit budget
// holds across all; a document ingested through one replica's CLI is served by all within
// seconds; a rule review saved on one is in force on another; a document withdrawn on one stops
// being cited on the others; kill -9 of one replica during a burst of chat turns and feedback
// loses no acknowledged write and the balancer keeps serving.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  const corpusDirs: string[] = [];
  const dataDirs: string[] = [];
  const replicas: SpawnedServer[] = [];
  let lb: Balancer;
  let sql: pg.Client;

  const env = (i: number) => ({
    DATABASE_URL: db.url,
    DATA_DIR: dataDirs[i]!,
    CORPUS_DIR: corpusDirs[i]!,
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
    for (let i = 0; i < 3; i++) {
      dataDirs.push(tempDataDir(`zct-replica-${i}-`));
      corpusDirs.push(mkdtempSync(join(tmpdir(), `zct-corpus-${i}-`)));
      cpSync(join(ROOT, 'corpus'), corpusDirs[i]!, { recursive: true });
    }
    // The first replica seeds the registry and publishes its index; the others start from those.
    replicas.push(await spawnServer(env(0), { timeoutMs: 120_000 }));
    replicas.push(...(await Promise.all([1, 2].map((i) => spawnServer(env(i), { timeoutMs: 120_000 })))));
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
    for (const d of [...dataDirs, ...corpusDirs]) if (d) rmSync(d, { recursive: true, force: true });
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
    // The registry was imported once, by the first replica, from its corpus folder.
    expect(replicas[0]!.lines.join('\n')).toMatch(/PostgreSQL 文件库为空：已从 .* 导入 \d+ 份文件/);
    for (const r of replicas.slice(1)) expect(r.lines.join('\n')).not.toMatch(/PostgreSQL 文件库为空/);
    const docs = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM documents');
    expect(docs.rows[0]!.n).toBeGreaterThan(10);
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
    // The CLI on replica 0's machine: its DATA_DIR and corpus folder, the shared database.
    const cliEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: db.url, CORPUS_DIR: corpusDirs[0]!, DATA_DIR: dataDirs[0]!, LOG_LEVEL: 'silent' };
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
    // The document lives in the registry, not in the other replicas' corpus folders.
    expect((await sql.query('SELECT 1 FROM documents WHERE id = $1', ['qt-greenhouse'])).rowCount).toBe(1);
    expect(existsSync(join(corpusDirs[1]!, 'meta', 'qt-greenhouse.meta.json'))).toBe(false);
    console.info(`ingest → served by all 3 replicas: ${seconds.toFixed(1)} s after the CLI finished (${((ingested - started) / 1000).toFixed(1)} s CLI)`);
  }, 150_000);

  it('publishes through one replica a file previewed through another, and every replica answers from it', async () => {
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const bytes = readFileSync(join(ROOT, 'tests/e2e/fixtures/ruian-haiyang-2025.txt'));
    const preview = await new Promise<Reply>((resolve, reject) => {
      const url = new URL('/api/staff/documents/preview', replicas[0]!.base);
      const req = request(
        { host: url.hostname, port: url.port, method: 'POST', path: url.pathname, agent: false, localAddress: '127.0.5.1', headers: { ...headers, 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('ruian-haiyang-2025.txt'), 'Content-Length': bytes.length } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => (text += d));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) as Reply['body'], text }));
        },
      );
      req.on('error', reject);
      req.end(bytes);
    });
    expect(preview.status).toBe(201);
    // The draft waits in the database, not in replica 0's DATA_DIR: replica 2 publishes it.
    const published = await call(replicas[2]!.base, 'POST', '/api/staff/documents/publish', { draftId: preview.body.draftId, docId: 'ruian-haiyang-2025' }, { from: '127.0.5.2', headers });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('added');
    const at = Date.now();
    const question = '瑞安市深远海养殖网箱有什么补助？';
    const cites = (r: Reply) => (r.body.citations as unknown as Array<{ ref: string }> | undefined)?.some((c) => c.ref.startsWith('ruian-haiyang-2025:')) ?? false;
    let served: boolean[] = [];
    for (let round = 1; Date.now() < at + 30_000; round++) {
      served = await Promise.all(replicas.map(async (r, i) => cites(await call(r.base, 'POST', '/api/chat', { message: question, region: '瑞安市' }, { from: `127.0.${30 + i}.${round % 250}` }))));
      if (served.every(Boolean)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(served).toEqual([true, true, true]);
    const original = await sql.query<{ raw: Buffer; status: string }>('SELECT raw, status FROM documents WHERE id = $1', ['ruian-haiyang-2025']);
    expect(original.rows[0]!.raw.equals(bytes)).toBe(true);
    expect((await sql.query('SELECT 1 FROM upload_drafts WHERE id = $1', [preview.body.draftId])).rowCount).toBe(0);
    // Replica 1 neither received the file nor built an index: it followed replica 2's.
    expect(existsSync(join(corpusDirs[1]!, 'meta', 'ruian-haiyang-2025.meta.json'))).toBe(false);
    expect(replicas[1]!.lines.join('\n')).not.toMatch(/正在(重建|增量更新)索引/);
    console.info(`preview on replica 0, publish on replica 2 → answered by all 3: ${((Date.now() - at) / 1000).toFixed(1)} s`);
  }, 90_000);

  it('puts a rule review saved on one replica in force on the others within seconds', async () => {
    const DOC = 'gz-grad-startup-subsidy-2025';
    const key = `${DOC}:1`;
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const measure = async (r: SpawnedServer, from: string) => {
      const m = await call(r.base, 'POST', '/api/match', { description: '我是广州的高校毕业生，在广州创业，开了一家小微企业，成立1年', region: '广州市' }, { from });
      expect(m.status).toBe(200);
      return (m.body.measures as unknown as Array<{ key: string; reviewed: boolean; statusLabel: string }>).find((x) => x.key === key);
    };
    const mark = replicas.map((r) => r.lines.length);
    expect(await measure(replicas[1]!, '127.0.3.1')).toMatchObject({ reviewed: false, statusLabel: '待核实' });
    const view = await call(replicas[0]!.base, 'GET', `/api/staff/rules/${DOC}`, undefined, { from: '127.0.3.2', headers });
    expect(view.status).toBe(200);
    const unit = (view.body.units as unknown as Array<{ ref: string; rule: { conditions?: unknown; benefits: Array<{ text: string; quote: string }> } }>).find((u) => u.ref === '1')!;
    const leaves = (c: unknown): unknown[] => {
      const n = c as { all?: unknown[]; any?: unknown[]; not?: unknown } | undefined;
      if (!n) return [];
      if (n.all) return n.all.flatMap(leaves);
      if (n.any) return n.any.flatMap(leaves);
      if (n.not) return leaves(n.not);
      return [n];
    };
    const saved = await call(
      replicas[0]!.base,
      'PUT',
      `/api/staff/rules/${DOC}/1`,
      { conditions: leaves(unit.rule.conditions).map(() => ({ action: 'reject' })), benefits: unit.rule.benefits.map((_b, i) => ({ action: i === 0 ? 'accept' : 'reject' })), audience: '在广州创业的高校毕业生' },
      { from: '127.0.3.2', headers },
    );
    expect(saved.status).toBe(200);
    const savedAt = Date.now();
    const row = await sql.query<{ origin: string; reviewed_count: number }>('SELECT origin, reviewed_count FROM rule_files WHERE doc_id = $1', [DOC]);
    expect(row.rows[0]).toEqual({ origin: 'reviewed', reviewed_count: 1 });
    let seen: Array<{ reviewed: boolean; statusLabel: string } | undefined> = [];
    for (let round = 1; Date.now() < savedAt + 30_000; round++) {
      seen = await Promise.all([1, 2].map((i) => measure(replicas[i]!, `127.0.3.${10 + ((round * 2 + i) % 200)}`)));
      if (seen.every((m) => m?.reviewed)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const m of seen) {
      expect(m?.reviewed).toBe(true);
      expect(m?.statusLabel).not.toBe('待核实');
    }
    const seconds = (Date.now() - savedAt) / 1000;
    expect(seconds).toBeLessThan(20);
    // Rules change no index: nobody built one, and every replica still serves the same version.
    replicas.forEach((r, i) => expect(r.lines.slice(mark[i]).join('\n')).not.toMatch(/正在(重建|增量更新)索引/));
    // Not through a corpus folder: the rule file exists in none of them.
    for (const d of corpusDirs) expect(existsSync(join(d, 'rules', `${DOC}.rules.json`))).toBe(false);
    console.info(`rule review on replica 0 → in force on replicas 1 and 2: ${seconds.toFixed(1)} s`);
  }, 90_000);

  it('stops citing on every replica a document withdrawn through another, within seconds', async () => {
    const question = '青田县新建连栋钢架大棚每亩补助多少';
    const cites = (r: Reply) => (r.body.citations as unknown as Array<{ ref: string }> | undefined)?.some((c) => c.ref.startsWith('qt-greenhouse:')) ?? false;
    const mark = replicas.map((r) => r.lines.length);
    expect(cites(await call(replicas[2]!.base, 'POST', '/api/chat', { message: question }, { from: '127.0.4.1' }))).toBe(true);
    const w = await call(replicas[1]!.base, 'POST', '/api/staff/documents/qt-greenhouse/withdraw', {}, { from: '127.0.4.2', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(w.status).toBe(200);
    const withdrawnAt = Date.now();
    let citing: boolean[] = [true, true, true];
    for (let round = 1; Date.now() < withdrawnAt + 30_000; round++) {
      citing = await Promise.all(replicas.map(async (r, i) => cites(await call(r.base, 'POST', '/api/chat', { message: question }, { from: `127.0.${20 + i}.${round % 250}` }))));
      if (citing.every((c) => !c)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(citing).toEqual([false, false, false]);
    const seconds = (Date.now() - withdrawnAt) / 1000;
    expect(seconds).toBeLessThan(20);
    const status = await sql.query<{ status: string }>('SELECT status FROM documents WHERE id = $1', ['qt-greenhouse']);
    expect(status.rows[0]!.status).toBe('withdrawn');
    // The withdrawing replica updated the index; replica 2 only followed it.
    const versions = await Promise.all(replicas.map(async (r) => ((await call(r.base, 'GET', '/api/health')).body.index as unknown as { version: string }).version));
    expect(new Set(versions).size).toBe(1);
    expect(replicas[2]!.lines.slice(mark[2]).join('\n')).not.toMatch(/正在(重建|增量更新)索引/);
    expect(replicas[1]!.lines.slice(mark[1]).join('\n')).toMatch(/正在增量更新索引/);
    console.info(`withdraw on replica 1 → no longer cited by any replica: ${seconds.toFixed(1)} s`);
  }, 90_000);

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
