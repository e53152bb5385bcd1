// The assembled app over real services: limits with Chinese errors, deadlines on JSON, SSE and
// OpenAI routes, headers on real pages, and no secrets or stack traces in responses or logs.
import { Router } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import type { ChatService } from '../../src/domain/chat.js';
import { createApp } from '../../src/server/app.js';
import { buildServices, capturingLogger, listen, postJson, sleep, sseFrames, withConfig, type Running, type TestServices } from './helpers.js';

const SENTINEL = 'sk-SENTINEL-9f3a7c1e5b2d4068';
let t: TestServices;
const running: Running[] = [];

beforeAll(async () => {
  t = await buildServices({ OPENAI_API_KEY: SENTINEL, STAFF_TOKEN: 'staff-token-for-tests' });
});
afterAll(() => t.cleanup());
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function serve(services: AppServices, opts: Parameters<typeof createApp>[1] = {}) {
  const r = await listen(createApp(services, opts));
  running.push(r);
  return r.base;
}

type ErrorBody = { error: { code: string; message: string } };

describe('limits', () => {
  it('413 for a body over MAX_BODY_BYTES, with a Chinese message', async () => {
    const base = await serve(withConfig(t.services, { MAX_BODY_BYTES: 2048 }));
    const res = await postJson(base, '/api/chat', { message: '研发'.repeat(2000) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as ErrorBody).error).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大，请精简后重试。' });
  });

  it('400 for a message over MAX_MESSAGE_CHARS (counted in characters) and for too much history', async () => {
    const base = await serve(withConfig(t.services, { MAX_MESSAGE_CHARS: 20, MAX_TURNS_PER_SESSION: 4 }));
    const ok = await postJson(base, '/api/chat', { message: '研发费用补助最高多少？'.padEnd(20, '？') });
    expect(ok.status).toBe(200);
    const long = await postJson(base, '/api/chat', { message: '研'.repeat(21) });
    expect(long.status).toBe(400);
    expect(((await long.json()) as ErrorBody).error.message).toMatch(/问题过长，请控制在 20 字以内/);
    const history = Array.from({ length: 5 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: 'x' }));
    const many = await postJson(base, '/api/chat', { message: '补助多少', history });
    expect(many.status).toBe(400);
    expect(((await many.json()) as ErrorBody).error.message).toMatch(/历史消息过多，最多 4 条/);
    const completions = await postJson(base, '/v1/chat/completions', { messages: [{ role: 'user', content: '研'.repeat(21) }] });
    expect(completions.status).toBe(400);
  });

  it('400 with a readable message for malformed JSON and wrong types', async () => {
    const base = await serve(t.services);
    const bad = await postJson(base, '/api/chat', '{"message": "研发');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.message).toBe('请求体不是合法的 JSON，请检查格式后重试。');
    const wrong = await postJson(base, '/api/chat', { message: 42 });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as ErrorBody).error.code).toBe('BAD_REQUEST');
  });

  it('429 with Retry-After from the per-client rate limit; health stays reachable', async () => {
    const base = await serve(withConfig(t.services, { RATE_LIMIT_PER_MINUTE: 2 }));
    expect((await fetch(`${base}/api/documents`)).status).toBe(200);
    expect((await fetch(`${base}/api/documents`)).status).toBe(200);
    const limited = await postJson(base, '/api/chat', { message: '研发费用补助' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as ErrorBody).error.message).toMatch(/请求过于频繁/);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });

  it('429 once a client has opened SESSIONS_PER_CLIENT_PER_HOUR conversations; continuing one is still allowed', async () => {
    const base = await serve(withConfig(t.services, { SESSIONS_PER_CLIENT_PER_HOUR: 2 }));
    const first = (await (await postJson(base, '/api/chat', { message: '研发费用补助最高多少？' })).json()) as { sessionId: string };
    expect((await postJson(base, '/api/chat', { message: '人才补助' })).status).toBe(200);
    const third = await postJson(base, '/api/chat/stream', { message: '技改补助' });
    expect(third.status).toBe(429);
    expect(((await third.json()) as ErrorBody).error.message).toMatch(/新开的对话已达上限（2 个）/);
    expect((await postJson(base, '/api/chat', { message: '怎么申请？', sessionId: first.sessionId })).status).toBe(200);
  });
});

/** Chat that takes `ms` before answering (or streaming its first event). */
function slowChat(chat: ChatService, ms: number): ChatService {
  return {
    async *answerStream(req, signal) {
      yield { type: 'token', text: '正在查找……' };
      await sleep(ms);
      yield* chat.answerStream(req, signal);
    },
    async answer(req, signal) {
      await sleep(ms);
      return chat.answer(req, signal);
    },
  };
}

