// Probe defect 12 (HTTP conformance) over real services and real sockets: 415 for bodies that
// are not JSON, 408 and a closed connection for bodies that arrive too slowly, a bad unit ref
// reported as a path parameter, impossible calendar dates refused, and 431 with the JSON body.
import { once } from 'node:events';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import type { Express } from 'express';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.js';
import { configureHttpServer } from '../../src/server/configure-http-server.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { feedbackRouter } from '../../src/server/routes/feedback-routes.js';
import { staffRouter } from '../../src/server/routes/staff-routes.js';
import { parseCalendarDate } from '../../src/server/schemas.js';
import { createMemoryFeedbackStore } from '../fakes/storage-memory.js';
import { buildServices, postJson, withConfig, type TestServices } from './helpers.js';

const TOKEN = 'staff-token-for-conformance';
const auth = { Authorization: `Bearer ${TOKEN}` };
type ErrorBody = { error: { code?: string; message: string } };

let t: TestServices;
const servers: Server[] = [];

beforeAll(async () => {
  t = await buildServices({ STAFF_TOKEN: TOKEN });
});
afterAll(() => t.cleanup());
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

function appFor(services = t.services): Express {
  return createApp(services, {
    routers: [
      feedbackRouter({ feedback: createMemoryFeedbackStore(), exchange: async () => undefined }),
      staffRouter({ feedback: createMemoryFeedbackStore(), auth: staffAuth({ token: TOKEN }), reload: async () => ({ units: 1, corpusHash: 'h', builtAt: 'b', rebuilt: false }) }),
    ],
  });
}

/** Listens the way main.ts does: configureHttpServer right after listen(), before 'listening'. */
async function serve(app: Express, requestTimeoutMs = t.config.REQUEST_TIMEOUT_MS): Promise<{ base: string; port: number }> {
  const server = app.listen(0, '127.0.0.1');
  configureHttpServer(server, { requestTimeoutMs });
  servers.push(server);
  await once(server, 'listening');
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { base: `http://127.0.0.1:${port}`, port };
}

interface RawResponse {
  status: number;
  head: string;
  body: string;
  /** ms from connecting to the first response byte, and to the socket closing. */
  answeredAt: number;
  closedAt: number;
}

/** Writes `parts` to a raw socket (a number is a pause in ms) and reads until the server closes. */
async function raw(port: number, parts: Array<string | number>, giveUpMs = 5_000): Promise<RawResponse> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const t0 = Date.now();
  let text = '';
  let answeredAt = -1;
  socket.on('data', (d: Buffer) => {
    if (answeredAt < 0) answeredAt = Date.now() - t0;
    text += d.toString('utf8');
  });
  socket.on('error', () => {});
  const closed = once(socket, 'close').then(() => Date.now() - t0);
  const giveUp = setTimeout(() => socket.destroy(), giveUpMs);
  void (async () => {
    for (const p of parts) {
      if (socket.destroyed) return;
      if (typeof p === 'number') await new Promise((r) => setTimeout(r, p));
      else socket.write(p);
    }
  })();
  const closedAt = await closed;
  clearTimeout(giveUp);
  const [head = '', body = ''] = text.split('\r\n\r\n', 2);
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head, body, answeredAt, closedAt };
}

describe('probe defect 12a: a body that is not JSON gets 415', () => {
  it('415 with a Chinese message for text/plain, form and missing content types on every JSON body endpoint; a request without a body passes', async () => {
    const { base } = await serve(appFor());
    const json = JSON.stringify({ message: '研发费用补助最高多少' });
    const cases: Array<[string, Record<string, string>]> = [
      ['/api/chat', { 'Content-Type': 'text/plain' }],
      ['/api/chat/stream', { 'Content-Type': 'text/plain;charset=utf-8' }],
      ['/api/chat', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['/api/match', { 'Content-Type': 'text/plain' }],
      ['/api/feedback', { 'Content-Type': 'multipart/form-data; boundary=x' }],
      ['/v1/chat/completions', { 'Content-Type': 'text/plain' }],
    ];
    for (const [path, headers] of cases) {
      const res = await fetch(base + path, { method: 'POST', headers, body: json });
      const body = (await res.json()) as ErrorBody;
      expect(res.status, `${path} ${headers['Content-Type']}`).toBe(415);
      expect(body.error.message).toMatch(/请求体必须是 JSON.*Content-Type 设为 application\/json/);
    }
    // A body without any Content-Type (fetch would add text/plain, so send bytes).
    const untyped = await fetch(`${base}/api/chat`, { method: 'POST', body: new Blob([json]) });
    expect(untyped.status).toBe(415);
    expect(((await untyped.json()) as ErrorBody).error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });

    // JSON with parameters or a +json type is fine; so is a POST without a body (optional body).
    expect((await postJson(base, '/api/chat', json, { 'Content-Type': 'application/json; charset=UTF-8' })).status).toBe(200);
    const reload = await fetch(`${base}/api/staff/reload`, { method: 'POST', headers: auth });
    expect(reload.status).toBe(200);
    const emptyTyped = await fetch(`${base}/api/staff/reload`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: '' });
    expect(emptyTyped.status).toBe(200);
  });
});

