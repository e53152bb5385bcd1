// The limiters a server uses, by storage: on PostgreSQL every replica spends from one budget per
// client (rate limit, new-session quota, wrong staff tokens); on SQLite each process keeps its
// own in memory (the middleware defaults).
import type { Config } from '../../config/config.js';
import type { Storage } from '../../storage/open-storage.js';
import { createPostgresLimiter, type Limiter } from './limiter.js';

export interface ServerLimiters {
  api?: Limiter;
  sessions?: Limiter;
  staffFailures?: Limiter;
}

export function serverLimiters(storage: Storage, config: Pick<Config, 'RATE_LIMIT_PER_MINUTE' | 'SESSIONS_PER_CLIENT_PER_HOUR'>): ServerLimiters {
  if (storage.kind !== 'postgres') return {};
  const pool = storage.pg.pool;
  const make = (points: number, durationSeconds: number, keyPrefix: string) =>
    points > 0 ? createPostgresLimiter({ points, durationSeconds, keyPrefix, pool }) : undefined;
  return {
    api: make(config.RATE_LIMIT_PER_MINUTE, 60, 'api'),
    sessions: make(config.SESSIONS_PER_CLIENT_PER_HOUR, 3600, 'sessions'),
    // The same lockout as staffAuth's default: 10 wrong tokens per 15 minutes.
    staffFailures: make(10, 15 * 60, 'staff-auth'),
  };
}
