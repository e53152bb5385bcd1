// X-Request-Id: every response carries one, and the request log uses it. An id set by a trusted
// proxy is kept (so logs join across hops); otherwise, and for anything malformed, a fresh one.
import { randomUUID } from 'node:crypto';
import type { RequestHandler, Response } from 'express';

export interface RequestIdOptions {
  header?: string;
  /** Keep an incoming id (only behind a trusted proxy). */
  trustIncoming?: boolean;
  generate?: () => string;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdOf(res: Response): string {
  return typeof res.locals.requestId === 'string' ? res.locals.requestId : '-';
}

export function requestId({ header = 'X-Request-Id', trustIncoming = false, generate = randomUUID }: RequestIdOptions = {}): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(header);
    const id = trustIncoming && incoming && SAFE_ID.test(incoming) ? incoming : generate();
    res.locals.requestId = id;
    res.setHeader(header, id);
    next();
  };
}
