// DocumentStore in memory: the reference for the contract tests. Keeps exactly what the file
// and PostgreSQL adapters keep (meta.json with its extras, the original, the text, the units).
import { AppError } from '../../domain/errors.js';
import type { DocumentMeta } from '../../domain/types.js';
import { checkDocumentId, DOCUMENT_ID, keptExtras, servedMeta, textFileFor, type ExportableDocumentStore, type ExportedDocument } from '../document-registry.js';

export function createMemoryDocumentStore(initial: readonly ExportedDocument[] = []): ExportableDocumentStore {
  const docs = new Map<string, ExportedDocument>();
  for (const d of initial) docs.set(String(d.metaJson.id), structuredClone(d));
  const metaOf = (d: ExportedDocument) => servedMeta(d.metaJson, `文件 ${String(d.metaJson.id)}`);
  const setMeta = (d: ExportedDocument, meta: DocumentMeta, extra: Record<string, unknown>) => {
    d.metaJson = JSON.parse(JSON.stringify({ ...meta, ...extra })) as Record<string, unknown>;
  };
  return {
    async list() {
      return [...docs.keys()].sort().map((id) => metaOf(docs.get(id)!));
    },
    async get(docId) {
      const d = docs.get(docId);
      return d ? { meta: metaOf(d), text: d.text, units: d.units && structuredClone(d.units) } : undefined;
    },
    async put(doc) {
      checkDocumentId(doc.meta.id);
      const d: ExportedDocument = { metaJson: {}, original: { bytes: new Uint8Array(doc.original.bytes), extension: doc.original.extension.replace(/^\./, '').toLowerCase() || 'bin' }, text: doc.text, units: structuredClone(doc.units) };
      setMeta(d, { ...doc.meta, file: textFileFor(doc.meta.id, doc.original, doc.text) }, doc.extra ?? {});
      docs.set(doc.meta.id, d);
    },
    async putUnits(docId, units) {
      checkDocumentId(docId);
      const d = docs.get(docId);
      if (d) d.units = structuredClone(units);
    },
    async withdraw(docId, at) {
      const d = DOCUMENT_ID.test(docId) ? docs.get(docId) : undefined;
      if (!d) return undefined;
      const meta = { ...metaOf(d), withdrawnAt: at.toISOString() };
      setMeta(d, meta, keptExtras(d.metaJson));
      return meta;
    },
    async updateMeta(docId, meta, extra) {
      checkDocumentId(docId);
      const d = docs.get(docId);
      if (!d) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件。`);
      setMeta(d, { ...meta, id: docId, file: metaOf(d).file }, { ...keptExtras(d.metaJson), ...extra });
    },
    async export(docId) {
      const d = docs.get(docId);
      return d && structuredClone(d);
    },
  };
}
