// Graceful shutdown: stop accepting connections, let in-flight requests and open streams finish
// up to a deadline (ending the rest with an error the client can read), close idle keep-alive
// sockets, then run the clean-up (stop timers, close the database) and exit 0.
import type { Server } from 'node:http';
import type { Logger } from './logger.js';
import type { InflightTracker } from './middleware/inflight.js';

export interface ShutdownOptions {
  server: Server;
  tracker: InflightTracker;
  deadlineMs: number;
  logger: Logger;
  /** Runs after the last response: stop retention, close SQLite. */
  cleanup?: () => void | Promise<void>;
  exit?: (code: number) => void;
}

export function gracefulShutdown({ server, tracker, deadlineMs, logger, cleanup = () => {}, exit = (c) => process.exit(c) }: ShutdownOptions) {
  let started: Promise<void> | undefined;
  return (signal: string): Promise<void> => {
    if (started) {
      logger.info({ signal }, '正在关闭，忽略重复的信号');
      return started;
    }
    started = (async () => {
      logger.info({ signal, inflight: tracker.size, deadlineMs }, '收到关闭信号：停止接收新请求，等待进行中的请求完成');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const { completed, forced } = await tracker.drain(deadlineMs);
      server.closeAllConnections();
      await closed;
      let code = 0;
      try {
        await cleanup();
      } catch (err) {
        code = 1;
        logger.error({ error: { message: (err as Error)?.message } }, '关闭时清理失败');
      }
      logger.info({ completed, forced, code }, forced ? `已关闭：${forced} 个请求在期限内未完成，已提前结束` : '已关闭：所有进行中的请求都已完成');
      logger.flush?.();
      exit(code);
    })();
    return started;
  };
}
