// The web router in process: pages, the bundled widget and console scripts (size budget, gzip,
// ETag revalidation), and the console's form description.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webRouter } from '../../src/server/routes/web-routes.js';

let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(webRouter({ rootDir: process.cwd() }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** Raw bytes as sent (fetch would decompress transparently). */
async function raw(path: string, headers: Record<string, string> = {}) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('webRouter', () => {
  it('serves the demo page with the widget script tag, the console and the frame', async () => {
    const demo = await raw('/');
    expect(demo.status).toBe(200);
    expect(demo.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(demo.body.toString()).toContain('<script src="/widget.js" data-title="惠企政策咨询" data-accent="#b4282d" data-region="温州市" async></script>');
    expect((await raw('/staff')).body.toString()).toContain('<script src="/staff/console.js" defer></script>');
    expect((await raw('/widget/frame')).body.toString()).toContain('data-mode="inline"');
  });

  it('bundles widget.js once, minified, under 30 KB gzipped, with ETag revalidation', async () => {
    const gz = await raw('/widget.js', { 'Accept-Encoding': 'gzip, br' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(gz.headers['cache-control']).toMatch(/max-age=\d+/u);
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.body.length).toBeLessThan(30 * 1024);
    const js = gunzipSync(gz.body).toString();
    expect(js).toContain('attachShadow');
    expect(js).not.toMatch(/\bimport\s/u);
    expect(js.split('\n').length).toBeLessThan(20); // minified
    console.info(`[web] widget.js: ${js.length} bytes minified, ${gz.body.length} bytes gzipped`);

    const again = await raw('/widget.js', { 'Accept-Encoding': 'gzip', 'If-None-Match': String(gz.headers.etag) });
    expect(again.status).toBe(304);
    const plain = await raw('/widget.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).not.toBe(gz.headers.etag);
    expect(plain.body.toString()).toBe(js);
  });

  it('bundles the console script and serves the stylesheets', async () => {
    const js = await raw('/staff/console.js');
    expect(js.status).toBe(200);
    expect(js.body.toString()).toContain('/api/profile-schema');
    for (const p of ['/assets/chat.css', '/assets/console.css', '/assets/demo.css', '/widget.css']) {
      const r = await raw(p);
      expect(r.status, p).toBe(200);
      expect(r.headers['content-type'], p).toBe('text/css; charset=utf-8');
    }
    expect((await raw('/assets/console.css')).body.toString()).toContain('@media print');
  });

  it('describes the profile form as JSON', async () => {
    const r = await fetch(`${base}/api/profile-schema`);
    const body = (await r.json()) as { groups: Array<{ title: string; fields: unknown[] }> };
    expect(body.groups.map((g) => g.title)).toEqual(['基本信息', '规模与财务', '研发', '资质', '外贸', '其他']);
  });
});
