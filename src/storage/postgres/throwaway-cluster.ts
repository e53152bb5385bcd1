// A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder and
// pg_ctl start on a free loopback port (as the `postgres` user when running as root, which
// PostgreSQL requires). Needs the server binaries (Debian: postgresql-15; PG_BIN to point
// elsewhere). Nothing here is used by the service itself.
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayCluster {
  /** Superuser URL of the `postgres` database (trust authentication, loopback only). */
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

/** The folder with initdb and pg_ctl: PG_BIN, or the newest /usr/lib/postgresql/<n>/bin. */
export function findPostgresBin(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.PG_BIN) return existsSync(join(env.PG_BIN, 'initdb')) ? env.PG_BIN : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function postgresIds(): { uid: number; gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

export interface StartClusterOptions {
  /**
   * false: fsync and full_page_writes off (faster; a crash of the machine could lose data, a
   * killed client never does). Default true: PostgreSQL's durable defaults.
   */
  durable?: boolean;
  /** Extra `-c name=value` settings. */
  settings?: Record<string, string | number>;
}

/** Starts a fresh cluster; throws with the reason when it cannot. */
export async function startThrowawayCluster({ durable = true, settings = {} }: StartClusterOptions = {}): Promise<ThrowawayCluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error('找不到 PostgreSQL 服务器程序（initdb、pg_ctl）：请安装 postgresql-15（apt-get install -y postgresql-15）或设置 PG_BIN');
  const asRoot = userInfo().uid === 0;
  const ids = asRoot ? postgresIds() : undefined;
  if (asRoot && !ids) throw new Error('以 root 运行时需要系统用户 postgres 来启动 PostgreSQL（安装 postgresql-15 会创建它）');
  const dir = mkdtempSync(join(tmpdir(), 'zct-pg-'));
  chmodSync(dir, 0o700);
  if (ids) chownSync(dir, ids.uid, ids.gid);
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    const opts: Record<string, string | number> = {
      listen_addresses: '127.0.0.1',
      port,
      unix_socket_directories: dir,
      max_connections: 200,
      ...(durable ? {} : { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' }),
      ...settings,
    };
    const o = Object.entries(opts)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ');
    run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-o', o, '-w', '-t', '60', 'start']);
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`无法启动临时 PostgreSQL：${(e.stderr || e.message).slice(0, 500)}`);
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
}
