// Probe defect 7: feedback was not tied to a turn. An invented turnId with an invented answer
// ("最高1亿元") was accepted again and again and exported as a gold candidate. Now feedback must
// name a stored answer; the server takes question, answer and citations from it; one rating per
// turn, a later one replacing the earlier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { createPersistentSessionStore } from '../../src/server/persistent-sessions.js';
import { feedbackRouter } from '../../src/server/routes/feedback-routes.js';
import { migrations } from '../../src/storage/migrations.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { databaseFile, openDatabase } from '../../src/storage/sqlite.js';
import { createSqliteFeedbackStore } from '../../src/storage/sqlite-feedback-store.js';
import { buildServices, listen, postJson, tempDataDir, type Running, type TestServices } from './helpers.js';

let t: TestServices;
let storage: Storage;
let r: Running;

beforeAll(async () => {
  storage = openStorage({ file: databaseFile(tempDataDir('zct-feedback-')) });
  const sessions = createPersistentSessionStore({ store: storage.conversations, ttlMs: 3600_000, maxTurns: 40, maxCached: 100 });
  t = await buildServices({}, { sessions });
  r = await listen(
    createApp(t.services, { routers: [feedbackRouter({ feedback: storage.feedback, exchange: (s, turn) => storage.conversations.getExchange(s, turn) })] }),
  );
});
afterAll(async () => {
  await r.close();
  storage.close();
  t.cleanup();
});

async function ask(message: string) {
  const res = await postJson(r.base, '/api/chat', { message });
  return (await res.json()) as { sessionId: string; turnId: string; answer: string; citations: Array<{ ref: string; quote: string }> };
}

describe('probe defect 7: feedback not tied to a turn', () => {
  it('an invented turn is refused and nothing is stored or exported', async () => {
    const chat = await ask('技术改造项目有什么补助');
    for (let i = 0; i < 3; i++) {
      const res = await postJson(r.base, '/api/feedback', { sessionId: chat.sessionId, turnId: `made-up-turn-${i}x`, rating: 'up', answer: '最高1亿元', question: '随便问问', citations: [] });
      expect(res.status).toBe(404);
    }
    expect(await storage.feedback.exportGoldCandidates()).not.toContain('1亿元');
    expect((await storage.feedback.list()).total).toBe(0);
  });

  it('the stored answer is what gets recorded, whatever the client claims', async () => {
    const chat = await ask('技术改造项目有什么补助');
    const res = await postJson(r.base, '/api/feedback', { sessionId: chat.sessionId, turnId: chat.turnId, rating: 'down', answer: '最高1亿元', question: '伪造的问题', citations: [{ ref: '99', label: 'x', quote: 'x', docTitle: 'x' }] });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const row = (await storage.feedback.get(id))!;
    expect(row.answer).toBe(chat.answer);
    expect(row.question).toBe('技术改造项目有什么补助');
    expect(row.citations.map((c) => c.ref)).toEqual(chat.citations.map((c) => c.ref));
    expect(row.citations.map((c) => c.ref)).not.toContain('99');
    expect(row.retrievedRefs?.length).toBeGreaterThan(0);
  });

  it('one rating per turn: later ones replace the earlier', async () => {
    const chat = await ask('人才引进有哪些补贴');
    const ids: number[] = [];
    for (const [rating, comment] of [['up', '有用'], ['down', '其实不对'], ['up', '再看一遍是对的']] as const) {
      const res = await postJson(r.base, '/api/feedback', { sessionId: chat.sessionId, turnId: chat.turnId, rating, comment });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: number }).id);
    }
    expect(new Set(ids).size).toBe(1);
    const rows = (await storage.feedback.list({ limit: 500 })).items.filter((f) => f.turnId === chat.turnId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 'up', comment: '再看一遍是对的' });
  });

  it('the migration keeps the latest of earlier duplicate ratings and then enforces one per turn', async () => {
    const file = databaseFile(tempDataDir('zct-migrate-'));
    const v1 = openDatabase({ file, migrations: migrations.slice(0, 1) });
    const insert = v1.prepare(
      'INSERT INTO feedback (session_id, turn_id, rating, question, answer, citations_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run('sess-aaaa', 'turn-1', 'up', 'q', 'a', '[]', 1);
    insert.run('sess-aaaa', 'turn-1', 'down', 'q', 'a', '[]', 2);
    insert.run('sess-aaaa', 'turn-2', 'up', 'q', 'a', '[]', 3);
    v1.close();
    const db = openDatabase({ file });
    expect(db.schemaVersion).toBe(migrations.length);
    const feedback = createSqliteFeedbackStore(db);
    expect((await feedback.list()).items.map((f) => [f.turnId, f.rating])).toEqual([
      ['turn-2', 'up'],
      ['turn-1', 'down'],
    ]);
    db.close();
  });
});
