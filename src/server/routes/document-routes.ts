// 文件管理 behind staff-auth: upload a policy file for a preview (format sniffed from its bytes,
// never executed; size limit UPLOAD_MAX_BYTES), see the metadata extracted with the text each
// field came from and the segmentation (units with refs, warnings), correct and publish it, list
// the documents with their status as of a date (filters: region, level, status), withdraw one.
// After a publish or withdraw the running server reloads (the same reload as POST /api/staff/reload).
//
// The upload takes the raw file as the request body (any Content-Type; the name in the
// X-File-Name header, URL-encoded), so it is mounted before the JSON-only rule and the JSON
// body parser (createApp's `before`); everything else here is JSON and mounted as a router.
import { randomBytes } from 'node:crypto';
import { createFileUploadDrafts, type UploadDraftStore } from '../../storage/upload-drafts.js';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { createRouter } from '../router.js';
import { AppError } from '../../domain/errors.js';
import type { DocumentStore } from '../../domain/ports.js';
import type { DocumentMeta } from '../../domain/types.js';
import { sniffFormat } from '../../ingest/formats/sniff-format.js';
import { ingestFile, sha256Hex } from '../../ingest/ingest-file.js';
import { ingestDocument } from '../../ingest/ingest-document.js';
import { metaSummary, LevelSchema, type DocumentRecord } from '../../ingest/document-record.js';
import { statusAsOf, type DocumentStatus } from '../../ingest/extract-meta.js';
import { unitsFor } from '../../corpus/load-corpus.js';
import { unitLabel } from '../../corpus/labels.js';
import { contains } from '../../ingest/divisions.js';
import type { ReloadSummary } from './staff-routes.js';
import { parseCalendarDate } from '../schemas.js';
import { resolveRegion } from './corpus-summary-route.js';

export interface DocumentRoutesOptions {
  store: DocumentStore;
  auth: RequestHandler;
  /** Where drafts wait between preview and publish (DATA_DIR/uploads), unless `drafts` is given. */
  uploadDir: string;
  /** The drafts' store (PostgreSQL with several replicas: the publish may reach another replica). */
  drafts?: UploadDraftStore;
  maxBytes: number;
  /** The staff reload: the running server picks up the change. */
  reload: () => Promise<ReloadSummary>;
  now?: () => Date;
  /** Drafts older than this are deleted at the next upload (default one day). */
  draftTtlMs?: number;
}

const ID = /^[a-z0-9][a-z0-9-]{0,79}$/u;
const DRAFT = /^[A-Za-z0-9_-]{16,32}$/u;
const today = (now: () => Date) => now().toISOString().slice(0, 10);
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => parseCalendarDate(s) !== undefined, '日期不存在');
const nullableText = (max: number) => z.string().trim().min(1).max(max).nullable();

/** What staff may correct before publishing (a subset of MetaCorrections, validated). */
export const CorrectionsSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    shortTitle: nullableText(100),
    docNumber: nullableText(80),
    issuer: z.string().trim().min(1).max(200),
    level: LevelSchema.nullable(),
    region: z.string().trim().min(1).max(60),
    regionCode: z.string().regex(/^\d{6}$/u, '行政区划代码应为 6 位数字').nullable(),
    issueDate: isoDay.nullable(),
    effectiveFrom: isoDay.nullable(),
    effectiveTo: isoDay.nullable(),
    sourceUrl: z.string().trim().url('来源网址格式不正确').refine((u) => /^https?:\/\//u.test(u), '来源网址应以 http:// 或 https:// 开头'),
  })
  .partial()
  .strict();

const PublishSchema = z
  .object({
    draftId: z.string().regex(DRAFT, '草稿编号格式不正确'),
    docId: z.string().regex(ID, '文档编号只能包含小写字母、数字和连字符（最多 80 个字符），且以字母或数字开头').optional(),
    corrections: CorrectionsSchema.default({}),
    asOf: isoDay.optional(),
  })
  .strict();

