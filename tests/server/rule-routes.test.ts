// 规则审核 endpoints in process on a temporary copy of corpus/: the staff token, the documents
// with their rule status, a document's units beside their drafts, offline drafting into the
// store, a forged quote refused with 400 in Chinese (nothing saved), and a saved review making the
// measure reviewed in /api/match (no longer 待核实) after the reload.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppServices } from '../../src/bootstrap/app-services.js';
import { contains, placesInText } from '../../src/ingest/divisions.js';
import { runDraftRules } from '../../src/rules/draft-command.js';
import { leavesOf } from '../../src/rules/condition.js';
import { loadFactFiles } from '../../src/rules/load-rules.js';
import type { Rule } from '../../src/rules/rule-schema.js';
import { createFileRuleStore } from '../../src/rules/rule-store.js';
import { createApp } from '../../src/server/app.js';
import { createLiveServices } from '../../src/server/live-services.js';
import { staffAuth } from '../../src/server/middleware/staff-auth.js';
import { ruleRoutes } from '../../src/server/routes/rule-routes.js';
import { tempCorpus, type TempCorpus } from '../e2e/helpers/temp-corpus.js';
import { buildServices, listen, postJson, type Running, type TestServices } from './helpers.js';

const TOKEN = 'rule-routes-token-123';
const DOC = 'gz-grad-startup-subsidy-2025';
const auth = { Authorization: `Bearer ${TOKEN}` };
let corpus: TempCorpus;
let t: TestServices;
let running: Running;
let base: string;
let reloads = 0;

beforeAll(async () => {
  corpus = tempCorpus();
  t = await buildServices({ CORPUS_DIR: corpus.dir, DEFAULT_REGION: '' });
  const live = createLiveServices(t.services, { rebuild: () => createAppServices(t.config, { answerer: 'offline' }) });
  const router = ruleRoutes({
    store: createFileRuleStore(join(corpus.dir, 'rules')),
    auth: staffAuth({ token: TOKEN }),
    corpus: () => live.current.search.corpus,
    factFiles: () => loadFactFiles(join(corpus.dir, 'facts')),
    draft: async (docId) => {
      const lines: string[] = [];
      await runDraftRules({ corpusDir: corpus.dir, docIds: [docId], out: (s) => lines.push(s) });
      return lines;
    },
    places: placesInText,
    contains,
    reload: () => {
      reloads += 1;
      return live.reload();
    },
  });
  running = await listen(createApp(live, { routers: [router] }));
  base = running.base;
}, 120_000);

afterAll(async () => {
  await running?.close();
  t?.cleanup();
  corpus?.remove();
});

