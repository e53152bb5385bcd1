// GET /api/corpus-summary?region=&asOf=: the documents the assistant answers from, without their
// units (the widget's welcome line, the citation panel's link to the official source, the
// console's region and date pickers). `region` (a GB/T 2260 code or a division name) keeps the
// documents that apply there: national ones, those of the region's ancestors and those inside
// it. Status is judged on `asOf` (YYYY-MM-DD, default today), never guessed.
import { resolveRegion as resolveChainedRegion } from '../../ingest/divisions.js';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import { createRouter } from '../router.js';
import type { Corpus, DocumentMeta } from '../../domain/types.js';
import { AppError } from '../../domain/errors.js';
import { contains, findByCode, findByName, fullName, NATIONAL } from '../../ingest/divisions.js';
import { statusAsOf, type DocumentStatus } from '../../ingest/extract-meta.js';
import { parseCalendarDate } from '../schemas.js';

export interface CorpusSummaryOptions {
  /** The corpus being served now (after a reload, the new one). */
  corpus: () => Corpus;
  now?: () => Date;
}

export interface DocumentSummary {
  id: string;
  title: string;
  shortTitle: string | null;
  docNumber: string | null;
  issuer: string;
  level: DocumentMeta['level'] | null;
  region: string;
  regionCode: string | null;
  issueDate: string | null;
  validity: { from: string; to: string } | null;
  status: DocumentStatus;
  successor: DocumentMeta['successor'];
  /** Clause-specific periods, keyed by the unit's key ("<docId>:<ref>"). */
  unitPeriods: Array<{ ref: string; from: string; to: string; status: DocumentStatus }>;
  sourceUrl: string | null;
  units: number;
}

const QuerySchema = z.object({
  region: z.string().trim().max(40, '地区名称过长').optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
    .refine((s) => parseCalendarDate(s) !== undefined, '日期不存在')
    .optional(),
});

/** A region given by code or name → its division code; null when unknown. */
export function resolveRegion(region: string, documents: readonly Pick<DocumentMeta, 'regionCode'>[] = []): { code: string; name: string } | null {
  const r = region.trim();
  if (!r) return null;
  if (r === NATIONAL.code || r === NATIONAL.name) return { ...NATIONAL };
  if (/^\d{6}$/u.test(r)) {
    const d = findByCode(r);
    return d ? { code: d.code, name: fullName(d.code) } : null;
  }
  const found = findByName(r);
  if (!found.length) {
    // A full path name as the lists show it (浙江省温州市瑞安市).
    const chained = resolveChainedRegion(r);
    return chained ? { code: chained.code, name: fullName(chained.code) } : null;
  }
  // Several divisions share a name (朝阳区): prefer one related to a document of the corpus.
  const related = found.find((d) => documents.some((doc) => doc.regionCode && (contains(doc.regionCode, d.code) || contains(d.code, doc.regionCode))));
  const d = related ?? found[0]!;
  return { code: d.code, name: fullName(d.code) };
}

/** Whether a document applies in (or within) the region. Documents without a region always show. */
export function appliesIn(doc: Pick<DocumentMeta, 'regionCode'>, regionCode: string): boolean {
  if (!doc.regionCode) return true;
  return contains(doc.regionCode, regionCode) || contains(regionCode, doc.regionCode);
}

export function summarizeDocument(doc: DocumentMeta, asOf: string, unitCount: number): DocumentSummary {
  const from = doc.validity?.from ?? doc.effectiveFrom ?? null;
  const to = doc.validity?.to ?? doc.effectiveTo ?? null;
  const url = doc.source?.url && /^https?:\/\//u.test(doc.source.url) ? doc.source.url : null;
  return {
    id: doc.id,
    title: doc.title,
    shortTitle: doc.shortTitle ?? null,
    docNumber: doc.docNumber,
    issuer: doc.issuer,
    level: doc.level ?? null,
    region: doc.region,
    regionCode: doc.regionCode ?? null,
    issueDate: doc.issueDate,
    validity: doc.validity,
    status: statusAsOf(from, to, asOf, doc.issueDate),
    successor: doc.successor,
    unitPeriods: Object.entries(doc.unitValidity ?? {}).map(([ref, p]) => ({ ref: `${doc.id}:${ref}`, from: p.from, to: p.to, status: statusAsOf(p.from, p.to, asOf) })),
    sourceUrl: url,
    units: unitCount,
  };
}

export function corpusSummaryRouter({ corpus, now = () => new Date() }: CorpusSummaryOptions): Router {
  const router = createRouter();
  router.get('/api/corpus-summary', (req: Request, res: Response, next: NextFunction) => {
    try {
      const parsed = QuerySchema.safeParse(req.query);
      if (!parsed.success) throw new AppError('BAD_REQUEST', `查询参数有误：${parsed.error.issues[0]!.message}。`);
      const { region, asOf = now().toISOString().slice(0, 10) } = parsed.data;
      const c = corpus();
      const scope = region ? resolveRegion(region, c.documents) : null;
      if (region && !scope) throw new AppError('BAD_REQUEST', `无法识别地区“${region.slice(0, 20)}”：请填写行政区划名称（如 瑞安市）或 6 位代码（如 330381）。`);
      const counts = new Map<string, number>();
      for (const u of c.units) counts.set(u.docId, (counts.get(u.docId) ?? 0) + 1);
      const docs = c.documents.filter((d) => !d.withdrawnAt && (!scope || appliesIn(d, scope.code)));
      res.setHeader('Cache-Control', 'no-cache');
      res.json({ asOf, region: scope, total: docs.length, documents: docs.map((d) => summarizeDocument(d, asOf, counts.get(d.id) ?? 0)) });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
