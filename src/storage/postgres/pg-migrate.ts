// Versioned, transactional migrations for PostgreSQL, and the integrity check run at start.
// Each migration runs in its own transaction together with its schema_migrations row, under a
// transaction-scoped advisory lock: replicas starting together apply it once, the others wait
// and then see it applied. A database newer than the code is refused before anything changes.
import { DatabaseVersionError } from '../database-version-error.js';
import type { PgQueryable } from './pg-database.js';

export interface PgMigration {
  /** 1, 2, 3, … with no gaps. */
  version: number;
  description: string;
  up(tx: PgQueryable): Promise<void>;
}

/** Tables and the columns each must have once every migration has run. */
export type ExpectedTables = Readonly<Record<string, readonly string[]>>;

// Any constant works; it only has to be the same in every replica.
const MIGRATION_LOCK = 7_302_415;

export async function readPostgresVersion(db: PgQueryable): Promise<number> {
  const exists = await db.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  if (!exists.rows[0]?.t) return 0;
  const r = await db.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
  return r.rows[0]?.v ?? 0;
}

export async function migratePostgres(
  db: PgQueryable & { transaction<T>(fn: (tx: PgQueryable) => Promise<T>): Promise<T> },
  list: readonly PgMigration[],
  { now = () => new Date(), label = 'postgres' }: { now?: () => Date; label?: string } = {},
): Promise<{ from: number; to: number; applied: number[] }> {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`PostgreSQL migrations must be numbered 1, 2, 3, …; position ${i} has version ${m.version}`);
  });
  const supported = list.length;
  const from = await readPostgresVersion(db);
  if (from > supported) throw new DatabaseVersionError(label, from, supported);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= from) continue;
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version     INTEGER     PRIMARY KEY,
        description TEXT        NOT NULL,
        applied_at  TIMESTAMPTZ NOT NULL
      )`);
      // Another replica may have migrated while we waited for the lock.
      const current = await readPostgresVersion(tx);
      if (current > supported) throw new DatabaseVersionError(label, current, supported);
      if (current >= m.version) return;
      await m.up(tx);
      await tx.query('INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)', [m.version, m.description, now()]);
      applied.push(m.version);
    });
  }
  return { from, to: await readPostgresVersion(db), applied };
}

/** Refuses to serve from a schema that is not what the migrations produce. */
export class SchemaIntegrityError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SchemaIntegrityError';
  }
}

/**
 * Every expected table and column exists, no index is left invalid (an interrupted CREATE INDEX
 * CONCURRENTLY), and each table answers a read. PostgreSQL checksums its own pages; this catches
 * a schema changed by hand or half restored from a backup.
 */
export async function checkPostgresIntegrity(db: PgQueryable, expected: ExpectedTables): Promise<void> {
  const problems: string[] = [];
  const cols = await db.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY($1)",
    [Object.keys(expected)],
  );
  const have = new Set(cols.rows.map((r) => `${r.table_name}.${r.column_name}`));
  for (const [table, columns] of Object.entries(expected)) {
    if (!cols.rows.some((r) => r.table_name === table)) {
      problems.push(`缺少表 ${table}`);
      continue;
    }
    for (const c of columns) if (!have.has(`${table}.${c}`)) problems.push(`表 ${table} 缺少列 ${c}`);
  }
  const invalid = await db.query<{ name: string }>(
    'SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT i.indisvalid',
  );
  for (const r of invalid.rows) problems.push(`索引 ${r.name} 无效（可能是中断的建索引操作）`);
  if (problems.length === 0) {
    for (const table of Object.keys(expected)) await db.query(`SELECT 1 FROM ${table} LIMIT 1`);
  }
  if (problems.length) throw new SchemaIntegrityError(problems);
}
