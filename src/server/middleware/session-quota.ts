// New conversations per client: each client key may open at most `perHour` sessions per hour (a
// chat request without a sessionId, or with one the store does not know, opens one). It is
// mounted on the chat routes themselves, after the body parser, so it runs exactly when a chat
// handler will run, whatever spelling of the path reached it. Over the limit: 429 with
// Retry-After and a message that says to continue in an existing conversation. 0 turns it off.
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import { createMemoryLimiter, type Limiter } from '../limits/limiter.js';
import { clientKey, type ClientKeyFn } from './client-key.js';

export interface SessionQuotaOptions {
  perHour: number;
  key?: ClientKeyFn;
  /** Whether a session id is live (then continuing it opens nothing); default: never. */
  isKnownSession?: (id: string) => boolean | Promise<boolean>;
  /** Default: an in-process limiter of `perHour` points per hour. */
  limiter?: Limiter;
}

/** Whether this chat request opens a session: no sessionId, or one the store does not know. */
export const opensChatSession = async (req: Request, isKnownSession: (id: string) => boolean | Promise<boolean>): Promise<boolean> => {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const id = (body as { sessionId?: unknown }).sessionId;
  // An unknown id with a history creates a session under that id: that opens one too.
  return typeof id !== 'string' || !(await isKnownSession(id));
};

export function sessionQuota({ perHour, key = clientKey, isKnownSession = () => false, limiter }: SessionQuotaOptions): RequestHandler {
  if (!(perHour > 0)) return (_req, _res, next) => next();
  const budget = limiter ?? createMemoryLimiter({ points: perHour, durationSeconds: 3600, keyPrefix: 'sessions' });
  return (req, res, next) => {
    const k = key(req);
    const opening = opensChatSession(req, isKnownSession).then((opens) => (opens ? budget.consume(k) : undefined));
    opening.then((d) => {
      if (!d) return next();
      if (!d.allowed) {
        res.setHeader('Retry-After', String(d.retryAfterSeconds));
        const minutes = Math.ceil(d.retryAfterSeconds / 60);
        return next(
          new AppError('RATE_LIMITED', `一小时内新开的对话已达上限（${perHour} 个）：请在已有对话中继续提问，或 ${minutes} 分钟后再开始新对话。`, {
            details: { retryAfterSeconds: d.retryAfterSeconds },
          }),
        );
      }
      // A request that failed (invalid input, errors) opened nothing: give the slot back.
      res.on('finish', () => {
        if (res.statusCode >= 400) void budget.refund(k).catch(() => {});
      });
      next();
    }, next);
  };
}
