// 文件管理 endpoints in process, mounted as createApp mounts them (the upload before the JSON-only
// rule and the JSON parser): staff token, size limit (413 from Content-Length and from a chunked
// body), type sniffed from the bytes (415 for executables, archives and binary data, whatever
// the name says), the preview (metadata with the text each field came from, units with refs,
// warnings), publish with corrections (the server reloads), list with filters, withdraw.
// Works on a temporary copy of corpus/.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentRoutes } from '../../src/server/routes/document-routes.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { requireJson } from '../../src/server/middleware/require-json.js';
import { errorHandler } from '../../src/server/error-handler.js';
import { createFileDocumentStore } from '../../src/storage/files/file-document-store.js';
import { tempCorpus, type TempCorpus } from '../e2e/helpers/temp-corpus.js';

const TOKEN = 'document-routes-token-123';
const MAX = 8 * 1024;
const FIXTURE = readFileSync('tests/e2e/fixtures/ruian-haiyang-2025.txt');
let corpus: TempCorpus;
let uploads: string;
let server: Server;
let base: string;
const reloads: number[] = [];

beforeAll(async () => {
  corpus = tempCorpus();
  uploads = mkdtempSync(join(tmpdir(), 'zct-uploads-'));
  const routes = documentRoutes({
    store: createFileDocumentStore(corpus.dir),
    auth: staffAuth({ token: TOKEN }),
    uploadDir: uploads,
    maxBytes: MAX,
    reload: async () => {
      reloads.push(Date.now());
      return { units: 1, corpusHash: 'x', builtAt: 'now', rebuilt: false };
    },
    now: () => new Date('2026-12-01T08:00:00Z'),
  });
  const app = express();
  app.use(routes.upload);
  app.use(requireJson());
  app.use(express.json());
  app.use(routes.router);
  app.use(errorHandler(() => {}));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  corpus?.remove();
  rmSync(uploads, { recursive: true, force: true });
});

const auth = { Authorization: `Bearer ${TOKEN}` };
const upload = (bytes: Uint8Array | Buffer, name: string, headers: Record<string, string> = auth) =>
  fetch(`${base}/api/staff/documents/preview`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name), ...headers }, body: new Blob([new Uint8Array(bytes)]) });
const message = async (r: Response) => ((await r.json()) as { error: { code: string; message: string } }).error;

describe('upload limits', () => {
  it('needs the staff token', async () => {
    const r = await upload(FIXTURE, 'a.txt', {});
    expect(r.status).toBe(401);
    expect((await message(r)).message).toContain('工作人员令牌');
    expect((await upload(FIXTURE, 'a.txt', { Authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('refuses a file over UPLOAD_MAX_BYTES with 413, from Content-Length and from a chunked body', async () => {
    const big = Buffer.alloc(MAX + 1, 0x41);
    const r = await upload(big, 'big.txt');
    expect(r.status).toBe(413);
    expect((await message(r)).message).toMatch(/超过上传上限.*UPLOAD_MAX_BYTES/u);
    // No Content-Length: the body parser stops at the limit.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/staff/documents/preview`, { method: 'POST', headers: { ...auth, 'X-File-Name': 'big.txt', 'Transfer-Encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let i = 0; i < 4; i++) req.write(Buffer.alloc(MAX / 2, 0x41));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('sniffs the type from the bytes: executables, archives and binary data get 415 in Chinese', async () => {
    const cases: Array<[Uint8Array, string, RegExp]> = [
      [new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), 'policy.pdf', /Windows 可执行文件/u],
      [new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), 'policy.txt', /ELF 可执行文件/u],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0x61, 0x2e, 0x65, 0x78, 0x65]), 'policy.docx', /压缩包/u],
      [new Uint8Array([0x1f, 0x8b, 0x08, 0x00]), 'policy.html', /压缩文件/u],
      [new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0xff]), 'policy.txt', /二进制文件/u],
    ];
    for (const [bytes, name, re] of cases) {
      const r = await upload(bytes, name);
      expect(r.status, name).toBe(415);
      const e = await message(r);
      expect(e.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(e.message, name).toMatch(re);
    }
  });

  it('asks for a file name and refuses an empty file', async () => {
    const r = await fetch(`${base}/api/staff/documents/preview`, { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: FIXTURE });
    expect(r.status).toBe(400);
    expect((await message(r)).message).toContain('X-File-Name');
    expect((await upload(new Uint8Array(), 'empty.txt')).status).toBe(400);
  });
});

