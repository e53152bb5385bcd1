import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { Database } from '../../src/storage/database.js';
import { purgeOlderThan, retentionCutoff, startRetention, type PurgeCounts } from '../../src/storage/retention.js';
import { createSqliteConversationStore } from '../../src/storage/sqlite/sqlite-conversation-store.js';
import { createSqliteFeedbackStore } from '../../src/storage/sqlite/sqlite-feedback-store.js';
import { databaseFile, openDatabase } from '../../src/storage/sqlite.js';
import { feedback } from './feedback-store.contract.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const DAY = 24 * 60 * 60 * 1000;
const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * DAY);

afterEach(() => {
  vi.useRealTimers();
});

/** Feedback and a one-turn session on each of the given days. */
function seed(db: Database, days: number[]): void {
  const fb = createSqliteFeedbackStore(db);
  const conv = createSqliteConversationStore(db);
  for (const d of days) {
    fb.add(feedback({ createdAt: day(d) }));
    conv.createSession({ id: `s${d}`, createdAt: day(d) });
    conv.appendTurn(`s${d}`, { turnId: `t${d}`, role: 'user', content: '问', createdAt: day(d) });
  }
}

const count = (db: Database, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('retention', () => {
  it('computes the cutoff from the clock and the number of days', async () => {
    expect(retentionCutoff(day(200), 180)).toEqual(day(20));
  });

  it('purges feedback, sessions and turns before the cutoff in one call', async () => {
    const db = openDatabase({ file: databaseFile(tempDir()) });
    seed(db, [0, 10, 20, 30]);
    expect(purgeOlderThan(db, day(20))).toEqual({ feedback: 2, sessions: 2, turns: 2 });
    expect([count(db, 'feedback'), count(db, 'sessions'), count(db, 'turns')]).toEqual([2, 2, 2]);
    db.close();
  });

  it('runs at start and then on its interval, using the injected clock', async () => {
    vi.useFakeTimers();
    const db = openDatabase({ file: databaseFile(tempDir()) });
    seed(db, [0, 1, 2, 3]);
    let today = day(182);
    const runs: Array<{ counts: PurgeCounts; cutoff: Date }> = [];
    const handle = startRetention({ db, days: 180, intervalMs: 60_000, now: () => today, onPurged: (counts, cutoff) => runs.push({ counts, cutoff }) });
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([{ counts: { feedback: 2, sessions: 2, turns: 2 }, cutoff: day(2) }]);
    today = day(183);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs[1]).toEqual({ counts: { feedback: 1, sessions: 1, turns: 1 }, cutoff: day(3) });
    handle.stop();
    today = day(999);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(runs).toHaveLength(2);
    expect(count(db, 'feedback')).toBe(1);
    expect(await handle.runNow()).toEqual({ feedback: 1, sessions: 1, turns: 1 });
    db.close();
  });

  it('can wait for the first interval instead of purging at start', async () => {
    vi.useFakeTimers();
    const db = openDatabase({ file: databaseFile(tempDir()) });
    seed(db, [0]);
    const onPurged = vi.fn();
    const handle = startRetention({ db, days: 1, intervalMs: 5000, now: () => day(10), runAtStart: false, onPurged });
    expect(onPurged).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onPurged).toHaveBeenCalledTimes(1);
    handle.stop();
    db.close();
  });

  it('reports a failed run and tries again at the next interval', async () => {
    vi.useFakeTimers();
    const db = openDatabase({ file: databaseFile(tempDir()) });
    seed(db, [0]);
    const errors: unknown[] = [];
    let fail = true;
    const handle = startRetention({
      db,
      days: 1,
      intervalMs: 1000,
      now: () => {
        if (fail) throw new Error('clock broke');
        return day(10);
      },
      onError: (err) => errors.push(err),
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toHaveLength(1);
    fail = false;
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    expect(count(db, 'feedback')).toBe(0);
    handle.stop();
    db.close();
  });

  it('stops by itself once the database is closed', async () => {
    vi.useFakeTimers();
    const db = openDatabase({ file: databaseFile(tempDir()) });
    const onPurged = vi.fn();
    const onError = vi.fn();
    startRetention({ db, days: 1, intervalMs: 1000, now: () => day(10), onPurged, onError });
    await vi.advanceTimersByTimeAsync(0);
    db.close();
    await vi.advanceTimersByTimeAsync(5000);
    expect(onPurged).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('purges through any backend given as a function, and never overlaps two runs', async () => {
    vi.useFakeTimers();
    let release = () => {};
    const calls: Date[] = [];
    const purge = (cutoff: Date) =>
      new Promise<PurgeCounts>((resolve) => {
        calls.push(cutoff);
        release = () => resolve({ feedback: 3, sessions: 2, turns: 1 });
      });
    const onPurged = vi.fn();
    const handle = startRetention({ purge, isOpen: () => true, days: 1, intervalMs: 1000, now: () => day(10), onPurged });
    await vi.advanceTimersByTimeAsync(3000); // the first run is still going: no second one
    expect(calls).toEqual([day(9)]);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(onPurged).toHaveBeenCalledWith({ feedback: 3, sessions: 2, turns: 1 }, day(9));
    handle.stop();
  });

  it('never keeps the process alive', async () => {
    const db = openDatabase({ file: databaseFile(tempDir()) });
    const spy = vi.spyOn(globalThis, 'setInterval');
    const handle = startRetention({ db, days: 1, intervalMs: 60_000 });
    const timer = spy.mock.results[0]!.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    handle.stop();
    spy.mockRestore();
    db.close();
  });

  it('rejects a nonsensical configuration', async () => {
    const db = openDatabase({ file: databaseFile(tempDir()) });
    expect(() => startRetention({ db, days: 0 })).toThrow(AppError);
    expect(() => startRetention({ db, days: 1.5 })).toThrow(/RETENTION_DAYS/);
    expect(() => startRetention({ db, days: 30, intervalMs: 10 })).toThrow(/至少 1000 毫秒/);
    db.close();
  });
});
