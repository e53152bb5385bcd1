// npm run bench:load — HTTP load test of the real server (src/main.ts in child processes, offline
// answerer, SQLite or PostgreSQL persistence, request logging on, rate limits off) with autocannon;
// several replicas on one PostgreSQL are measured through nginx.
// For each concurrency: GET /api/health (the ceiling) and POST /api/chat with a rotating set of
// real questions from evals/gold/questions.jsonl; prints requests/s, exact p50/p95/p99 latency,
// errors (non-2xx + connection errors + timeouts), peak server RSS and chat's share of the ceiling.
//   --duration 10        seconds per run
//   --concurrency 1,16,64
//   --targets health,chat which endpoints to run (chat alone for profiling)
//   --soak <minutes>     instead: chat at --soak-concurrency (16) for N minutes, RSS every
//                        --sample (10) s, then the RSS series and its slope after --warmup (120) s
//   --log-level info     the server's LOG_LEVEL (request logs go to a file in the temp folder)
//   --cpu-prof <dir>     run the server under `node --cpu-prof` and write the profile there
//   --keep               keep the server's temporary data folder (database, server.log)
//   --set KEY=VALUE      extra server configuration (repeatable), e.g. --set CONVERSATION_SYNCHRONOUS=FULL
//   --database sqlite|postgres   where the servers keep shared state (default sqlite); postgres
//                        starts a throwaway PostgreSQL (durable defaults) unless --database-url
//   --database-url URL   an existing PostgreSQL server (a fresh database is created on it)
//   --replicas N         N servers on the one PostgreSQL behind nginx (round robin); sqlite: 1
//   --matrix             the issue's table in one run: SQLite ×1, PostgreSQL ×1, PostgreSQL ×2
//                        (--concurrency defaults to 16,64 then), health ceiling included
//   --units N            a synthetic corpus of N more units beside the real documents (the index
//                        is built at start-up; e.g. 100000); reports whether chat p95 < 50 ms at c16
//   --index-cache <dir>  with --units: start from the index kept there by an earlier run (the server
//                        verifies it against corpus, tokenizer and embedder and rebuilds if stale),
//                        and keep the index the server ends with there for the next run
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { startNginx } from './nginx-balancer.js';
import { writeSyntheticCorpusDir } from './synthetic-corpus-dir.js';
import { startThrowawayCluster, type ThrowawayCluster } from '../storage/postgres/throwaway-cluster.js';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GoldQuestionSchema, parseJsonl } from '../eval/gold.js';
import { percentile } from '../eval/retrieval-metrics.js';

// ---- autocannon, as far as this script uses it (the package ships no types) ----

