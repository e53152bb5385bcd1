// What every DocumentStore adapter (files, memory, PostgreSQL) shares: the document id rule, how
// a stored meta.json becomes the served DocumentMeta (the extraction record and corrections kept
// beside it, not served), where a document's text lives, and the export used to copy a registry
// into another store (the PostgreSQL seed from the repository's corpus folder).
import { AppError } from '../domain/errors.js';
import type { DocumentStore, NewDocument, StoredUnits } from '../domain/ports.js';
import type { DocumentMeta } from '../domain/types.js';
import { DocumentMetaSchema } from '../corpus/document-meta.js';

export const DOCUMENT_ID = /^[a-z0-9][a-z0-9-]*$/;

export function checkDocumentId(id: string): void {
  if (!DOCUMENT_ID.test(id)) throw new AppError('BAD_REQUEST', `文档编号“${id.slice(0, 60)}”无效：只能包含小写字母、数字和连字符。`);
}

/** meta.json (as stored) → the metadata served, without the extraction record and corrections. */
export function servedMeta(json: unknown, where: string): DocumentMeta {
  const parsed = DocumentMetaSchema.safeParse(json);
  if (!parsed.success) {
    throw new AppError('CORPUS_INVALID', `${where} 的元数据无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
  }
  const { extracted: _e, corrections: _c, ...meta } = parsed.data;
  return meta as DocumentMeta;
}

/** The extraction record and corrections of a stored meta.json, to keep across rewrites. */
export function keptExtras(json: Record<string, unknown>): Record<string, unknown> {
  const { extracted, corrections } = json as { extracted?: unknown; corrections?: unknown };
  return { ...(extracted ? { extracted } : {}), ...(corrections ? { corrections } : {}) };
}

export const originalExtension = (extension: string) => extension.replace(/^\./, '').toLowerCase() || 'bin';

/**
 * meta.file for a new document: a text original serves as its own text only when it is exactly
 * that text (UTF-8, no BOM); otherwise the extracted text is kept as text/<id>.txt.
 */
export function textFileFor(id: string, original: NewDocument['original'], text: string): string {
  const ext = originalExtension(original.extension);
  return ext === 'txt' && Buffer.from(original.bytes).toString('utf8') === text ? `${id}.${ext}` : `text/${id}.txt`;
}

export interface ExportedDocument {
  /** meta.json as stored: the served metadata plus the extraction record and corrections. */
  metaJson: Record<string, unknown>;
  original: { bytes: Uint8Array; extension: string };
  text: string;
  units: StoredUnits | null;
}

export interface ExportableDocumentStore extends DocumentStore {
  /** Everything kept for a document (for copying it into another store); undefined if unknown. */
  export(docId: string): Promise<ExportedDocument | undefined>;
}
