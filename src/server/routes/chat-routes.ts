// POST /api/chat (JSON) and POST /api/chat/stream (server-sent events): validate, delegate, respond.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { createRouter } from '../router.js';
import type { AnswerEvent, ChatService } from '../../domain/chat.js';
import { chatRequestSchema, parseOrThrow, type Limits } from '../schemas.js';
import { pipeEvents, startSse, writeSse } from '../sse.js';
import { errorBody, toAppError } from '../error-handler.js';
import { deadlineOf } from '../middleware/request-deadline.js';

/** An AbortSignal that fires when the client disconnects before the response is finished. */
export function clientGone(req: Request, res: Response): AbortSignal {
  const ctrl = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) ctrl.abort();
  });
  req.on('aborted', () => ctrl.abort());
  return ctrl.signal;
}

/** Aborts when the client goes away or the request deadline passes (see request-deadline). */
export function requestSignal(req: Request, res: Response): AbortSignal {
  const deadline = deadlineOf(res);
  const gone = clientGone(req, res);
  return deadline ? AbortSignal.any([gone, deadline]) : gone;
}

function eventData(e: AnswerEvent): unknown {
  switch (e.type) {
    case 'token':
      return { text: e.text };
    case 'citation':
      return e.citation;
    case 'measure':
      return e.measure;
    case 'done':
      return e.response;
    case 'error':
      return { code: e.code, message: e.message };
  }
}

export interface ChatRouteGuards {
  /** Runs before each chat handler (after the body parser): the per-client new-session quota. */
  sessionQuota?: RequestHandler;
}

export function chatRouter(chat: ChatService, limits: Limits, { sessionQuota = (_req, _res, next) => next() }: ChatRouteGuards = {}): Router {
  const router = createRouter();
  const schema = chatRequestSchema(limits);

  router.post('/api/chat', sessionQuota, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = parseOrThrow(schema, req.body);
      const response = await chat.answer(body, requestSignal(req, res));
      // The deadline (or shutdown) may have answered already.
      if (!res.headersSent) res.json(response);
    } catch (err) {
      next(err);
    }
  });

  router.post('/api/chat/stream', sessionQuota, async (req: Request, res: Response, next: NextFunction) => {
    let body;
    try {
      body = parseOrThrow(schema, req.body);
    } catch (err) {
      next(err);
      return;
    }
    const signal = requestSignal(req, res);
    startSse(res);
    try {
      await pipeEvents(res, chat.answerStream(body, signal), eventData);
    } catch (err) {
      const e = toAppError(err);
      await writeSse(res, 'error', errorBody(e).error);
    } finally {
      if (!res.writableEnded) res.end();
    }
  });

  return router;
}
