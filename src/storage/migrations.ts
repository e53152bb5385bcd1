// The schema, as an ordered list of migrations. Append new ones; never edit one that has shipped.
// Each runs in its own transaction together with the version bump (see migrate.ts).
// Times are stored as INTEGER epoch milliseconds (UTC) so that range queries use the indexes.
// A future migration that rebuilds a table must not rely on `PRAGMA foreign_keys = OFF`: that
// pragma is a no-op inside a transaction, so the rebuild has to keep the references valid itself.
import type { Database } from './database.js';
import { APPLICANT_TABLES_SQL } from './applicants/applicant-schema.js';

export interface Migration {
  /** 1, 2, 3, … with no gaps; stored in `PRAGMA user_version` once applied. */
  version: number;
  description: string;
  up(db: Database, context: MigrationContext): void;
}

export interface MigrationContext {
  /**
   * The document whose units were stored with bare refs ("11") while the corpus held one
   * document; taken from the corpus metadata (`legacyBareRefs: true`). Without it, bare refs stay.
   */
  legacyDocId?: string;
}

/** "11" → "<docId>:11" in a JSON array of refs or of objects with a `ref`. */
function qualifyJson(json: string | null, docId: string): string | null {
  if (json === null) return null;
  const list = JSON.parse(json) as unknown[];
  const q = (r: string) => (r.includes(':') ? r : `${docId}:${r}`);
  return JSON.stringify(list.map((x) => (typeof x === 'string' ? q(x) : x && typeof x === 'object' && typeof (x as { ref?: unknown }).ref === 'string' ? { ...x, ref: q((x as { ref: string }).ref) } : x)));
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'feedback, sessions (with company profile) and turns',
    up(db) {
      db.exec(`
        CREATE TABLE feedback (
          id                  INTEGER PRIMARY KEY AUTOINCREMENT,
          session_id          TEXT    NOT NULL,
          turn_id             TEXT    NOT NULL,
          rating              TEXT    NOT NULL CHECK (rating IN ('up', 'down')),
          comment             TEXT,
          question            TEXT    NOT NULL,
          answer              TEXT    NOT NULL,
          citations_json      TEXT    NOT NULL,
          retrieved_refs_json TEXT,
          created_at          INTEGER NOT NULL
        );
        CREATE INDEX feedback_created_at ON feedback (created_at);
        CREATE INDEX feedback_rating_created_at ON feedback (rating, created_at);

        CREATE TABLE sessions (
          id                 TEXT    PRIMARY KEY,
          client_id          TEXT,
          created_at         INTEGER NOT NULL,
          updated_at         INTEGER NOT NULL,
          profile_json       TEXT,
          profile_updated_at INTEGER
        );
        CREATE INDEX sessions_updated_at ON sessions (updated_at);
        CREATE INDEX sessions_client_created_at ON sessions (client_id, created_at);

        CREATE TABLE turns (
          id         INTEGER PRIMARY KEY AUTOINCREMENT,
          session_id TEXT    NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          turn_id    TEXT    NOT NULL,
          role       TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
          content    TEXT    NOT NULL,
          refs_json  TEXT,
          abstained  INTEGER CHECK (abstained IN (0, 1)),
          created_at INTEGER NOT NULL
        );
        CREATE INDEX turns_session_id ON turns (session_id, id);
        CREATE INDEX turns_created_at ON turns (created_at);
      `);
    },
  },
  {
    version: 2,
    description: 'assistant turns keep their citations and retrieved refs; one feedback row per turn',
    up(db) {
      db.exec(`
        ALTER TABLE turns ADD COLUMN citations_json TEXT;
        ALTER TABLE turns ADD COLUMN retrieved_refs_json TEXT;
        CREATE INDEX turns_session_turn ON turns (session_id, turn_id);
        -- Earlier versions kept every rating: keep the latest per turn.
        DELETE FROM feedback WHERE id NOT IN (SELECT MAX(id) FROM feedback GROUP BY session_id, turn_id);
        CREATE UNIQUE INDEX feedback_session_turn ON feedback (session_id, turn_id);
      `);
    },
  },
  {
    version: 3,
    description: 'unit keys are "<docId>:<ref>" everywhere: bare refs in stored turns and feedback are qualified',
    up(db, { legacyDocId }) {
      if (!legacyDocId) return;
      const turns = db.prepare<{ id: number; refs_json: string | null; citations_json: string | null; retrieved_refs_json: string | null }>(
        'SELECT id, refs_json, citations_json, retrieved_refs_json FROM turns WHERE refs_json IS NOT NULL OR citations_json IS NOT NULL OR retrieved_refs_json IS NOT NULL',
      );
      const setTurn = db.prepare('UPDATE turns SET refs_json = ?, citations_json = ?, retrieved_refs_json = ? WHERE id = ?');
      for (const t of turns.all()) {
        setTurn.run(qualifyJson(t.refs_json, legacyDocId), qualifyJson(t.citations_json, legacyDocId), qualifyJson(t.retrieved_refs_json, legacyDocId), t.id);
      }
      const feedback = db.prepare<{ id: number; citations_json: string; retrieved_refs_json: string | null }>('SELECT id, citations_json, retrieved_refs_json FROM feedback');
      const setFeedback = db.prepare('UPDATE feedback SET citations_json = ?, retrieved_refs_json = ? WHERE id = ?');
      for (const f of feedback.all()) setFeedback.run(qualifyJson(f.citations_json, legacyDocId), qualifyJson(f.retrieved_refs_json, legacyDocId), f.id);
    },
  },
  {
    version: 4,
    description: 'saved applicants: companies, their saved checklists (政策体检单) and expiring share links',
    up(db) {
      db.exec(APPLICANT_TABLES_SQL);
    },
  },
];

/** The newest schema version this program knows. */
export function latestVersion(list: readonly Migration[] = migrations): number {
  return list.length ? list[list.length - 1]!.version : 0;
}
