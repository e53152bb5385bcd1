// POST /api/match in process: validation errors name the field in Chinese; valid requests
// reach the match service and return {profile, measures, questions}.
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { contains, resolveRegion } from '../../src/ingest/divisions.js';
import { createMatchService, type MatchInput, type MatchService } from '../../src/matching/match-service.js';
import { matchRouter, parseMatchRequest } from '../../src/server/routes/match-route.js';
import { loadTestCorpus } from './matching-setup.js';

const { rules, units, meta, registry } = loadTestCorpus();
const seedSets = [{ file: rules, doc: meta }];
const divisions = { contains, resolveRegion };
const atSeedTime = () => new Date('2024-06-30T00:00:00Z');
const real = createMatchService({ ruleSets: seedSets, registry, units, divisions, now: atSeedTime });
const calls: MatchInput[] = [];
const recording: MatchService = { match: (input) => (calls.push(input), real.match(input)) };

let base = '';
let close: () => void = () => {};

beforeAll(async () => {
  const app = express();
  app.use(matchRouter(recording));
  // Stand-in for the central error handler.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err instanceof AppError ? err : new AppError('INTERNAL', '服务内部错误');
    res.status(e.code === 'BAD_REQUEST' ? 400 : e.code === 'PAYLOAD_TOO_LARGE' ? 413 : 500)
      .json({ error: { code: e.code, message: e.userMessage } });
  });
  const server = app.listen(0);
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

const post = (body: string) =>
  fetch(`${base}/api/match`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('POST /api/match', () => {
  it('matches a description and returns the extracted profile', async () => {
    const res = await post(JSON.stringify({ description: '瑞安的规上汽车零部件企业，去年研发费用500万，前年400万' }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.profile.region).toBe('ruian');
    const m11 = body.measures.find((m: { ref: string }) => m.ref === 'wzzb-2024-11:11');
    expect(m11.status).toBe('eligible');
    expect(m11.estimate.amount).toBe(200_000);
    expect(Array.isArray(body.questions)).toBe(true);
  });

  it('lets the description override the given profile', async () => {
    const res = await post(JSON.stringify({ profile: { region: 'ruian', aboveScale: true }, description: '其实我们还不是规上' }));
    const body = await res.json();
    expect(body.profile).toMatchObject({ region: 'ruian', aboveScale: false });
    expect(calls.at(-1)).toEqual({ profile: { region: 'ruian', aboveScale: true }, description: '其实我们还不是规上' });
  });

  it('names a bad profile field in Chinese', async () => {
    const res = await post(JSON.stringify({ profile: { region: 'hangzhou' } }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('BAD_REQUEST');
    expect(body.error.message).toContain('profile.region');
    expect(body.error.message).toContain('注册所在县（市、区）');
  });

  it('rejects a wrongly typed amount, unknown fields and an empty body', async () => {
    expect((await (await post(JSON.stringify({ profile: { revenue: '五百万' } }))).json()).error.message).toContain('profile.revenue');
    expect((await (await post(JSON.stringify({ profile: { foo: 1 } }))).json()).error.message).toContain('foo');
    const empty = await (await post('{}')).json();
    expect(empty.error.message).toContain('至少一项');
  });

  it('turns malformed JSON into a Chinese BAD_REQUEST', async () => {
    const res = await post('{"description": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toContain('JSON');
  });

  it('rejects an over-long description', () => {
    expect(() => parseMatchRequest({ description: '字'.repeat(5000) })).toThrow(/description/);
  });
});
