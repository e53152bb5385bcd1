// Guards the staff endpoints. With STAFF_TOKEN set: `Authorization: Bearer <token>`, compared in
// constant time. Without it: only clients on this machine, and never from a page of another site
// (a browser on the server could otherwise be made to call these endpoints).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';
import { isLoopback } from './client-key.js';

export interface StaffAuthOptions {
  token?: string;
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

export function staffAuth({ token }: StaffAuthOptions = {}): RequestHandler {
  if (token) {
    return (req, res, next) => {
      const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(req.get('Authorization') ?? '');
      if (m && tokensMatch(m[1]!, token)) return next();
      res.setHeader('WWW-Authenticate', 'Bearer realm="staff"');
      next(
        new AppError(
          'UNAUTHORIZED',
          m ? '工作人员令牌不正确，请检查后重新输入。' : '需要工作人员令牌：请在请求头 Authorization 中提供 “Bearer 令牌”（即 STAFF_TOKEN）。',
        ),
      );
    };
  }
  return (req, _res, next) => {
    if (isLoopback(req.socket.remoteAddress) && isLoopback(req.ip) && !crossSite(req)) return next();
    next(new AppError('FORBIDDEN', '服务未设置工作人员令牌（STAFF_TOKEN），工作人员接口只允许在服务器本机访问。请设置 STAFF_TOKEN 后使用令牌访问。'));
  };
}
