// Composition root: config → services (index built if missing) → app → listen; graceful shutdown.
import { loadConfig, describeConfig } from './config/config.js';
import { createAppServices } from './bootstrap/app-services.js';
import { createApp } from './server/app.js';
import { AppError } from './domain/errors.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = (msg: string) => process.stderr.write(`[政策通] ${msg}\n`);
  const services = await createAppServices(config, { log });
  const m = services.search.index.manifest;
  log(`${services.search.rebuilt ? `索引已重建（${services.search.rebuildReason}）` : '已加载现有索引'}：${m.unitCount} 个单元，向量模型 ${m.embedderId}`);
  log(services.llm ? `答复模式：大模型 ${services.llm.model}（引用逐条核验）` : '答复模式：离线（未配置 OPENAI_API_KEY）');
  const app = createApp(services, {
    logError: (err, status) => {
      if (status >= 500) log(`请求出错：${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    },
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
    log(`服务已启动：http://${config.HOST}:${port}/  （配置：${JSON.stringify({ PORT: port, DATA_DIR: describeConfig(config).DATA_DIR })}）`);
  });
  server.requestTimeout = config.REQUEST_TIMEOUT_MS;
  const shutdown = (signal: string) => {
    log(`收到 ${signal}，停止接收新请求，等待进行中的请求完成…`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  const msg = err instanceof AppError ? err.userMessage : err instanceof Error ? err.message : String(err);
  process.stderr.write(`[政策通] 启动失败：${msg}\n`);
  process.exit(1);
});
