// Request deadline (REQUEST_TIMEOUT_MS): past it, the request's deadline signal aborts (handlers
// pass it to the chat service), a response not yet started becomes 504 JSON, and an open
// server-sent-event stream gets a final `error` event and ends.
import type { RequestHandler, Response } from 'express';
import { AppError } from '../../domain/errors.js';
import { errorBody, httpStatus } from '../error-handler.js';

export interface RequestDeadlineOptions {
  timeoutMs: number;
  message?: string;
}

/** The request's deadline signal (never aborts when the middleware is not mounted). */
export function deadlineOf(res: Response): AbortSignal | undefined {
  const s: unknown = res.locals.deadline;
  return s instanceof AbortSignal ? s : undefined;
}

export const isEventStream = (res: Response): boolean => /^text\/event-stream/.test(String(res.getHeader('Content-Type') ?? ''));

/** Ends a response that may or may not have started, with an error the client can read. */
export function endWithError(res: Response, err: AppError): void {
  if (res.writableEnded || res.destroyed) return;
  if (!res.headersSent) {
    res.status(httpStatus(err)).json(errorBody(err));
  } else if (isEventStream(res)) {
    res.end(`event: error\ndata: ${JSON.stringify(errorBody(err).error)}\n\n`);
  } else {
    res.destroy();
  }
}

export function requestDeadline({
  timeoutMs,
  message = '处理超时，请稍后重试；问题较复杂时，可以拆成几个小问题分别提问。',
}: RequestDeadlineOptions): RequestHandler {
  return (_req, res, next) => {
    const ctrl = new AbortController();
    res.locals.deadline = ctrl.signal;
    const timer = setTimeout(() => {
      const err = new AppError('TIMEOUT', message);
      ctrl.abort(err);
      endWithError(res, err);
    }, timeoutMs);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
