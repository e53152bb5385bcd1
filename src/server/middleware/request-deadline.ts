// Request deadline (REQUEST_TIMEOUT_MS): past it, the request's deadline signal aborts (handlers
// pass it to the chat service), a response not yet started becomes 504 JSON, and an open
// server-sent-event stream gets a final `error` event and ends. A request whose body is still
// arriving at the deadline gets 408 instead and its connection is closed: the client is too
// slow, not the server, and a half-received body cannot be skipped to reuse the connection.
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../../domain/errors.js';
import { errorBody, httpStatus } from '../error-handler.js';

export interface RequestDeadlineOptions {
  timeoutMs: number;
  message?: string;
  /** For a request whose body had not fully arrived by the deadline. */
  slowBodyMessage?: string;
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

/** Answers 408 and closes the connection once the answer is written (or a second later). */
function refuseSlowBody(req: Request, res: Response, err: AppError): void {
  const hangUp = () => req.socket.destroy();
  if (!res.headersSent) res.setHeader('Connection', 'close');
  res.once('finish', hangUp);
  setTimeout(hangUp, 1_000).unref();
  endWithError(res, err);
}

export function requestDeadline({
  timeoutMs,
  message = '处理超时，请稍后重试；问题较复杂时，可以拆成几个小问题分别提问。',
  slowBodyMessage = `请求内容没有在 ${Math.round(timeoutMs / 100) / 10} 秒内发送完，连接已关闭。请检查网络后重新发送。`,
}: RequestDeadlineOptions): RequestHandler {
  return (req, res, next) => {
    const ctrl = new AbortController();
    res.locals.deadline = ctrl.signal;
    const timer = setTimeout(() => {
      const slow = !req.complete;
      const err = slow ? new AppError('REQUEST_TIMEOUT', slowBodyMessage) : new AppError('TIMEOUT', message);
      ctrl.abort(err);
      if (slow) refuseSlowBody(req, res, err);
      else endWithError(res, err);
    }, timeoutMs);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}
