// Staff endpoints behind staff-auth: browse feedback, export it as draft evaluation cases (JSONL)
// and reload the corpus and search index without a restart.
import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { createRouter } from '../router.js';
import type { FeedbackStore } from '../../storage/feedback-store.js';
import { parseOrThrow, staffExportQuerySchema, staffFeedbackQuerySchema } from '../schemas.js';

export interface ReloadSummary {
  units: number;
  corpusHash: string;
  builtAt: string;
  rebuilt: boolean;
  reason?: string;
}

export interface StaffRouterOptions {
  feedback: FeedbackStore;
  auth: RequestHandler;
  /** Reloads corpus and index and swaps them in; absent means reloading is not offered. */
  reload?: () => Promise<ReloadSummary>;
  now?: () => Date;
}

export function staffRouter({ feedback, auth, reload, now = () => new Date() }: StaffRouterOptions): Router {
  const router = createRouter();
  router.use('/api/staff', auth);

  router.get('/api/staff/feedback', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const q = parseOrThrow(staffFeedbackQuerySchema, req.query);
      const page = await feedback.list(q);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ items: page.items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })), total: page.total });
    } catch (err) {
      next(err);
    }
  });

  router.get('/api/staff/feedback/export', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const q = parseOrThrow(staffExportQuerySchema, req.query);
      const body = await feedback.exportGoldCandidates(q);
      const day = now().toISOString().slice(0, 10).replace(/-/g, '');
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Content-Disposition', `attachment; filename="gold-candidates-${q.rating ?? 'all'}-${day}.jsonl"`);
      res.type('application/x-ndjson; charset=utf-8').send(body);
    } catch (err) {
      next(err);
    }
  });

  if (reload) {
    router.post('/api/staff/reload', async (_req: Request, res: Response, next: NextFunction) => {
      try {
        const summary = await reload();
        if (!res.headersSent) res.json({ status: 'reloaded', index: summary });
      } catch (err) {
        next(err);
      }
    });
  }
  return router;
}
