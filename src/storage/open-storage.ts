// Composition helper for main.ts: the configured database and the stores built on it. SQLite
// (the embedded default, one process per data folder) or PostgreSQL (DATABASE_URL=postgres://…,
// any number of replicas). Everything above this file sees only the ports.
import type { ConversationStore } from './conversation-store.js';
import type { Database } from './database.js';
import type { FeedbackStore } from './feedback-store.js';
import { purgeOlderThan, purgeStores, type PurgeCounts } from './retention.js';
import { SCHEMA_PROBE_SQL } from './storage-health.js';
import { createSqliteConversationStore } from './sqlite/sqlite-conversation-store.js';
import { createSqliteFeedbackStore } from './sqlite/sqlite-feedback-store.js';
import { openDatabase, type OpenDatabaseOptions, type SynchronousMode } from './sqlite/open-sqlite.js';
import { openPostgres, type OpenPostgresOptions, type PgDatabase } from './postgres/pg-database.js';
import { createPgConversationStore } from './postgres/pg-conversation-store.js';
import { createPgFeedbackStore } from './postgres/pg-feedback-store.js';
import type { ApplicantStore } from './applicants/applicant-store.js';
import { createSqliteApplicantStore } from './applicants/sqlite-applicant-store.js';
import { createPgApplicantStore } from './applicants/pg-applicant-store.js';

interface StorageBase {
  feedback: FeedbackStore;
  conversations: ConversationStore;
  /** Saved applicants, their 政策体检单 and share links (shared by replicas on PostgreSQL). */
  applicants: ApplicantStore;
  /** 'sqlite <file>' or 'postgres <host:port/db>': for logs and /api/health, never credentials. */
  label: string;
  /**
   * Whether a per-process session cache is safe: only when this process is the only writer
   * (SQLite). Replicas on PostgreSQL read every session from the database.
   */
  cacheSessions: boolean;
  /** Retention: deletes everything older than `cutoff`. */
  purge(cutoff: Date): Promise<PurgeCounts>;
  /** A cheap read of every table; throws or rejects when the database cannot serve. */
  probe(): void | Promise<void>;
  readonly isOpen: boolean;
}

export interface SqliteStorage extends StorageBase {
  kind: 'sqlite';
  db: Database;
  /** Closes the database connections; stop retention first. */
  close(): void;
}

export interface PostgresStorage extends StorageBase {
  kind: 'postgres';
  pg: PgDatabase;
  close(): Promise<void>;
}

export type Storage = SqliteStorage | PostgresStorage;

export interface OpenSqliteStorageOptions extends OpenDatabaseOptions {
  /**
   * Conversation turns through a second connection with this durability (feedback always
   * commits with FULL on the first). Unset or FULL: one connection for both.
   */
  conversationSynchronous?: SynchronousMode;
}

export function openStorage(options: OpenSqliteStorageOptions): SqliteStorage {
  const db = openDatabase(options);
  const now = options.now;
  let conversationsDb = db;
  if (options.conversationSynchronous && options.conversationSynchronous !== (options.synchronous ?? 'FULL') && options.file !== ':memory:') {
    try {
      conversationsDb = openDatabase({ ...options, synchronous: options.conversationSynchronous, integrityCheck: false });
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return {
    kind: 'sqlite',
    label: `sqlite ${db.file}`,
    db,
    feedback: createSqliteFeedbackStore(db, { now }),
    conversations: createSqliteConversationStore(conversationsDb, { now }),
    applicants: createSqliteApplicantStore(db, { now }),
    cacheSessions: true,
    purge: async (cutoff) => purgeOlderThan(db, cutoff),
    probe: () => {
      for (const sql of SCHEMA_PROBE_SQL) db.prepare(sql).get();
    },
    get isOpen() {
      return db.isOpen;
    },
    close: () => {
      if (conversationsDb !== db) conversationsDb.close();
      db.close();
    },
  };
}

export async function openPostgresStorage(options: OpenPostgresOptions): Promise<PostgresStorage> {
  const pg = await openPostgres(options);
  const now = options.now;
  const feedback = createPgFeedbackStore(pg, { now });
  const conversations = createPgConversationStore(pg, { now });
  return {
    kind: 'postgres',
    label: `postgres ${pg.label}`,
    pg,
    feedback,
    conversations,
    applicants: createPgApplicantStore(pg, { now }),
    cacheSessions: false,
    // Every replica runs it; the DELETEs are idempotent, so overlapping runs only find less to do.
    purge: (cutoff) => purgeStores({ feedback, conversations }, cutoff),
    probe: async () => {
      for (const sql of SCHEMA_PROBE_SQL) await pg.query(sql);
    },
    get isOpen() {
      return pg.isOpen;
    },
    close: () => pg.close(),
  };
}

/** True for a postgres:// or postgresql:// URL. */
export const isPostgresUrl = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//i.test(url);
