// The limiter port and its adapters over rate-limiter-flexible (the only import of it): in
// process memory (one replica), and PostgreSQL (one budget shared by every replica on the same
// database). A limiter grants `points` per key per window; over the budget it says how long to
// wait. The middleware only see the Limiter port.
import { StorageError } from '../../storage/postgres/pg-database.js';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LimitDecision {
  allowed: boolean;
  /** Seconds until the key may try again (≥ 1 when refused). */
  retryAfterSeconds: number;
  remaining: number;
}

export interface Limiter {
  readonly points: number;
  readonly durationSeconds: number;
  consume(key: string, points?: number): Promise<LimitDecision>;
  /** The key's standing without spending anything. */
  peek(key: string): Promise<LimitDecision>;
  /** Gives points back (a request that turned out not to count). */
  refund(key: string, points?: number): Promise<void>;
}

export interface LimiterOptions {
  points: number;
  durationSeconds: number;
  /** Namespace, so that two limiters never share counters. */
  keyPrefix: string;
}

export function createMemoryLimiter({ points, durationSeconds, keyPrefix }: LimiterOptions): Limiter {
  return fromLibrary(new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix }), points, durationSeconds);
}

export interface PostgresLimiterOptions extends LimiterOptions {
  /** The pg Pool of the application database (PgDatabase.pool). */
  pool: unknown;
  /** Created by the PostgreSQL migrations (rate_limits). */
  tableName?: string;
}

/**
 * Counters in PostgreSQL: every replica on the database spends from the same budget. Each
 * consume is one atomic upsert; the table is created by our migrations, not by the library.
 */
export function createPostgresLimiter({ points, durationSeconds, keyPrefix, pool, tableName = 'rate_limits' }: PostgresLimiterOptions): Limiter {
  const rl = new RateLimiterPostgres({
    storeClient: pool,
    storeType: 'pool',
    tableName,
    tableCreated: true,
    // Expired rows are removed by the library every 5 minutes (an unref'd timer).
    clearExpiredByTimeout: true,
    points,
    duration: durationSeconds,
    keyPrefix,
  });
  return fromLibrary(rl, points, durationSeconds);
}

function fromLibrary(rl: RateLimiterAbstract, points: number, durationSeconds: number): Limiter {
  return {
    points,
    durationSeconds,
    async consume(key, n = 1) {
      try {
        const res = await rl.consume(key, n);
        return { allowed: true, retryAfterSeconds: 0, remaining: res.remainingPoints };
      } catch (err) {
        if (err instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)), remaining: 0 };
        }
        throw storeFailure(err);
      }
    },
    async peek(key) {
      const res = await rl.get(key).catch((err: unknown) => {
        throw storeFailure(err);
      });
      const used = res?.consumedPoints ?? 0;
      if (res && used >= points) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), remaining: 0 };
      return { allowed: true, retryAfterSeconds: 0, remaining: points - used };
    },
    async refund(key, n = 1) {
      await rl.reward(key, n).catch((err: unknown) => {
        throw storeFailure(err);
      });
    },
  };
}

/** A counter store that cannot answer fails closed, as a storage failure (503, health degraded). */
function storeFailure(err: unknown): Error {
  if (err instanceof StorageError) return err;
  return new StorageError(`限流计数存储失败：${String((err as Error)?.message ?? err).slice(0, 200)}`, { cause: err });
}