interface AutocannonClient {
  setBody(body: string): void;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface AutocannonInstance {
  on(event: 'response', fn: (client: AutocannonClient, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = ((opts: Record<string, unknown>, done: (err: unknown, result: AutocannonResult) => void) => AutocannonInstance) & {
  track?: unknown;
};
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---- options ----

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
}
const duration = Number(arg('duration', '10'));
const matrix = process.argv.includes('--matrix');
const synthUnits = Number(arg('units', '0'));
const concurrencies = arg('concurrency', matrix || synthUnits ? '16,64' : '1,16,64').split(',').map(Number);
const database = arg('database', 'sqlite') as 'sqlite' | 'postgres';
const databaseUrl = arg('database-url', '');
const replicaCount = Number(arg('replicas', '1'));
const targets = arg('targets', 'health,chat').split(',');
const soakMinutes = Number(arg('soak', '0'));
const soakConcurrency = Number(arg('soak-concurrency', '16'));
const sampleSeconds = Number(arg('sample', '10'));
const warmupSeconds = Number(arg('warmup', '120'));
const logLevel = arg('log-level', 'info');
const cpuProfDir = arg('cpu-prof', '');
const keep = process.argv.includes('--keep');
const indexCache = arg('index-cache', '');
const extraEnv = Object.fromEntries(
  process.argv.flatMap((a, i) => (a === '--set' && process.argv[i + 1]?.includes('=') ? [process.argv[i + 1]!.split(/=(.*)/s).slice(0, 2)] : [])),
) as Record<string, string>;
const root = resolve(import.meta.dirname, '../..');

const questions = parseJsonl(readFileSync(join(root, 'evals/gold/questions.jsonl'), 'utf8'), GoldQuestionSchema)
  .map((q) => q.question)
  .filter((q) => [...q].length <= 1000);

// ---- the server under test ----

interface Server {
  child: ChildProcess;
  base: string;
  dataDir: string;
  /** Resident set size of the server process, in MB (Linux /proc). */
  rssMb(): number;
  stop(): Promise<void>;
}

/** Copies a data folder's published index (pointer and version folders) to another folder. */
function copyIndexFiles(from: string, to: string): void {
  if (!existsSync(join(from, 'index.json'))) return;
  rmSync(join(to, 'indexes'), { recursive: true, force: true });
  cpSync(join(from, 'index.json'), join(to, 'index.json'));
  cpSync(join(from, 'indexes'), join(to, 'indexes'), { recursive: true });
}

async function startServer(env: Record<string, string> = {}, { copyIndex = true, indexFrom = join(root, 'data'), startTimeoutMs = 120_000 } = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zct-bench-'));
  if (copyIndex) copyIndexFiles(indexFrom, dataDir);
  const logFile = join(dataDir, 'server.log');
  const out = openSync(logFile, 'a');
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(cpuProfDir)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // A clean environment: never an OPENAI_API_KEY from the shell (the bench is offline).
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: logLevel,
      RATE_LIMIT_PER_MINUTE: '0',
      SESSIONS_PER_CLIENT_PER_HOUR: '0',
      ...env,
      ...extraEnv,
    },
    stdio: ['ignore', out, out],
  });
  const started = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 100));
    const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    const line = text.split('\n').find((l) => l.includes('服务已启动'));
    if (line) {
      const port = (JSON.parse(line) as { port: number }).port;
      return {
        child,
        dataDir,
        base: `http://127.0.0.1:${port}`,
        rssMb: () => {
          const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          return m ? Number(m[1]) / 1024 : NaN;
        },
        stop: () =>
          new Promise<void>((r) => {
            child.once('exit', () => r());
            child.kill('SIGTERM');
          }),
      };
    }
    if (child.exitCode !== null || Date.now() - started > startTimeoutMs) throw new Error(`server did not start:\n${text.slice(-2000)}`);
  }
}

// ---- one autocannon run ----

interface RunResult {
  target: string;
  concurrency: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  total: number;
  peakRssMb: number;
  rssSeries: Array<{ t: number; rssMb: number; rps: number }>;
}

let nextQuestion = 0;
const chatBody = () => JSON.stringify({ message: questions[nextQuestion++ % questions.length] });

async function run(server: Pick<Server, 'base' | 'rssMb'>, target: 'health' | 'chat', concurrency: number, seconds: number, sampleEvery = 0.25): Promise<RunResult> {
  const times: number[] = [];
  const series: RunResult['rssSeries'] = [];
  let peak = server.rssMb();
  let sinceSample = 0;
  const startedAt = Date.now();
  const sampler = setInterval(() => {
    const rss = server.rssMb();
    peak = Math.max(peak, rss);
    series.push({ t: Math.round((Date.now() - startedAt) / 1000), rssMb: rss, rps: sinceSample / sampleEvery });
    sinceSample = 0;
  }, sampleEvery * 1000);
  const chat = target === 'chat';
  const result = await new Promise<AutocannonResult>((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url: `${server.base}${chat ? '/api/chat' : '/api/health'}`,
        method: chat ? 'POST' : 'GET',
        headers: chat ? { 'content-type': 'application/json' } : {},
        ...(chat ? { body: chatBody() } : {}),
        connections: concurrency,
        duration: seconds,
        timeout: 10,
        setupClient: (client: AutocannonClient) => {
          if (chat) client.setBody(chatBody());
        },
      },
      (err, res) => (err ? reject(err) : resolvePromise(res)),
    );
    instance.on('response', (client, _status, _bytes, ms) => {
      times.push(ms);
      sinceSample += 1;
      if (chat) client.setBody(chatBody());
    });
  });
  clearInterval(sampler);
  peak = Math.max(peak, server.rssMb());
  times.sort((a, b) => a - b);
  return {
    target: chat ? 'POST /api/chat' : 'GET /api/health',
    concurrency,
    rps: result.requests.total / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.non2xx + result.errors + result.timeouts,
    total: result.requests.total,
    peakRssMb: peak,
    rssSeries: series,
  };
}