describe('preview → publish → list → withdraw', () => {
  it('previews the metadata with the text each field came from and the units with refs', async () => {
    const r = await upload(FIXTURE, '瑞安海洋经济若干措施.txt?', { ...auth });
    expect(r.status).toBe(201);
    const p = (await r.json()) as {
      draftId: string;
      docId: string;
      format: string;
      summary: Record<string, unknown>;
      sources: Record<string, { text: string; before: string } | null>;
      units: Array<{ ref: string; label: string; title: string }>;
      warnings: string[];
    };
    expect(p.format).toBe('txt');
    expect(p.docId).toMatch(/^doc-[0-9a-f]{12}$/u); // a Chinese file name gives a hash id
    expect(p.summary).toMatchObject({ docNumber: '瑞政办发〔2025〕8号', effectiveFrom: '2025-03-01', effectiveTo: '2027-12-31', status: 'in_force' });
    expect(p.sources.docNumber!.text).toBe('瑞政办发〔2025〕8号');
    expect(p.sources.effectiveTo!.text).toContain('2027年12月31日');
    const clauses = p.units.filter((u) => /^第.条$/u.test(u.label));
    expect(clauses.map((u) => u.ref)).toEqual([1, 2, 3, 4].map((n) => `${p.docId}:${n}`));
    expect(clauses[1]!.title).toContain('支持深远海养殖');
    expect(Array.isArray(p.warnings)).toBe(true);
  });

  it('publishes with corrections, reloads, lists with filters and withdraws', async () => {
    const p = (await (await upload(FIXTURE, 'ruian-haiyang-2025.txt')).json()) as { draftId: string; docId: string };
    expect(p.docId).toBe('ruian-haiyang-2025');
    const before = reloads.length;
    const bad = await fetch(`${base}/api/staff/documents/publish`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ draftId: p.draftId, corrections: { issueDate: '2025-02-30' } }) });
    expect(bad.status).toBe(400);
    const pub = await fetch(`${base}/api/staff/documents/publish`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ draftId: p.draftId, corrections: { shortTitle: '瑞安海洋经济若干措施', sourceUrl: 'https://www.ruian.gov.cn/art/2025/2/20/art_1.html' } }),
    });
    expect(pub.status).toBe(200);
    const out = (await pub.json()) as { docId: string; status: string; meta: { shortTitle: string; reviewed: boolean; source: { url: string } }; unitCount: number };
    expect(out).toMatchObject({ docId: 'ruian-haiyang-2025', status: 'added' });
    expect(out.meta.shortTitle).toBe('瑞安海洋经济若干措施');
    expect(out.meta.reviewed).toBe(true);
    expect(out.meta.source.url).toBe('https://www.ruian.gov.cn/art/2025/2/20/art_1.html');
    expect(reloads.length).toBe(before + 1);
    // The draft is used up.
    expect((await fetch(`${base}/api/staff/documents/publish`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ draftId: p.draftId }) })).status).toBe(404);

    const list = async (q: string) => ((await (await fetch(`${base}/api/staff/documents?${q}`, { headers: auth })).json()) as { documents: Array<{ id: string; status: string }> }).documents;
    const all = await list('');
    expect(all.find((d) => d.id === 'ruian-haiyang-2025')?.status).toBe('in_force');
    expect(all.find((d) => d.id === 'wzzb-2024-11')?.status).toBe('expired');
    expect((await list('status=in_force')).map((d) => d.id)).toContain('ruian-haiyang-2025');
    expect((await list('status=expired')).map((d) => d.id)).not.toContain('ruian-haiyang-2025');
    expect((await list('status=in_force&asOf=2025-01-15')).map((d) => d.id)).not.toContain('ruian-haiyang-2025'); // not yet then
    expect((await list('status=not_yet&asOf=2025-01-15')).map((d) => d.id)).toContain('ruian-haiyang-2025');
    const ruian = (await list(`region=${encodeURIComponent('瑞安市')}`)).map((d) => d.id);
    expect(ruian).toEqual(expect.arrayContaining(['ruian-haiyang-2025', 'wzzb-2024-11']));
    expect(ruian.some((id) => id.startsWith('beijing') || id.startsWith('bj-'))).toBe(false);
    expect((await list('level=municipal')).map((d) => d.id)).toContain('wzzb-2024-11');
    expect((await fetch(`${base}/api/staff/documents?level=city`, { headers: auth })).status).toBe(400);

    const w = await fetch(`${base}/api/staff/documents/ruian-haiyang-2025/withdraw`, { method: 'POST', headers: auth });
    expect(w.status).toBe(200);
    expect(reloads.length).toBe(before + 2);
    expect((await list('status=withdrawn')).map((d) => d.id)).toEqual(['ruian-haiyang-2025']);
    const meta = JSON.parse(readFileSync(join(corpus.dir, 'meta', 'ruian-haiyang-2025.meta.json'), 'utf8')) as { withdrawnAt: string };
    expect(meta.withdrawnAt).toBe('2026-12-01T08:00:00.000Z');
    expect((await fetch(`${base}/api/staff/documents/no-such-doc/withdraw`, { method: 'POST', headers: auth })).status).toBe(404);
    expect((await fetch(`${base}/api/staff/documents`)).status).toBe(401);
  });
});
