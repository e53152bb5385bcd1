import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { Database } from '../../src/storage/database.js';
import { DatabaseVersionError } from '../../src/storage/database-version-error.js';
import { latestVersion, migrations, type Migration } from '../../src/storage/migrations.js';
import { databaseFile, MEMORY, openDatabase } from '../../src/storage/sqlite.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const fixedNow = () => new Date('2025-03-01T08:00:00.000Z');

const tables = (db: Database) =>
  db
    .prepare<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all()
    .map((r) => r.name);

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

const m1: Migration = { version: 1, description: 'notes', up: (db) => db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)') };
const m2: Migration = { version: 2, description: 'notes.author', up: (db) => db.exec('ALTER TABLE notes ADD COLUMN author TEXT') };

describe('openDatabase', () => {
  it('creates the data folder and migrates an empty file to the latest version', () => {
    const file = databaseFile(join(tempDir(), 'nested', 'data'));
    const db = openDatabase({ file, now: fixedNow });
    expect(existsSync(file)).toBe(true);
    expect(db.schemaVersion).toBe(latestVersion());
    expect(db.schemaVersion).toBe(migrations.length);
    // Other stores add their own tables in later migrations (saved applicants, share links).
    expect(tables(db)).toEqual(expect.arrayContaining(['feedback', 'schema_migrations', 'sessions', 'turns']));
    const applied = db.prepare('SELECT version, description, applied_at FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(migrations.map((m) => ({ version: m.version, description: m.description, applied_at: '2025-03-01T08:00:00.000Z' })));
    db.close();
    expect(db.isOpen).toBe(false);
  });

  it('turns on WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const file = databaseFile(tempDir());
    const db = openDatabase({ file });
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(db.pragma('synchronous')).toBe(2); // FULL
    expect(db.pragma('foreign_keys')).toBe(1);
    expect(db.pragma('busy_timeout')).toBe(5000);
    db.prepare("INSERT INTO sessions (id, created_at, updated_at) VALUES ('s', 0, 0)").run();
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    db.close();
  });

  it('accepts synchronous=NORMAL and a custom busy timeout', () => {
    const db = openDatabase({ file: databaseFile(tempDir()), synchronous: 'NORMAL', busyTimeoutMs: 250 });
    expect(db.pragma('synchronous')).toBe(1);
    expect(db.pragma('busy_timeout')).toBe(250);
    db.close();
  });

  it('re-opening is idempotent and keeps the data', () => {
    const file = databaseFile(tempDir());
    const first = openDatabase({ file, now: fixedNow });
    first.prepare("INSERT INTO sessions (id, created_at, updated_at) VALUES ('s1', 1, 1)").run();
    first.close();
    const second = openDatabase({ file, now: () => new Date('2030-01-01T00:00:00Z') });
    expect(second.schemaVersion).toBe(latestVersion());
    expect(second.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    expect(second.prepare("SELECT applied_at FROM schema_migrations WHERE version = 1").get()).toEqual({ applied_at: '2025-03-01T08:00:00.000Z' });
    expect(second.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 's1' }]);
    second.close();
  });

  it('two handles on the same file can both open it', () => {
    const file = databaseFile(tempDir());
    const a = openDatabase({ file });
    const b = openDatabase({ file });
    a.prepare("INSERT INTO sessions (id, created_at, updated_at) VALUES ('shared', 1, 1)").run();
    expect(b.prepare('SELECT id FROM sessions').all()).toEqual([{ id: 'shared' }]);
    a.close();
    b.close();
  });

  it('applies only the pending migrations when the code is newer than the file', () => {
    const file = databaseFile(tempDir());
    const v1 = openDatabase({ file, migrations: [m1] });
    v1.prepare("INSERT INTO notes (body) VALUES ('kept')").run();
    v1.close();
    const v2 = openDatabase({ file, migrations: [m1, m2] });
    expect(v2.schemaVersion).toBe(2);
    expect(v2.prepare('SELECT body, author FROM notes').all()).toEqual([{ body: 'kept', author: null }]);
    expect(v2.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual([{ version: 1 }, { version: 2 }]);
    v2.close();
  });

  it('rolls back a failing migration completely, version bump included', () => {
    const file = databaseFile(tempDir());
    openDatabase({ file, migrations: [m1] }).close();
    const broken: Migration = {
      version: 2,
      description: 'half done',
      up(db) {
        db.exec('CREATE TABLE half (id INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase({ file, migrations: [m1, broken] })).toThrow(/boom/);
    const db = openDatabase({ file, migrations: [m1] });
    expect(db.schemaVersion).toBe(1);
    expect(tables(db)).toEqual(['notes', 'schema_migrations']);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
    db.close();
  });

  it('refuses a database whose version is newer than the code, without touching the file', () => {
    const file = databaseFile(tempDir());
    const newer = openDatabase({ file, migrations: [m1, m2] });
    newer.exec('PRAGMA journal_mode = DELETE'); // so the whole database is in the main file
    newer.close();
    const before = sha(file);
    let caught: unknown;
    try {
      openDatabase({ file, migrations: [m1] });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(DatabaseVersionError);
    const err = caught as DatabaseVersionError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('UNAVAILABLE');
    expect(err.found).toBe(2);
    expect(err.supported).toBe(1);
    expect(err.userMessage).toContain('结构版本是 2');
    expect(err.userMessage).toContain('只支持到版本 1');
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('rejects a migration list with gaps', () => {
    expect(() => openDatabase({ file: MEMORY, migrations: [m2] })).toThrow(/without gaps/);
  });

  it('explains in Chinese when the file is not a database', () => {
    const file = join(tempDir(), 'app.db');
    writeFileSync(file, 'this is not sqlite, just some text that is long enough to have a header'.repeat(20));
    expect(() => openDatabase({ file })).toThrow(AppError);
    try {
      openDatabase({ file });
    } catch (err) {
      expect((err as AppError).code).toBe('UNAVAILABLE');
      expect((err as AppError).userMessage).toMatch(/数据库.*app\.db.*(已损坏|无法打开).*备份恢复/);
    }
  });

  it('opens an in-memory database for tests', () => {
    const db = openDatabase({ file: MEMORY });
    expect(db.schemaVersion).toBe(latestVersion());
    expect(db.pragma('journal_mode')).toBe('memory');
    expect(db.pragma('foreign_keys')).toBe(1);
    db.close();
  });

  it('transaction() commits on success and rolls back on error, nested calls included', () => {
    const db = openDatabase({ file: databaseFile(tempDir()), migrations: [m1] });
    const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
    db.transaction(() => {
      insert.run('outer');
      expect(() =>
        db.transaction(() => {
          insert.run('inner');
          throw new Error('inner fails');
        }),
      ).toThrow('inner fails');
    });
    expect(() =>
      db.transaction(() => {
        insert.run('lost');
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expect(db.prepare('SELECT body FROM notes').all()).toEqual([{ body: 'outer' }]);
    db.close();
  });
});
