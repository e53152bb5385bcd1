// Saved applicants behind staff-auth (the counter console): save a visit's 政策体检单 under the
// company (name and 统一社会信用代码, the code checked by its GB 32100 check character), find
// companies again, read their visits, and make a short link that opens one checklist on a phone
// until it expires (SHARE_LINK_TTL_HOURS). Handlers validate, delegate to the store, respond.
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { createRouter } from '../router.js';
import { AppError } from '../../domain/errors.js';
import { ChecklistSnapshotSchema, type ApplicantRecord, type ApplicantStore, type SavedChecklist } from '../../storage/applicants/applicant-store.js';
import { checkCreditCode } from '../../storage/applicants/credit-code.js';
import { parseCalendarDate } from '../schemas.js';

export interface ApplicantRouterOptions {
  store: ApplicantStore;
  auth: RequestHandler;
  /** How long a share link opens its checklist. */
  shareTtlMs: number;
  now?: () => Date;
  /** 12 URL-safe characters (72 random bits) by default. */
  newToken?: () => string;
}

const text = (name: string, max: number) => z.string({ message: `${name}必须是文本` }).trim().max(max, `${name}过长，最多 ${max} 字`);
const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((s) => parseCalendarDate(s) !== undefined, '日期不存在');

export const SaveChecklistSchema = z
  .object({
    applicant: z.object({
      name: text('企业名称', 100).min(2, '请填写申请单位（企业）名称'),
      creditCode: text('统一社会信用代码', 30).optional().nullable(),
    }),
    contact: text('经办人', 40).optional().nullable(),
    counter: text('受理窗口', 40).optional().nullable(),
    region: text('地区', 60).optional().nullable(),
    asOf: isoDay,
    snapshot: ChecklistSnapshotSchema,
  })
  .strict();

const FindSchema = z.object({ q: text('检索词', 100).optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
const ID = /^[A-Za-z0-9-]{8,64}$/u;

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new AppError('BAD_REQUEST', `请求参数有误：${issue.message}（${issue.path.join('.') || '请求体'}）。请修改后重试。`, { details: r.error.issues });
}

export const applicantView = (a: ApplicantRecord) => ({
  id: a.id,
  name: a.name,
  creditCode: a.creditCode,
  visits: a.visits,
  createdAt: a.createdAt.toISOString(),
  lastVisitAt: a.lastVisitAt?.toISOString() ?? null,
});

export const checklistView = (c: SavedChecklist, withSnapshot = true) => {
  const count = (s: string) => c.snapshot.measures.filter((m) => m.status === s).length;
  return {
    id: c.id,
    applicantId: c.applicantId,
    createdAt: c.createdAt.toISOString(),
    asOf: c.asOf,
    region: c.region,
    counter: c.counter,
    contact: c.contact,
    counts: { eligible: count('eligible'), possible: count('possible'), not_eligible: count('not_eligible') },
    ...(withSnapshot ? { snapshot: c.snapshot } : {}),
  };
};

export function applicantRouter({ store, auth, shareTtlMs, now = () => new Date(), newToken = () => randomBytes(9).toString('base64url') }: ApplicantRouterOptions): Router {
  const router = createRouter();
  router.use('/api/staff/applicants', auth);
  router.use('/api/staff/checklists', auth);
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    fn(req, res).catch(next);
  };
  const idParam = (req: Request) => {
    const id = String(req.params.id);
    if (!ID.test(id)) throw new AppError('BAD_REQUEST', '编号格式不正确。');
    return id;
  };

  router.post(
    '/api/staff/applicants/checklists',
    handle(async (req, res) => {
      const body = parse(SaveChecklistSchema, req.body);
      let creditCode: string | null = null;
      if (body.applicant.creditCode) {
        const check = checkCreditCode(body.applicant.creditCode);
        if (!check.ok) throw new AppError('BAD_REQUEST', check.message);
        creditCode = check.code;
      }
      const saved = await store.saveChecklist({
        applicant: { name: body.applicant.name, creditCode },
        asOf: body.asOf,
        region: body.region || null,
        counter: body.counter || null,
        contact: body.contact || null,
        snapshot: body.snapshot,
      });
      res.status(201).json({ applicant: applicantView(saved.applicant), checklist: checklistView(saved.checklist, false), previous: saved.previous ? checklistView(saved.previous) : null });
    }),
  );

  router.get(
    '/api/staff/applicants',
    handle(async (req, res) => {
      const q = parse(FindSchema, req.query);
      res.json({ items: (await store.findApplicants({ text: q.q, limit: q.limit })).map(applicantView) });
    }),
  );

  router.get(
    '/api/staff/applicants/:id',
    handle(async (req, res) => {
      const found = await store.getApplicant(idParam(req));
      if (!found) throw new AppError('NOT_FOUND', '没有找到这家企业的档案，可能编号有误。');
      res.json({ applicant: applicantView(found.applicant), checklists: found.checklists.map((c) => checklistView(c, false)) });
    }),
  );

  router.get(
    '/api/staff/checklists/:id',
    handle(async (req, res) => {
      const c = await store.getChecklist(idParam(req));
      if (!c) throw new AppError('NOT_FOUND', '没有找到这份政策体检单。');
      res.json(checklistView(c));
    }),
  );

  router.post(
    '/api/staff/checklists/:id/share',
    handle(async (req, res) => {
      const c = await store.getChecklist(idParam(req));
      if (!c) throw new AppError('NOT_FOUND', '没有找到这份政策体检单，请先保存后再生成二维码。');
      const at = now();
      await store.purgeExpiredShares(at);
      const token = newToken();
      const expiresAt = new Date(at.getTime() + shareTtlMs);
      await store.createShare({ token, checklistId: c.id, createdAt: at, expiresAt });
      res.status(201).json({ token, path: `/s/${token}`, expiresAt: expiresAt.toISOString() });
    }),
  );
  return router;
}
