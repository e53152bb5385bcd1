// Builds the express app from ready services. Nothing is constructed inside request handlers.
// Middleware order (outermost first): request id → request log → in-flight tracking → security
// headers → CORS → rate limit → deadline → JSON-only (415) → body parser → session quota → routes
// → 404 → errors.
// The routes that depend on services are built once per AppServices and looked up per request,
// so a reload (LiveServices) swaps them atomically while running requests keep theirs.
import express, { Router, type Express, type RequestHandler } from 'express';
import { createRouter } from './router.js';
import type { AppServices } from '../bootstrap/app-services.js';
import { chatRouter } from './routes/chat-routes.js';
import { corpusRouter } from './routes/corpus-routes.js';
import { healthRouter } from './routes/health-route.js';
import { openaiRouter } from './routes/openai-routes.js';
import { openaiErrorBody } from './openai-wire.js';
import { errorHandler, notFoundHandler, type ErrorLogger } from './error-handler.js';
import { matchRouter } from './routes/match-route.js';
import { webRouter } from './routes/web-routes.js';
import { silentLogger, type Logger } from './logger.js';
import { isLiveServices, type LiveServices } from './live-services.js';
import { requestId, requestIdOf } from './middleware/request-id.js';
import { requestLog } from './middleware/request-log.js';
import type { InflightTracker } from './middleware/inflight.js';
import { securityHeaders } from './middleware/security-headers.js';
import { cors, parseOrigins } from './middleware/cors.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestDeadline } from './middleware/request-deadline.js';
import { requireJson } from './middleware/require-json.js';
import { sessionQuota } from './middleware/session-quota.js';
import type { StorageStatus } from '../storage/storage-health.js';
import type { Limiter } from './limits/limiter.js';
import type { Readiness } from './routes/health-route.js';

export interface AppOptions {
  /** Request and error logs; default silent. */
  logger?: Logger;
  /** Extra routers mounted before the 404 handler (feedback, staff). */
  routers?: Router[];
  /** Extra middleware mounted after the standard stack, before the body parser. */
  before?: RequestHandler[];
  /** Tracks in-flight responses for graceful shutdown. */
  tracker?: InflightTracker;
  /** The database's standing for /api/health (main.ts passes a StorageMonitor's status). */
  storageStatus?: () => StorageStatus;
  /** Also told about every error the handler maps (in addition to the logger). */
  logError?: ErrorLogger;
  /** Counters shared by every replica (PostgreSQL); default: in-process limiters. */
  limiters?: { api?: Limiter; sessions?: Limiter };
  /** Index version and readiness for /api/health (replicas following a shared index). */
  readiness?: () => Readiness;
}

/** Every route whose handlers close over services. */
export function serviceRoutes(services: AppServices, guards: { sessionQuota?: RequestHandler; storageStatus?: () => StorageStatus; readiness?: () => Readiness } = {}): Router {
  const { config } = services;
  const router = createRouter();
  const limits = { maxMessageChars: config.MAX_MESSAGE_CHARS, maxHistoryTurns: config.MAX_TURNS_PER_SESSION };
  router.use(chatRouter(services.chat, limits, { sessionQuota: guards.sessionQuota }));
  router.use(corpusRouter({ corpus: services.search.corpus, retriever: services.search.retriever, now: services.now }));
  router.use(
    healthRouter({
      manifest: () => services.search.index.manifest,
      rebuilt: services.search.rebuilt,
      llmModel: services.llm?.model,
      startedAt: services.startedAt,
      now: services.now,
      sessions: () => services.sessions.size(),
      sessionCacheBytes: () => services.sessions.cachedBytes?.(),
      storage: guards.storageStatus,
      readiness: guards.readiness,
    }),
  );
  router.use(openaiRouter(services.chat, { model: 'zhengcetong', ...limits, now: services.now }));
  router.use(matchRouter(services.match));
  return router;
}

