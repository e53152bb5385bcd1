// One structured log line per request when its response ends: method, path (no query string: it
// can hold the user's question), status, duration and request id. Bodies and headers, including
// Authorization, are never logged.
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { requestIdOf } from './request-id.js';

export interface RequestLogOptions {
  logger: Logger;
  /** Monotonic clock in milliseconds. */
  clock?: () => number;
  /** Paths logged at debug instead of info (health checks would drown everything else). */
  quietPaths?: string[];
}

export function requestLog({ logger, clock = () => performance.now(), quietPaths = ['/api/health'] }: RequestLogOptions): RequestHandler {
  return (req, res, next) => {
    const started = clock();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      const path = (req.originalUrl.split('?')[0] ?? '').slice(0, 200);
      const entry = {
        reqId: requestIdOf(res),
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round((clock() - started) * 10) / 10,
        // The client closed the connection before the response was complete.
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) logger.error(entry, 'request');
      else if (quietPaths.includes(path)) logger.debug(entry, 'request');
      else logger.info(entry, 'request');
    };
    res.on('finish', done);
    res.on('close', done);
    next();
  };
}
