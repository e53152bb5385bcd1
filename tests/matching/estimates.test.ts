// Benefit estimates with worked numbers; every estimate shows its steps and says 仅供参考.
import { describe, expect, it } from 'vitest';
// The formulas are data in corpus/rules/wzzb-2024-11.rules.json (migrated from the old per-clause code).
import { evaluateFormula, type Formula } from '../../src/rules/formula.js';
import type { Facts } from '../../src/rules/condition.js';
import { loadTestCorpus } from './matching-setup.js';

const { rules, registry } = loadTestCorpus();
const FORMULAS = new Map(rules.rules.flatMap((r) => r.benefits.flatMap((b) => (b.formula?.id ? [[b.formula.id, b.formula] as [string, Formula]] : []))));
const FORMULA_IDS = [...FORMULAS.keys()];
const estimateBenefit = (id: string, facts: Facts) => evaluateFormula(FORMULAS.get(id)!, { facts, question: registry.question });
const by = (id: string) => (facts: Facts = {}) => estimateBenefit(id, facts);
const estimateRdSubsidy = by('rd_subsidy');
const estimateServiceUpgradeAward = by('service_upgrade_award');
const estimateServiceTop100Award = by('service_top100_award');
const estimateServiceZoneAward = by('service_zone_award');
const estimateExportCreditInsurance = by('export_credit_insurance');
const estimateFxHedgingGuarantee = by('fx_hedging_guarantee');
const estimateHighReliabilityFee = by('high_reliability_fee');
const estimateContainerToll = by('container_toll');

describe('clause 11 R&D subsidy: 3% of 存量 + 8% of 增量, capped at 300万元', () => {
  it('500万 last year, 400万 the year before → 12万 + 8万 = 20万', () => {
    const e = estimateRdSubsidy({ rdExpenseLastYear: 5_000_000, rdExpenseYearBefore: 4_000_000 });
    expect(e.amount).toBe(200_000);
    expect(e.steps.join('\n')).toContain('存量部分 = min(L, B) = 400万元');
    expect(e.steps.join('\n')).toContain('增量部分 = max(L − B, 0) = 100万元');
    expect(e.steps.join('\n')).toContain('400万元 × 3% = 12万元');
    expect(e.steps.join('\n')).toContain('100万元 × 8% = 8万元');
    expect(e.assumptions[0]).toContain('min(上年度, 前年度)');
    expect(e.text).toContain('仅供参考');
  });

  it('a decline is all 存量: 300万 after 350万 → 9万', () => {
    expect(estimateRdSubsidy({ rdExpenseLastYear: 3_000_000, rdExpenseYearBefore: 3_500_000 }).amount).toBe(90_000);
  });

  it('200万 exactly qualifies (以上 includes the figure): 200万 flat → 6万', () => {
    expect(estimateRdSubsidy({ rdExpenseLastYear: 2_000_000, rdExpenseYearBefore: 2_000_000 }).amount).toBe(60_000);
  });

  it('caps at 300万: 1亿 after 5000万 → 150万 + 400万 = 550万 → 300万', () => {
    const e = estimateRdSubsidy({ rdExpenseLastYear: 100_000_000, rdExpenseYearBefore: 50_000_000 });
    expect(e.amount).toBe(3_000_000);
    expect(e.steps.at(-1)).toContain('按300万元计');
  });

  it('below 200万 gives 0 and says why', () => {
    const e = estimateRdSubsidy({ rdExpenseLastYear: 1_500_000 });
    expect(e.amount).toBe(0);
    expect(e.text).toContain('未达200万元');
  });

  it('without the year-before figure gives a range and asks for it', () => {
    const e = estimateRdSubsidy({ rdExpenseLastYear: 3_500_000 });
    expect(e.amount).toBeUndefined();
    expect(e.min).toBe(105_000);
    expect(e.max).toBe(280_000);
    expect(e.missing.map((m) => m.field)).toEqual(['rdExpenseYearBefore']);
  });

  it('without any R&D figure asks for both', () => {
    const e = estimateRdSubsidy({});
    expect(e.missing.map((m) => m.field)).toEqual(['rdExpenseLastYear', 'rdExpenseYearBefore']);
  });
});

describe('clause 29 and 28 awards', () => {
  it('first-time 小升规 service firm: 5万', () => {
    expect(estimateServiceUpgradeAward().amount).toBe(50_000);
  });
  it('top 100 other profit services: 10万–30万', () => {
    const e = estimateServiceTop100Award();
    expect([e.min, e.max]).toEqual([100_000, 300_000]);
  });
  it('innovation zone management body: 50万 provincial, 30万 municipal, range when unknown', () => {
    expect(estimateServiceZoneAward({ serviceZoneLevel: 'provincial' }).amount).toBe(500_000);
    expect(estimateServiceZoneAward({ serviceZoneLevel: 'municipal' }).amount).toBe(300_000);
    const e = estimateServiceZoneAward({});
    expect([e.min, e.max]).toEqual([300_000, 500_000]);
  });
});

describe('clause 44 export credit insurance and FX hedging', () => {
  it('premium 20万 → subsidy at least 14万', () => {
    const e = estimateExportCreditInsurance({ exportCreditInsurancePremium: 200_000 });
    expect(e.min).toBe(140_000);
    expect(e.steps.join('\n')).toContain('20万元 × 70% = 14万元');
  });
  it('FX settlement 1000万 → guarantee line up to 80万, not cash', () => {
    const e = estimateFxHedgingGuarantee({ fxSettlementAmount: 10_000_000 });
    expect(e.max).toBe(800_000);
    expect(e.kind).toBe('guarantee_quota');
    expect(e.assumptions[0]).toContain('不是现金补贴');
  });
});

describe('clause 17 and 39 discounts', () => {
  it('high-reliability supply fee 100万 at 70% → pay 70万, save 30万', () => {
    const e = estimateHighReliabilityFee({ highReliabilitySupplyFee: 1_000_000 });
    expect(e.amount).toBe(300_000);
    expect(e.steps.join('\n')).toContain('100万元 × 30% = 30万元');
    expect(e.assumptions[0]).toContain('70%');
  });
  it('container tolls 80万 at 六五折 → pay 52万, save 28万', () => {
    const e = estimateContainerToll({ containerTollFee: 800_000 });
    expect(e.amount).toBe(280_000);
    expect(e.steps.join('\n')).toContain('80万元 × 35% = 28万元');
    expect(e.assumptions[0]).toContain('65%');
  });
  it('without the fee, states the rate and asks for the fee', () => {
    const e = estimateContainerToll({});
    expect(e.amount).toBeUndefined();
    expect(e.text).toContain('35%');
    expect(e.missing[0]?.field).toBe('containerTollFee');
  });
});

describe('estimateBenefit', () => {
  it('migrated all eight formulas', () => expect(FORMULA_IDS).toHaveLength(8));
  it.each(FORMULA_IDS)('%s is marked 仅供参考 and shows steps', (id) => {
    const e = estimateBenefit(id, {});
    expect(e.formula).toBe(id);
    expect(e.text).toContain('仅供参考');
    expect(e.disclaimer).toContain('仅供参考');
    expect(e.steps.length).toBeGreaterThan(0);
  });
});
