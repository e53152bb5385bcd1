// Composition root: config → logger → storage (SQLite under DATA_DIR, or PostgreSQL when
// DATABASE_URL is set) and retention → persistent sessions → services (index verified, rebuilt
// when missing/stale/corrupt; on PostgreSQL the published index is fetched first) → app → listen.
// SIGTERM/SIGINT shut down gracefully; SIGHUP reloads corpus and index without a restart.
import { join, resolve } from 'node:path';
import { watchIndexPointer } from './server/index-watcher.js';
import { loadConfig, type Config } from './config/config.js';
import { loadEnvFile } from './config/env-file.js';
import { createAppServices, type AppServices } from './bootstrap/app-services.js';
import { createApp } from './server/app.js';
import { AppError } from './domain/errors.js';
import { createLogger, type Logger } from './server/logger.js';
import { isPostgresUrl, openPostgresStorage, openStorage, type Storage } from './storage/open-storage.js';
import { databaseFile } from './storage/sqlite.js';
import { createFileDocumentStore } from './storage/files/file-document-store.js';
import { startRetention } from './storage/retention.js';
import { createStorageMonitor, isStorageError } from './storage/storage-health.js';
import { createPgIndexRegistry } from './storage/postgres/pg-index-registry.js';
import { createIndexSync } from './server/index-sync.js';
import { serverLimiters } from './server/limits/shared-limiters.js';
import { hostname } from 'node:os';
import { createPersistentSessionStore } from './server/persistent-sessions.js';
import { createLiveServices, summarize } from './server/live-services.js';
import { createInflightTracker } from './server/middleware/inflight.js';
import { staffAuth } from './server/middleware/staff-auth.js';
import { feedbackRouter } from './server/routes/feedback-routes.js';
import { staffRouter } from './server/routes/staff-routes.js';
import { corpusSummaryRouter } from './server/routes/corpus-summary-route.js';
import { applicantRouter } from './server/routes/applicant-routes.js';
import { shareRouter } from './server/routes/share-routes.js';
import { documentRoutes } from './server/routes/document-routes.js';
import { ruleRoutes } from './server/routes/rule-routes.js';
import { runDraftRules } from './rules/draft-command.js';
import { openFileRegistry, openPgRegistry, type Registry } from './storage/open-registry.js';
import { createPgUploadDrafts } from './storage/postgres/pg-upload-drafts.js';
import { contains, placesInText } from './ingest/divisions.js';
import { createConfiguredUnitDrafter, draftRulesIntoStore } from './bootstrap/rule-drafting.js';
import { gracefulShutdown } from './server/graceful-shutdown.js';
import { configureHttpServer } from './server/configure-http-server.js';

// Settings from .env (if present); variables already set in the environment win.
loadEnvFile();

function describeIndex(services: AppServices): string {
  const m = services.search.index.manifest;
  const c = services.search.indexChanges;
  const incremental = c && c.added.length + c.replaced.length + c.removed.length > 0;
  const how = services.search.rebuilt ? `索引已重建（${services.search.rebuildReason}）` : incremental ? `索引已增量更新（${services.search.rebuildReason ?? ''}）` : '已加载现有索引';
  return `${how}：${m.unitCount} 个单元，向量模型 ${m.embedderId}`;
}

