// The database contract the stores and migrations are written against, so that only sqlite.ts
// imports better-sqlite3. Everything here is synchronous, like better-sqlite3 itself.

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

/** A prepared statement. Parameters are positional (`?`) or one object of named values (`@name`). */
export interface Statement<Row = unknown> {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
}

export interface Database {
  /** The file path, or ':memory:'. */
  readonly file: string;
  /** `PRAGMA user_version` after migrations: the schema version this handle works with. */
  readonly schemaVersion: number;
  readonly isOpen: boolean;
  prepare<Row = unknown>(sql: string): Statement<Row>;
  /** Runs one or more statements without results (DDL, pragmas that set values). */
  exec(sql: string): void;
  /**
   * Runs `fn` inside `BEGIN IMMEDIATE … COMMIT` (rolled back if it throws). Nested calls become
   * savepoints. IMMEDIATE takes the write lock up front, so a second process waits on
   * busy_timeout instead of failing with SQLITE_BUSY when a read transaction tries to upgrade.
   */
  transaction<T>(fn: () => T): T;
  /** Reads one pragma's value, e.g. `pragma('journal_mode')` → 'wal'. */
  pragma(name: string): unknown;
  close(): void;
}