describe('probe defect 12b: a slow body gets 408 and the connection is closed', () => {
  it('408 JSON at the request deadline while the body trickles, and the socket closed right then', async () => {
    const timeoutMs = 400;
    const { port } = await serve(appFor(withConfig(t.services, { REQUEST_TIMEOUT_MS: timeoutMs })), timeoutMs);
    const body = JSON.stringify({ message: '研发费用补助最高多少'.padEnd(60, '？') });
    const head = `POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    // One byte every 40 ms: the whole body would take several seconds.
    const trickle = [...body].flatMap((c) => [c, 40]);
    const r = await raw(port, [head, ...trickle]);
    expect(r.status, r.head).toBe(408);
    expect(r.head).toMatch(/content-type: application\/json/i);
    expect(r.head).toMatch(/connection: close/i);
    expect(JSON.parse(r.body)).toEqual({ error: { code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/请求内容没有在 0\.4 秒内发送完，连接已关闭/) } });
    expect(r.answeredAt).toBeGreaterThanOrEqual(timeoutMs - 20);
    expect(r.closedAt).toBeLessThan(timeoutMs + 600);
  });

  it('slow headers get a JSON 408 from the server itself, within a second of the headers timeout', async () => {
    const timeoutMs = 400;
    const { port } = await serve(appFor(withConfig(t.services, { REQUEST_TIMEOUT_MS: timeoutMs })), timeoutMs);
    const r = await raw(port, ['GET /api/health HTTP/1.1\r\n', 200, 'Host: x\r\n', 300, 'X-Slow: 1\r\n', 300, 'X-Slow: 2\r\n', 2_000, '\r\n']);
    expect(r.status, r.head).toBe(408);
    expect(JSON.parse(r.body).error).toEqual({ code: 'REQUEST_TIMEOUT', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(r.closedAt).toBeLessThan(timeoutMs + 1_500);
  });
});

describe('probe defect 12c: a bad unit ref is a path parameter error', () => {
  it('400 naming the ref and its form (not the body) for a malformed ref; 404 for a well-formed missing one', async () => {
    const { base } = await serve(appFor());
    const res = await fetch(`${base}/api/units/${encodeURIComponent('第十一条')}`);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/^条款编号格式不正确：“第十一条”。地址中的条款编号应为 <文件编号>:<条款编号>/);
    expect(error.message).not.toMatch(/请求体/);
    const missing = await fetch(`${base}/api/units/99`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as ErrorBody).error.message).toMatch(/没有找到编号为 99 的条款/);
  });
});

describe('probe defect 12d: since must be a real calendar date', () => {
  it('refuses 2025-02-30 and other impossible dates and times; accepts real ones', async () => {
    const { base } = await serve(appFor());
    const get = (since: string) => fetch(`${base}/api/staff/feedback?since=${encodeURIComponent(since)}`, { headers: auth });
    for (const bad of ['2025-02-30', '2025-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-31T24:00', '2025-01-31T10:60:00Z', '2025-01-31T10:00:00+25:00']) {
      const res = await get(bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as ErrorBody).error.message, bad).toMatch(new RegExp(`^起始时间（since）：(${bad.replace(/[.+]/g, '\\$&')} 不是真实存在的日期或时间|必须是日期)`));
    }
    for (const good of ['2024-02-29', '2025-02-28', '2025-01-31T08:00:00+08:00', '2025-01-31T08:00:00+0800', '2025-12-31T23:59:59.999Z']) {
      expect((await get(good)).status, good).toBe(200);
    }
    expect(parseCalendarDate('2025-01-31T08:00:00+0800')?.toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(parseCalendarDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });
});

describe('probe defect 12e: 431 carries the JSON error body', () => {
  it('headers over the limit get 431 with {error:{code,message}} in Chinese, and the connection closes', async () => {
    const { port } = await serve(appFor());
    const r = await raw(port, [`GET /api/health HTTP/1.1\r\nHost: x\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expect(r.status, r.head).toBe(431);
    expect(r.head).toMatch(/content-type: application\/json; charset=utf-8/i);
    expect(JSON.parse(r.body)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.stringMatching(/^请求头过大.*请清理浏览器 Cookie/) } });
  });
});
