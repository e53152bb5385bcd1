// Retention: deletes feedback, sessions and turns older than the configured number of days, on a
// timer that never keeps the process alive. The cutoff arithmetic is pure; the clock is injected.
import { AppError } from '../domain/errors.js';
import type { Database } from './database.js';
import { createSqliteConversationStore } from './sqlite-conversation-store.js';
import { createSqliteFeedbackStore } from './sqlite-feedback-store.js';

export interface PurgeCounts {
  feedback: number;
  sessions: number;
  turns: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Deletes everything older than `cutoff` from both stores, in one transaction. */
export function purgeOlderThan(db: Database, cutoff: Date): PurgeCounts {
  const feedback = createSqliteFeedbackStore(db);
  const conversations = createSqliteConversationStore(db);
  return db.transaction(() => ({ feedback: feedback.purgeOlderThan(cutoff), ...conversations.purgeOlderThan(cutoff) }));
}

export interface RetentionOptions {
  db: Database;
  /** Keep this many days (RETENTION_DAYS). */
  days: number;
  /** How often to purge; default hourly. */
  intervalMs?: number;
  now?: () => Date;
  /** Purge once immediately (default), then every intervalMs. */
  runAtStart?: boolean;
  onPurged?: (counts: PurgeCounts, cutoff: Date) => void;
  /** A failed run is reported here and retried at the next interval. */
  onError?: (err: unknown) => void;
}

export interface RetentionHandle {
  /** Runs a purge now (also used by the timer). */
  runNow(): PurgeCounts;
  stop(): void;
}

export function startRetention({
  db,
  days,
  intervalMs = 60 * 60 * 1000,
  now = () => new Date(),
  runAtStart = true,
  onPurged = () => {},
  onError = (err) => process.emitWarning(`数据保留清理失败：${(err as Error)?.message ?? String(err)}`),
}: RetentionOptions): RetentionHandle {
  if (!Number.isInteger(days) || days < 1) throw new AppError('CONFIG_INVALID', `保留天数必须是不小于 1 的整数（收到 ${days}），请检查 RETENTION_DAYS。`);
  if (!Number.isFinite(intervalMs) || intervalMs < 1000) throw new AppError('CONFIG_INVALID', `清理间隔必须至少 1000 毫秒（收到 ${intervalMs}）。`);

  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  const runNow = () => {
    const cutoff = retentionCutoff(now(), days);
    const counts = purgeOlderThan(db, cutoff);
    onPurged(counts, cutoff);
    return counts;
  };
  const tick = () => {
    if (!db.isOpen) return stop(); // the server closed the database during shutdown
    try {
      runNow();
    } catch (err) {
      onError(err);
    }
  };

  timer = setInterval(tick, intervalMs);
  timer.unref();
  if (runAtStart) tick();
  return { runNow, stop };
}
