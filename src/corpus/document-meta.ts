// zod schema for corpus/meta/<id>.meta.json: the document as served (reviewed or draft), the
// record the ingest extracted from the text (with the span each field came from), and the
// corrections staff made to it. Fields the text does not state are null.
import { z } from 'zod';
import { DocumentRecordSchema } from '../ingest/document-record.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const period = z.object({ from: isoDate, to: isoDate });

export const CorrectionSchema = z.object({
  field: z.string().min(1),
  extracted: z.unknown(),
  reviewed: z.unknown(),
  note: z.string().optional(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

export const DocumentMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '文档 id 只能包含小写字母、数字和连字符'),
  title: z.string().min(1),
  fullTitle: z.string().optional(),
  shortTitle: z.string().min(1).nullable().optional(),
  docNumber: z.string().min(1).nullable(),
  issuer: z.string().min(1),
  issuers: z.array(z.string().min(1)).optional(),
  level: z.enum(['national', 'provincial', 'municipal', 'district-county']).nullable().optional(),
  issueDate: isoDate.nullable(),
  region: z.string().min(1),
  regionCode: z.string().regex(/^\d{6}$/, '行政区划代码应为 6 位数字').nullable().optional(),
  file: z.string().min(1),
  validity: period.nullable(),
  effectiveFrom: isoDate.nullable().optional(),
  effectiveTo: isoDate.nullable().optional(),
  unitValidity: z.record(z.string(), period.extend({ quote: z.string() })).default({}),
  successor: z
    .object({ title: z.string(), docNumber: z.string(), issueDate: isoDate, held: z.boolean() })
    .nullable()
    .default(null),
  supersedes: z.array(z.string().min(1)).optional(),
  source: z
    .object({
      file: z.string().min(1),
      fileName: z.string().min(1),
      format: z.enum(['txt', 'pdf', 'html', 'docx']),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      url: z.string().url().optional(),
    })
    .optional(),
  reviewed: z.boolean().optional(),
  withdrawnAt: z.string().nullable().optional(),
  /** The one document of the single-document era, whose units were stored with bare refs ("11"). */
  legacyBareRefs: z.boolean().optional(),
  /** What the ingest read from the text, field by field with its span (kept for review). */
  extracted: DocumentRecordSchema.optional(),
  corrections: z.array(CorrectionSchema).optional(),
});

export type StoredDocumentMeta = z.infer<typeof DocumentMetaSchema>;
