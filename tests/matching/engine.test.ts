// The matching engine: three-valued status, quotes behind every reason, internal clauses never
// returned, ranking and follow-up questions; plus the profile fixtures end to end.
import { describe, expect, it } from 'vitest';
import { containsNormalized } from '../../src/text/canonical.js';
import type { MatchedMeasure } from '../../src/matching/engine.js';
import { extractProfile } from '../../src/matching/extract-profile.js';
import { mergeProfiles } from '../../src/matching/merge-profiles.js';
import type { CompanyProfile } from '../../src/matching/profile.js';
import { loadProfileFixtures, loadTestCorpus, loadTestTokenizer, seedExtractor, seedMatcher } from './matching-setup.js';

const { rules, units } = loadTestCorpus();
const tokenizer = loadTestTokenizer();
const unitText = new Map(units.map((u) => [u.ref, u.text]));
const INTERNAL = rules.rules.filter((a) => a.actionability === 'internal').map((a) => a.ref);
const match = seedMatcher();
const byRef = (ms: MatchedMeasure[], ref: string) => ms.find((m) => m.ref === ref);
const open = (ms: MatchedMeasure[]) => ms.filter((m) => m.status !== 'not_eligible').map((m) => m.ref);

const EVERYTHING: CompanyProfile = {
  region: 'ruian', entityType: 'enterprise', ownership: 'state_owned', industries: ['manufacturing', 'foreign_trade', 'grain'],
  aboveScale: true, rdExpenseLastYear: 9e6, rdExpenseYearBefore: 8e6, qualifications: ['high_tech', 'tech_leader', 'first_set'],
  exporting: true, hqStars: 5, needsLand: true, hasInvestmentProject: true, isMajorProject: true, plantedAreaMu: 500,
};

