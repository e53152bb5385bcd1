// Per-client rate limiting for the API: a token bucket per client key (RATE_LIMIT_PER_MINUTE
// tokens, refilled continuously), 429 with Retry-After when empty. Health checks, CORS preflights,
// pages and static assets are not limited; 0 turns the limiter off (load tests).
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import { clientKey, type ClientKeyFn } from './client-key.js';

export interface RateLimitOptions {
  perMinute: number;
  key?: ClientKeyFn;
  now?: () => number;
  /** Which requests count; default: /api/* and /v1/* except /api/health and preflights. */
  applies?: (req: Request) => boolean;
  /** Buckets kept at most; the least recently seen client is forgotten first. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export const isLimitedApiRequest = (req: Request): boolean =>
  req.method !== 'OPTIONS' && req.path !== '/api/health' && /^\/(api|v1)(\/|$)/.test(req.path);

export function rateLimit({ perMinute, key = clientKey, now = Date.now, applies = isLimitedApiRequest, maxClients = 100_000 }: RateLimitOptions): RequestHandler {
  if (!(perMinute > 0)) return (_req, _res, next) => next();
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  return (req, res, next) => {
    if (!applies(req)) return next();
    const k = key(req);
    const t = now();
    const prev = buckets.get(k);
    const b: Bucket = prev ? { tokens: Math.min(perMinute, prev.tokens + (t - prev.at) * perMs), at: t } : { tokens: perMinute, at: t };
    // Re-inserting keeps the map in least-recently-seen order for eviction.
    buckets.delete(k);
    buckets.set(k, b);
    if (buckets.size > maxClients) buckets.delete(buckets.keys().next().value as string);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return next();
    }
    const seconds = Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
    res.setHeader('Retry-After', String(seconds));
    next(new AppError('RATE_LIMITED', `请求过于频繁，请 ${seconds} 秒后再试。`, { details: { retryAfterSeconds: seconds } }));
  };
}
