// Saved-applicant and share routes in process: staff auth, the credit code's check character,
// the comparison's previous visit, and a share link that reveals one checklist (masked code, no
// profile) until it expires.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantRouter } from '../../src/server/routes/applicant-routes.js';
import { shareRouter } from '../../src/server/routes/share-routes.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { errorHandler } from '../../src/server/error-handler.js';
import { createMemoryApplicantStore } from '../../src/storage/applicants/memory-applicant-store.js';

const TOKEN = 'applicant-routes-token-123';
let clock = new Date('2026-12-01T08:00:00Z');
let server: Server;
let base: string;

beforeAll(async () => {
  const store = createMemoryApplicantStore();
  const app = express();
  app.use(express.json());
  app.use(applicantRouter({ store, auth: staffAuth({ token: TOKEN }), shareTtlMs: 2 * 3600_000, now: () => clock }));
  app.use(shareRouter({ store, rootDir: process.cwd(), now: () => clock, minify: false }));
  app.use(errorHandler(() => {}));
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const body = (creditCode: string | null, status: 'eligible' | 'possible' = 'eligible') => ({
  applicant: { name: '温州市鹿城智云软件有限公司', creditCode },
  contact: '张三',
  counter: '3号窗口',
  region: '鹿城区',
  asOf: '2026-12-01',
  snapshot: {
    measures: [
      { ref: 'wzzb-2024-11:11', label: '第11条', title: '推动企业加大研发投入', status, benefits: ['最高300万元'], estimate: '约15万元（仅供参考）', reason: '', missing: [], responsibleUnits: ['市科技局'], document: '《若干政策》第11条' },
      { ref: 'wzzb-2024-11:2', label: '第2条', title: '不适用的措施', status: 'not_eligible', reason: '不满足：规上工业企业' },
    ],
    profile: { revenue: 80_000_000 },
    documents: ['《温州市进一步推动经济高质量发展若干政策》（温政办〔2024〕11号）'],
    notices: [],
  },
});

describe('applicant routes', () => {
  it('need the staff token', async () => {
    expect((await fetch(`${base}/api/staff/applicants`)).status).toBe(401);
    expect((await fetch(`${base}/api/staff/applicants/checklists`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body(null)) })).status).toBe(401);
  });

  it('refuse a credit code with a wrong check character, in Chinese', async () => {
    const r = await fetch(`${base}/api/staff/applicants/checklists`, { method: 'POST', headers: auth, body: JSON.stringify(body('91350100M000100Y44')) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('校验位不正确');
  });

  it('save visits, return the previous one, and share one checklist until the link expires', async () => {
    const first = await fetch(`${base}/api/staff/applicants/checklists`, { method: 'POST', headers: auth, body: JSON.stringify(body('91350100m000100y43', 'possible')) });
    expect(first.status).toBe(201);
    const a = (await first.json()) as { applicant: { id: string; creditCode: string }; checklist: { id: string }; previous: null };
    expect(a.applicant.creditCode).toBe('91350100M000100Y43');
    expect(a.previous).toBeNull();
    const second = (await (await fetch(`${base}/api/staff/applicants/checklists`, { method: 'POST', headers: auth, body: JSON.stringify(body('91350100M000100Y43')) })).json()) as {
      checklist: { id: string; counts: Record<string, number> };
      previous: { id: string; snapshot: { measures: Array<{ status: string }> } };
    };
    expect(second.previous.id).toBe(a.checklist.id);
    expect(second.previous.snapshot.measures[0]!.status).toBe('possible');
    expect(second.checklist.counts).toEqual({ eligible: 1, possible: 0, not_eligible: 1 });

    const list = (await (await fetch(`${base}/api/staff/applicants?q=${encodeURIComponent('智云')}`, { headers: auth })).json()) as { items: Array<{ visits: number }> };
    expect(list.items[0]!.visits).toBe(2);

    const share = await fetch(`${base}/api/staff/checklists/${second.checklist.id}/share`, { method: 'POST', headers: auth, body: '{}' });
    expect(share.status).toBe(201);
    const link = (await share.json()) as { token: string; path: string; expiresAt: string };
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{12}$/u);
    expect(link.path).toBe(`/s/${link.token}`);
    expect(link.expiresAt).toBe('2026-12-01T10:00:00.000Z');

    const page = await fetch(`${base}${link.path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<script src="/s/share.js" defer></script>');
    const data = await fetch(`${base}/api/share/${link.token}`);
    expect(data.status).toBe(200);
    const shared = (await data.json()) as Record<string, unknown> & { applicant: { creditCode: string }; measures: unknown[] };
    expect(shared.applicant.creditCode).toBe('913501********0Y43');
    expect(shared.measures).toHaveLength(1); // not-eligible ones are only counted
    expect(shared.notEligible).toBe(1);
    expect(JSON.stringify(shared)).not.toContain('80000000'); // no profile
    expect(JSON.stringify(shared)).not.toContain('91350100M000100Y43');

    clock = new Date('2026-12-01T10:00:01Z');
    const gone = await fetch(`${base}/api/share/${link.token}`);
    expect(gone.status).toBe(404);
    expect(((await gone.json()) as { error: { message: string } }).error.message).toContain('已失效或已过期');
  });
});
