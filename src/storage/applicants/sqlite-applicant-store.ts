// ApplicantStore on SQLite (tables from migration 4, see applicant-schema.ts). better-sqlite3 is
// synchronous, so every method returns a settled promise; a save is one transaction.
import { randomUUID } from 'node:crypto';
import type { Database } from '../database.js';
import type { ApplicantStore, ApplicantStoreOptions } from './applicant-store.js';
import { applicantFromRow as toApplicant, checklistFromRow as toChecklist, likeEscape, type ApplicantRowLike as ApplicantRow, type ChecklistRowLike as ChecklistRow } from '../row-mapping.js';

const APPLICANT_SELECT = `SELECT a.*, (SELECT count(*) FROM applicant_checklists c WHERE c.applicant_id = a.id) AS visits,
  (SELECT max(created_at) FROM applicant_checklists c WHERE c.applicant_id = a.id) AS last_visit_at FROM applicants a`;


export function createSqliteApplicantStore(db: Database, { now = () => new Date(), newId = randomUUID }: ApplicantStoreOptions = {}): ApplicantStore {
  const byCode = db.prepare<ApplicantRow>(`${APPLICANT_SELECT} WHERE a.credit_code = ?`);
  const byName = db.prepare<ApplicantRow>(`${APPLICANT_SELECT} WHERE a.credit_code IS NULL AND a.name = ?`);
  const byId = db.prepare<ApplicantRow>(`${APPLICANT_SELECT} WHERE a.id = ?`);
  const insertApplicant = db.prepare('INSERT INTO applicants (id, name, credit_code, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
  const touchApplicant = db.prepare('UPDATE applicants SET name = ?, updated_at = ? WHERE id = ?');
  const latest = db.prepare<ChecklistRow>('SELECT * FROM applicant_checklists WHERE applicant_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1');
  const insertChecklist = db.prepare(
    'INSERT INTO applicant_checklists (id, applicant_id, created_at, as_of, region, counter, contact, snapshot_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const checklistsOf = db.prepare<ChecklistRow>('SELECT * FROM applicant_checklists WHERE applicant_id = ? ORDER BY created_at DESC, rowid DESC');
  const checklistById = db.prepare<ChecklistRow>('SELECT * FROM applicant_checklists WHERE id = ?');
  const search = db.prepare<ApplicantRow>(
    `${APPLICANT_SELECT} WHERE (? = '' OR a.name LIKE ? ESCAPE '\\' OR a.credit_code LIKE ? ESCAPE '\\') ORDER BY last_visit_at DESC NULLS LAST LIMIT ?`,
  );
  const insertShare = db.prepare('INSERT INTO share_links (token, checklist_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const shareByToken = db.prepare<{ token: string; checklist_id: string; created_at: number; expires_at: number }>('SELECT * FROM share_links WHERE token = ? AND expires_at > ?');
  const purgeShares = db.prepare('DELETE FROM share_links WHERE expires_at <= ?');

  return {
    async saveChecklist(input) {
      return db.transaction(() => {
        const at = now().getTime();
        const { name, creditCode } = input.applicant;
        const found = creditCode ? byCode.get(creditCode) : byName.get(name);
        let id = found?.id;
        if (!id) {
          id = newId();
          insertApplicant.run(id, name, creditCode, at, at);
        } else {
          touchApplicant.run(name, at, id);
        }
        const prev = latest.get(id);
        const checklistId = newId();
        insertChecklist.run(checklistId, id, at, input.asOf, input.region, input.counter, input.contact, JSON.stringify(input.snapshot));
        return {
          applicant: toApplicant(byId.get(id)!),
          checklist: toChecklist(checklistById.get(checklistId)!),
          previous: prev ? toChecklist(prev) : null,
        };
      });
    },
    async findApplicants({ text, limit }) {
      const q = text?.trim() ?? '';
      return search.all(q, `%${likeEscape(q)}%`, `${likeEscape(q.toUpperCase())}%`, limit).map(toApplicant);
    },
    async getApplicant(id) {
      const row = byId.get(id);
      if (!row) return undefined;
      return { applicant: toApplicant(row), checklists: checklistsOf.all(id).map(toChecklist) };
    },
    async getChecklist(id) {
      const row = checklistById.get(id);
      return row ? toChecklist(row) : undefined;
    },
    async createShare(link) {
      insertShare.run(link.token, link.checklistId, link.createdAt.getTime(), link.expiresAt.getTime());
    },
    async resolveShare(token, at) {
      const row = shareByToken.get(token, at.getTime());
      if (!row) return undefined;
      const c = checklistById.get(row.checklist_id);
      if (!c) return undefined;
      return { link: { token: row.token, checklistId: row.checklist_id, createdAt: new Date(row.created_at), expiresAt: new Date(row.expires_at) }, checklist: toChecklist(c) };
    },
    async purgeExpiredShares(at) {
      return purgeShares.run(at.getTime()).changes;
    },
  };
}
