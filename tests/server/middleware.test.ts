// Each middleware on a minimal express app with the real error handler: rate limits, session
// quota, CORS, security headers, request ids and logs, deadlines, staff auth, client keys.
import express, { type RequestHandler } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { errorHandler, notFoundHandler } from '../../src/server/error-handler.js';
import { canonicalPath, rateLimit } from '../../src/server/middleware/rate-limit.js';
import { createMemoryLimiter } from '../../src/server/limits/limiter.js';
import { sessionQuota } from '../../src/server/middleware/session-quota.js';
import { cors, parseOrigins } from '../../src/server/middleware/cors.js';
import { securityHeaders } from '../../src/server/middleware/security-headers.js';
import { requestId } from '../../src/server/middleware/request-id.js';
import { requestLog } from '../../src/server/middleware/request-log.js';
import { requestDeadline, deadlineOf } from '../../src/server/middleware/request-deadline.js';
import { staffAuth, tokensMatch } from '../../src/server/middleware/staff-auth.js';
import { clientKeyOf, isLoopback, normalizeAddress } from '../../src/server/middleware/client-key.js';
import { startSse, writeSse } from '../../src/server/sse.js';
import { capturingLogger, listen, postJson, sleep, sseFrames, type Running } from './helpers.js';

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function mini(mws: RequestHandler[], setup: (app: express.Express) => void = () => {}, trustProxy: number | false = false) {
  const app = express();
  app.set('trust proxy', trustProxy);
  for (const mw of mws) app.use(mw);
  app.use(express.json());
  app.get('/api/health', (_req, res) => void res.json({ ok: true }));
  app.get('/api/thing', (_req, res) => void res.json({ ok: true }));
  app.post('/api/chat', (_req, res) => void res.json({ ok: true }));
  app.get('/widget.js', (_req, res) => void res.type('js').send('1'));
  setup(app);
  app.use(notFoundHandler);
  app.use(errorHandler());
  const r = await listen(app);
  running.push(r);
  return r.base;
}

