// Security headers on every response through helmet (the only import of it), with our strict
// Content-Security-Policy (scripts and styles only from files on this origin). Pages may be framed
// by this origin only, except the widget frame, which the embedding sites listed in CORS_ORIGINS
// may frame. The widget's script and stylesheet are loaded by other sites' pages, so they are the
// only resources that allow cross-origin embedding. HSTS is sent only over TLS (directly, or
// behind a trusted proxy that says https) and only when HSTS_MAX_AGE_SECONDS > 0.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** Origins allowed to frame the embeddable paths (the CORS_ORIGINS list). */
  frameAncestors?: readonly string[];
  embeddablePaths?: readonly string[];
  /** Resources other sites' pages load with <script>/<link>. */
  crossOriginPaths?: readonly string[];
  /** Strict-Transport-Security max-age in seconds; 0 sends none. */
  hstsMaxAgeSeconds?: number;
}

export function cspDirectives(frameAncestors: readonly string[]): Record<string, string[]> {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'self'", ...frameAncestors],
    baseUri: ["'none'"],
    formAction: ["'self'"],
  };
}

const common = {
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' as const },
  strictTransportSecurity: false,
  // The API is called cross-origin with CORS; COEP would stop embedding sites' own resources.
  crossOriginEmbedderPolicy: false,
};

export function securityHeaders({
  frameAncestors = [],
  embeddablePaths = ['/widget/frame'],
  crossOriginPaths = ['/widget.js', '/widget.css'],
  hstsMaxAgeSeconds = 0,
}: SecurityHeaderOptions = {}): RequestHandler {
  const csp = (ancestors: readonly string[]) => ({ useDefaults: false, directives: cspDirectives(ancestors) });
  const strict = helmet({ ...common, contentSecurityPolicy: csp([]), xFrameOptions: { action: 'sameorigin' } });
  const asset = helmet({ ...common, contentSecurityPolicy: csp([]), xFrameOptions: { action: 'sameorigin' }, crossOriginResourcePolicy: { policy: 'cross-origin' } });
  // X-Frame-Options cannot express an allow-list; frame-ancestors alone decides here.
  const embeddable = helmet({ ...common, contentSecurityPolicy: csp(frameAncestors), xFrameOptions: false });
  const hsts = hstsMaxAgeSeconds > 0 ? helmet.strictTransportSecurity({ maxAge: hstsMaxAgeSeconds, includeSubDomains: true }) : undefined;
  const permissions: RequestHandler = (_req, res, next) => {
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    next();
  };
  return (req, res, next) => {
    const chosen = embeddablePaths.includes(req.path) ? embeddable : crossOriginPaths.includes(req.path) ? asset : strict;
    chosen(req, res, (err?: unknown) => {
      if (err) return next(err);
      permissions(req, res, () => (hsts && req.secure ? hsts(req, res, next) : next()));
    });
  };
}
