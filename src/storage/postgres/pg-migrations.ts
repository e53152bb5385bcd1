// The PostgreSQL schema, as an ordered list of migrations. Append new ones; never edit one that
// has shipped. The tables mirror the SQLite schema after its migrations (same columns, JSON kept
// as text so that what was stored is what is read back); times are TIMESTAMPTZ.
import type { ExpectedTables, PgMigration } from './pg-migrate.js';

export const pgMigrations: readonly PgMigration[] = [
  {
    version: 1,
    description: 'feedback, sessions (with company profile), turns, rate-limit counters, published index versions',
    async up(tx) {
      await tx.query(`
        CREATE TABLE feedback (
          id                  BIGSERIAL   PRIMARY KEY,
          session_id          TEXT        NOT NULL,
          turn_id             TEXT        NOT NULL,
          rating              TEXT        NOT NULL CHECK (rating IN ('up', 'down')),
          comment             TEXT,
          question            TEXT        NOT NULL,
          answer              TEXT        NOT NULL,
          citations_json      TEXT        NOT NULL,
          retrieved_refs_json TEXT,
          created_at          TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX feedback_created_at ON feedback (created_at);
        CREATE INDEX feedback_rating_created_at ON feedback (rating, created_at);
        CREATE UNIQUE INDEX feedback_session_turn ON feedback (session_id, turn_id);

        CREATE TABLE sessions (
          id                 TEXT        PRIMARY KEY,
          client_id          TEXT,
          created_at         TIMESTAMPTZ NOT NULL,
          updated_at         TIMESTAMPTZ NOT NULL,
          profile_json       TEXT,
          profile_updated_at TIMESTAMPTZ
        );
        CREATE INDEX sessions_updated_at ON sessions (updated_at);
        CREATE INDEX sessions_client_created_at ON sessions (client_id, created_at);

        CREATE TABLE turns (
          id                  BIGSERIAL   PRIMARY KEY,
          session_id          TEXT        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
          turn_id             TEXT        NOT NULL,
          role                TEXT        NOT NULL CHECK (role IN ('user', 'assistant')),
          content             TEXT        NOT NULL,
          refs_json           TEXT,
          abstained           BOOLEAN,
          citations_json      TEXT,
          retrieved_refs_json TEXT,
          created_at          TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX turns_session_id ON turns (session_id, id);
        CREATE INDEX turns_session_turn ON turns (session_id, turn_id);
        CREATE INDEX turns_created_at ON turns (created_at);

        -- rate-limiter-flexible's RateLimiterPostgres layout (it is told the table exists).
        CREATE TABLE rate_limits (
          key    VARCHAR(255) PRIMARY KEY,
          points INTEGER      NOT NULL DEFAULT 0,
          expire BIGINT
        );

        -- One row per published search index; its files in index_files, in chunks.
        CREATE TABLE index_versions (
          seq          BIGSERIAL   PRIMARY KEY,
          id           TEXT        NOT NULL UNIQUE,
          corpus_hash  TEXT        NOT NULL,
          unit_count   INTEGER     NOT NULL,
          built_at     TEXT        NOT NULL,
          bytes        BIGINT      NOT NULL,
          published_by TEXT        NOT NULL,
          published_at TIMESTAMPTZ NOT NULL
        );
        CREATE TABLE index_files (
          version_seq BIGINT  NOT NULL REFERENCES index_versions (seq) ON DELETE CASCADE,
          name        TEXT    NOT NULL,
          chunk       INTEGER NOT NULL,
          sha256      TEXT    NOT NULL,
          data        BYTEA   NOT NULL,
          PRIMARY KEY (version_seq, name, chunk)
        );
      `);
    },
  },
  {
    version: 2,
    description: 'saved applicants: companies, their saved checklists (政策体检单) and expiring share links',
    async up(tx) {
      // The SQLite tables (applicant-schema.ts) with TIMESTAMPTZ times and a sequence for ties.
      await tx.query(`
        CREATE TABLE applicants (
          id          TEXT        PRIMARY KEY,
          name        TEXT        NOT NULL,
          credit_code TEXT        UNIQUE,
          created_at  TIMESTAMPTZ NOT NULL,
          updated_at  TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX applicants_name ON applicants (name);

        CREATE TABLE applicant_checklists (
          seq           BIGSERIAL   NOT NULL UNIQUE,
          id            TEXT        PRIMARY KEY,
          applicant_id  TEXT        NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
          created_at    TIMESTAMPTZ NOT NULL,
          as_of         TEXT        NOT NULL,
          region        TEXT,
          counter       TEXT,
          contact       TEXT,
          snapshot_json TEXT        NOT NULL
        );
        CREATE INDEX applicant_checklists_applicant ON applicant_checklists (applicant_id, created_at);

        CREATE TABLE share_links (
          token        TEXT        PRIMARY KEY,
          checklist_id TEXT        NOT NULL REFERENCES applicant_checklists (id) ON DELETE CASCADE,
          created_at   TIMESTAMPTZ NOT NULL,
          expires_at   TIMESTAMPTZ NOT NULL
        );
        CREATE INDEX share_links_expires_at ON share_links (expires_at);
      `);
    },
  },
  {
    version: 3,
    description: 'document registry (originals, texts, metadata, segmentations) and reviewed rules with their facts, shared by replicas',
    async up(tx) {
      await tx.query(`
        -- One row per document: meta_json is what corpus/meta/<id>.meta.json holds (the served
        -- metadata plus the extraction record and corrections), raw the original byte for byte.
        CREATE TABLE documents (
          id            TEXT        PRIMARY KEY,
          meta_json     TEXT        NOT NULL,
          raw           BYTEA       NOT NULL,
          raw_extension TEXT        NOT NULL,
          sha256        TEXT        NOT NULL,
          text          TEXT        NOT NULL,
          units_json    TEXT,
          status        TEXT        NOT NULL CHECK (status IN ('active', 'withdrawn')),
          withdrawn_at  TIMESTAMPTZ,
          created_at    TIMESTAMPTZ NOT NULL,
          updated_at    TIMESTAMPTZ NOT NULL
        );

        -- One rule file per document (corpus/rules/<docId>.rules.json) with its review state.
        CREATE TABLE rule_files (
          doc_id         TEXT        PRIMARY KEY,
          origin         TEXT        NOT NULL CHECK (origin IN ('reviewed', 'migrated', 'drafted')),
          rules_json     TEXT        NOT NULL,
          rule_count     INTEGER     NOT NULL,
          reviewed_count INTEGER     NOT NULL,
          updated_at     TIMESTAMPTZ NOT NULL
        );

        -- A document's own facts (corpus/facts/<docId>.facts.json), which its rules may name.
        CREATE TABLE rule_facts (
          scope      TEXT        PRIMARY KEY,
          facts_json TEXT        NOT NULL,
          updated_at TIMESTAMPTZ NOT NULL
        );
      `);
    },
  },
  {
    version: 4,
    description: 'uploaded files waiting between preview and publish, so that any replica can publish them',
    async up(tx) {
      await tx.query(`
        CREATE TABLE upload_drafts (
          id         TEXT        PRIMARY KEY,
          file_name  TEXT        NOT NULL,
          sha256     TEXT        NOT NULL,
          doc_id     TEXT        NOT NULL,
          created_at TIMESTAMPTZ NOT NULL,
          bytes      BYTEA       NOT NULL
        );
        CREATE INDEX upload_drafts_created_at ON upload_drafts (created_at);
      `);
    },
  },
];

