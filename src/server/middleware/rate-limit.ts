// Per-client rate limiting for the API: RATE_LIMIT_PER_MINUTE requests per client key per minute
// (a Limiter: rate-limiter-flexible behind src/server/limits/limiter.ts), 429 with Retry-After
// when spent. Which requests count is decided on the path folded to lower case, so `/API/...`
// or `/Api/...` cannot dodge it even where a router would match them; the health check, CORS
// preflights, pages and static assets are not limited. 0 turns the limiter off (load tests).
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import { createMemoryLimiter, type Limiter } from '../limits/limiter.js';
import { clientKey, type ClientKeyFn } from './client-key.js';

export interface RateLimitOptions {
  perMinute: number;
  key?: ClientKeyFn;
  /** Which requests count; default: /api/* and /v1/* except /api/health and preflights. */
  applies?: (req: Request) => boolean;
  /** Default: an in-process limiter of `perMinute` points per 60 s. */
  limiter?: Limiter;
}

/** The request path as a limiter should see it: case-folded, duplicate and trailing slashes gone. */
export function canonicalPath(path: string): string {
  const p = path.toLowerCase().replace(/\/{2,}/g, '/');
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export const isLimitedApiRequest = (req: Request): boolean => {
  if (req.method === 'OPTIONS') return false;
  const p = canonicalPath(req.path);
  return p !== '/api/health' && /^\/(api|v1)(\/|$)/.test(p);
};

export function rateLimitedError(seconds: number, message = `请求过于频繁，请 ${seconds} 秒后再试。`): AppError {
  return new AppError('RATE_LIMITED', message, { details: { retryAfterSeconds: seconds } });
}

export function rateLimit({ perMinute, key = clientKey, applies = isLimitedApiRequest, limiter }: RateLimitOptions): RequestHandler {
  if (!(perMinute > 0)) return (_req, _res, next) => next();
  const budget = limiter ?? createMemoryLimiter({ points: perMinute, durationSeconds: 60, keyPrefix: 'api' });
  return (req, res, next) => {
    if (!applies(req)) return next();
    budget.consume(key(req)).then(
      (d) => {
        if (d.allowed) return next();
        res.setHeader('Retry-After', String(d.retryAfterSeconds));
        next(rateLimitedError(d.retryAfterSeconds));
      },
      next,
    );
  };
}
