// Crash safety of the storage layer: a writer is SIGKILLed in the middle of a burst of inserts;
// every id it acknowledged must be in the database afterwards.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteFeedbackStore } from '../../src/storage/sqlite/sqlite-feedback-store.js';
import { databaseFile, openDatabase } from '../../src/storage/sqlite.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs('zct-crash-');
const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const writer = join(root, 'tests/fixtures/storage/feedback-writer.ts');

interface CrashRun {
  acked: number[];
  walBytesAtKill: number;
}

/** Starts the writer, SIGKILLs it once `killAfter` ids are acknowledged, collects every ack. */
function runAndKill(file: string, args: string[], killAfter: number): Promise<CrashRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tsx, [writer, file, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: number[] = [];
    let writerPid: number | undefined;
    let killed = false;
    let walBytesAtKill = 0;
    let buffer = '';
    let stderr = '';
    const killWriter = () => {
      if (killed || writerPid === undefined) return;
      killed = true;
      process.kill(writerPid, 'SIGKILL');
      walBytesAtKill = existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0;
    };
    const guard = setTimeout(() => {
      if (writerPid !== undefined && !killed) process.kill(writerPid, 'SIGKILL');
      child.kill('SIGKILL');
      reject(new Error(`writer did not reach ${killAfter} acks in time (got ${acked.length}); stderr: ${stderr}`));
    }, 25_000);
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'ready') writerPid = Number(value);
        // Acks already in the pipe when the kill lands still count: the client saw them.
        if (word === 'ack') acked.push(Number(value));
      }
      if (acked.length >= killAfter) killWriter();
    });
    child.on('close', () => {
      clearTimeout(guard);
      if (!killed) return reject(new Error(`writer exited before it was killed; stderr: ${stderr}`));
      resolvePromise({ acked, walBytesAtKill });
    });
  });
}

async function reopenAndFind(file: string, ids: number[]) {
  const db = openDatabase({ file });
  const store = createSqliteFeedbackStore(db);
  const missing: number[] = [];
  for (const id of ids) if ((await store.get(id)) === undefined) missing.push(id);
  const integrity = db.pragma('integrity_check');
  const rows = (db.prepare('SELECT count(*) AS n FROM feedback').get() as { n: number }).n;
  db.close();
  return { missing, integrity, rows };
}

describe('storage crash safety', () => {
  it('keeps every acknowledged feedback row when the writer is SIGKILLed mid-burst (synchronous=FULL)', async () => {
    const file = databaseFile(tempDir());
    const { acked, walBytesAtKill } = await runAndKill(file, ['FULL'], 300);
    expect(acked.length).toBeGreaterThanOrEqual(300);
    expect(acked).toEqual(acked.map((_, i) => i + 1)); // contiguous, so nothing was skipped
    expect(walBytesAtKill).toBeGreaterThan(0); // recovery had to read the WAL, not just the main file
    const { missing, integrity, rows } = await reopenAndFind(file, acked);
    expect(missing).toEqual([]);
    expect(integrity).toBe('ok');
    // At most the one insert that committed before its ack was printed is extra.
    expect(rows - acked.length).toBeGreaterThanOrEqual(0);
    expect(rows - acked.length).toBeLessThanOrEqual(1);
  }, 30_000);

  it('a process kill loses nothing with synchronous=NORMAL either: FULL is for power loss, which this cannot simulate', async () => {
    const file = databaseFile(tempDir());
    const { acked } = await runAndKill(file, ['NORMAL'], 300);
    expect((await reopenAndFind(file, acked)).missing).toEqual([]);
  }, 30_000);

  it('control: the test does notice acknowledged rows that were never committed', async () => {
    const file = databaseFile(tempDir());
    const { acked } = await runAndKill(file, ['FULL', '--unsafe-open-transaction'], 50);
    expect(acked.length).toBeGreaterThanOrEqual(50);
    const { missing, integrity, rows } = await reopenAndFind(file, acked);
    expect(missing).toEqual(acked);
    expect(rows).toBe(0);
    expect(integrity).toBe('ok');
  }, 30_000);
});
