// DocumentStore on PostgreSQL (migration 3): one row per document in `documents` — meta_json as
// corpus/meta/<id>.meta.json holds it (served metadata, extraction record, corrections), the
// original byte for byte (bytea) with its extension and sha256, the extracted text, the stored
// segmentation, status/withdrawn_at and updated_at. Each write is one statement (a row replaced
// whole), so a reader on any replica sees the old document or the new one, never a mix.
import { createHash } from 'node:crypto';
import { AppError } from '../../domain/errors.js';
import type { StoredUnits } from '../../domain/ports.js';
import type { DocumentMeta } from '../../domain/types.js';
import { checkDocumentId, DOCUMENT_ID, keptExtras, originalExtension, servedMeta, textFileFor, type ExportableDocumentStore, type ExportedDocument } from '../document-registry.js';
import type { PgDatabase, PgQueryable } from './pg-database.js';

interface DocumentRow {
  id: string;
  meta_json: string;
  text: string;
  units_json: string | null;
}

const metaOf = (r: Pick<DocumentRow, 'id' | 'meta_json'>) => servedMeta(JSON.parse(r.meta_json), `数据库中文件 ${r.id}`);
const unitsOf = (r: Pick<DocumentRow, 'units_json'>) => (r.units_json === null ? null : (JSON.parse(r.units_json) as StoredUnits));

/** Inserts or replaces a document row from what another store exported (also used by the seed). */
export async function upsertDocumentRow(q: PgQueryable, doc: ExportedDocument, at: Date): Promise<void> {
  const id = String(doc.metaJson.id ?? '');
  checkDocumentId(id);
  const withdrawnAt = typeof doc.metaJson.withdrawnAt === 'string' ? new Date(doc.metaJson.withdrawnAt) : null;
  const bytes = Buffer.from(doc.original.bytes);
  await q.query(
    `INSERT INTO documents (id, meta_json, raw, raw_extension, sha256, text, units_json, status, withdrawn_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
     ON CONFLICT (id) DO UPDATE SET meta_json = excluded.meta_json, raw = excluded.raw, raw_extension = excluded.raw_extension,
       sha256 = excluded.sha256, text = excluded.text, units_json = excluded.units_json, status = excluded.status,
       withdrawn_at = excluded.withdrawn_at, updated_at = excluded.updated_at`,
    [
      id,
      JSON.stringify(doc.metaJson),
      bytes,
      originalExtension(doc.original.extension),
      createHash('sha256').update(bytes).digest('hex'),
      doc.text,
      doc.units === null ? null : JSON.stringify(doc.units),
      withdrawnAt ? 'withdrawn' : 'active',
      withdrawnAt && !Number.isNaN(withdrawnAt.getTime()) ? withdrawnAt : null,
      at,
    ],
  );
}

export function createPgDocumentStore(db: PgDatabase, { now = () => new Date() }: { now?: () => Date } = {}): ExportableDocumentStore {
  const row = async (docId: string) => (await db.query<DocumentRow>('SELECT id, meta_json, text, units_json FROM documents WHERE id = $1', [docId])).rows[0];
  const writeMeta = async (docId: string, meta: DocumentMeta, extra: Record<string, unknown>) => {
    await db.query("UPDATE documents SET meta_json = $2, status = $3, withdrawn_at = $4, updated_at = $5 WHERE id = $1", [
      docId,
      JSON.stringify({ ...meta, ...extra }),
      meta.withdrawnAt ? 'withdrawn' : 'active',
      meta.withdrawnAt ? new Date(meta.withdrawnAt) : null,
      now(),
    ]);
  };
  return {
    async list() {
      const rows = await db.query<DocumentRow>('SELECT id, meta_json FROM documents ORDER BY id COLLATE "C"');
      return rows.rows.map(metaOf);
    },
    async get(docId) {
      if (!DOCUMENT_ID.test(docId)) return undefined;
      const r = await row(docId);
      return r ? { meta: metaOf(r), text: r.text, units: unitsOf(r) } : undefined;
    },
    async put(doc) {
      checkDocumentId(doc.meta.id);
      const metaJson = JSON.parse(JSON.stringify({ ...doc.meta, file: textFileFor(doc.meta.id, doc.original, doc.text), ...doc.extra })) as Record<string, unknown>;
      await upsertDocumentRow(db, { metaJson, original: doc.original, text: doc.text, units: doc.units }, now());
    },
    async putUnits(docId, units) {
      checkDocumentId(docId);
      await db.query('UPDATE documents SET units_json = $2, updated_at = $3 WHERE id = $1', [docId, JSON.stringify(units), now()]);
    },
    async withdraw(docId, at) {
      if (!DOCUMENT_ID.test(docId)) return undefined;
      const r = await row(docId);
      if (!r) return undefined;
      const meta = { ...metaOf(r), withdrawnAt: at.toISOString() };
      await writeMeta(docId, meta, keptExtras(JSON.parse(r.meta_json) as Record<string, unknown>));
      return meta;
    },
    async updateMeta(docId, meta, extra) {
      checkDocumentId(docId);
      const r = await row(docId);
      if (!r) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件。`);
      await writeMeta(docId, { ...meta, id: docId, file: metaOf(r).file }, { ...keptExtras(JSON.parse(r.meta_json) as Record<string, unknown>), ...extra });
    },
    async export(docId) {
      if (!DOCUMENT_ID.test(docId)) return undefined;
      const r = (await db.query<DocumentRow & { raw: Buffer; raw_extension: string }>('SELECT id, meta_json, text, units_json, raw, raw_extension FROM documents WHERE id = $1', [docId])).rows[0];
      if (!r) return undefined;
      return { metaJson: JSON.parse(r.meta_json) as Record<string, unknown>, original: { bytes: new Uint8Array(r.raw), extension: r.raw_extension }, text: r.text, units: unitsOf(r) };
    },
  };
}
