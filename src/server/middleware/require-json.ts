// Body endpoints of the API take JSON only: a POST/PUT/PATCH under /api or /v1 that carries a
// body of another media type is refused with 415 before the body parser, which would otherwise
// skip it silently and let the handler report missing fields. A request without a body (no
// Content-Length, or 0, and no Transfer-Encoding) passes whatever its Content-Type, so endpoints
// whose body is optional (POST /api/staff/reload) keep working.
import type { RequestHandler } from 'express';
import { AppError } from '../../domain/errors.js';

export interface RequireJsonOptions {
  /** Path prefixes the rule applies to. */
  prefixes?: string[];
  methods?: string[];
}

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

export const isJsonMediaType = (type: string): boolean => type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type);

export function requireJson({ prefixes = ['/api/', '/v1/'], methods = ['POST', 'PUT', 'PATCH'] }: RequireJsonOptions = {}): RequestHandler {
  return (req, _res, next) => {
    if (!methods.includes(req.method)) return next();
    const path = req.path.toLowerCase();
    if (!prefixes.some((p) => path.startsWith(p))) return next();
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    const type = mediaType(req.headers['content-type']);
    if (!hasBody || isJsonMediaType(type)) return next();
    // Only a well-formed media type is echoed back; the header is the client's text.
    const got = /^[a-z0-9.+-]{1,60}\/[a-z0-9.+-]{1,60}$/.test(type) ? `收到的是 ${type}` : '请求没有有效的 Content-Type';
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', `请求体必须是 JSON（${got}）。请把请求头 Content-Type 设为 application/json 后重试。`));
  };
}
