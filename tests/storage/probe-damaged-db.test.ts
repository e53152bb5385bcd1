// Probe defect 8: a damaged database. Random bytes over its pages used to leave the server
// starting, health saying ok and requests answering 500 (feedback) or 503 (chat); a 0-byte file
// started silently empty. Now start-up refuses a damaged file with a message that says what to
// do, storage failures answer 503 in Chinese, and /api/health reports the database as degraded.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import express from 'express';
import { AppError } from '../../src/domain/errors.js';
import { errorHandler } from '../../src/server/error-handler.js';
import { healthRouter } from '../../src/server/routes/health-route.js';
import { staffRouter } from '../../src/server/routes/staff-routes.js';
import { openStorage } from '../../src/storage/open-storage.js';
import { databaseFile } from '../../src/storage/sqlite.js';
import { createStorageMonitor, isStorageError, SCHEMA_PROBE_SQL } from '../../src/storage/storage-health.js';
import { listen, type Running } from '../server/helpers.js';
import { feedback } from './feedback-store.contract.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs('zct-damaged-');
const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

/** A database with many feedback rows, closed (WAL checkpointed into the main file). */
function filledDatabase(rows = 1500): string {
  const file = databaseFile(tempDir());
  const storage = openStorage({ file });
  for (let i = 0; i < rows; i++) storage.feedback.add(feedback({ comment: `第${i}条评论`.repeat(8), question: `问题${i}`.repeat(10) }));
  storage.close();
  return file;
}

/** Overwrites `pages` pages in the middle of the file with random bytes. */
function scribble(file: string, pages = 8, pageSize = 4096): void {
  const size = statSync(file).size;
  const fd = openSync(file, 'r+');
  const start = Math.floor(size / 2 / pageSize) * pageSize;
  writeSync(fd, randomBytes(pages * pageSize), 0, pages * pageSize, start);
  closeSync(fd);
}

describe('probe defect 8: damaged database', () => {
  it('refuses to open a 0-byte database file, saying what to do', async () => {
    const file = databaseFile(tempDir());
    writeFileSync(file, '');
    expect(() => openStorage({ file })).toThrowError(AppError);
    expect(() => openStorage({ file })).toThrowError(/0 字节.*从备份恢复/);
  });

  it('refuses to open a file whose pages were overwritten with random bytes', async () => {
    const file = filledDatabase();
    scribble(file);
    expect(() => openStorage({ file })).toThrowError(/已损坏.*完整性检查未通过/);
  });

  it('a healthy file still opens and keeps its rows', async () => {
    const file = filledDatabase(50);
    const storage = openStorage({ file });
    expect((await storage.feedback.list({ limit: 100 })).total).toBe(50);
    storage.close();
  });

  it('damage found after start: staff endpoints answer 503 in Chinese and health reports degraded', async () => {
    const file = filledDatabase();
    scribble(file, 40);
    // As if the damage happened after the start-up check passed.
    const storage = openStorage({ file, integrityCheck: false });
    const monitor = createStorageMonitor({ probe: () => SCHEMA_PROBE_SQL.forEach((sql) => storage.db.prepare(sql).get()), probeEveryMs: 0 });
    const app = express();
    app.use(staffRouter({ feedback: storage.feedback, auth: (_q, _r, next) => next() }));
    app.use(healthRouter({ manifest: () => ({ unitCount: 1 }) as never, rebuilt: false, startedAt: new Date(), now: () => new Date(), sessions: () => 0, storage: () => monitor.status() }));
    app.use(errorHandler((err) => isStorageError(err) && monitor.recordFailure(err)));
    const r = await listen(app);
    running.push(r);
    const statuses: number[] = [];
    for (let offset = 0; offset < 1500; offset += 500) {
      const res = await fetch(`${r.base}/api/staff/feedback?limit=500&offset=${offset}`);
      statuses.push(res.status);
      if (res.status !== 200) {
        expect(res.status).toBe(503);
        const body = (await res.json()) as { error: { code: string; message: string } };
        expect(body.error.code).toBe('UNAVAILABLE');
        expect(body.error.message).toMatch(/数据存储暂时不可用/);
      }
    }
    expect(statuses).toContain(503);
    expect(statuses).not.toContain(500);
    const health = await fetch(`${r.base}/api/health`);
    expect(health.status).toBe(503);
    const h = (await health.json()) as { status: string; storage: { status: string; message: string } };
    expect(h.status).toBe('degraded');
    expect(h.storage.status).toBe('degraded');
    expect(h.storage.message).toMatch(/SQLITE_CORRUPT|数据库读写失败/);
    storage.close();
  });
});