describe('rateLimit', () => {
  it('answers 429 with Retry-After and a Chinese message once the budget is spent, and refills after the window', async () => {
    const limiter = createMemoryLimiter({ points: 3, durationSeconds: 1, keyPrefix: 't1' });
    const base = await mini([rateLimit({ perMinute: 3, limiter })]);
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/api/thing`)).status).toBe(200);
    const limited = await fetch(`${base}/api/thing`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    const body = (await limited.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.message).toMatch(/请求过于频繁，请 1 秒后再试/);
    await sleep(1100);
    expect((await fetch(`${base}/api/thing`)).status).toBe(200);
  });

  it('never limits the health check, pages, static assets or CORS preflights', async () => {
    const base = await mini([rateLimit({ perMinute: 1 })]);
    await fetch(`${base}/api/thing`);
    expect((await fetch(`${base}/api/thing`)).status).toBe(429);
    for (let i = 0; i < 5; i++) {
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
      expect((await fetch(`${base}/widget.js`)).status).toBe(200);
      expect((await fetch(`${base}/api/thing`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'POST' } })).status).not.toBe(429);
    }
  });

  it('is off at 0', async () => {
    const base = await mini([rateLimit({ perMinute: 0 })]);
    for (let i = 0; i < 20; i++) expect((await fetch(`${base}/api/thing`)).status).toBe(200);
  });

  it('keys clients by the proxy-reported address when trust proxy is on (one hop), not by a spoofed left-most entry', async () => {
    const base = await mini([rateLimit({ perMinute: 1 })], () => {}, 1);
    const as = (xff: string) => fetch(`${base}/api/thing`, { headers: { 'X-Forwarded-For': xff } });
    expect((await as('203.0.113.1')).status).toBe(200);
    expect((await as('203.0.113.2')).status).toBe(200);
    expect((await as('203.0.113.1')).status).toBe(429);
    // The client prepends a fake address; the proxy appended the real one (203.0.113.2).
    expect((await as('198.51.100.7, 203.0.113.2')).status).toBe(429);
  });

  it('ignores X-Forwarded-For when trust proxy is off', async () => {
    const base = await mini([rateLimit({ perMinute: 1 })]);
    expect((await fetch(`${base}/api/thing`, { headers: { 'X-Forwarded-For': '203.0.113.1' } })).status).toBe(200);
    expect((await fetch(`${base}/api/thing`, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(429);
  });
});

describe('client keys', () => {
  it('normalises IPv4-mapped IPv6 and groups IPv6 clients by /64', () => {
    expect(normalizeAddress('::ffff:192.0.2.5')).toBe('192.0.2.5');
    expect(clientKeyOf('::ffff:192.0.2.5')).toBe('192.0.2.5');
    expect(clientKeyOf('2001:db8:1:2:aaaa::1')).toBe(clientKeyOf('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(clientKeyOf('2001:db8:1:2::1')).not.toBe(clientKeyOf('2001:db8:1:3::1'));
    expect(clientKeyOf(undefined)).toBe('unknown');
    expect(isLoopback('::1')).toBe(true);
    expect(isLoopback('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopback('127.0.0.1')).toBe(true);
    expect(isLoopback('10.0.0.1')).toBe(false);
  });
});

describe('sessionQuota', () => {
  it('limits new conversations per client per hour, gives the slot back for failed requests, lets live sessions continue and counts unknown ids', async () => {
    let status = 200;
    const limiter = createMemoryLimiter({ points: 2, durationSeconds: 1, keyPrefix: 'q1' });
    const base = await mini([], (app) => {
      app.post('/api/chat/stream', sessionQuota({ perHour: 2, limiter, isKnownSession: (id) => id === 'abcdefgh' }), (_req, res) => void res.status(status).json({}));
    });
    expect((await postJson(base, '/api/chat/stream', { message: 'a' })).status).toBe(200);
    status = 400;
    expect((await postJson(base, '/api/chat/stream', { message: 'b' })).status).toBe(400);
    await sleep(20); // the refund runs when the failed response has finished
    status = 200;
    expect((await postJson(base, '/api/chat/stream', { message: 'c' })).status).toBe(200);
    const over = await postJson(base, '/api/chat/stream', { message: 'd' });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBe(1);
    expect(((await over.json()) as { error: { message: string } }).error.message).toMatch(/新开的对话已达上限（2 个）.*已有对话中继续提问/);
    // Continuing a live conversation is not a new session; an id the store does not know is.
    expect((await postJson(base, '/api/chat/stream', { message: 'e', sessionId: 'abcdefgh' })).status).toBe(200);
    expect((await postJson(base, '/api/chat/stream', { message: 'e', sessionId: 'made-up-id-1', history: [] })).status).toBe(429);
    await sleep(1100);
    expect((await postJson(base, '/api/chat/stream', { message: 'f' })).status).toBe(200);
  });
});

describe('cors', () => {
  const origins = parseOrigins('https://www.example.gov.cn, http://localhost:8080');

  it('parses and validates CORS_ORIGINS', () => {
    expect(origins).toEqual(['https://www.example.gov.cn', 'http://localhost:8080']);
    expect(parseOrigins('')).toEqual([]);
    expect(parseOrigins('https://A.example.com/')).toEqual(['https://a.example.com']);
    for (const bad of ['*', 'https://*.example.com', 'example.com', 'https://a.com/path', 'ftp://a.com', 'javascript:alert(1)']) {
      expect(() => parseOrigins(bad), bad).toThrow(/CORS_ORIGINS/);
    }
  });

  it('answers preflights from listed origins and gives unlisted origins no CORS headers', async () => {
    const base = await mini([cors({ origins })]);
    const pre = await fetch(`${base}/api/chat`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.example.gov.cn', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://www.example.gov.cn');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')).toContain('Content-Type');
    expect(pre.headers.get('vary')).toMatch(/Origin/);

    const evilPre = await fetch(`${base}/api/chat`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(evilPre.status).toBe(204);
    expect(evilPre.headers.get('access-control-allow-origin')).toBeNull();
    expect(evilPre.headers.get('access-control-allow-methods')).toBeNull();

    const ok = await postJson(base, '/api/chat', {}, { Origin: 'https://www.example.gov.cn' });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.example.gov.cn');
    expect(ok.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const evil = await postJson(base, '/api/chat', {}, { Origin: 'https://evil.example' });
    expect(evil.status).toBe(200); // the server answers; the browser withholds it from the page
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('same-origin and origin-less requests work, staff endpoints and non-API paths get no CORS headers', async () => {
    const base = await mini([cors({ origins })], (app) => app.get('/api/staff/feedback', (_q, r) => void r.json({})));
    expect((await postJson(base, '/api/chat', {}, { Origin: base })).status).toBe(200);
    expect((await postJson(base, '/api/chat', {})).status).toBe(200);
    const staff = await fetch(`${base}/api/staff/feedback`, { headers: { Origin: 'https://www.example.gov.cn' } });
    expect(staff.headers.get('access-control-allow-origin')).toBeNull();
    const script = await fetch(`${base}/widget.js`, { headers: { Origin: 'https://www.example.gov.cn' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('access-control-allow-origin')).toBeNull(); // a <script src> needs none
  });
});

describe('securityHeaders', () => {
  it('sets nosniff, referrer policy, frame protection and a strict CSP on every response', async () => {
    const base = await mini([securityHeaders({ frameAncestors: ['https://www.example.gov.cn'] })], (app) => {
      app.get('/staff', (_q, r) => void r.type('html').send('<!doctype html><p>x</p>'));
      app.get('/widget/frame', (_q, r) => void r.type('html').send('<!doctype html><p>frame</p>'));
    });
    for (const path of ['/staff', '/api/thing', '/nope']) {
      const res = await fetch(base + path);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      const csp = res.headers.get('content-security-policy')!;
      for (const d of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "frame-ancestors 'self'", "base-uri 'none'", "form-action 'self'"]) {
        expect(csp).toContain(d);
      }
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('example.gov.cn');
    }
    const frame = await fetch(`${base}/widget/frame`);
    expect(frame.headers.get('x-frame-options')).toBeNull();
    expect(frame.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.example.gov.cn;");
  });
});

describe('requestId and requestLog', () => {
  it('gives every response an X-Request-Id, keeps a well-formed incoming one only when told to', async () => {
    let n = 0;
    const base = await mini([requestId({ generate: () => `gen-${++n}` })]);
    expect((await fetch(`${base}/api/thing`)).headers.get('x-request-id')).toBe('gen-1');
    expect((await fetch(`${base}/api/thing`, { headers: { 'X-Request-Id': 'from-proxy' } })).headers.get('x-request-id')).toBe('gen-2');
    const trusting = await mini([requestId({ trustIncoming: true, generate: () => 'gen' })]);
    expect((await fetch(`${trusting}/api/thing`, { headers: { 'X-Request-Id': 'from-proxy.1' } })).headers.get('x-request-id')).toBe('from-proxy.1');
    expect((await fetch(`${trusting}/api/thing`, { headers: { 'X-Request-Id': 'bad id\twith spaces' } })).headers.get('x-request-id')).toBe('gen');
  });

  it('logs method, path, status, duration and request id, never the query, body or Authorization', async () => {
    const { logger, lines, entries } = capturingLogger('info');
    const base = await mini([requestId(), requestLog({ logger })]);
    const res = await postJson(base, '/api/chat?q=SECRET-QUERY', { message: 'SECRET-BODY' }, { Authorization: 'Bearer SECRET-AUTH' });
    await fetch(`${base}/api/health`);
    await sleep(20);
    const chat = entries().find((e) => e.path === '/api/chat')!;
    expect(chat).toMatchObject({ method: 'POST', path: '/api/chat', status: 200, reqId: res.headers.get('x-request-id'), msg: 'request' });
    expect(typeof chat.ms).toBe('number');
    expect(entries().some((e) => e.path === '/api/health')).toBe(false); // health checks log at debug
    const all = lines.join('');
    for (const s of ['SECRET-QUERY', 'SECRET-BODY', 'SECRET-AUTH']) expect(all).not.toContain(s);
  });
});

describe('requestDeadline', () => {
  it('answers 504 JSON when a handler runs past the deadline, and aborts the deadline signal', async () => {
    let aborted: unknown;
    const base = await mini([requestDeadline({ timeoutMs: 100 })], (app) => {
      app.get('/api/slow', async (_req, res) => {
        deadlineOf(res)!.addEventListener('abort', (e) => (aborted = (e.target as AbortSignal).reason));
        await sleep(300);
        if (!res.headersSent) res.json({ late: true });
      });
    });
    const res = await fetch(`${base}/api/slow`);
    expect(res.status).toBe(504);
    expect(await res.json()).toEqual({ error: { code: 'TIMEOUT', message: expect.stringMatching(/处理超时，请稍后重试/) } });
    expect((aborted as { code?: string }).code).toBe('TIMEOUT');
  });

  it('ends an open event stream with an error event', async () => {
    const base = await mini([requestDeadline({ timeoutMs: 150 })], (app) => {
      app.get('/api/stream', async (_req, res) => {
        startSse(res);
        await writeSse(res, 'token', { text: '第一段' });
        await sleep(400);
        await writeSse(res, 'token', { text: '太晚了' });
        if (!res.writableEnded) res.end();
      });
    });
    const res = await fetch(`${base}/api/stream`);
    expect(res.status).toBe(200);
    const frames = sseFrames(await res.text());
    expect(frames.map((f) => f.event)).toEqual(['token', 'error']);
    expect(JSON.parse(frames[1]!.data)).toMatchObject({ code: 'TIMEOUT' });
  });

  it('leaves fast requests alone', async () => {
    const base = await mini([requestDeadline({ timeoutMs: 1000 })]);
    expect((await fetch(`${base}/api/thing`)).status).toBe(200);
  });
});

describe('staffAuth', () => {
  const withStaff = (token?: string) =>
    mini([], (app) => {
      app.get('/api/staff/x', staffAuth({ token }), (_q, r) => void r.json({ ok: true }));
      app.post('/api/staff/x', staffAuth({ token }), (_q, r) => void r.json({ ok: true }));
    });

  it('with a token: Bearer only, constant-time compare, Chinese 401s that name the token', async () => {
    const base = await withStaff('s3cret-token-value');
    expect((await fetch(`${base}/api/staff/x`, { headers: { Authorization: 'Bearer s3cret-token-value' } })).status).toBe(200);
    expect((await fetch(`${base}/api/staff/x`, { headers: { Authorization: 'bearer  s3cret-token-value' } })).status).toBe(200);
    for (const auth of [undefined, 'Bearer wrong', 'Basic s3cret-token-value', 'Bearer s3cret-token-valu', 'Bearer s3cret-token-value2', 's3cret-token-value']) {
      const res = await fetch(`${base}/api/staff/x`, { headers: auth ? { Authorization: auth } : {} });
      expect(res.status, String(auth)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('UNAUTHORIZED');
      expect(body.error.message).toContain('令牌');
      expect(JSON.stringify(body)).not.toContain('s3cret');
    }
    expect(tokensMatch('a', 'a')).toBe(true);
    expect(tokensMatch('a', 'ab')).toBe(false);
  });

  it('without a token: loopback only, and never for requests from another site', async () => {
    const base = await withStaff(undefined);
    expect((await fetch(`${base}/api/staff/x`)).status).toBe(200);
    expect((await fetch(`${base}/api/staff/x`, { headers: { Origin: base } })).status).toBe(200);
    const cross = await fetch(`${base}/api/staff/x`, { method: 'POST', headers: { Origin: 'https://evil.example' } });
    expect(cross.status).toBe(403);
    expect(((await cross.json()) as { error: { message: string } }).error.message).toMatch(/STAFF_TOKEN/);
    expect((await fetch(`${base}/api/staff/x`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
  });

  it('without a token behind a trusted proxy: a remote client seen through the proxy is refused', async () => {
    const base = await mini(
      [],
      (app) => app.get('/api/staff/x', staffAuth({}), (_q, r) => void r.json({ ok: true })),
      1,
    );
    expect((await fetch(`${base}/api/staff/x`, { headers: { 'X-Forwarded-For': '203.0.113.5' } })).status).toBe(403);
  });
});
