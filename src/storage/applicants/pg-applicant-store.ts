// ApplicantStore on PostgreSQL (tables from PostgreSQL migration 2, see ../postgres/pg-migrations.ts).
// A save is one transaction under a transaction-scoped advisory lock keyed by the company (its
// credit code, else its exact name), so two replicas saving the first visit of one company at
// the same moment still make one applicant row. Ties in time are ordered by a sequence column,
// as SQLite orders them by rowid.
import { randomUUID } from 'node:crypto';
import type { PgDatabase, PgQueryable } from '../postgres/pg-database.js';
import type { ApplicantStore, ApplicantStoreOptions } from './applicant-store.js';
import { applicantFromRow as toApplicant, checklistFromRow as toChecklist, likeEscape, type ApplicantRowLike as ApplicantRow, type ChecklistRowLike as ChecklistRow } from '../row-mapping.js';

const APPLICANT_SELECT = `SELECT a.id, a.name, a.credit_code, a.created_at, a.updated_at,
  (SELECT count(*)::int FROM applicant_checklists c WHERE c.applicant_id = a.id) AS visits,
  (SELECT max(created_at) FROM applicant_checklists c WHERE c.applicant_id = a.id) AS last_visit_at FROM applicants a`;
const CHECKLIST_COLUMNS = 'id, applicant_id, created_at, as_of, region, counter, contact, snapshot_json';


const byId = async (q: PgQueryable, id: string) => (await q.query<ApplicantRow>(`${APPLICANT_SELECT} WHERE a.id = $1`, [id])).rows[0];
const checklistById = async (q: PgQueryable, id: string) => (await q.query<ChecklistRow>(`SELECT ${CHECKLIST_COLUMNS} FROM applicant_checklists WHERE id = $1`, [id])).rows[0];

export function createPgApplicantStore(db: PgDatabase, { now = () => new Date(), newId = randomUUID }: ApplicantStoreOptions = {}): ApplicantStore {
  return {
    async saveChecklist(input) {
      return db.transaction(async (tx) => {
        const at = now();
        const { name, creditCode } = input.applicant;
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [creditCode ? `applicant-code:${creditCode}` : `applicant-name:${name}`]);
        const found = creditCode
          ? (await tx.query<{ id: string }>('SELECT id FROM applicants WHERE credit_code = $1', [creditCode])).rows[0]
          : (await tx.query<{ id: string }>('SELECT id FROM applicants WHERE credit_code IS NULL AND name = $1 ORDER BY created_at LIMIT 1', [name])).rows[0];
        let id = found?.id;
        if (!id) {
          id = newId();
          await tx.query('INSERT INTO applicants (id, name, credit_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)', [id, name, creditCode, at]);
        } else {
          await tx.query('UPDATE applicants SET name = $1, updated_at = $2 WHERE id = $3', [name, at, id]);
        }
        const prev = (await tx.query<ChecklistRow>(`SELECT ${CHECKLIST_COLUMNS} FROM applicant_checklists WHERE applicant_id = $1 ORDER BY created_at DESC, seq DESC LIMIT 1`, [id])).rows[0];
        const checklistId = newId();
        await tx.query(
          'INSERT INTO applicant_checklists (id, applicant_id, created_at, as_of, region, counter, contact, snapshot_json) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [checklistId, id, at, input.asOf, input.region, input.counter, input.contact, JSON.stringify(input.snapshot)],
        );
        return {
          applicant: toApplicant((await byId(tx, id))!),
          checklist: toChecklist((await checklistById(tx, checklistId))!),
          previous: prev ? toChecklist(prev) : null,
        };
      });
    },
    async findApplicants({ text, limit }) {
      const q = text?.trim() ?? '';
      const r = await db.query<ApplicantRow>(
        `${APPLICANT_SELECT} WHERE ($1 = '' OR a.name ILIKE $2 OR a.credit_code LIKE $3) ORDER BY last_visit_at DESC NULLS LAST, a.created_at DESC LIMIT $4`,
        [q, `%${likeEscape(q)}%`, `${likeEscape(q.toUpperCase())}%`, limit],
      );
      return r.rows.map(toApplicant);
    },
    async getApplicant(id) {
      const row = await byId(db, id);
      if (!row) return undefined;
      const list = await db.query<ChecklistRow>(`SELECT ${CHECKLIST_COLUMNS} FROM applicant_checklists WHERE applicant_id = $1 ORDER BY created_at DESC, seq DESC`, [id]);
      return { applicant: toApplicant(row), checklists: list.rows.map(toChecklist) };
    },
    async getChecklist(id) {
      const row = await checklistById(db, id);
      return row ? toChecklist(row) : undefined;
    },
    async createShare(link) {
      await db.query('INSERT INTO share_links (token, checklist_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [link.token, link.checklistId, link.createdAt, link.expiresAt]);
    },
    async resolveShare(token, at) {
      const row = (
        await db.query<{ token: string; checklist_id: string; created_at: Date; expires_at: Date }>('SELECT token, checklist_id, created_at, expires_at FROM share_links WHERE token = $1 AND expires_at > $2', [token, at])
      ).rows[0];
      if (!row) return undefined;
      const c = await checklistById(db, row.checklist_id);
      if (!c) return undefined;
      return { link: { token: row.token, checklistId: row.checklist_id, createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) }, checklist: toChecklist(c) };
    },
    async purgeExpiredShares(at) {
      return (await db.query('DELETE FROM share_links WHERE expires_at <= $1', [at])).rowCount;
    },
  };
}
