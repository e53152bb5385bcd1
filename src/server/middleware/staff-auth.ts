// Guards the staff endpoints. With STAFF_TOKEN set: `Authorization: Bearer <token>`, compared in
// constant time, and a client that sends wrong tokens too often is locked out for a while (the
// right token included), so the token cannot be guessed at the general request rate. Without a
// token: only clients on this machine, never from a page of another site (a browser on the
// server could otherwise be made to call these endpoints), and never through a reverse proxy:
// a same-host proxy makes every remote user look like loopback, so a request that carries
// forwarding headers is refused.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import { createMemoryLimiter, type Limiter } from '../limits/limiter.js';
import { clientKey, isLoopback, type ClientKeyFn } from './client-key.js';
import { rateLimitedError } from './rate-limit.js';

export interface StaffAuthOptions {
  token?: string;
  /** Wrong tokens allowed per client per window; default 10 per 15 minutes. */
  failures?: Limiter;
  key?: ClientKeyFn;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time string equality (lengths are hidden by hashing first). */
export function tokensMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function crossSite(req: Request): boolean {
  if (req.get('Sec-Fetch-Site') === 'cross-site') return true;
  const origin = req.get('Origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.get('Host');
  } catch {
    return true;
  }
}

const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip', 'via'] as const;

/** True when a proxy (or someone posing as one) forwarded the request. */
export function isForwarded(req: Pick<Request, 'headers'>): boolean {
  return FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
}

export const NO_TOKEN_BEHIND_PROXY =
  '服务未设置工作人员令牌（STAFF_TOKEN），而这个请求经过了反向代理（带有 X-Forwarded-For 等转发头），无法确认来自服务器本机，已拒绝。请设置 STAFF_TOKEN 后用令牌访问。';

export function staffAuth({ token, failures, key = clientKey }: StaffAuthOptions = {}): RequestHandler {
  if (token) {
    const lockout = failures ?? createMemoryLimiter({ points: 10, durationSeconds: 15 * 60, keyPrefix: 'staff-auth' });
    return (req, res, next) => {
      const k = key(req);
      const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('Authorization') ?? '');
      const lockedOut = (seconds: number) => {
        res.setHeader('Retry-After', String(seconds));
        next(rateLimitedError(seconds, `工作人员令牌错误次数过多，请 ${Math.ceil(seconds / 60)} 分钟后再试。`));
      };
      lockout
        .peek(k)
        .then(async (standing) => {
          // While locked out, the right token waits too: otherwise guessing could go on.
          if (!standing.allowed) return lockedOut(standing.retryAfterSeconds);
          if (m && tokensMatch(m[1]!, token)) return next();
          await lockout.consume(k);
          res.setHeader('WWW-Authenticate', 'Bearer realm="staff"');
          next(
            new AppError(
              'UNAUTHORIZED',
              m ? '工作人员令牌不正确，请检查后重新输入。' : '需要工作人员令牌：请在请求头 Authorization 中提供 “Bearer 令牌”（即 STAFF_TOKEN）。',
            ),
          );
        })
        .catch(next);
    };
  }
  return (req, _res, next) => {
    if (isForwarded(req)) return next(new AppError('FORBIDDEN', NO_TOKEN_BEHIND_PROXY));
    if (isLoopback(req.socket.remoteAddress) && isLoopback(req.ip) && !crossSite(req)) return next();
    next(new AppError('FORBIDDEN', '服务未设置工作人员令牌（STAFF_TOKEN），工作人员接口只允许在服务器本机访问。请设置 STAFF_TOKEN 后使用令牌访问。'));
  };
}
