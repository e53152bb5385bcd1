// Probe defect 5: a new session persisted the client's whole `history` (up to 64 KB), so 1000
// requests added 64 MB to app.db, and the session cache was bounded by count only. Now a new
// session keeps the few recent turns follow-up resolution reads, each cut short, and the cache
// counts its bytes and stays under its byte bound.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundHistory, HISTORY_BOUNDS } from '../../src/chat/history-bounds.js';
import type { ChatTurn } from '../../src/domain/chat.js';
import { createApp } from '../../src/server/app.js';
import { createPersistentSessionStore } from '../../src/server/persistent-sessions.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { databaseFile } from '../../src/storage/sqlite.js';
import { buildServices, listen, postJson, tempDataDir, type Running, type TestServices } from './helpers.js';

let t: TestServices;
let storage: Storage;
let r: Running;
const sessions = () =>
  createPersistentSessionStore({ store: storage.conversations, ttlMs: 3600_000, maxTurns: 40, maxCached: 10_000, maxCachedBytes: 2 * 1024 * 1024 });

beforeAll(async () => {
  storage = openStorage({ file: databaseFile(tempDataDir('zct-history-')) });
  t = await buildServices({ MAX_BODY_BYTES: String(256 * 1024), MAX_TURNS_PER_SESSION: '200' }, { sessions: sessions() });
  r = await listen(createApp(t.services));
});
afterAll(async () => {
  await r.close();
  storage.close();
  t.cleanup();
});

/** A history of about `bytes` bytes of UTF-8 (alternating user and assistant turns). */
function bigHistory(bytes: number): ChatTurn[] {
  const turns: ChatTurn[] = [];
  const filler = '我们公司想了解一下研发费用补助的申报条件和流程，'.repeat(20); // ~1.4 KB
  for (let size = 0; size < bytes; size += Buffer.byteLength(filler)) {
    turns.push({ role: turns.length % 2 ? 'assistant' : 'user', content: filler });
  }
  return turns;
}

const storedChars = async (sessionId: string) => (await storage.conversations.listTurns(sessionId, { limit: 500 })).reduce((n, turn) => n + turn.content.length, 0);

describe('probe defect 5: stored history amplification', () => {
  it('keeps only the last turns, each cut to a bounded length', async () => {
    const h = bigHistory(64 * 1024);
    const kept = boundHistory(h);
    expect(kept).toHaveLength(HISTORY_BOUNDS.maxTurns);
    expect(kept.every((turn) => [...turn.content].length <= HISTORY_BOUNDS.maxChars)).toBe(true);
    expect(kept.at(-1)!.role).toBe(h.at(-1)!.role);
  });

  it('a new session sent with a 64 KB history stores a few KB, and a follow-up still resolves against it', async () => {
    const history = bigHistory(64 * 1024);
    history.push({ role: 'user', content: '研发费用补助最高能拿多少？' }, { role: 'assistant', content: '研发费用补助最高300万元。', refs: ['11'] });
    expect(Buffer.byteLength(JSON.stringify(history))).toBeGreaterThan(60 * 1024);
    const res = await postJson(r.base, '/api/chat', { message: '那找哪个部门申请？', history, sessionId: 'probe-history-1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sessionId: string; resolvedQuestion: string };
    expect(body.resolvedQuestion).toMatch(/研发/);
    const chars = await storedChars(body.sessionId);
    // 6 kept turns of at most 400 characters, plus this question and its answer.
    expect(chars).toBeLessThan(HISTORY_BOUNDS.maxTurns * HISTORY_BOUNDS.maxChars + 2000);
    console.log(`stored characters for a new session with a ${Buffer.byteLength(JSON.stringify(history))}-byte history: ${chars}`);
  });

  it('the session cache counts bytes and stays within its bound', async () => {
    const store = createPersistentSessionStore({ store: storage.conversations, ttlMs: 3600_000, maxTurns: 40, maxCached: 10_000, maxCachedBytes: 200 * 1024 });
    const turn = (i: number): ChatTurn => ({ role: 'user', content: `第${i}个会话的问题：${'研发费用补助'.repeat(200)}` });
    for (let i = 0; i < 200; i++) {
      const id = `cache-bound-${i}`;
      await store.create(id);
      await store.append(id, turn(i));
    }
    expect(store.cachedBytes!()).toBeLessThanOrEqual(200 * 1024);
    expect(store.size()).toBeLessThan(200);
    // Evicted sessions are still in the database and load again on demand.
    expect((await store.get('cache-bound-0'))?.turns[0]?.content).toMatch(/^第0个会话/);
  });
});
