// Feedback and staff endpoints over real services and a real SQLite file, wired as in main.ts:
// acknowledged feedback is on disk, staff endpoints need the token, exports are JSONL, and chat
// sessions continue after a restart.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { createApp } from '../../src/server/app.js';
import { createPersistentSessionStore } from '../../src/server/persistent-sessions.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { feedbackRouter } from '../../src/server/routes/feedback-routes.js';
import { staffRouter } from '../../src/server/routes/staff-routes.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { databaseFile } from '../../src/storage/sqlite.js';
import { createAppServices } from '../../src/bootstrap/app-services.js';
import { buildServices, listen, postJson, type Running, type TestServices } from './helpers.js';

const TOKEN = 'staff-token-0123456789';
let t: TestServices;
const running: Running[] = [];
const storages: Storage[] = [];

beforeAll(async () => {
  t = await buildServices({ STAFF_TOKEN: TOKEN });
});
afterAll(() => t.cleanup());
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
  for (const s of storages.splice(0)) s.close();
});

/** Storage, persistent sessions, services and app, composed the way main.ts does it. */
async function compose(token: string | null = TOKEN) {
  const storage = openStorage({ file: databaseFile(t.dataDir) });
  storages.push(storage);
  const sessions = createPersistentSessionStore({
    store: storage.conversations,
    ttlMs: 60 * 60_000,
    maxTurns: 40,
    maxCached: 1000,
  });
  const services: AppServices = await createAppServices(t.config, { answerer: 'offline', sessions });
  const app = createApp(services, {
    routers: [
      feedbackRouter({ feedback: storage.feedback, exchange: (sessionId, turnId) => storage.conversations.getExchange(sessionId, turnId) }),
      staffRouter({ feedback: storage.feedback, auth: staffAuth({ token: token ?? undefined }) }),
    ],
  });
  const r = await listen(app);
  running.push(r);
  return { base: r.base, storage };
}

const auth = { Authorization: `Bearer ${TOKEN}` };
type ErrorBody = { error: { code: string; message: string } };

async function chatOnce(base: string, message = '研发费用补助最高多少？') {
  return (await (await postJson(base, '/api/chat', { message })).json()) as {
    sessionId: string;
    turnId: string;
    answer: string;
    citations: Array<Record<string, unknown>>;
  };
}

describe('POST /api/feedback', () => {
  it('answers 201 {id} only once the row is on disk (a second connection reads it)', async () => {
    const { base } = await compose();
    const chat = await chatOnce(base);
    const res = await postJson(base, '/api/feedback', {
      sessionId: chat.sessionId,
      turnId: chat.turnId,
      rating: 'up',
      comment: '  很清楚  ',
      question: '研发费用补助最高多少？',
      answer: chat.answer,
      citations: chat.citations, // as the widget sends them back, extra fields and all
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    const other = openStorage({ file: join(t.dataDir, 'app.db') });
    storages.push(other);
    const row = (await other.feedback.get(id))!;
    expect(row).toMatchObject({ rating: 'up', comment: '很清楚', sessionId: chat.sessionId, turnId: chat.turnId, question: '研发费用补助最高多少？', answer: chat.answer });
    expect(row.citations.length).toBe(chat.citations.length);
    expect(Object.keys(row.citations[0]!).sort()).toEqual(['docTitle', 'label', 'quote', 'ref']);
  });

  it('rejects bad input with 400s naming the field, and unknown sessions with 404', async () => {
    const { base } = await compose();
    const chat = await chatOnce(base);
    const good = { sessionId: chat.sessionId, turnId: chat.turnId, rating: 'down', question: 'q', answer: 'a', citations: [] };
    const cases: Array<[unknown, number, RegExp]> = [
      [{ ...good, rating: 'meh' }, 400, /rating 只能是 up（有用）或 down（没用）/],
      [{ ...good, rating: undefined }, 400, /rating/],
      [{ ...good, comment: 'x'.repeat(2001) }, 400, /comment 过长/],
      [{ ...good, admin: true }, 400, /不支持的字段：admin/],
      [JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(good).slice(1)}`), 400, /不支持的字段：__proto__/],
      [{ ...good, sessionId: 'short' }, 400, /sessionId 格式不正确/],
      [[good], 400, /请求体必须是 JSON 对象/],
      [{ ...good, sessionId: 'unknown-session-0001' }, 404, /找不到要评价的这条回答/],
      [{ ...good, turnId: 'invented-turn-0001' }, 404, /找不到要评价的这条回答/],
    ];
    for (const [body, status, message] of cases) {
      const res = await postJson(base, '/api/feedback', body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(((await res.json()) as ErrorBody).error.message).toMatch(message);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('staff endpoints', () => {
  it('need the Bearer token', async () => {
    const { base } = await compose();
    expect((await fetch(`${base}/api/staff/feedback`)).status).toBe(401);
    expect((await fetch(`${base}/api/staff/feedback`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await fetch(`${base}/api/staff/feedback/export`)).status).toBe(401);
    expect((await fetch(`${base}/api/staff/feedback`, { headers: auth })).status).toBe(200);
  });

  it('list feedback newest first with rating filter and paging, and validate the query', async () => {
    const { base } = await compose();
    for (const rating of ['up', 'down', 'down']) {
      const chat = await chatOnce(base);
      const r = await postJson(base, '/api/feedback', { sessionId: chat.sessionId, turnId: chat.turnId, rating });
      expect(r.status).toBe(201);
    }
    const page = (await (await fetch(`${base}/api/staff/feedback?rating=down&limit=1&offset=0`, { headers: auth })).json()) as {
      items: Array<{ rating: string; createdAt: string }>;
      total: number;
    };
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.rating).toBe('down');
    expect(page.items[0]!.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    for (const q of ['limit=0', 'limit=abc', 'limit=501', 'offset=-1', 'rating=meh', 'rating=up&rating=down', 'since=yesterday']) {
      const res = await fetch(`${base}/api/staff/feedback?${q}`, { headers: auth });
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
    }
  });

  it('export draft gold cases as application/x-ndjson, one JSON object per line', async () => {
    const { base } = await compose();
    const chat = await chatOnce(base);
    await postJson(base, '/api/feedback', { sessionId: chat.sessionId, turnId: chat.turnId, rating: 'up', question: '研发费用补助最高多少？', answer: chat.answer, citations: chat.citations });
    const res = await fetch(`${base}/api/staff/feedback/export?rating=up`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="gold-candidates-up-\d{8}\.jsonl"/);
    const lines = (await res.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toMatchObject({ source: 'feedback', rating: 'up', answerable: true });
    expect(lines.some((l) => (l.expected_clauses as string[]).includes('wzzb-2024-11:11'))).toBe(true);
  });

  it('without STAFF_TOKEN: allowed from this machine', async () => {
    const { base } = await compose(null);
    expect((await fetch(`${base}/api/staff/feedback`)).status).toBe(200);
  });
});

describe('persistent chat sessions through the app', () => {
  it('a conversation continues after a restart (new store, services and app over the same database)', async () => {
    const first = await compose();
    const chat = await chatOnce(first.base, '研发费用补助最高多少？');
    for (const r of running.splice(0)) await r.close();
    for (const s of storages.splice(0)) s.close();

    const second = await compose();
    const follow = await postJson(second.base, '/api/chat', { message: '怎么申请？', sessionId: chat.sessionId });
    expect(follow.status).toBe(200);
    const body = (await follow.json()) as { sessionId: string; resolvedQuestion: string };
    expect(body.sessionId).toBe(chat.sessionId);
    expect((await second.storage.conversations.listTurns(chat.sessionId)).map((x) => x.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
  });
});
