// Retention: deletes feedback, sessions and turns older than the configured number of days, on a
// timer that never keeps the process alive. The cutoff arithmetic is pure; the clock is injected.
// The purge itself belongs to the storage backend (SQLite: one transaction over both stores;
// PostgreSQL: each store's own purge, safe to run from every replica at once).
import { AppError } from '../domain/errors.js';
import type { Database } from './database.js';
import type { ConversationStore } from './conversation-store.js';
import type { FeedbackStore } from './feedback-store.js';

export interface PurgeCounts {
  feedback: number;
  sessions: number;
  turns: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** SQLite: deletes everything older than `cutoff` from both stores' tables, in one transaction. */
export function purgeOlderThan(db: Database, cutoff: Date): PurgeCounts {
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) throw new AppError('BAD_REQUEST', '清理条件无效：清理截止时间必须是有效的日期时间。请修改后重试。');
  const at = cutoff.getTime();
  return db.transaction(() => {
    const feedback = db.prepare('DELETE FROM feedback WHERE created_at < ?').run(at).changes;
    const turns =
      db.prepare('DELETE FROM turns WHERE session_id IN (SELECT id FROM sessions WHERE updated_at < ?)').run(at).changes +
      db.prepare('DELETE FROM turns WHERE created_at < ?').run(at).changes;
    const sessions = db.prepare('DELETE FROM sessions WHERE updated_at < ?').run(at).changes;
    return { feedback, sessions, turns };
  });
}

/** Any backend: each store purges its own rows (the counts add up the same way). */
export async function purgeStores(stores: { feedback: FeedbackStore; conversations: ConversationStore }, cutoff: Date): Promise<PurgeCounts> {
  const feedback = await stores.feedback.purgeOlderThan(cutoff);
  return { feedback, ...(await stores.conversations.purgeOlderThan(cutoff)) };
}

export interface RetentionOptions {
  /** SQLite: purge with purgeOlderThan(db) and stop when the database is closed. */
  db?: Database;
  /** Any backend: how to purge (default: purgeOlderThan(db)). */
  purge?: (cutoff: Date) => PurgeCounts | Promise<PurgeCounts>;
  /** False once the storage is closed (default: db.isOpen). */
  isOpen?: () => boolean;
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
  runNow(): Promise<PurgeCounts>;
  stop(): void;
}

export function startRetention({
  db,
  purge = db ? (cutoff) => purgeOlderThan(db, cutoff) : undefined,
  isOpen = () => db?.isOpen ?? true,
  days,
  intervalMs = 60 * 60 * 1000,
  now = () => new Date(),
  runAtStart = true,
  onPurged = () => {},
  onError = (err) => process.emitWarning(`数据保留清理失败：${(err as Error)?.message ?? String(err)}`),
}: RetentionOptions): RetentionHandle {
  if (!purge) throw new Error('startRetention needs db or purge');
  const purgeNow = purge;
  if (!Number.isInteger(days) || days < 1) throw new AppError('CONFIG_INVALID', `保留天数必须是不小于 1 的整数（收到 ${days}），请检查 RETENTION_DAYS。`);
  if (!Number.isFinite(intervalMs) || intervalMs < 1000) throw new AppError('CONFIG_INVALID', `清理间隔必须至少 1000 毫秒（收到 ${intervalMs}）。`);

  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
  };
  let running = false;
  const runNow = async () => {
    const cutoff = retentionCutoff(now(), days);
    const counts = await purgeNow(cutoff);
    onPurged(counts, cutoff);
    return counts;
  };
  const tick = () => {
    if (!isOpen()) return stop(); // the server closed the database during shutdown
    if (running) return;
    running = true;
    runNow()
      .catch(onError)
      .finally(() => (running = false));
  };

  timer = setInterval(tick, intervalMs);
  timer.unref();
  if (runAtStart) tick();
  return { runNow, stop };
}
