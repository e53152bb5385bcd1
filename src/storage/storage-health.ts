// Whether the database is serving (pure bookkeeping plus an injected probe). Storage errors seen
// by the error handler are recorded here; /api/health reports "degraded" while a failure is
// recent or the probe fails, so a load balancer or an operator sees the damage that requests see.
export interface StorageStatus {
  status: 'ok' | 'degraded';
  /** Which database serves: 'sqlite' or 'postgres' (with host:port/name, never credentials). */
  database?: string;
  /** Chinese, for operators; no file contents. */
  message?: string;
  since?: string;
}

export interface StorageMonitor {
  recordFailure(err: unknown): void;
  status(): StorageStatus;
}

const SQLITE_CODE = /^SQLITE_/;
/** node-postgres errors and ours (StorageError wraps every PostgreSQL failure). */
const STORAGE_ERROR_NAMES = new Set(['SqliteError', 'StorageError', 'DatabaseError']);

/** True for a database error, anywhere in the cause chain (AppError wraps store failures). */
export function isStorageError(err: unknown): boolean {
  for (let e = err as { name?: string; code?: unknown; cause?: unknown } | null | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (STORAGE_ERROR_NAMES.has(e.name ?? '') || (typeof e.code === 'string' && SQLITE_CODE.test(e.code))) return true;
  }
  return false;
}

export interface StorageMonitorOptions {
  /** A cheap read touching each table; throws (or rejects) when the database cannot serve. */
  probe: () => void | Promise<void>;
  /** Reported as StorageStatus.database. */
  database?: string;
  now?: () => number;
  /** How long one failure keeps the status degraded. */
  windowMs?: number;
  /** Probe at most this often (health checks can be frequent). */
  probeEveryMs?: number;
}

export function createStorageMonitor({ probe, database, now = Date.now, windowMs = 5 * 60_000, probeEveryMs = 2000 }: StorageMonitorOptions): StorageMonitor {
  let lastFailure: { at: number; message: string } | undefined;
  let lastProbe = -Infinity;
  const describe = (err: unknown) => {
    for (let e = err as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
      if (typeof e.code === 'string' && (SQLITE_CODE.test(e.code) || /^[0-9A-Z]{5}$/.test(e.code))) return `数据库读写失败（${e.code}）`;
    }
    return '数据库读写失败';
  };
  return {
    recordFailure(err) {
      lastFailure = { at: now(), message: describe(err) };
    },
    status() {
      const t = now();
      if (t - lastProbe >= probeEveryMs) {
        lastProbe = t;
        try {
          // An asynchronous probe (PostgreSQL) is reported by the next status call: health
          // checks never wait on the database.
          const pending = probe();
          if (pending) pending.catch((err: unknown) => (lastFailure = { at: now(), message: describe(err) }));
        } catch (err) {
          lastFailure = { at: t, message: describe(err) };
        }
      }
      const db = database ? { database } : {};
      if (lastFailure && t - lastFailure.at < windowMs) {
        return { status: 'degraded', ...db, message: `${lastFailure.message}：对话或反馈可能无法保存，请检查数据库${database?.startsWith('postgres') ? '服务' : '文件并从备份恢复'}。`, since: new Date(lastFailure.at).toISOString() };
      }
      return { status: 'ok', ...db };
    },
  };
}

/** The probe for our schema (both databases): the newest row of each table, through its index. */
export const SCHEMA_PROBE_SQL = [
  'SELECT id, session_id, turn_id, rating, comment, question, answer, citations_json, created_at FROM feedback ORDER BY id DESC LIMIT 1',
  'SELECT id, client_id, created_at, updated_at, profile_json FROM sessions ORDER BY updated_at DESC LIMIT 1',
  'SELECT id, session_id, content, refs_json, created_at FROM turns ORDER BY id DESC LIMIT 1',
];
