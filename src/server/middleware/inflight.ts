// Tracks responses in flight so that shutdown can wait for them: while draining, responses carry
// `Connection: close`, and at the deadline whatever is still open is ended with an error (an
// `error` event for streams, 503 JSON for responses not yet started).
import type { RequestHandler, Response } from 'express';
import { AppError } from '../../domain/errors.js';
import { endWithError } from './request-deadline.js';

export interface DrainResult {
  /** Responses that finished by themselves while draining. */
  completed: number;
  /** Responses ended with an error at the deadline. */
  forced: number;
}

export interface InflightTracker {
  middleware: RequestHandler;
  readonly size: number;
  readonly draining: boolean;
  /** Waits for every open response to finish, up to deadlineMs, then ends the rest. */
  drain(deadlineMs: number): Promise<DrainResult>;
}

export function createInflightTracker({
  shutdownMessage = '服务正在重启，这次回答没有完成，请稍后重新提问。',
}: { shutdownMessage?: string } = {}): InflightTracker {
  const open = new Set<Response>();
  let draining = false;
  let completed = 0;
  let wake: (() => void) | undefined;

  const middleware: RequestHandler = (_req, res, next) => {
    open.add(res);
    if (draining) res.setHeader('Connection', 'close');
    res.on('close', () => {
      open.delete(res);
      if (draining) completed += 1;
      if (open.size === 0) wake?.();
    });
    next();
  };

  return {
    middleware,
    get size() {
      return open.size;
    },
    get draining() {
      return draining;
    },
    async drain(deadlineMs) {
      draining = true;
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
      if (open.size > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, deadlineMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      const forced = open.size;
      const err = new AppError('UNAVAILABLE', shutdownMessage);
      for (const res of [...open]) endWithError(res, err);
      return { completed, forced };
    },
  };
}
