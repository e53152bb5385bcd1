// Tables of the saved applicants (SQLite): companies, their saved checklists and share links.
// Applied by migration 4 in ../migrations.ts; kept here so the store and its DDL move together.
export const APPLICANT_TABLES_SQL = `
  CREATE TABLE applicants (
    id          TEXT    PRIMARY KEY,
    name        TEXT    NOT NULL,
    credit_code TEXT    UNIQUE,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE INDEX applicants_name ON applicants (name);

  CREATE TABLE applicant_checklists (
    id            TEXT    PRIMARY KEY,
    applicant_id  TEXT    NOT NULL REFERENCES applicants (id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    as_of         TEXT    NOT NULL,
    region        TEXT,
    counter       TEXT,
    contact       TEXT,
    snapshot_json TEXT    NOT NULL
  );
  CREATE INDEX applicant_checklists_applicant ON applicant_checklists (applicant_id, created_at);

  CREATE TABLE share_links (
    token        TEXT    PRIMARY KEY,
    checklist_id TEXT    NOT NULL REFERENCES applicant_checklists (id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
  );
  CREATE INDEX share_links_expires_at ON share_links (expires_at);
`;