// ---- reporting ----

const f1 = (n: number) => n.toFixed(1);

function table(rows: Array<Record<string, string | number>>): string {
  const cols = Object.keys(rows[0] ?? {});
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n');
}

/** Least-squares slope of y over x. */
function slope(points: Array<{ x: number; y: number }>): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? NaN : num / den;
}

interface Deployment {
  base: string;
  database: 'sqlite' | 'postgres';
  replicas: number;
  servers: Server[];
  /** Sum over the replicas. */
  rssMb(): number;
  stop(): Promise<void>;
}

let cluster: ThrowawayCluster | undefined;
let dbSeq = 0;

/** A fresh database on the bench's PostgreSQL (started on first use). */
async function freshPostgresDatabase(): Promise<string> {
  let serverUrl = databaseUrl;
  if (!serverUrl) {
    cluster ??= await startThrowawayCluster({ durable: true });
    serverUrl = cluster.url;
  }
  const name = `zct_bench_${process.pid}_${++dbSeq}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function deploy(db: 'sqlite' | 'postgres', replicas: number, { corpusDir, startTimeoutMs }: { corpusDir?: string; startTimeoutMs?: number } = {}): Promise<Deployment> {
  if (db === 'sqlite' && replicas !== 1) throw new Error('SQLite 只能单进程（一个数据目录一个服务）：多副本请用 --database postgres');
  const env: Record<string, string> = corpusDir ? { CORPUS_DIR: corpusDir } : {};
  if (db === 'postgres') env.DATABASE_URL = await freshPostgresDatabase();
  const opts = corpusDir ? { copyIndex: !!indexCache, indexFrom: indexCache, startTimeoutMs } : { startTimeoutMs };
  // The first replica builds or loads (and publishes) the index; the others fetch it.
  const servers = [await startServer(env, opts)];
  if (replicas > 1) servers.push(...(await Promise.all(Array.from({ length: replicas - 1 }, () => startServer(env, opts)))));
  const lb = replicas > 1 ? await startNginx(servers.map((s) => Number(new URL(s.base).port))) : undefined;
  return {
    base: lb?.base ?? servers[0]!.base,
    database: db,
    replicas,
    servers,
    rssMb: () => servers.reduce((n, s) => n + s.rssMb(), 0),
    async stop() {
      await lb?.stop();
      await Promise.all(servers.map((s) => s.stop()));
      if (corpusDir && indexCache) {
        mkdirSync(indexCache, { recursive: true });
        copyIndexFiles(servers[0]!.dataDir, indexCache);
      }
      for (const s of servers) {
        if (keep) console.log(`服务器数据目录已保留：${s.dataDir}（请求日志：server.log）`);
        else rmSync(s.dataDir, { recursive: true, force: true });
      }
    },
  };
}

async function sweep(d: Deployment): Promise<Array<Record<string, string | number>>> {
  // Warm up JIT, caches and the database before measuring.
  await run(d, 'chat', 4, 3);
  const rows: Array<Record<string, string | number>> = [];
  for (const c of concurrencies) {
    const health = targets.includes('health') ? await run(d, 'health', c, duration) : undefined;
    const chat = targets.includes('chat') ? await run(d, 'chat', c, duration) : undefined;
    for (const r of [health, chat]) {
      if (!r) continue;
      rows.push({
        database: d.database === 'postgres' ? 'PostgreSQL' : 'SQLite',
        replicas: d.replicas,
        endpoint: r.target,
        conc: r.concurrency,
        'req/s': Math.round(r.rps),
        'p50 ms': f1(r.p50),
        'p95 ms': f1(r.p95),
        'p99 ms': f1(r.p99),
        errors: r.errors,
        requests: r.total,
        'peak RSS MB': Math.round(r.peakRssMb),
        'share of health': r === chat && health ? `${Math.round((chat.rps / health.rps) * 100)}%` : '—',
      });
    }
  }
  return rows;
}

const setting = () =>
  `每项 ${duration} 秒，离线答复，${questions.length} 个真实问题轮换（每个请求新开会话），请求日志开启，限流关闭；` +
  `${cpus().length} 个 CPU 核（负载发生器、nginx、PostgreSQL 与各副本同机）`;

async function soak(server: Server): Promise<void> {
  console.log(`浸泡测试：POST /api/chat，并发 ${soakConcurrency}，${soakMinutes} 分钟，每 ${sampleSeconds} 秒记录一次 RSS …`);
  const r = await run(server, 'chat', soakConcurrency, Math.round(soakMinutes * 60), sampleSeconds);
  const rows = r.rssSeries.map((s) => ({ 't s': s.t, 'RSS MB': f1(s.rssMb), 'req/s': Math.round(s.rps) }));
  console.log(`\n${table(rows)}\n`);
  const after = r.rssSeries.filter((s) => s.t >= warmupSeconds).map((s) => ({ x: s.t / 60, y: s.rssMb }));
  const perMin = slope(after);
  console.log(
    table([
      {
        minutes: soakMinutes,
        conc: soakConcurrency,
        requests: r.total,
        'req/s': Math.round(r.rps),
        'p50 ms': f1(r.p50),
        'p95 ms': f1(r.p95),
        'p99 ms': f1(r.p99),
        errors: r.errors,
        'peak RSS MB': Math.round(r.peakRssMb),
        [`RSS slope after ${warmupSeconds}s (MB/min)`]: Number.isNaN(perMin) ? 'n/a' : perMin.toFixed(2),
      },
    ]),
  );
}

async function main(): Promise<void> {
  if (soakMinutes > 0) {
    const d = await deploy(database, replicaCount);
    try {
      await soak(d.servers[0]!);
    } finally {
      await d.stop();
    }
    return;
  }
  const configs: Array<['sqlite' | 'postgres', number]> = matrix
    ? [
        ['sqlite', 1],
        ['postgres', 1],
        ['postgres', 2],
      ]
    : [[database, replicaCount]];
  let corpusDir: string | undefined;
  if (synthUnits > 0) {
    corpusDir = mkdtempSync(join(tmpdir(), 'zct-bench-corpus-'));
    const t = Date.now();
    const n = await writeSyntheticCorpusDir({ from: join(root, 'corpus'), to: corpusDir, units: synthUnits });
    console.log(`合成语料：真实文件之外另加 ${n} 个单元（${Math.ceil(n / 1000)} 份文件），写入用时 ${((Date.now() - t) / 1000).toFixed(1)} 秒；服务启动时构建索引`);
  }
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const [db, n] of configs) {
      const t = Date.now();
      const d = await deploy(db, n, { corpusDir, startTimeoutMs: synthUnits > 0 ? 90 * 60_000 : 120_000 });
      if (synthUnits > 0) console.log(`${db} ×${n}：服务就绪用时 ${((Date.now() - t) / 1000).toFixed(0)} 秒（含索引构建）`);
      try {
        rows.push(...(await sweep(d)));
      } finally {
        await d.stop();
      }
    }
  } finally {
    cluster?.stop();
    if (corpusDir) rmSync(corpusDir, { recursive: true, force: true });
  }
  console.log(`\n负载测试（${setting()}${synthUnits > 0 ? `；语料另加 ${synthUnits} 个合成单元` : ''}）\n`);
  console.log(table(rows));
  if (synthUnits > 0) {
    const c16 = rows.find((r) => r.endpoint === 'POST /api/chat' && r.conc === 16 && r.replicas === 1);
    if (c16) {
      const p95 = Number(c16['p95 ms']);
      console.log(`\n单副本 /api/chat 并发 16 的 p95：${c16['p95 ms']} ms（目标 < 50 ms：${p95 < 50 ? '达到' : '未达到'}）`);
    }
  }
}

main().catch((err: unknown) => {
  console.error(`负载测试失败：${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
