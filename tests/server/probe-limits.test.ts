// Probe defect 4: limits could be dodged by spelling the path differently (case, trailing slash),
// because express matched routes case-insensitively while the limiter and the quota compared
// `req.path` exactly. Routing is now case-sensitive and strict, the limiter counts on the folded
// path, and the quota runs on the chat routes themselves.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { createApp } from '../../src/server/app.js';
import { canonicalPath } from '../../src/server/middleware/rate-limit.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { staffRouter } from '../../src/server/routes/staff-routes.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { MEMORY } from '../../src/storage/sqlite.js';
import { buildServices, listen, postJson, withConfig, type Running, type TestServices } from './helpers.js';

let t: TestServices;
let storage: Storage;
const running: Running[] = [];
beforeAll(async () => {
  t = await buildServices({ STAFF_TOKEN: 'a-real-staff-token-for-tests' });
  storage = openStorage({ file: MEMORY });
});
afterAll(() => {
  storage.close();
  t.cleanup();
});
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function serve(services: AppServices) {
  const staff = staffRouter({ feedback: storage.feedback, auth: staffAuth({ token: services.config.STAFF_TOKEN }) });
  const r = await listen(createApp(services, { routers: [staff] }));
  running.push(r);
  return r.base;
}

describe('probe defect 4: limits dodged by URL case', () => {
  it('folds case, duplicate and trailing slashes when deciding what the limiter counts', () => {
    expect(canonicalPath('/API/Search')).toBe('/api/search');
    expect(canonicalPath('/api//chat/')).toBe('/api/chat');
    expect(canonicalPath('/')).toBe('/');
  });

  it('routes are case-sensitive and strict: /API/chat and /api/chat/ are 404, not the chat', async () => {
    const base = await serve(t.services);
    for (const path of ['/API/chat', '/Api/Chat', '/api/chat/', '/API/CHAT/STREAM']) {
      const res = await postJson(base, path, { message: '研发费用补助' });
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(`${base}/API/search?q=研发`)).status).toBe(404);
    expect((await fetch(`${base}/api/search?q=研发`)).status).toBe(200);
  });

  it('a burst over case-folded paths is limited like the canonical path', async () => {
    const base = await serve(withConfig(t.services, { RATE_LIMIT_PER_MINUTE: 5 }));
    const statuses: number[] = [];
    const paths = ['/API/search?q=a', '/Api/search?q=a', '/api/SEARCH?q=a', '/API/chat', '/api/search/?q=a', '/api/search?q=a', '/API/search?q=a'];
    for (const p of paths) statuses.push((await fetch(`${base}${p}`)).status);
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('staff token guessing through /API/STAFF/… is limited too, and repeated wrong tokens are refused even under the general limit', async () => {
    const base = await serve(withConfig(t.services, { RATE_LIMIT_PER_MINUTE: 1000 }));
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${base}/api/staff/feedback`, { headers: { Authorization: `Bearer guess-${i}` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
    // The right token is refused as well while the client is locked out.
    const right = await fetch(`${base}/api/staff/feedback`, { headers: { Authorization: 'Bearer a-real-staff-token-for-tests' } });
    expect(right.status).toBe(429);
    const limited = await serve(withConfig(t.services, { RATE_LIMIT_PER_MINUTE: 2 }));
    const upper: number[] = [];
    for (let i = 0; i < 3; i++) upper.push((await fetch(`${limited}/API/STAFF/feedback`, { headers: { Authorization: `Bearer x${i}` } })).status);
    expect(upper[2]).toBe(429);
  });

  it('the new-session quota cannot be skipped with a trailing slash or another case', async () => {
    const base = await serve(withConfig(t.services, { SESSIONS_PER_CLIENT_PER_HOUR: 1 }));
    expect((await postJson(base, '/api/chat', { message: '研发费用补助最高多少' })).status).toBe(200);
    for (const p of ['/api/chat/', '/API/chat', '/api/chat/stream/']) expect((await postJson(base, p, { message: '人才补助' })).status, p).toBe(404);
    expect((await postJson(base, '/api/chat/stream', { message: '人才补助' })).status).toBe(429);
  });
});

describe('probe defect 9: staff access behind a proxy', () => {
  it('without STAFF_TOKEN, a request that a proxy forwarded is refused even though it arrives from loopback', async () => {
    const services = withConfig(t.services, { STAFF_TOKEN: undefined });
    const staff = staffRouter({ feedback: storage.feedback, auth: staffAuth({}) });
    const r = await listen(createApp(services, { routers: [staff] }));
    running.push(r);
    expect((await fetch(`${r.base}/api/staff/feedback`)).status).toBe(200);
    const forwarded: Array<Record<string, string>> = [{ 'X-Forwarded-For': '203.0.113.9' }, { Forwarded: 'for=203.0.113.9' }, { 'X-Real-IP': '203.0.113.9' }, { Via: '1.1 nginx' }];
    for (const headers of forwarded) {
      const res = await fetch(`${r.base}/api/staff/feedback`, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toMatch(/反向代理.*STAFF_TOKEN/);
    }
  });
});

describe('probe defect 13: helmet and the cors package keep the strict headers', () => {
  it('strict CSP everywhere, the widget script loadable cross-origin, and HSTS only over TLS behind a trusted proxy when configured', async () => {
    const base = await serve(withConfig(t.services, { TRUST_PROXY: true, HSTS_MAX_AGE_SECONDS: 31536000, CORS_ORIGINS: 'https://www.example.gov.cn' }));
    const page = await fetch(`${base}/staff`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(page.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(page.headers.get('strict-transport-security')).toBeNull();
    const script = await fetch(`${base}/widget.js`);
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const tls = await fetch(`${base}/api/documents`, { headers: { 'X-Forwarded-Proto': 'https' } });
    expect(tls.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const pre = await fetch(`${base}/api/chat`, { method: 'OPTIONS', headers: { Origin: 'https://www.example.gov.cn', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://www.example.gov.cn');
    const evil = await fetch(`${base}/api/documents`, { headers: { Origin: 'https://evil.example' } });
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });
});