async function start(config: Config, logger: Logger, storage: Storage): Promise<void> {
  const log = (msg: string) => logger.info(msg);
  const retention = startRetention({
    purge: (cutoff) => storage.purge(cutoff),
    isOpen: () => storage.isOpen,
    days: config.RETENTION_DAYS,
    onPurged: (counts, cutoff) => {
      if (counts.feedback + counts.sessions + counts.turns > 0) logger.info({ ...counts, cutoff: cutoff.toISOString() }, '已按保存期限清理旧记录');
    },
    onError: (err) => logger.error({ error: { message: (err as Error)?.message } }, '保存期限清理失败，将在下次定时任务重试'),
  });
  // SQLite: feedback commits with synchronous=FULL, conversation turns through their own
  // connection (CONVERSATION_SYNCHRONOUS, see open-storage.ts); one process owns the file, so
  // sessions are cached. PostgreSQL: replicas share the sessions, so none is cached.
  const conversations = storage.conversations;
  const sessions = createPersistentSessionStore({
    store: conversations,
    ttlMs: config.SESSION_TTL_MINUTES * 60_000,
    maxTurns: config.MAX_TURNS_PER_SESSION,
    maxCached: storage.cacheSessions ? config.MAX_SESSIONS : 0,
    maxCachedBytes: config.SESSION_CACHE_MAX_MB * 1024 * 1024,
  });
  // The document registry and its rules: the corpus folder, or PostgreSQL (seeded from the corpus
  // folder on first start) so that replicas share documents, withdrawals and reviewed rules.
  const replica = `${hostname()}:${process.pid}`;
  const shared = storage.kind === 'postgres' ? await openPgRegistry(storage.pg, resolve(config.CORPUS_DIR), { origin: replica }) : undefined;
  const registry: Registry = shared ?? openFileRegistry(resolve(config.CORPUS_DIR));
  if (shared?.seed.seeded) {
    log(`PostgreSQL 文件库为空：已从 ${resolve(config.CORPUS_DIR)} 导入 ${shared.seed.documents} 份文件、${shared.seed.rules} 份规则、${shared.seed.facts} 份事实表`);
  }
  // A replica following an index another one published loads it or keeps what it serves; it never
  // builds one (a registry ahead of every published index waits for the replica that wrote it).
  let indexBuild: 'allow' | 'never' = 'allow';
  const followReload = async () => {
    indexBuild = 'never';
    try {
      return await live.reload();
    } finally {
      indexBuild = 'allow';
    }
  };
  // Replicas on PostgreSQL serve the published index: fetched before the first build, followed
  // through LISTEN/NOTIFY afterwards, and published from here when this replica's DATA_DIR got a
  // newer one (CLI ingest, a staff publish or withdraw).
  const sync =
    storage.kind === 'postgres'
      ? createIndexSync({
          registry: createPgIndexRegistry(storage.pg),
          dataDir: resolve(config.DATA_DIR),
          replica,
          reload: followReload,
          ...(shared ? { subscribeChanges: (onChange: () => void) => shared.subscribe(() => onChange()), changesStamp: () => shared.rulesStamp() } : {}),
          onLoaded: () => watcher.sync(),
          log,
          onError: (err) => logger.error({ error: { message: (err as Error)?.message } }, '同步其他副本发布的索引失败，继续使用当前索引'),
        })
      : undefined;
  await sync?.prepare();
  const build = () => createAppServices(config, { log, sessions, registry, indexBuild });
  const services = await build();
  log(describeIndex(services));
  log(services.llm ? `答复模式：大模型 ${services.llm.model}（引用逐条核验）` : '答复模式：离线（未配置 OPENAI_API_KEY）');

  const live = createLiveServices(services, {
    rebuild: build,
    onSwap: (next) => {
      log(`已重新加载语料和索引。${describeIndex(next)}`);
      void sync?.afterLocalSwap();
    },
    onError: (err) => logger.error({ error: { message: (err as Error)?.message } }, '重新加载失败，继续使用原来的语料和索引'),
  });
  if (!config.STAFF_TOKEN) {
    logger.warn(
      '未设置 STAFF_TOKEN：工作人员接口（/api/staff/*）只允许从服务器本机直接访问。同一台机器上的反向代理会让所有外部用户看起来都来自本机，因此带有 X-Forwarded-For、Forwarded、Via 等转发头的请求一律拒绝。对外部署前请设置 STAFF_TOKEN。',
    );
  }

  const tracker = createInflightTracker();
  const monitor = createStorageMonitor({ probe: () => storage.probe(), database: storage.label });
  const limiters = serverLimiters(storage, config);
  // Saved applicants live in the configured database (on PostgreSQL every replica shares them).
  const applicants = storage.applicants;
  // With OPENAI_API_KEY, drafting from the console also asks the model (verified, merged).
  const ruleDrafter = createConfiguredUnitDrafter(config);
  const documents = documentRoutes({
    store: registry.documents,
    auth: staffAuth({ token: config.STAFF_TOKEN, failures: limiters.staffFailures }),
    uploadDir: join(resolve(config.DATA_DIR), 'uploads'),
    // Behind a balancer the publish may reach another replica than the preview: drafts in the database.
    ...(storage.kind === 'postgres' ? { drafts: createPgUploadDrafts(storage.pg) } : {}),
    maxBytes: config.UPLOAD_MAX_BYTES,
    // Publish and withdraw change the corpus: their reload must start after the change.
    reload: () => live.reloadAfterChange(),
  });
  const app = createApp(live, {
    logger,
    tracker,
    storageStatus: () => monitor.status(),
    // The upload takes a raw file body: it runs before the JSON-only rule and the JSON parser.
    before: [documents.upload],
    limiters,
    readiness: sync
      ? () => {
          const s = sync.status();
          return { ready: s.ready, indexVersion: s.version, publishedVersion: s.published, reason: s.reason };
        }
      : undefined,
    logError: (err) => {
      if (isStorageError(err)) monitor.recordFailure(err);
    },
    routers: [
      feedbackRouter({ feedback: storage.feedback, exchange: (sessionId, turnId) => conversations.getExchange(sessionId, turnId) }),
      staffRouter({ feedback: storage.feedback, auth: staffAuth({ token: config.STAFF_TOKEN, failures: limiters.staffFailures }), reload: () => live.reload() }),
      corpusSummaryRouter({ corpus: () => live.current.search.corpus }),
      applicantRouter({ store: applicants, auth: staffAuth({ token: config.STAFF_TOKEN, failures: limiters.staffFailures }), shareTtlMs: config.SHARE_LINK_TTL_HOURS * 3600_000 }),
      shareRouter({ store: applicants, rootDir: process.cwd() }),
      documents.router,
      ruleRoutes({
        store: registry.rules,
        auth: staffAuth({ token: config.STAFF_TOKEN, failures: limiters.staffFailures }),
        corpus: () => live.current.search.corpus,
        factFiles: () => registry.factFiles(),
        draft: async (docId) => {
          const llm = ruleDrafter;
          if (registry.kind === 'postgres') {
            return draftRulesIntoStore({ docId, corpus: live.current.search.corpus, store: registry.rules, factFiles: await registry.factFiles(), ...(llm ? { llm } : {}) });
          }
          const lines: string[] = [];
          await runDraftRules({ corpusDir: resolve(config.CORPUS_DIR), docIds: [docId], out: (s) => lines.push(...s.split('\n').filter(Boolean)), ...(llm ? { llm } : {}) });
          return lines;
        },
        places: placesInText,
        contains,
        reload: () => live.reload(),
      }),
    ],
  });

  const server = app.listen(config.PORT, config.HOST, (err?: Error) => {
    // express 5 passes listen errors (EADDRINUSE, EACCES) to this callback.
    if (err) {
      logger.fatal({ error: { code: (err as NodeJS.ErrnoException).code, message: err.message } }, `无法监听 ${config.HOST}:${config.PORT}：${err.message}。请换一个端口（PORT）或停止占用该端口的程序。`);
      retention.stop();
      void storage.close();
      logger.flush();
      process.exit(1);
    }
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    logger.info({ host: config.HOST, port, dataDir: resolve(config.DATA_DIR), index: summarize(services) }, `服务已启动：http://${config.HOST}:${port}/`);
  });
  // Receiving the request (headers and body) is bounded too; slow senders get 408 and are cut
  // off, oversized headers 431, both with the JSON error body.
  configureHttpServer(server, { requestTimeoutMs: config.REQUEST_TIMEOUT_MS });

  const shutdown = gracefulShutdown({
    server,
    tracker,
    // Every request is bounded by REQUEST_TIMEOUT_MS, so waiting that long lets all of them finish.
    deadlineMs: config.REQUEST_TIMEOUT_MS,
    logger,
    cleanup: async () => {
      retention.stop();
      await sync?.stop();
      await storage.close();
    },
  });
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    logger.info('收到 SIGHUP：重新加载语料和索引');
    live.reload().catch(() => {}); // reported by onError
  });
  // Documents ingested or withdrawn through the CLI publish a new index: pick it up.
  const watcher = watchIndexPointer({
    file: join(resolve(config.DATA_DIR), 'index.json'),
    intervalMs: config.INDEX_POLL_MS,
    onChange: () => {
      logger.info('发现新发布的索引（文件已添加、替换或撤回）：重新加载');
      return live.reload().catch(() => {});
    },
  });
  await watcher.sync();
  server.on('close', () => watcher.stop());
  await sync?.publishLocal();
  await sync?.start();
}

