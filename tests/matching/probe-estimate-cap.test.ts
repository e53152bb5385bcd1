// Regression test for the adversarial probe (issue 10), defect 1: the R&D subsidy estimate
// (clause 11) showed figures above the clause's 300万元 cap and ranges whose low end exceeded the
// high end ("600万元至300万元").
import { describe, expect, it } from 'vitest';
import { contains, resolveRegion } from '../../src/ingest/divisions.js';
import { createMatchService } from '../../src/matching/match-service.js';
import type { CompanyProfile } from '../../src/matching/profile.js';
import { evaluateFormula, type Formula } from '../../src/rules/formula.js';
import { loadTestCorpus } from './matching-setup.js';

const { rules, units, meta, registry } = loadTestCorpus();
const matcher = createMatchService({ ruleSets: [{ file: rules, doc: meta }], registry, units, divisions: { contains, resolveRegion }, now: () => new Date('2024-06-30T00:00:00Z') });
const RD = rules.rules.find((r) => r.ref === '11')!.benefits.find((b) => b.formula)!.formula as Formula;
const estimateRdSubsidy = (p: CompanyProfile) => evaluateFormula(RD, { facts: p, question: registry.question });

const RD_CAP = 3_000_000;
const WAN = 10_000;
const YI = 100_000_000;

/** Every money figure written in a text (300万元, 1.5亿元, 9000元), in 元. */
function figuresIn(text: string): number[] {
  return [...text.matchAll(/(\d+(?:\.\d+)?)(亿|万)?元/g)].map((m) => Number(m[1]) * (m[2] === '亿' ? YI : m[2] === '万' ? WAN : 1));
}

describe('probe defect 1: estimate bounds respect the stated cap', () => {
  const spends = [
    0, 1, 150 * WAN, 199.99 * WAN, 200 * WAN, 350 * WAN, 1000 * WAN, 3750 * WAN, 3750 * WAN + 1, 5000 * WAN,
    9999 * WAN, YI, 1.5 * YI, 2 * YI, 10 * YI, 100 * YI, 1000 * YI,
    // a geometric sweep from 1万 to 1000亿
    ...Array.from({ length: 29 }, (_, i) => Math.round(WAN * 10 ** (i / 4))),
  ];
  const befores = (last: number) => [undefined, 0, Math.round(last / 2), last, last * 2, 1000 * YI];

  it('keeps every bound at or under 300万, lo ≤ hi, and no figure above the cap in the text', () => {
    let checked = 0;
    for (const last of spends) {
      for (const before of befores(last)) {
        const profile: CompanyProfile = { rdExpenseLastYear: last, ...(before === undefined ? {} : { rdExpenseYearBefore: before }) };
        const e = estimateRdSubsidy(profile);
        const where = `L=${last} B=${before}`;
        for (const v of [e.amount, e.min, e.max]) if (v !== undefined) expect(v, where).toBeLessThanOrEqual(RD_CAP);
        if (e.min !== undefined && e.max !== undefined) {
          expect(e.min, where).toBeLessThan(e.max);
          expect(e.amount, where).toBeUndefined();
        }
        for (const f of figuresIn(e.text)) expect(f, `${where}: ${e.text}`).toBeLessThanOrEqual(RD_CAP);
        expect(e.text, where).not.toMatch(/约在(.+)至\1之间/);
        checked++;
      }
    }
    expect(checked).toBe(spends.length * 6);
  });

  it('collapses the range to one figure when both readings reach the cap', () => {
    for (const last of [YI, 2 * YI, 1000 * YI]) {
      const e = estimateRdSubsidy({ rdExpenseLastYear: last });
      expect(e).toMatchObject({ amount: RD_CAP, missing: [] });
      expect(e.min).toBeUndefined();
      expect(e.max).toBeUndefined();
      expect(e.text).toBe('预计研发补助300万元（已达最高300万元）（仅供参考）');
      expect(e.steps.join('\n')).toContain('超过最高300万元，按300万元计');
    }
  });

  it('still gives a range below the cap and asks for the year before', () => {
    const e = estimateRdSubsidy({ rdExpenseLastYear: 5000 * WAN });
    expect([e.min, e.max]).toEqual([150 * WAN, RD_CAP]);
    expect(e.text).toBe('前年度数额未知，研发补助约在150万元至300万元之间（仅供参考）');
    expect(e.missing.map((m) => m.field)).toEqual(['rdExpenseYearBefore']);
  });

  it.each([
    ['温州瑞安一家规上机械厂，上年度研发投入三亿元', 300 * WAN],
    ['我们在瑞安，规模以上制造业，去年研发支出八百亿元', 300 * WAN],
  ])('a described firm with huge R&D sees the capped figure: %s', async (description) => {
    const r = await matcher.match({ description });
    const m11 = r.measures.find((m) => m.ref === 'wzzb-2024-11:11');
    expect(m11?.estimate?.text).toBe('预计研发补助300万元（已达最高300万元）（仅供参考）');
  });
});
