// The limiter port and its in-process adapter over rate-limiter-flexible (the only import of it).
// A limiter grants `points` per key per window; over the budget it says how long to wait. The
// same library has PostgreSQL and other stores, so several replicas can later share one budget
// by swapping the adapter, not the middleware.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

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
  const rl = new RateLimiterMemory({ points, duration: durationSeconds, keyPrefix });
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
        throw err;
      }
    },
    async peek(key) {
      const res = await rl.get(key);
      const used = res?.consumedPoints ?? 0;
      if (res && used >= points) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)), remaining: 0 };
      return { allowed: true, retryAfterSeconds: 0, remaining: points - used };
    },
    async refund(key, n = 1) {
      await rl.reward(key, n);
    },
  };
}