/** Crashes go through the logger too, so that they are structured and scrubbed of secrets. */
function logCrashes(logger: Logger): void {
  const crash = (what: string) => (err: unknown) => {
    logger.fatal({ error: { type: (err as Error)?.name ?? typeof err, message: String((err as Error)?.message ?? err).slice(0, 500) } }, `${what}，服务退出`);
    logger.flush();
    process.exit(1);
  };
  process.on('uncaughtException', crash('未捕获的异常'));
  process.on('unhandledRejection', crash('未处理的 Promise 拒绝'));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`[政策通] 启动失败：${err instanceof AppError ? err.userMessage : String(err)}\n`);
    process.exit(1);
  }
  const dbPassword = config.DATABASE_URL ? decodeURIComponent(new URL(config.DATABASE_URL).password) || undefined : undefined;
  const logger = createLogger({ level: config.LOG_LEVEL, secrets: [config.OPENAI_API_KEY, config.STAFF_TOKEN, dbPassword] });
  logCrashes(logger);
  let storage: Storage | undefined;
  try {
    // Stored data from the single-document era used bare refs; the corpus says whose they were.
    const legacy = (await createFileDocumentStore(resolve(config.CORPUS_DIR)).list()).filter((d) => d.legacyBareRefs);
    storage = isPostgresUrl(config.DATABASE_URL)
      ? await openPostgresStorage({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })
      : openStorage({
          file: databaseFile(resolve(config.DATA_DIR)),
          migrationContext: legacy.length === 1 ? { legacyDocId: legacy[0]!.id } : {},
          conversationSynchronous: config.CONVERSATION_SYNCHRONOUS,
        });
    logger.info(`数据存储：${storage.kind === 'postgres' ? `PostgreSQL（${storage.label.slice(9)}，多副本共享）` : `SQLite（${storage.label.slice(7)}）`}`);
    await start(config, logger, storage);
  } catch (err) {
    const msg = err instanceof AppError ? err.userMessage : err instanceof Error ? err.message : String(err);
    logger.fatal({ error: { type: (err as Error)?.name, message: msg } }, `启动失败：${msg}`);
    await storage?.close();
    logger.flush();
    process.exit(1);
  }
}

void main();
