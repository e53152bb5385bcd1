// Security headers on every response, and a strict Content-Security-Policy (scripts and styles
// only from files on this origin). Pages may be framed by this origin only, except the widget
// frame, which the embedding sites listed in CORS_ORIGINS may frame.
import type { RequestHandler } from 'express';

export interface SecurityHeaderOptions {
  /** Origins allowed to frame the embeddable paths (the CORS_ORIGINS list). */
  frameAncestors?: readonly string[];
  embeddablePaths?: readonly string[];
}

export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    `frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`,
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders({ frameAncestors = [], embeddablePaths = ['/widget/frame'] }: SecurityHeaderOptions = {}): RequestHandler {
  const strict = contentSecurityPolicy([]);
  const embeddable = contentSecurityPolicy(frameAncestors);
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (embeddablePaths.includes(req.path)) {
      // X-Frame-Options cannot express an allow-list; frame-ancestors alone decides here.
      res.setHeader('Content-Security-Policy', embeddable);
    } else {
      res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      res.setHeader('Content-Security-Policy', strict);
    }
    next();
  };
}
