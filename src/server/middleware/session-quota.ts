// New conversations per client: each client key may open at most `perHour` sessions in a sliding
// hour (a chat request without a sessionId, or with one the store does not know, opens one). Over
// the limit: 429 with Retry-After and a message that says to continue in an existing
// conversation. 0 turns the quota off.
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import { clientKey, type ClientKeyFn } from './client-key.js';

export interface SessionQuotaOptions {
  perHour: number;
  windowMs?: number;
  key?: ClientKeyFn;
  now?: () => number;
  /** Whether a session id is live (then continuing it opens nothing); default: never. */
  isKnownSession?: (id: string) => boolean;
  /** Requests that open a session; default: POST /api/chat(/stream) without a live sessionId. */
  opensSession?: (req: Request, isKnownSession: (id: string) => boolean) => boolean;
  maxClients?: number;
}

export const opensChatSession = (req: Request, isKnownSession: (id: string) => boolean): boolean => {
  if (req.method !== 'POST' || (req.path !== '/api/chat' && req.path !== '/api/chat/stream')) return false;
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const id = (body as { sessionId?: unknown }).sessionId;
  // An unknown id with a history creates a session under that id: that opens one too.
  return typeof id !== 'string' || !isKnownSession(id);
};

export function sessionQuota({
  perHour,
  windowMs = 60 * 60 * 1000,
  key = clientKey,
  now = Date.now,
  isKnownSession = () => false,
  opensSession = opensChatSession,
  maxClients = 100_000,
}: SessionQuotaOptions): RequestHandler {
  if (!(perHour > 0)) return (_req, _res, next) => next();
  // Per client: start times of the sessions it opened inside the window, oldest first.
  const opened = new Map<string, number[]>();
  return (req, res, next) => {
    if (!opensSession(req, isKnownSession)) return next();
    const k = key(req);
    const t = now();
    const times = (opened.get(k) ?? []).filter((at) => t - at < windowMs);
    opened.delete(k);
    opened.set(k, times);
    if (opened.size > maxClients) opened.delete(opened.keys().next().value as string);
    if (times.length >= perHour) {
      const seconds = Math.max(1, Math.ceil((times[0]! + windowMs - t) / 1000));
      res.setHeader('Retry-After', String(seconds));
      const minutes = Math.ceil(seconds / 60);
      return next(
        new AppError('RATE_LIMITED', `一小时内新开的对话已达上限（${perHour} 个）：请在已有对话中继续提问，或 ${minutes} 分钟后再开始新对话。`, {
          details: { retryAfterSeconds: seconds },
        }),
      );
    }
    times.push(t);
    // A request that failed (invalid input, errors) opened nothing: give the slot back.
    res.on('finish', () => {
      if (res.statusCode < 400) return;
      const i = times.indexOf(t);
      if (i >= 0) times.splice(i, 1);
    });
    next();
  };
}