export const PG_EXPECTED_TABLES: ExpectedTables = {
  schema_migrations: ['version', 'description', 'applied_at'],
  feedback: ['id', 'session_id', 'turn_id', 'rating', 'comment', 'question', 'answer', 'citations_json', 'retrieved_refs_json', 'created_at'],
  sessions: ['id', 'client_id', 'created_at', 'updated_at', 'profile_json', 'profile_updated_at'],
  turns: ['id', 'session_id', 'turn_id', 'role', 'content', 'refs_json', 'abstained', 'citations_json', 'retrieved_refs_json', 'created_at'],
  rate_limits: ['key', 'points', 'expire'],
  index_versions: ['seq', 'id', 'corpus_hash', 'unit_count', 'built_at', 'bytes', 'published_by', 'published_at'],
  index_files: ['version_seq', 'name', 'chunk', 'sha256', 'data'],
  applicants: ['id', 'name', 'credit_code', 'created_at', 'updated_at'],
  applicant_checklists: ['seq', 'id', 'applicant_id', 'created_at', 'as_of', 'region', 'counter', 'contact', 'snapshot_json'],
  share_links: ['token', 'checklist_id', 'created_at', 'expires_at'],
  documents: ['id', 'meta_json', 'raw', 'raw_extension', 'sha256', 'text', 'units_json', 'status', 'withdrawn_at', 'created_at', 'updated_at'],
  rule_files: ['doc_id', 'origin', 'rules_json', 'rule_count', 'reviewed_count', 'updated_at'],
  rule_facts: ['scope', 'facts_json', 'updated_at'],
  upload_drafts: ['id', 'file_name', 'sha256', 'doc_id', 'created_at', 'bytes'],
};