describe('request deadline (REQUEST_TIMEOUT_MS)', () => {
  it('504 JSON for /api/chat and /v1/chat/completions, an error event for /api/chat/stream', async () => {
    const services = withConfig({ ...t.services, chat: slowChat(t.services.chat, 1600) }, { REQUEST_TIMEOUT_MS: 1000 });
    const base = await serve(services);
    const [json, openai, stream] = await Promise.all([
      postJson(base, '/api/chat', { message: '研发费用补助最高多少？' }),
      postJson(base, '/v1/chat/completions', { messages: [{ role: 'user', content: '研发费用补助最高多少？' }] }),
      postJson(base, '/api/chat/stream', { message: '研发费用补助最高多少？' }),
    ]);
    expect(json.status).toBe(504);
    expect(((await json.json()) as ErrorBody).error.code).toBe('TIMEOUT');
    expect(openai.status).toBe(504);
    expect(stream.status).toBe(200);
    const frames = sseFrames(await stream.text());
    expect(frames.at(-1)!.event).toBe('error');
    expect(JSON.parse(frames.at(-1)!.data)).toEqual({ code: 'TIMEOUT', message: expect.stringContaining('处理超时') });
    expect(frames.some((f) => f.event === 'done')).toBe(false);
  });
});

describe('headers on real responses', () => {
  it('HTML pages carry the strict CSP; every response has an X-Request-Id, errors included', async () => {
    const base = await serve(t.services);
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toMatch(/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'; ?script-src 'self'; ?style-src 'self'/);
    for (const res of [page, await fetch(`${base}/api/nope`), await postJson(base, '/api/chat', '{')]) {
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('secrets and stack traces', () => {
  it('never echo OPENAI_API_KEY or a stack trace in responses or logs, whatever the error carries', async () => {
    const { logger, lines } = capturingLogger('debug', [SENTINEL, t.config.STAFF_TOKEN]);
    const boom = Router();
    boom.get('/api/boom', () => {
      throw new Error(`upstream rejected key ${SENTINEL}`, { cause: new Error(`Incorrect API key provided: ${SENTINEL}`) });
    });
    boom.get('/api/boom-async', async () => {
      await sleep(1);
      throw Object.assign(new TypeError(`bad header Authorization: Bearer ${SENTINEL}`), { code: 'E_SECRET', config: { apiKey: SENTINEL } });
    });
    const failing: ChatService = {
      // eslint-disable-next-line require-yield
      async *answerStream() {
        throw new Error(`stream failed with ${SENTINEL}`);
      },
      async answer() {
        throw new Error(`answer failed with ${SENTINEL}`);
      },
    };
    const base = await serve({ ...t.services, chat: failing }, { logger, routers: [boom] });
    const responses = [
      await fetch(`${base}/api/boom`),
      await fetch(`${base}/api/boom-async`),
      await postJson(base, '/api/chat', { message: '研发费用补助' }),
      await postJson(base, '/api/chat/stream', { message: '研发费用补助' }),
      await postJson(base, '/v1/chat/completions', { messages: [{ role: 'user', content: '研发' }] }, { Authorization: `Bearer ${SENTINEL}` }),
      await fetch(`${base}/api/health`),
    ];
    const bodies: string[] = [];
    for (const r of responses) bodies.push(await r.text());
    const texts = responses.map((r, i) => JSON.stringify([...r.headers]) + bodies[i]);
    expect(responses.slice(0, 3).map((r) => r.status)).toEqual([500, 500, 500]);
    expect(texts[0]).toContain('服务器内部错误，请稍后再试。');
    expect(sseFrames(bodies[3]!).at(-1)!.event).toBe('error');
    for (const text of texts) {
      expect(text).not.toContain(SENTINEL);
      expect(text).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack frames
      expect(text).not.toContain('staff-token-for-tests');
    }
    await sleep(20);
    const log = lines.join('');
    expect(log).toContain('请求处理出错'); // the errors were logged…
    expect(log).toContain('[已隐藏]'); // …with the key scrubbed
    expect(log).not.toContain(SENTINEL);
    expect(log).not.toContain('SENTINEL-9f3a');
  });

  it('at the default level (info) the error log has no stack trace', async () => {
    const { logger, lines } = capturingLogger('info', [SENTINEL]);
    const boom = Router();
    boom.get('/api/boom', () => {
      throw new Error('plain failure');
    });
    const base = await serve(t.services, { logger, routers: [boom] });
    await fetch(`${base}/api/boom`);
    await sleep(20);
    const entry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.msg === '请求处理出错')!;
    expect(entry).toMatchObject({ status: 500, error: { type: 'Error', message: 'plain failure' } });
    expect(lines.join('')).not.toMatch(/\bat .+\.(ts|js):\d+/);
  });
});