const json = async <T>(r: Response) => (await r.json()) as T;
type UnitView = { ref: string; text: string; rule: Rule };
const getDoc = async (docId = DOC) => json<{ status: string; units: UnitView[] }>(await fetch(`${base}/api/staff/rules/${docId}`, { headers: auth }));
const put = (ref: string, body: unknown) => fetch(`${base}/api/staff/rules/${DOC}/${ref}`, { method: 'PUT', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const match = async () =>
  json<{ measures: Array<{ key: string; reviewed: boolean; statusLabel: string }> }>(
    await postJson(base, '/api/match', { description: '我是广州的高校毕业生，在广州创业，开了一家小微企业，成立1年', region: '广州市' }),
  );

describe('rule review endpoints', () => {
  it('need the staff token', async () => {
    for (const [method, path] of [['GET', '/api/staff/rules'], ['GET', `/api/staff/rules/${DOC}`], ['POST', `/api/staff/rules/${DOC}/draft`], ['PUT', `/api/staff/rules/${DOC}/1`]] as const) {
      const r = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong-token' }, body: method === 'GET' ? undefined : '{}' });
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });

  it('lists documents with their rule status: the seed reviewed, the others none until drafted', async () => {
    const { documents } = await json<{ documents: Array<{ id: string; status: string; reviewed: number; draft: number }> }>(await fetch(`${base}/api/staff/rules`, { headers: auth }));
    expect(documents.find((d) => d.id === 'wzzb-2024-11')).toMatchObject({ status: 'reviewed' });
    expect(documents.find((d) => d.id === DOC)).toMatchObject({ status: 'none' });
    const one = await json<{ documents: unknown[] }>(await fetch(`${base}/api/staff/rules?docId=${DOC}`, { headers: auth }));
    expect(one.documents).toHaveLength(1);
  });

  it('shows each unit with its text and the drafted rule, every quote inside the unit', async () => {
    const d = await getDoc();
    expect(d.status).toBe('none');
    const unit = d.units.find((u) => u.ref === '1')!;
    expect(unit.rule.reviewed).toBe(false);
    for (const l of leavesOf(unit.rule.conditions)) expect(unit.text).toContain(l.quote);
    expect(unit.rule.benefits.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/staff/rules/no-such-doc`, { headers: auth })).status).toBe(404);
  });

  it('drafts a document into the store (reviewed:false) and reloads', async () => {
    const before = reloads;
    const r = await fetch(`${base}/api/staff/rules/${DOC}/draft`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{}' });
    expect(r.status).toBe(200);
    expect(await json<{ status: string }>(r)).toMatchObject({ status: 'draft' });
    expect(reloads).toBe(before + 1);
    expect(existsSync(join(corpus.dir, 'rules', `${DOC}.rules.json`))).toBe(true);
    expect(existsSync(join('corpus', 'rules', `${DOC}.rules.json`))).toBe(false);
  });

  it('refuses a forged quote with 400 in Chinese and saves nothing', async () => {
    const unit = (await getDoc()).units.find((u) => u.ref === '1')!;
    const leaves = leavesOf(unit.rule.conditions);
    const file = join(corpus.dir, 'rules', `${DOC}.rules.json`);
    const before = readFileSync(file, 'utf8');
    const forged = { ...unit.rule.benefits[0]!, quote: '给予每人一次性创业资助一百万元' };
    const r = await put('1', { conditions: leaves.map(() => ({ action: 'accept' })), benefits: unit.rule.benefits.map((_b, i) => (i === 0 ? { action: 'edit', benefit: forged } : { action: 'accept' })) });
    expect(r.status).toBe(400);
    const e = (await json<{ error: { code: string; message: string } }>(r)).error;
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.message).toMatch(/引文不在条款原文中.*请改为该条原文中逐字出现的文字/u);
    expect(readFileSync(file, 'utf8')).toBe(before);
    // A decision list that does not fit the draft is refused too.
    expect((await put('1', { conditions: [], benefits: [] })).status).toBe(400);
  });

  it('saves accepted, edited and rejected items as reviewed: /api/match no longer shows the measure as 待核实', async () => {
    const key = `${DOC}:1`;
    expect((await match()).measures.find((m) => m.key === key)).toMatchObject({ reviewed: false, statusLabel: '待核实' });
    const unit = (await getDoc()).units.find((u) => u.ref === '1')!;
    const leaves = leavesOf(unit.rule.conditions);
    const benefit = unit.rule.benefits[0]!;
    const r = await put('1', {
      // Every condition rejected: the rule holds for everyone this document applies to.
      conditions: leaves.map(() => ({ action: 'reject' })),
      benefits: unit.rule.benefits.map((_b, i) => (i === 0 ? { action: 'edit', benefit: { text: `${benefit.text}（已核）`, quote: benefit.quote, ...(benefit.formula ? { formula: benefit.formula } : {}) } } : { action: 'reject' })),
      audience: '在广州创业的高校毕业生',
    });
    expect(r.status).toBe(200);
    const saved = await json<{ rule: Rule; status: string; reviewed: number }>(r);
    expect(saved.rule.reviewed).toBe(true);
    expect(saved.rule.benefits).toHaveLength(1);
    expect(saved.reviewed).toBe(1);
    const file = JSON.parse(readFileSync(join(corpus.dir, 'rules', `${DOC}.rules.json`), 'utf8')) as { origin: string; rules: Rule[] };
    expect(file.origin).toBe('reviewed');
    expect(file.rules.find((x) => x.ref === '1')!.reviewed).toBe(true);
    expect(file.rules.filter((x) => x.ref !== '1').every((x) => !x.reviewed)).toBe(true);
    const after = (await match()).measures;
    const m = after.find((x) => x.key === key)!;
    expect(m.reviewed).toBe(true);
    expect(m.statusLabel).not.toBe('待核实');
    // The other drafts of the document are still 待核实.
    expect(after.find((x) => x.key === `${DOC}:2`)?.statusLabel).toBe('待核实');
  }, 60_000);
});
