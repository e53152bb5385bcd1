// POST /api/feedback: a thumbs up/down on one answer. The response (201 {id}) is sent only after
// the store's write has returned: with SQLite at synchronous=FULL, acknowledged means durable.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { createRouter } from '../router.js';
import { AppError } from '../../domain/errors.js';
import type { FeedbackStore } from '../../storage/feedback-store.js';
import { feedbackRequestSchema, parseOrThrow } from '../schemas.js';

export interface FeedbackRouterOptions {
  feedback: FeedbackStore;
  /** When given, feedback on an unknown session is refused (404). */
  sessionExists?: (sessionId: string) => boolean;
}

export function feedbackRouter({ feedback, sessionExists }: FeedbackRouterOptions): Router {
  const router = createRouter();
  router.post('/api/feedback', (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = parseOrThrow(feedbackRequestSchema, req.body);
      if (sessionExists && !sessionExists(body.sessionId)) {
        throw new AppError('NOT_FOUND', '找不到这次对话（可能已过期或被清理），无法提交评价。请重新提问后再评价。');
      }
      const { id } = feedback.add({ ...body, comment: body.comment ?? undefined });
      res.status(201).json({ id });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
