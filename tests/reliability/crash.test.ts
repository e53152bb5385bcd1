// Crash safety end to end: the real server takes a burst of POST /api/feedback (and chat turns)
// and is SIGKILLed in the middle of it; after a restart on the same data folder, every feedback
// that was acknowledged with 201 is there, through the staff endpoint, and every answered chat
// turn is in its session (conversations use synchronous=NORMAL by default: a kill loses nothing).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage } from '../../src/storage/open-storage.js';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../fixtures/server/spawn-server.js';
import { tempDataDir } from '../server/helpers.js';

const TOKEN = 'crash-test-staff-token';
const servers: SpawnedServer[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.kill();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const env = (dir: string) => ({ DATA_DIR: dir, STAFF_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '0', SESSIONS_PER_CLIENT_PER_HOUR: '0' });

async function allFeedback(base: string): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (let offset = 0; ; offset += 500) {
    const page = (await (await fetch(`${base}/api/staff/feedback?limit=500&offset=${offset}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as {
      items: Array<{ id: number; comment?: string }>;
      total: number;
    };
    for (const item of page.items) found.set(item.id, item.comment ?? '');
    if (offset + 500 >= page.total) return found;
  }
}

describe('SIGKILL during a feedback burst', () => {
  it('loses no acknowledged feedback', async () => {
    const dir = tempDataDir('zct-crash-');
    dirs.push(dir);
    const first = await spawnServer(env(dir));
    servers.push(first);
    // One rating per answer: give each feedback request an answer of its own.
    const turns: Array<{ sessionId: string; turnId: string }> = [];
    for (let i = 0; i < 400; i++) {
      const res = await fetch(`${first.base}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: '研发费用补助最高多少？' }) });
      turns.push((await res.json()) as { sessionId: string; turnId: string });
    }
    let next = 0;

    const acked = new Map<number, string>();
    let sent = 0;
    let failed = 0;
    let killed = false;
    const KILL_AFTER = 250;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const question = `第 ${w}-${i} 条评价`;
        const turn = turns[next++];
        if (!turn) return;
        sent += 1;
        try {
          const res = await fetch(`${first.base}/api/feedback`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ sessionId: turn.sessionId, turnId: turn.turnId, rating: i % 3 ? 'up' : 'down', comment: question }),
          });
          if (res.status !== 201) throw new Error(`status ${res.status}`);
          acked.set(((await res.json()) as { id: number }).id, question);
        } catch {
          failed += 1;
          return; // the server is gone
        }
        if (acked.size >= KILL_AFTER && !killed) {
          killed = true;
          process.kill(first.pid, 'SIGKILL');
        }
      }
    };
    const answered = new Map<string, number>();
    const chatter = async () => {
      while (!killed) {
        try {
          const res = await fetch(`${first.base}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: '人才引进有什么补助？' }) });
          const body = (await res.json()) as { sessionId: string };
          if (res.status === 200) answered.set(body.sessionId, 2);
        } catch {
          return;
        }
      }
    };
    await Promise.all([...Array.from({ length: 8 }, (_, w) => worker(w)), chatter(), chatter()]);
    expect(await first.exited).toBe('SIGKILL');
    expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failed).toBeGreaterThan(0); // requests really were cut off mid-burst

    const second = await spawnServer(env(dir));
    servers.push(second);
    const stored = await allFeedback(second.base);
    const missing = [...acked].filter(([id, q]) => stored.get(id) !== q);
    expect(missing).toEqual([]);
    // Rows committed but not acknowledged are at most the requests that were in flight.
    expect(stored.size - acked.size).toBeGreaterThanOrEqual(0);
    expect(stored.size - acked.size).toBeLessThanOrEqual(8);
    expect(sent).toBeGreaterThan(acked.size);
    expect(answered.size).toBeGreaterThan(0);
    const storage = openStorage({ file: join(dir, 'app.db') });
    const lostTurns: string[] = [];
    for (const [id, turns] of answered) if ((await storage.conversations.listTurns(id)).length < turns) lostTurns.push(id);
    storage.close();
    expect(lostTurns).toEqual([]);
    process.kill(second.pid, 'SIGTERM');
    expect(await second.exited).toBe(0);
  }, 90_000);
});