describe('matchMeasures', () => {
  it('never returns internal clauses (budgets, targets, section introductions)', () => {
    expect(INTERNAL).toEqual(expect.arrayContaining(['2', '8', '18', '27', '35', '41', '47', '59', 's1', 's8']));
    for (const profile of [{}, EVERYTHING, { region: 'lucheng' as const }]) {
      const refs = match(profile).measures.map((m) => m.ref);
      for (const ref of INTERNAL) expect(refs).not.toContain(ref);
    }
  });

  it('returns every non-internal clause with a status', () => {
    expect(match({}).measures).toHaveLength(rules.rules.length - INTERNAL.length);
  });

  it('is three-valued: unknown → possible with a question, then decided by the answer', () => {
    const base: CompanyProfile = { region: 'yongjia', entityType: 'enterprise', industries: ['manufacturing'], rdExpenseLastYear: 3e6 };
    const unknown = byRef(match(base).measures, '11')!;
    expect(unknown.status).toBe('possible');
    expect(unknown.missing.map((m) => m.field)).toContain('aboveScale');
    expect(unknown.missing.find((m) => m.field === 'aboveScale')?.question).toBe('贵企业是否为规上企业（规模以上企业）？');
    expect(byRef(match({ ...base, aboveScale: true }).measures, '11')!.status).toBe('eligible');
    const no = byRef(match({ ...base, aboveScale: false }).measures, '11')!;
    expect(no.status).toBe('not_eligible');
    expect(no.failed?.description).toContain('规模以上企业');
    expect(containsNormalized(unitText.get('11')!, no.failed!.quote)).toBe(true);
  });

  it('outside Wenzhou nothing applies, and the failure cites the preamble', () => {
    const r = match({ ...EVERYTHING, region: 'other', cityName: '杭州', registrationRegion: '330100' });
    expect(open(r.measures)).toEqual([]);
    expect(r.measures[0]!.failed?.quote).toBe('结合我市实际，制定以下政策');
  });

  it('ties every reason and quote to the clause text', () => {
    for (const m of match(EVERYTHING).measures) {
      for (const q of m.quotes) expect(containsNormalized(unitText.get(m.ref)!, q), `${m.ref}: ${q}`).toBe(true);
      for (const r of m.reasons) expect(r).toMatch(/原文：“.+”/);
    }
  });

  it('fills label, title and responsible units from the segmented unit', () => {
    const m = byRef(match(EVERYTHING).measures, '11')!;
    expect(m.label).toBe('第11条');
    expect(m.title).toBe('推动企业加大研发投入');
    expect(m.responsibleUnits[0]).toBe('市科技局');
  });

  it('ranks eligible before possible before not eligible, more valuable first', () => {
    const ms = match({ region: 'ruian', entityType: 'enterprise', industries: ['manufacturing'], aboveScale: true, rdExpenseLastYear: 5e6 }).measures;
    const ranks = ms.map((m) => ({ eligible: 0, possible: 1, not_eligible: 2 })[m.status]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const eligible = ms.filter((m) => m.status === 'eligible');
    expect(eligible[0]!.ref).toBe('11');
    for (let i = 1; i < eligible.length; i++) expect(eligible[i - 1]!.value).toBeGreaterThanOrEqual(eligible[i]!.value);
  });

  it('attaches estimates only where the clause fixes a formula and its branch applies', () => {
    const r = match({ region: 'ruian', entityType: 'enterprise', ownership: 'state_owned', aboveScale: true, rdExpenseLastYear: 1e6 });
    const m11 = byRef(r.measures, '11')!;
    expect(m11.status).toBe('eligible');
    expect(m11.estimate).toBeUndefined();
    expect(m11.reasons.join()).toContain('国有企业');
  });

  it('orders follow-up questions by how many open measures they decide, without duplicates', () => {
    const r = match({ entityType: 'enterprise' });
    const qs = r.questions;
    expect(new Set(qs.map((q) => q.question)).size).toBe(qs.length);
    const statusQs = qs.filter((q) => q.purpose === 'status');
    expect(qs.slice(0, statusQs.length)).toEqual(statusQs);
    for (let i = 1; i < statusQs.length; i++) expect(statusQs[i - 1]!.decides).toBeGreaterThanOrEqual(statusQs[i]!.decides);
    expect(qs[0]!.field).toBe('registrationRegion');
    expect(qs[0]!.decides).toBe(r.measures.filter((m) => m.status === 'possible').length);
    expect(qs.map((q) => q.field)).toContain('industries');
  });

  it('asks for estimate inputs after the deciding questions', () => {
    const r = match({ region: 'ouhai', entityType: 'enterprise', industries: ['manufacturing'], aboveScale: true, rdExpenseLastYear: 6e6 });
    expect(byRef(r.measures, '11')!.estimate).toMatchObject({ min: 180_000, max: 480_000 });
    const q = r.questions.find((x) => x.field === 'rdExpenseYearBefore');
    expect(q).toMatchObject({ purpose: 'estimate', refs: ['11'] });
    const purposes = r.questions.map((x) => x.purpose);
    expect(purposes.indexOf('estimate')).toBeGreaterThan(purposes.lastIndexOf('status'));
  });

  it('answering follow-up questions only narrows the open set', () => {
    let profile: CompanyProfile = { entityType: 'enterprise' };
    const before = match(profile);
    profile = mergeProfiles(profile, extractProfile('在瑞安，做汽车零部件，规上', { tokenizer }).profile);
    const after = match(profile);
    expect(open(after.measures).length).toBeLessThan(open(before.measures).length);
    expect(after.questions.length).toBeLessThan(before.questions.length);
  });

  it('passes the validity notice through', () => {
    expect(match({}).notices[0]).toContain('2024年全年实施有效');
  });
});

describe('profile fixtures', () => {
  const fixtures = loadProfileFixtures();
  it('has at least ten fixtures', () => expect(fixtures.length).toBeGreaterThanOrEqual(10));

  it.each(fixtures.map((f) => [f.id, f] as const))('%s', (_id, f) => {
    const profile = mergeProfiles(f.profile ?? {}, f.description ? seedExtractor(tokenizer)(f.description) : {});
    const r = match(profile);
    const eligible = r.measures.filter((m) => m.status === 'eligible').map((m) => m.ref);
    const openRefs = open(r.measures);
    expect(eligible).toEqual(expect.arrayContaining(f.expect.eligible));
    if (f.expect.open) expect(openRefs).toEqual(expect.arrayContaining(f.expect.open));
    if (f.expect.open?.length === 0) expect(openRefs).toEqual([]);
    for (const ref of f.expect.notOpen ?? []) expect(openRefs, ref).not.toContain(ref);
    for (const [ref, amount] of Object.entries(f.expect.estimates ?? {})) {
      const e = byRef(r.measures, ref)?.estimate;
      expect(e?.amount ?? e?.min, ref).toBe(amount);
    }
    if (f.expect.topQuestionField) expect(r.questions[0]?.field).toBe(f.expect.topQuestionField);
  });
});
