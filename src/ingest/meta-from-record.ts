// From the record the ingest extracted to the document as served (pure), and staff corrections
// on top of it: each corrected field is recorded with what was extracted, so a later re-ingest
// can keep a correction while the text still yields the same value.
import type { DocumentMeta } from '../domain/types.js';
import type { Correction } from '../corpus/document-meta.js';
import type { DocumentRecord } from './document-record.js';

/** Fields staff may correct, as they appear in DocumentMeta. */
export const CORRECTABLE = [
  'title', 'shortTitle', 'docNumber', 'issuer', 'issuers', 'level', 'issueDate', 'region', 'regionCode',
  'effectiveFrom', 'effectiveTo', 'unitValidity', 'successor', 'supersedes', 'fullTitle',
] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];

export type MetaCorrections = Partial<Pick<DocumentMeta, CorrectableField>> & { sourceUrl?: string; note?: Record<string, string> };

function fileStem(fileName: string): string {
  return fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
}

export function metaFromRecord(record: DocumentRecord, { rawFile }: { rawFile: string }): DocumentMeta {
  const from = record.effectiveFrom;
  const to = record.effectiveTo;
  const attached = record.attachedTitle;
  return {
    id: record.docId,
    title: attached ?? record.title ?? fileStem(record.source.fileName),
    ...(attached && record.title ? { fullTitle: record.title } : {}),
    shortTitle: record.shortTitle,
    docNumber: record.docNumber,
    issuer: record.issuers.length ? record.issuers.join('、') : '未识别发文机关',
    issuers: record.issuers,
    level: record.level,
    issueDate: record.issueDate,
    region: record.region?.name ?? '未识别地区',
    regionCode: record.region?.code ?? null,
    file: rawFile,
    validity: from && to ? { from, to } : null,
    effectiveFrom: from,
    effectiveTo: to,
    unitValidity: {},
    successor: null,
    supersedes: record.supersedes,
    source: { file: rawFile, fileName: record.source.fileName, format: record.source.format, sha256: record.source.sha256 },
    reviewed: false,
    withdrawnAt: null,
  };
}

/** Applies staff corrections; returns the corrected meta and the list of what changed. */
export function applyCorrections(meta: DocumentMeta, corrections: MetaCorrections): { meta: DocumentMeta; changes: Correction[] } {
  const out: DocumentMeta = { ...meta, reviewed: true };
  const changes: Correction[] = [];
  for (const field of CORRECTABLE) {
    if (!(field in corrections)) continue;
    const next = corrections[field];
    const before = meta[field];
    if (JSON.stringify(before) === JSON.stringify(next)) continue;
    (out as unknown as Record<string, unknown>)[field] = next;
    const note = corrections.note?.[field];
    changes.push({ field, extracted: before ?? null, reviewed: next ?? null, ...(note ? { note } : {}) });
  }
  if (corrections.sourceUrl && out.source) out.source = { ...out.source, url: corrections.sourceUrl };
  const from = out.effectiveFrom ?? null;
  const to = out.effectiveTo ?? null;
  out.validity = from && to ? { from, to } : null;
  return { meta: out, changes };
}