/** Logs mapped errors: unexpected ones (5xx) at error level without stack (stack at debug). */
export function loggingErrors(logger: Logger): ErrorLogger {
  return (err, status, _req, res) => {
    const e = err as { name?: string; message?: string; code?: string; stack?: string; cause?: unknown } | null;
    if (status < 500) {
      logger.debug({ reqId: requestIdOf(res), status, code: e?.code }, 'request rejected');
      return;
    }
    const causes: string[] = [];
    for (let c = e?.cause as typeof e | undefined, i = 0; c && i < 3; c = c.cause as typeof e | undefined, i++) {
      causes.push(`${c.name ?? 'Error'}: ${String(c.message ?? c).slice(0, 300)}`);
    }
    logger.error(
      { reqId: requestIdOf(res), status, error: { type: e?.name ?? typeof err, message: String(e?.message ?? err).slice(0, 500), code: e?.code, causes } },
      '请求处理出错',
    );
    if (logger.isLevelEnabled('debug') && e?.stack) logger.debug({ reqId: requestIdOf(res), stack: e.stack }, 'stack');
  };
}

export function createApp(source: AppServices | LiveServices, opts: AppOptions = {}): Express {
  const live = isLiveServices(source) ? source : undefined;
  const initial = live ? live.current : (source as AppServices);
  const { config } = initial;
  const logger = opts.logger ?? silentLogger();
  const origins = parseOrigins(config.CORS_ORIGINS);

  const app = express();
  app.disable('x-powered-by');
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  // One hop: the address our own reverse proxy saw. `true` would trust the left-most
  // X-Forwarded-For entry, which the client writes itself.
  app.set('trust proxy', config.TRUST_PROXY ? 1 : false);
  app.use(requestId({ trustIncoming: config.TRUST_PROXY }));
  app.use(requestLog({ logger }));
  if (opts.tracker) app.use(opts.tracker.middleware);
  app.use(securityHeaders({ frameAncestors: origins, hstsMaxAgeSeconds: config.HSTS_MAX_AGE_SECONDS }));
  app.use(cors({ origins }));
  app.use(rateLimit({ perMinute: config.RATE_LIMIT_PER_MINUTE, limiter: opts.limiters?.api }));
  app.use(requestDeadline({ timeoutMs: config.REQUEST_TIMEOUT_MS }));
  for (const mw of opts.before ?? []) app.use(mw);
  app.use(requireJson());
  app.use(express.json({ limit: config.MAX_BODY_BYTES, strict: false }));
  const current = () => (live ? live.current : initial);
  // Mounted on the chat routes (see chatRouter), shared by every services generation.
  const quota = sessionQuota({
    perHour: config.SESSIONS_PER_CLIENT_PER_HOUR,
    limiter: opts.limiters?.sessions,
    isKnownSession: async (id) => (await current().sessions.get(id)) !== undefined,
  });

  const built = new WeakMap<AppServices, Router>();
  const routesFor = (services: AppServices) => {
    let r = built.get(services);
    if (!r) built.set(services, (r = serviceRoutes(services, { sessionQuota: quota, storageStatus: opts.storageStatus, readiness: opts.readiness })));
    return r;
  };
  routesFor(initial);
  app.use((req, res, next) => routesFor(current())(req, res, next));
  app.use(webRouter({ rootDir: process.cwd() }));
  for (const r of opts.routers ?? []) app.use(r);
  app.use('/api', notFoundHandler);
  app.use('/v1', notFoundHandler);
  app.use(notFoundHandler);
  const logErrors = loggingErrors(logger);
  const log: ErrorLogger = (err, status, req, res) => {
    logErrors(err, status, req, res);
    opts.logError?.(err, status, req, res);
  };
  // The OpenAI-compatible routes answer errors in OpenAI's shape: {error: {message, type, param, code}}.
  app.use('/v1', errorHandler(log, openaiErrorBody));
  app.use(errorHandler(log));
  return app;
}
