// The staff pipeline for one file: bytes → text → metadata → units → the document registry.
// The same bytes again change nothing; a changed file replaces the document (its old units leave
// the index at the next index update; stored conversations keep the quotes they showed).
import { extname } from 'node:path';
import type { DocumentStore } from '../domain/ports.js';
import type { DocumentMeta } from '../domain/types.js';
import { unitsFor } from '../corpus/load-corpus.js';
import { duplicateUnitWarnings } from '../corpus/duplicate-units.js';
import { ingestFile, sha256Hex } from './ingest-file.js';
import { docIdFor, type DocumentRecord } from './document-record.js';
import { applyCorrections, metaFromRecord, type MetaCorrections } from './meta-from-record.js';
import type { Correction } from '../corpus/document-meta.js';

export interface IngestOutcome {
  docId: string;
  status: 'added' | 'replaced' | 'unchanged';
  meta: DocumentMeta;
  record?: DocumentRecord;
  unitCount: number;
  warnings: string[];
  corrections: Correction[];
}

export interface IngestOptions {
  store: DocumentStore;
  /** Today, YYYY-MM-DD: status is judged on it. */
  asOf: string;
  docId?: string;
  /** Reviewed values for fields the extraction got wrong or could not find. */
  corrections?: MetaCorrections;
}

export async function ingestDocument(bytes: Uint8Array, fileName: string, { store, asOf, docId, corrections }: IngestOptions): Promise<IngestOutcome> {
  const sha256 = sha256Hex(bytes);
  const id = docId ?? docIdFor(fileName, sha256);
  const existing = await store.get(id);
  if (existing && existing.meta.source?.sha256 === sha256 && !corrections && !existing.meta.withdrawnAt) {
    return { docId: id, status: 'unchanged', meta: existing.meta, unitCount: existing.units?.units.length ?? 0, warnings: [], corrections: [] };
  }
  const { record, extracted } = await ingestFile(bytes, fileName, { asOf, docId: id });
  const extension = extracted.format === 'txt' ? 'txt' : extname(fileName).slice(1).toLowerCase() || extracted.format;
  let meta = metaFromRecord(record, { rawFile: `${id}.${extension}` });
  let changes: Correction[] = [];
  if (corrections) ({ meta, changes } = applyCorrections(meta, corrections));
  const { units } = unitsFor(extracted.text, null);
  await store.put({
    meta,
    original: { bytes, extension },
    text: extracted.text,
    units,
    extra: { extracted: record, ...(changes.length ? { corrections: changes } : {}) },
  });
  return {
    docId: id,
    status: existing ? 'replaced' : 'added',
    meta,
    record,
    unitCount: units.units.length,
    warnings: [...record.warnings, ...units.warnings, ...duplicateUnitWarnings(units.units)],
    corrections: changes,
  };
}
