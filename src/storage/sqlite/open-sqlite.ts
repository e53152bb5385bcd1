// The better-sqlite3 adapter: the only file that imports better-sqlite3. Opens the database file
// (creating its folder), sets the durability pragmas, refuses files newer than the code and applies
// pending migrations. Everything else works through the Database contract in database.ts.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../domain/errors.js';
import type { Database, Statement } from '../database.js';
import { assertSupportedVersion, migrate, readUserVersion } from '../migrate.js';
import { migrations as schema, type Migration, type MigrationContext } from '../migrations.js';

/**
 * FULL fsyncs the WAL on every commit, so an acknowledged write survives power loss and OS
 * crashes too. NORMAL fsyncs only at checkpoints: still safe against a process kill (the OS has
 * the data), but the last commits can be lost if the machine itself goes down.
 */
export type SynchronousMode = 'FULL' | 'NORMAL';

export interface OpenDatabaseOptions {
  /** Path of the database file, or ':memory:' (tests). */
  file: string;
  /** Clock for schema_migrations.applied_at. */
  now?: () => Date;
  synchronous?: SynchronousMode;
  /** How long a writer waits for another connection's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Upper bound for the WAL file after a checkpoint. */
  journalSizeLimitBytes?: number;
  /** The schema; tests pass their own lists. */
  migrations?: readonly Migration[];
  /** Facts data migrations need (the document bare refs belonged to). */
  migrationContext?: MigrationContext;
  /** Run `PRAGMA quick_check` before use and refuse a damaged file (default on; a second connection to a checked file may skip it). */
  integrityCheck?: boolean;
}

/** Refuses a file that is not a healthy database: an empty (0-byte) file, or one quick_check faults. */
export function damagedDatabaseError(file: string, detail: string): AppError {
  return new AppError(
    'UNAVAILABLE',
    `数据库文件 ${file} 已损坏（${detail}），服务拒绝启动，以免在损坏的文件上继续写入而丢失数据。请停止服务，从备份恢复该文件；如果确定不需要其中的对话和反馈，可以把它移走（连同同名的 -wal、-shm 文件），重新启动时会新建一个空数据库。`,
  );
}

export const MEMORY = ':memory:';

/** Where the application database lives inside the data folder. */
export function databaseFile(dataDir: string): string {
  return join(dataDir, 'app.db');
}

export function openDatabase({
  file,
  now = () => new Date(),
  synchronous = 'FULL',
  busyTimeoutMs = 5000,
  journalSizeLimitBytes = 64 * 1024 * 1024,
  migrations = schema,
  integrityCheck = true,
  migrationContext = {},
}: OpenDatabaseOptions): Database {
  const inMemory = file === MEMORY;
  let raw: BetterSqlite3.Database | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(file), { recursive: true });
    // SQLite treats a 0-byte file as a new empty database: silently starting empty would hide
    // a truncated file (and then overwrite it).
    if (!inMemory && integrityCheck && existsSync(file) && statSync(file).size === 0) throw damagedDatabaseError(file, '文件为 0 字节');
    raw = new BetterSqlite3(file, { timeout: busyTimeoutMs });
    const db = wrap(raw, file);
    if (!inMemory && integrityCheck) {
      let verdict: string;
      try {
        const rows = raw.pragma('quick_check(20)') as Array<{ quick_check: string }>;
        verdict = rows.map((r) => r.quick_check).join('；');
      } catch (err) {
        verdict = (err as Error).message;
      }
      if (verdict !== 'ok') throw damagedDatabaseError(file, `完整性检查未通过：${verdict.slice(0, 300)}`);
    }
    // Check before anything below writes to the file (journal_mode=WAL changes the header).
    assertSupportedVersion(db, migrations);
    const mode = String(raw.pragma('journal_mode = WAL', { simple: true })).toLowerCase();
    if (!inMemory && mode !== 'wal') {
      throw new AppError('UNAVAILABLE', `数据库 ${file} 无法启用 WAL 日志模式（当前为 ${mode}）：请把数据目录放在本地磁盘上，不要放在网络文件系统中。`);
    }
    raw.pragma(`synchronous = ${synchronous}`);
    raw.pragma('foreign_keys = ON');
    raw.pragma(`journal_size_limit = ${Math.trunc(journalSizeLimitBytes)}`);
    migrate(db, migrations, { now, context: migrationContext });
    return db;
  } catch (err) {
    if (raw?.open) raw.close();
    if (err instanceof AppError) throw err;
    throw new AppError(
      'UNAVAILABLE',
      `无法打开数据库 ${file}：${(err as Error).message}。请检查数据目录（DATA_DIR）是否存在且可写；如果文件已损坏，请从备份恢复。`,
      { cause: err },
    );
  }
}

function wrap(raw: BetterSqlite3.Database, file: string): Database {
  // One transaction function, reused: better-sqlite3 turns nested calls into savepoints.
  const inTransaction = raw.transaction((fn: () => unknown) => fn());
  const db: Database = {
    file,
    get schemaVersion() {
      return readUserVersion(db);
    },
    get isOpen() {
      return raw.open;
    },
    prepare<Row>(sql: string): Statement<Row> {
      return raw.prepare<unknown[], Row>(sql);
    },
    exec(sql) {
      raw.exec(sql);
    },
    transaction<T>(fn: () => T): T {
      return inTransaction.immediate(fn) as T;
    },
    pragma(name) {
      return raw.pragma(name, { simple: true });
    },
    close() {
      if (raw.open) raw.close();
    },
  };
  return db;
}
