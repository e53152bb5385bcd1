// POST /api/feedback: a thumbs up/down on one stored answer. The client sends the session, the
// turn, the rating and an optional comment; what was asked, answered and cited comes from the
// stored turn, so nobody can file an invented answer as feedback (or as a gold candidate). One
// rating per turn: a later one replaces it. The response (201 {id}) is sent only after the
// store's write has returned: with SQLite at synchronous=FULL, acknowledged means durable.
import type { NextFunction, Request, Response, Router } from 'express';
import { createRouter } from '../router.js';
import { AppError } from '../../domain/errors.js';
import type { StoredExchange } from '../../storage/conversation-store.js';
import type { FeedbackStore } from '../../storage/feedback-store.js';
import { feedbackRequestSchema, parseOrThrow } from '../schemas.js';

export interface FeedbackRouterOptions {
  feedback: FeedbackStore;
  /** The stored answer `turnId` of `sessionId` and its question; undefined when there is none. */
  exchange: (sessionId: string, turnId: string) => Promise<StoredExchange | undefined>;
}

export function feedbackRouter({ feedback, exchange }: FeedbackRouterOptions): Router {
  const router = createRouter();
  router.post('/api/feedback', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = parseOrThrow(feedbackRequestSchema, req.body);
      const turn = await exchange(body.sessionId, body.turnId);
      if (!turn) {
        throw new AppError('NOT_FOUND', '找不到要评价的这条回答（对话可能已过期或被清理）。请重新提问后再评价。');
      }
      const { id } = await feedback.add({
        sessionId: body.sessionId,
        turnId: body.turnId,
        rating: body.rating,
        comment: body.comment ?? undefined,
        question: turn.question,
        answer: turn.answer,
        citations: turn.citations,
        ...(turn.retrievedRefs ? { retrievedRefs: turn.retrievedRefs } : {}),
      });
      res.status(201).json({ id });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