const ListSchema = z.object({
  region: z.string().trim().max(40).optional(),
  level: LevelSchema.optional(),
  status: z.enum(['in_force', 'expired', 'not_yet', 'unknown', 'withdrawn']).optional(),
  asOf: isoDay.optional(),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new AppError('BAD_REQUEST', `请求参数有误：${issue.message}（${issue.path.join('.') || '请求体'}）。请修改后重试。`, { details: r.error.issues });
}

/** A few characters either side of a span, so staff see where a field was read. */
function spanContext(text: string, span: { start: number; end: number } | null | undefined) {
  if (!span) return null;
  const before = text.slice(Math.max(0, span.start - 24), span.start).replace(/\s+/gu, ' ');
  const after = text.slice(span.end, span.end + 24).replace(/\s+/gu, ' ');
  return { before, text: text.slice(span.start, span.end), after, start: span.start, end: span.end };
}

export function fieldSources(text: string, record: DocumentRecord) {
  const s = record.spans;
  return {
    title: spanContext(text, s.title),
    attachedTitle: spanContext(text, s.attachedTitle),
    shortTitle: spanContext(text, s.shortTitle),
    docNumber: spanContext(text, s.docNumber),
    issuers: s.issuers.map((x) => spanContext(text, x)),
    level: spanContext(text, s.level),
    region: spanContext(text, s.region),
    issueDate: spanContext(text, s.issueDate),
    effectiveFrom: spanContext(text, s.effectiveFrom),
    effectiveTo: spanContext(text, s.effectiveTo),
    supersedes: s.supersedes.map((x) => spanContext(text, x)),
  };
}

export function documentStatus(meta: DocumentMeta, asOf: string): DocumentStatus | 'withdrawn' {
  if (meta.withdrawnAt) return 'withdrawn';
  const from = meta.validity?.from ?? meta.effectiveFrom ?? null;
  const to = meta.validity?.to ?? meta.effectiveTo ?? null;
  return statusAsOf(from, to, asOf, meta.issueDate);
}

/** The file name from X-File-Name (URL-encoded UTF-8), without any path. */
function fileNameOf(req: Request): string {
  const raw = req.get('X-File-Name') ?? '';
  let name = raw;
  try {
    name = decodeURIComponent(raw);
  } catch {
    // a name that is not URL-encoded is taken as is
  }
  name = name.replace(/^.*[\\/]/u, '').replace(/[\p{C}]/gu, '').trim().slice(0, 200);
  if (!name) throw new AppError('BAD_REQUEST', '缺少文件名：请在请求头 X-File-Name 中提供（URL 编码的）文件名，例如 policy.pdf。');
  return name;
}

export function documentRoutes({ store, auth, uploadDir, drafts = createFileUploadDrafts(uploadDir), maxBytes, reload, now = () => new Date(), draftTtlMs = 24 * 3600_000 }: DocumentRoutesOptions): { upload: Router; router: Router } {
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `文件超过上传上限 ${mb(maxBytes)}（UPLOAD_MAX_BYTES）。请压缩或拆分后再上传。`);
  const purgeDrafts = () => drafts.purgeOlderThan(new Date(now().getTime() - draftTtlMs));

  const upload = createRouter();
  upload.post(
    '/api/staff/documents/preview',
    auth,
    (req: Request, _res: Response, next: NextFunction) => {
      const length = Number(req.get('Content-Length') ?? NaN);
      if (Number.isFinite(length) && length > maxBytes) return next(tooLarge());
      next();
    },
    express.raw({ type: () => true, limit: maxBytes }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const name = fileNameOf(req);
        const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
        let format: string;
        try {
          format = sniffFormat(bytes, name);
        } catch (err) {
          const msg = err instanceof AppError ? err.userMessage : '无法识别文件格式。';
          throw new AppError(bytes.length === 0 ? 'BAD_REQUEST' : 'UNSUPPORTED_MEDIA_TYPE', msg, { cause: err });
        }
        const asOf = typeof req.query.asOf === 'string' && parseCalendarDate(req.query.asOf) ? req.query.asOf : today(now);
        const docIdParam = typeof req.query.docId === 'string' && ID.test(req.query.docId) ? req.query.docId : undefined;
        const { record, extracted } = await ingestFile(bytes, name, { asOf, ...(docIdParam ? { docId: docIdParam } : {}) });
        const { units } = unitsFor(extracted.text, null);
        await purgeDrafts();
        const draftId = randomBytes(12).toString('base64url');
        await drafts.save({ id: draftId, fileName: name, sha256: sha256Hex(bytes), docId: record.docId, createdAt: now(), bytes });
        const existing = await store.get(record.docId);
        res.setHeader('Cache-Control', 'no-store');
        res.status(201).json({
          draftId,
          fileName: name,
          format,
          size: bytes.length,
          sha256: record.source.sha256,
          docId: record.docId,
          existing: existing ? { title: existing.meta.title, sameFile: existing.meta.source?.sha256 === record.source.sha256, withdrawn: !!existing.meta.withdrawnAt } : null,
          record,
          summary: metaSummary(record, asOf),
          sources: fieldSources(extracted.text, record),
          textLength: extracted.text.length,
          units: units.units.map((u) => ({ ref: `${record.docId}:${u.ref}`, kind: u.kind, number: u.number, section: u.section, label: unitLabel(u), title: u.title, chars: u.text.length, preview: u.text.slice(0, 80), responsibleUnits: u.units })),
          warnings: [...record.warnings, ...units.warnings],
        });
      } catch (err) {
        next(err);
      }
    },
  );
  // Body-parser failures (too large, aborted) get our codes and Chinese messages.
  upload.use('/api/staff/documents/preview', (err: unknown, _req: Request, _res: Response, next: NextFunction) => {
    const type = (err as { type?: string } | null)?.type;
    if (type === 'entity.too.large') return next(tooLarge());
    if (type === 'request.aborted') return next(new AppError('BAD_REQUEST', '上传中断，请重新上传。', { cause: err }));
    next(err);
  });

  const router = createRouter();
  router.use('/api/staff/documents', auth);

  router.post('/api/staff/documents/publish', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = parse(PublishSchema, req.body);
      const draft = await drafts.get(body.draftId);
      if (!draft) throw new AppError('NOT_FOUND', '找不到这个上传草稿（可能已发布或已过期），请重新上传文件。');
      const bytes = draft.bytes;
      const c = body.corrections;
      const corrections = {
        ...c,
        ...(c.issuer ? { issuers: c.issuer.split(/[、,，]/u).map((s) => s.trim()).filter(Boolean) } : {}),
        ...(c.region !== undefined && c.regionCode === undefined ? { regionCode: resolveRegion(c.region)?.code ?? null } : {}),
      };
      const outcome = await ingestDocument(bytes, draft.fileName, {
        store,
        asOf: body.asOf ?? today(now),
        docId: body.docId ?? draft.docId,
        corrections,
      });
      await drafts.remove(body.draftId);
      const index = await reload();
      res.json({ docId: outcome.docId, status: outcome.status, meta: outcome.meta, unitCount: outcome.unitCount, warnings: outcome.warnings, corrections: outcome.corrections, index });
    } catch (err) {
      next(err);
    }
  });

  router.get('/api/staff/documents', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const q = parse(ListSchema, req.query);
      const asOf = q.asOf ?? today(now);
      const metas = await store.list();
      const scope = q.region ? resolveRegion(q.region, metas) : null;
      if (q.region && !scope) throw new AppError('BAD_REQUEST', `无法识别地区“${q.region.slice(0, 20)}”：请填写行政区划名称（如 瑞安市）或 6 位代码。`);
      const rows = metas.map((m) => ({
        id: m.id,
        title: m.title,
        docNumber: m.docNumber,
        issuer: m.issuer,
        level: m.level ?? null,
        region: m.region,
        regionCode: m.regionCode ?? null,
        issueDate: m.issueDate,
        validity: m.validity,
        status: documentStatus(m, asOf),
        reviewed: !!m.reviewed,
        withdrawnAt: m.withdrawnAt ?? null,
        format: m.source?.format ?? null,
        sourceUrl: m.source?.url ?? null,
      }));
      const filtered = rows.filter(
        (r) =>
          (!q.level || r.level === q.level) &&
          (!q.status || r.status === q.status) &&
          (!scope || (r.regionCode ? contains(r.regionCode, scope.code) || contains(scope.code, r.regionCode) : false)),
      );
      const regions = [...new Map(rows.filter((r) => r.regionCode).map((r) => [r.regionCode!, r.region])).entries()].map(([code, name]) => ({ code, name }));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ asOf, total: filtered.length, documents: filtered, regions });
    } catch (err) {
      next(err);
    }
  });

  router.post('/api/staff/documents/:docId/withdraw', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const docId = String(req.params.docId);
      if (!ID.test(docId)) throw new AppError('BAD_REQUEST', '文档编号格式不正确。');
      const active = (await store.list()).filter((m) => !m.withdrawnAt);
      if (active.length === 1 && active[0]!.id === docId) throw new AppError('BAD_REQUEST', '这是语料库中唯一可用的文件，撤回后将无法作答。请先发布其他文件再撤回。');
      const meta = await store.withdraw(docId, now());
      if (!meta) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件。`);
      const index = await reload();
      res.json({ docId, withdrawnAt: meta.withdrawnAt, index });
    } catch (err) {
      next(err);
    }
  });

  return { upload, router };
}
