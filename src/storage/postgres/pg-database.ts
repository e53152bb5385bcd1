// The node-postgres adapter: the only file that imports `pg`. Opens a connection pool, refuses a
// schema newer than the code, applies pending migrations (pg-migrate.ts) and checks the schema's
// integrity before anything is served. Also owns the LISTEN connection that replicas use to hear
// about each other's writes (index versions). Failures become StorageError, which the error
// handler answers with 503 and the storage monitor reports on /api/health.
import pg from 'pg';
import { AppError } from '../../domain/errors.js';
import { checkPostgresIntegrity, migratePostgres, SchemaIntegrityError, type ExpectedTables, type PgMigration } from './pg-migrate.js';
import { PG_EXPECTED_TABLES, pgMigrations } from './pg-migrations.js';

export interface PgResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface PgQueryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<PgResult<Row>>;
}

export interface PgDatabase extends PgQueryable {
  readonly kind: 'postgres';
  /** host:port/database, without credentials: safe for logs and /api/health. */
  readonly label: string;
  /** The schema version after migrations. */
  readonly schemaVersion: number;
  readonly isOpen: boolean;
  /** The pg Pool itself, for libraries that speak pg (rate-limiter-flexible). */
  readonly pool: unknown;
  /** Runs `fn` in BEGIN … COMMIT on one connection; rolled back if it throws. */
  transaction<T>(fn: (tx: PgQueryable) => Promise<T>): Promise<T>;
  /**
   * LISTENs on `channels` over a dedicated connection that reconnects after failures (with
   * `onReconnect`, so the caller can catch up on what it missed). Resolves once listening.
   */
  listen(channels: readonly string[], onNotify: (channel: string, payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A database failure (connection lost, server error): 503 for users, "degraded" on /api/health. */
export class StorageError extends Error {
  readonly code?: string;
  constructor(message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = 'StorageError';
    this.code = options.code;
  }
}

export function toStorageError(err: unknown): unknown {
  if (err instanceof AppError || err instanceof StorageError) return err;
  const e = err as { message?: string; code?: string } | undefined;
  return new StorageError(`PostgreSQL: ${String(e?.message ?? err).slice(0, 300)}`, { cause: err, code: typeof e?.code === 'string' ? e.code : undefined });
}

/** The URL without user and password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'postgres';
  }
}

// BIGINT (ids, counters) as numbers: ours stay far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface OpenPostgresOptions {
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
  now?: () => Date;
  migrations?: readonly PgMigration[];
  /** Check tables, columns and indexes against the schema before use (default on). */
  integrityCheck?: boolean;
  /** What the integrity check expects (default: our schema). */
  expectedTables?: ExpectedTables;
  /** Shown in pg_stat_activity. */
  applicationName?: string;
  connectTimeoutMs?: number;
}

function unavailable(label: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof SchemaIntegrityError) {
    return new AppError(
      'UNAVAILABLE',
      `PostgreSQL 数据库 ${label} 的结构与版本记录不一致（${err.problems.slice(0, 5).join('；')}），服务拒绝启动，以免在不完整的结构上写入数据。请从备份恢复数据库，或联系管理员检查是否有人手工修改过表结构。`,
      { cause: err },
    );
  }
  return new AppError(
    'UNAVAILABLE',
    `无法连接或初始化 PostgreSQL 数据库 ${label}：${String((err as Error)?.message ?? err).slice(0, 300)}。请检查 DATABASE_URL（主机、端口、库名、用户和密码）以及数据库服务是否在运行。`,
    { cause: err },
  );
}

export async function openPostgres({
  url,
  poolSize = 10,
  now = () => new Date(),
  migrations = pgMigrations,
  integrityCheck = true,
  expectedTables = PG_EXPECTED_TABLES,
  applicationName = 'zhengcetong',
  connectTimeoutMs = 10_000,
}: OpenPostgresOptions): Promise<PgDatabase> {
  const label = describeUrl(url);
  const config = { connectionString: url, application_name: applicationName, connectionTimeoutMillis: connectTimeoutMs, types };
  const pool = new pg.Pool({ ...config, max: poolSize });
  // An idle connection that dies (server restart) must not crash the process: the next query
  // fails instead and is reported like any storage failure.
  pool.on('error', () => {});
  let open = true;
  let schemaVersion = 0;
  const query = async <Row>(sql: string, params: readonly unknown[] = []): Promise<PgResult<Row>> => {
    try {
      const r = await pool.query(sql, params as unknown[]);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    } catch (err) {
      throw toStorageError(err);
    }
  };
  const transaction = async <T>(fn: (tx: PgQueryable) => Promise<T>): Promise<T> => {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (err) {
      throw toStorageError(err);
    }
    const tx: PgQueryable = {
      async query<Row>(sql: string, params: readonly unknown[] = []) {
        try {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
        } catch (err) {
          throw toStorageError(err);
        }
      },
    };
    let broken = false;
    try {
      await tx.query('BEGIN');
      const out = await fn(tx);
      await tx.query('COMMIT');
      return out;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // the connection itself failed: do not return it to the pool
      }
      throw err;
    } finally {
      client.release(broken);
    }
  };

  const listeners = new Set<() => Promise<void>>();
  const listen: PgDatabase['listen'] = async (channels, onNotify, onReconnect = () => {}) => {
    let stopped = false;
    let client: pg.Client | undefined;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const c = new pg.Client(config);
      c.on('notification', (n) => onNotify(n.channel, n.payload ?? ''));
      c.on('error', () => reconnect());
      c.on('end', () => reconnect());
      await c.connect();
      for (const ch of channels) await c.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
      client = c;
    };
    const reconnect = () => {
      if (stopped || retry) return;
      const dead = client;
      client = undefined;
      dead?.removeAllListeners();
      dead?.on('error', () => {});
      void dead?.end().catch(() => {});
      retry = setTimeout(() => {
        retry = undefined;
        connect().then(onReconnect, reconnect);
      }, 1000);
      retry.unref();
    };
    await connect();
    const stop = async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      listeners.delete(stop);
      const c = client;
      client = undefined;
      if (c) {
        c.removeAllListeners();
        c.on('error', () => {});
        await c.end().catch(() => {});
      }
    };
    listeners.add(stop);
    return stop;
  };

  const db: PgDatabase = {
    kind: 'postgres',
    label,
    get schemaVersion() {
      return schemaVersion;
    },
    get isOpen() {
      return open;
    },
    pool,
    query,
    transaction,
    listen,
    async close() {
      if (!open) return;
      open = false;
      for (const stop of [...listeners]) await stop();
      await pool.end().catch(() => {});
    },
  };

  try {
    schemaVersion = (await migratePostgres(db, migrations, { now, label })).to;
    if (integrityCheck) await checkPostgresIntegrity(db, expectedTables);
    return db;
  } catch (err) {
    await db.close();
    throw unavailable(label, err);
  }
}
