// UploadDraftStore on PostgreSQL (migration 4): the uploaded bytes wait in upload_drafts, so a
// publish reaching another replica than the preview finds its draft.
import type { UploadDraftStore } from '../upload-drafts.js';
import type { PgDatabase } from './pg-database.js';

interface DraftRow {
  id: string;
  file_name: string;
  sha256: string;
  doc_id: string;
  created_at: Date;
  bytes: Buffer;
}

export function createPgUploadDrafts(db: PgDatabase): UploadDraftStore {
  return {
    async save(d) {
      await db.query('INSERT INTO upload_drafts (id, file_name, sha256, doc_id, created_at, bytes) VALUES ($1, $2, $3, $4, $5, $6)', [d.id, d.fileName, d.sha256, d.docId, d.createdAt, Buffer.from(d.bytes)]);
    },
    async get(id) {
      const r = (await db.query<DraftRow>('SELECT id, file_name, sha256, doc_id, created_at, bytes FROM upload_drafts WHERE id = $1', [id])).rows[0];
      return r ? { id: r.id, fileName: r.file_name, sha256: r.sha256, docId: r.doc_id, createdAt: new Date(r.created_at), bytes: new Uint8Array(r.bytes) } : undefined;
    },
    async remove(id) {
      await db.query('DELETE FROM upload_drafts WHERE id = $1', [id]);
    },
    async purgeOlderThan(cutoff) {
      return (await db.query('DELETE FROM upload_drafts WHERE created_at < $1', [cutoff])).rowCount;
    },
  };
}
