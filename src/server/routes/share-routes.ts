// The phone side of a checklist's QR code (no login): GET /s/:token is a small page, GET
// /api/share/:token its data. A link opens exactly one saved checklist until it expires and
// reveals nothing else: the company's name, its credit code masked, the date, the counter and
// the measures that apply — no profile, no other visits, no listing. Unknown and expired links
// look the same (404).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NextFunction, Request, Response, Router } from 'express';
import { createRouter } from '../router.js';
import { AppError } from '../../domain/errors.js';
import type { ApplicantStore } from '../../storage/applicants/applicant-store.js';
import { maskCreditCode } from '../../storage/applicants/credit-code.js';
import { bundleBrowserEntry, makeAsset, type WebAsset } from './web-routes.js';

export interface ShareRouterOptions {
  store: ApplicantStore;
  rootDir: string;
  now?: () => Date;
  minify?: boolean;
}

const TOKEN = /^[A-Za-z0-9_-]{8,64}$/u;
export const SHARE_GONE = '这个链接已失效或已过期。请到办事窗口重新打印政策体检单或重新扫码。';

function send(req: Request, res: Response, asset: WebAsset): void {
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', asset.cacheControl);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.status(200).end(req.method === 'HEAD' ? undefined : asset.body);
}

export function shareRouter({ store, rootDir, now = () => new Date(), minify = true }: ShareRouterOptions): Router {
  const router = createRouter();
  const web = (...p: string[]) => join(rootDir, 'src', 'web', ...p);
  let page: Promise<WebAsset> | undefined;
  let script: Promise<WebAsset> | undefined;
  const once = (p: Promise<WebAsset> | undefined, make: () => Promise<WebAsset>, set: (v: Promise<WebAsset> | undefined) => void) => {
    if (p) return p;
    const made = make();
    set(made);
    made.catch(() => set(undefined));
    return made;
  };

  router.get('/s/share.js', (req: Request, res: Response, next: NextFunction) => {
    once(script, async () => makeAsset(await bundleBrowserEntry(web('share', 'share.ts'), minify), 'application/javascript; charset=utf-8', 'public, max-age=600'), (v) => (script = v))
      .then((a) => send(req, res, a))
      .catch((err) => next(new AppError('INTERNAL', '页面资源生成失败，请稍后再试。', { cause: err })));
  });

  router.get('/s/:token', (req: Request, res: Response, next: NextFunction) => {
    if (!TOKEN.test(String(req.params.token))) return next(new AppError('NOT_FOUND', SHARE_GONE));
    once(page, async () => makeAsset(await readFile(web('pages', 'share.html')), 'text/html; charset=utf-8', 'no-store'), (v) => (page = v))
      .then((a) => send(req, res, a))
      .catch((err) => next(new AppError('INTERNAL', '页面生成失败，请稍后再试。', { cause: err })));
  });

  router.get('/api/share/:token', async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('X-Robots-Tag', 'noindex, nofollow');
      const token = String(req.params.token);
      const found = TOKEN.test(token) ? await store.resolveShare(token, now()) : undefined;
      if (!found) throw new AppError('NOT_FOUND', SHARE_GONE);
      const { checklist: c, link } = found;
      const applicant = (await store.getApplicant(c.applicantId))?.applicant;
      res.json({
        applicant: { name: applicant?.name ?? '', creditCode: applicant?.creditCode ? maskCreditCode(applicant.creditCode) : null },
        createdAt: c.createdAt.toISOString(),
        asOf: c.asOf,
        region: c.region,
        counter: c.counter,
        expiresAt: link.expiresAt.toISOString(),
        documents: c.snapshot.documents,
        measures: c.snapshot.measures
          .filter((m) => m.status !== 'not_eligible')
          .map((m) => ({ label: m.label, title: m.title, status: m.status, benefits: m.benefits, estimate: m.estimate, actionability: m.actionability ?? null, responsibleUnits: m.responsibleUnits, missing: m.missing, document: m.document })),
        notEligible: c.snapshot.measures.filter((m) => m.status === 'not_eligible').length,
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
