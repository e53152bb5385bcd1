// The Limiter contract, run against every adapter (memory; PostgreSQL in postgres.int.test.ts).
import { describe, expect, it } from 'vitest';
import type { Limiter } from '../../src/server/limits/limiter.js';

export type MakeLimiter = (options: { points: number; durationSeconds: number; keyPrefix: string }) => Limiter | Promise<Limiter>;

let prefixSeq = 0;
const prefix = () => `t${process.pid}x${++prefixSeq}`;

export function runLimiterContract(name: string, make: MakeLimiter): void {
  describe(`Limiter contract: ${name}`, () => {
    it('grants the budget per key, then refuses with a wait', async () => {
      const l = await make({ points: 3, durationSeconds: 60, keyPrefix: prefix() });
      for (let i = 0; i < 3; i++) expect(await l.consume('a')).toMatchObject({ allowed: true, remaining: 2 - i });
      const refused = await l.consume('a');
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect((await l.consume('b')).allowed).toBe(true);
    });

    it('peeks without spending, and refunds', async () => {
      const l = await make({ points: 2, durationSeconds: 60, keyPrefix: prefix() });
      expect(await l.peek('k')).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
      await l.consume('k');
      await l.consume('k');
      expect((await l.peek('k')).allowed).toBe(false);
      await l.refund('k');
      expect(await l.peek('k')).toMatchObject({ allowed: true, remaining: 1 });
      expect((await l.consume('k')).allowed).toBe(true);
    });

    it('keeps limiters with different prefixes apart', async () => {
      const a = await make({ points: 1, durationSeconds: 60, keyPrefix: prefix() });
      const b = await make({ points: 1, durationSeconds: 60, keyPrefix: prefix() });
      expect((await a.consume('same')).allowed).toBe(true);
      expect((await b.consume('same')).allowed).toBe(true);
      expect((await a.consume('same')).allowed).toBe(false);
    });

    it('opens a new window after the duration', async () => {
      const l = await make({ points: 1, durationSeconds: 1, keyPrefix: prefix() });
      expect((await l.consume('w')).allowed).toBe(true);
      expect((await l.consume('w')).allowed).toBe(false);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await l.consume('w')).allowed).toBe(true);
    });
  });
}
