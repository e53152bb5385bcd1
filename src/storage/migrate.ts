// Applies pending migrations, one transaction each, recording them in `PRAGMA user_version` and in
// the schema_migrations table (with the time applied). Written against the Database contract.
import type { Database } from './database.js';
import { DatabaseVersionError } from './database-version-error.js';
import { latestVersion, type Migration, type MigrationContext } from './migrations.js';

export interface MigrateOptions {
  now?: () => Date;
  /** What data migrations need to know about the deployment (see MigrationContext). */
  context?: MigrationContext;
}

export interface MigrateResult {
  from: number;
  to: number;
  applied: number[];
}

export function readUserVersion(db: Database): number {
  return Number(db.pragma('user_version'));
}

/** Throws DatabaseVersionError if the file is newer than the code; call before changing anything. */
export function assertSupportedVersion(db: Database, list: readonly Migration[]): void {
  const found = readUserVersion(db);
  const supported = latestVersion(list);
  if (found > supported) throw new DatabaseVersionError(db.file, found, supported);
}

/** A programming error, not a data problem: the list must be 1, 2, 3, … */
function checkOrder(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migrations must be numbered 1, 2, 3, … without gaps; position ${i} has version ${m.version}`);
    }
  });
}

export function migrate(db: Database, list: readonly Migration[], { now = () => new Date(), context = {} }: MigrateOptions = {}): MigrateResult {
  checkOrder(list);
  assertSupportedVersion(db, list);
  const from = readUserVersion(db);
  const applied: number[] = [];
  for (const m of list) {
    if (m.version <= from) continue;
    db.transaction(() => {
      // Another process may have migrated while we waited for the write lock.
      if (readUserVersion(db) >= m.version) return;
      db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version     INTEGER PRIMARY KEY,
        description TEXT    NOT NULL,
        applied_at  TEXT    NOT NULL
      )`);
      m.up(db, context);
      db.prepare('INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)').run(
        m.version,
        m.description,
        now().toISOString(),
      );
      // user_version lives in the file header and is covered by the transaction.
      db.exec(`PRAGMA user_version = ${m.version}`);
      applied.push(m.version);
    });
  }
  return { from, to: readUserVersion(db), applied };
}
