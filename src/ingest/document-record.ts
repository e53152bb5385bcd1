// The reviewed-or-draft record of one ingested document: zod schema (corpus files and staff
// edits are an edge), construction from extracted metadata, and the CLI summary.
import { z } from 'zod';
import { type DocumentStatus, type ExtractedMeta, statusAsOf } from './extract-meta.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string() });
export const LevelSchema = z.enum(['national', 'provincial', 'municipal', 'district-county']);
export const StatusSchema = z.enum(['in_force', 'expired', 'not_yet', 'unknown']);
export const RegionSchema = z.object({
  code: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').nullable(),
  name: z.string().min(1),
});

const nullableSpan = SpanSchema.nullable();

export const DocumentRecordSchema = z.object({
  docId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '文档 id 只能包含小写字母、数字和连字符'),
  title: z.string().min(1).nullable(),
  attachedTitle: z.string().min(1).nullable(),
  shortTitle: z.string().min(1).nullable(),
  docNumber: z.string().min(1).nullable(),
  issuers: z.array(z.string().min(1)),
  level: LevelSchema.nullable(),
  region: RegionSchema.nullable(),
  issueDate: isoDate.nullable(),
  effectiveFrom: isoDate.nullable(),
  effectiveTo: isoDate.nullable(),
  status: StatusSchema,
  /** The date `status` was judged on. */
  statusAsOf: isoDate.nullable(),
  supersedes: z.array(z.string().min(1)),
  source: z.object({
    fileName: z.string().min(1),
    format: z.enum(['txt', 'pdf', 'html', 'docx']),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  /** False until staff have checked the extracted fields. */
  reviewed: z.boolean(),
  spans: z.object({
    title: nullableSpan,
    attachedTitle: nullableSpan,
    shortTitle: nullableSpan,
    docNumber: nullableSpan,
    issuers: z.array(SpanSchema),
    level: nullableSpan,
    region: nullableSpan,
    issueDate: nullableSpan,
    effectiveFrom: nullableSpan,
    effectiveTo: nullableSpan,
    supersedes: z.array(SpanSchema),
  }),
  warnings: z.array(z.string()),
});

export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/** A docId from the file name (kebab-case ASCII), else from the content hash. */
export function docIdFor(fileName: string, sha256: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  const slug = stem.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  // Mostly-Chinese names leave too little to be a meaningful id.
  return slug.length >= 3 && slug.length >= stem.length / 2 ? slug.slice(0, 80) : `doc-${sha256.slice(0, 12)}`;
}

export function buildDocumentRecord(
  meta: ExtractedMeta,
  { source, docId, asOf = null }: { source: DocumentRecord['source']; docId?: string; asOf?: string | null },
): DocumentRecord {
  const val = <T>(f: { value: T } | null): T | null => (f ? f.value : null);
  const sp = (f: { span: DocumentRecord['spans']['title'] } | null) => (f ? f.span : null);
  return {
    docId: docId ?? docIdFor(source.fileName, source.sha256),
    title: val(meta.title),
    attachedTitle: val(meta.attachedTitle),
    shortTitle: val(meta.shortTitle),
    docNumber: val(meta.docNumber),
    issuers: meta.issuers.map((i) => i.value),
    level: val(meta.level),
    region: val(meta.region),
    issueDate: val(meta.issueDate),
    effectiveFrom: val(meta.effectiveFrom),
    effectiveTo: val(meta.effectiveTo),
    status: meta.status,
    statusAsOf: asOf,
    supersedes: meta.supersedes.map((s) => s.value),
    source,
    reviewed: false,
    spans: {
      title: sp(meta.title),
      attachedTitle: sp(meta.attachedTitle),
      shortTitle: sp(meta.shortTitle),
      docNumber: sp(meta.docNumber),
      issuers: meta.issuers.map((i) => i.span),
      level: sp(meta.level),
      region: sp(meta.region),
      issueDate: sp(meta.issueDate),
      effectiveFrom: sp(meta.effectiveFrom),
      effectiveTo: sp(meta.effectiveTo),
      supersedes: meta.supersedes.map((s) => s.span),
    },
    warnings: meta.warnings,
  };
}

export interface MetaSummary {
  docId: string;
  title: string | null;
  docNumber: string | null;
  issuer: string | null;
  level: DocumentRecord['level'];
  region: { code: string | null; name: string | null };
  issueDate: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  inForce: boolean | null;
  status: DocumentStatus;
  supersedes: string[];
}

/**
 * The `meta <file> --json` view: the policy's own title (the attached one for 印发 notices),
 * issuers joined with 、, status judged on `asOf` (YYYY-MM-DD), never on the clock.
 */
export function metaSummary(record: DocumentRecord, asOf: string | null): MetaSummary {
  const status = asOf ? statusAsOf(record.effectiveFrom, record.effectiveTo, asOf, record.issueDate) : record.status;
  return {
    docId: record.docId,
    title: record.attachedTitle ?? record.title,
    docNumber: record.docNumber,
    issuer: record.issuers.length > 0 ? record.issuers.join('、') : null,
    level: record.level,
    region: { code: record.region?.code ?? null, name: record.region?.name ?? null },
    issueDate: record.issueDate,
    effectiveFrom: record.effectiveFrom,
    effectiveTo: record.effectiveTo,
    inForce: status === 'unknown' ? null : status === 'in_force',
    status,
    supersedes: record.supersedes,
  };
}
