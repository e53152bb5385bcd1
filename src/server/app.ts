// Builds the express app from ready services. Nothing is constructed inside request handlers.
import express, { type Express, type Router } from 'express';
import type { AppServices } from '../bootstrap/app-services.js';
import { chatRouter } from './routes/chat-routes.js';
import { corpusRouter } from './routes/corpus-routes.js';
import { healthRouter } from './routes/health-route.js';
import { openaiRouter } from './routes/openai-routes.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { matchRouter } from './routes/match-route.js';
import { webRouter } from './routes/web-routes.js';

export interface AppOptions {
  /** Extra routers mounted before the 404 handler (match, web pages, feedback, staff). */
  routers?: Router[];
  /** Middleware mounted first (logging, security headers, CORS, rate limits). */
  before?: express.RequestHandler[];
  logError?: (err: unknown, status: number) => void;
}

export function createApp(services: AppServices, opts: AppOptions = {}): Express {
  const { config } = services;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  for (const mw of opts.before ?? []) app.use(mw);
  app.use(express.json({ limit: config.MAX_BODY_BYTES, strict: false }));
  const limits = { maxMessageChars: config.MAX_MESSAGE_CHARS, maxHistoryTurns: config.MAX_TURNS_PER_SESSION };
  app.use(chatRouter(services.chat, limits));
  app.use(corpusRouter({ corpus: services.search.corpus, retriever: services.search.retriever, now: services.now }));
  app.use(
    healthRouter({
      manifest: () => services.search.index.manifest,
      rebuilt: services.search.rebuilt,
      llmModel: services.llm?.model,
      startedAt: services.startedAt,
      now: services.now,
      sessions: () => services.sessions.size(),
    }),
  );
  app.use(openaiRouter(services.chat, { model: 'zhengcetong', ...limits, now: services.now }));
  app.use(matchRouter(services.match));
  app.use(webRouter({ rootDir: process.cwd() }));
  for (const r of opts.routers ?? []) app.use(r);
  app.use('/api', notFoundHandler);
  app.use('/v1', notFoundHandler);
  app.use(notFoundHandler);
  app.use(errorHandler(opts.logError));
  return app;
}
