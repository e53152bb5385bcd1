// CORS for the API (/api/*, /v1/*) from an allow-list of origins (CORS_ORIGINS), through the
// `cors` package (the only import of it). Listed origins
// get the CORS headers and their preflights answered; anyone else gets no CORS headers at all, so
// browsers keep the response from their scripts. Same-origin requests need no headers. Staff
// endpoints are never opened cross-origin.
import type { RequestHandler } from 'express';
import corsLibrary from 'cors';
import { AppError } from '../../domain/errors.js';

export interface CorsOptions {
  /** Normalised origins, e.g. https://www.example.gov.cn (see parseOrigins). */
  origins?: readonly string[];
  paths?: readonly string[];
  exclude?: readonly string[];
  methods?: readonly string[];
  allowHeaders?: readonly string[];
  exposeHeaders?: readonly string[];
  maxAgeSeconds?: number;
}

/** Parses the comma-separated CORS_ORIGINS list; a malformed entry stops start-up. */
export function parseOrigins(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    const plain = url && /^https?:$/.test(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if (!url || !plain || raw.includes('*')) {
      throw new AppError(
        'CONFIG_INVALID',
        `CORS_ORIGINS 中的“${raw.slice(0, 100)}”不是有效的源：请写成 https://www.example.gov.cn 这样的形式（协议、域名和可选端口，不带路径），多个源用逗号分隔，不支持 *。`,
      );
    }
    if (!out.includes(url.origin)) out.push(url.origin);
  }
  return out;
}

const underAny = (path: string, prefixes: readonly string[]) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));

export function cors({
  origins = [],
  paths = ['/api', '/v1'],
  exclude = ['/api/staff'],
  methods = ['GET', 'POST', 'OPTIONS'],
  allowHeaders = ['Content-Type', 'Authorization', 'X-Request-Id'],
  exposeHeaders = ['X-Request-Id', 'Retry-After'],
  maxAgeSeconds = 600,
}: CorsOptions = {}): RequestHandler {
  const allowed = new Set(origins);
  const handler = corsLibrary({
    // false for unlisted origins: no CORS headers at all, so browsers keep the response from scripts.
    origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    methods: [...methods],
    allowedHeaders: [...allowHeaders],
    exposedHeaders: [...exposeHeaders],
    maxAge: maxAgeSeconds,
    // Preflights end here (204) whether or not the origin is listed.
    preflightContinue: false,
    optionsSuccessStatus: 204,
  });
  return (req, res, next) => {
    const p = req.path.toLowerCase();
    if (!underAny(p, paths) || underAny(p, exclude)) return next();
    res.vary('Origin');
    const origin = req.get('Origin');
    const preflight = req.method === 'OPTIONS' && req.get('Access-Control-Request-Method') !== undefined;
    // The library passes unlisted origins on to the routes; their preflight ends here, headerless.
    if (preflight && !(origin !== undefined && allowed.has(origin))) return void res.status(204).end();
    handler(req, res, next);
  };
}
