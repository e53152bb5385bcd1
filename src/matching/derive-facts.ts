// Facts that follow from what the user said: 首次小升规 ⇒ 规上, an R&D amount ⇒ does R&D,
// R&D ÷ revenue ⇒ R&D ratio, and numeric bounds (a 规上 industrial firm has ≥ 2000万元 revenue,
// so 50万元 of R&D cannot be more than 2.5% of it). Pure; never overrides a stated fact.
import { WENZHOU_REGIONS, type CompanyProfile, type Industry, type ProfileField } from './profile.js';

export interface Bounds {
  min?: number;
  max?: number;
}

export interface Facts {
  profile: CompanyProfile;
  /** Known ranges for numeric fields whose exact value is unknown. */
  bounds: Partial<Record<ProfileField, Bounds>>;
}

const INDUSTRIAL: readonly Industry[] = ['manufacturing', 'integrated_circuit', 'machine_tool'];
/** 规上 thresholds: industry 2000万元 main business revenue; services at least 500万元 (lowest tier). */
const ABOVE_SCALE_MIN_REVENUE_INDUSTRIAL = 20_000_000;
const ABOVE_SCALE_MIN_REVENUE_OTHER = 5_000_000;
const RD_QUALIFICATIONS = ['high_tech', 'tech_sme', 'tech_leader', 'tech_little_giant', 'new_rnd_institution'] as const;

export function deriveFacts(input: CompanyProfile): Facts {
  const p: CompanyProfile = { ...input };
  const bounds: Facts['bounds'] = {};
  const setIfUnknown = <K extends ProfileField>(k: K, v: CompanyProfile[K]) => {
    if (p[k] === undefined) p[k] = v;
  };

  if (p.region) setIfUnknown('inWenzhou', p.region !== 'other' && WENZHOU_REGIONS.includes(p.region));
  if (p.firstTimeAboveScale === true) setIfUnknown('aboveScale', true);
  if (p.aboveScale === false) setIfUnknown('firstTimeAboveScale', false);
  if (p.smallMicro === true) setIfUnknown('sme', true);
  if (p.hqStars !== undefined) setIfUnknown('isHeadquarters', true);
  if (p.smallMicro === true || p.aboveScale === false) setIfUnknown('isHeadquarters', false);
  if (p.ownership === 'foreign_invested') setIfUnknown('hasForeignInvestment', true);
  if (p.ownership === 'private' || p.ownership === 'state_owned') setIfUnknown('hasForeignInvestment', false);
  if (p.industries?.some((i) => i === 'foreign_trade' || i === 'cross_border_ecommerce')) setIfUnknown('exporting', true);
  if ((p.exportCreditInsurancePremium ?? 0) > 0 || (p.exportAmount ?? 0) > 0) setIfUnknown('exporting', true);

  const rdAmounts = [p.rdExpenseLastYear, p.rdExpenseThisYear, p.basicResearchExpense, p.rdRatio];
  if (rdAmounts.some((v) => (v ?? 0) > 0)) setIfUnknown('doesRnd', true);
  if (p.qualifications?.some((q) => (RD_QUALIFICATIONS as readonly string[]).includes(q))) setIfUnknown('doesRnd', true);
  if (p.rdExpenseLastYear === 0 && p.doesRnd === undefined) p.doesRnd = false;
  if (p.doesRnd === false) setIfUnknown('rdExpenseLastYear', 0);

  if (p.rdRatio === undefined && p.rdExpenseLastYear !== undefined && (p.revenue ?? 0) > 0) {
    p.rdRatio = Math.round((p.rdExpenseLastYear / p.revenue!) * 10000) / 100;
  }
  if (p.rdGrowth === undefined && p.rdExpenseLastYear !== undefined && (p.rdExpenseYearBefore ?? 0) > 0) {
    p.rdGrowth = Math.round(((p.rdExpenseLastYear - p.rdExpenseYearBefore!) / p.rdExpenseYearBefore!) * 10000) / 100;
  }

  if (p.revenue === undefined && p.aboveScale === true) {
    const industrial = p.industries?.some((i) => INDUSTRIAL.includes(i)) ?? false;
    bounds.revenue = { min: industrial ? ABOVE_SCALE_MIN_REVENUE_INDUSTRIAL : ABOVE_SCALE_MIN_REVENUE_OTHER };
  }
  const minRevenue = bounds.revenue?.min;
  if (p.rdRatio === undefined && p.rdExpenseLastYear !== undefined && minRevenue) {
    bounds.rdRatio = { max: Math.round((p.rdExpenseLastYear / minRevenue) * 10000) / 100 };
  }
  return { profile: p, bounds };
}
