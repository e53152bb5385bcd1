// Facts that follow from what the user said: 首次小升规 ⇒ 规上, an R&D amount ⇒ does R&D,
// R&D ÷ revenue ⇒ R&D ratio, industry ⇒ GB/T 4754 section, revenue and staff ⇒ enterprise size
// by the national classification, and numeric bounds (a 规上 industrial firm has ≥ 2000万元
// revenue, so 50万元 of R&D cannot be more than 2.5% of it). Pure; never overrides a stated fact.
import type { Bounds, Facts } from '../rules/condition.js';
import { classifyEnterprise } from '../rules/enterprise-size.js';

export interface DerivedFacts {
  facts: Facts;
  /** Known ranges for numeric facts whose exact value is unknown. */
  bounds: Record<string, Bounds>;
}

const INDUSTRIAL = ['manufacturing', 'integrated_circuit', 'machine_tool'];
/** 规上 thresholds: industry 2000万元 main business revenue; services at least 500万元 (lowest tier). */
const ABOVE_SCALE_MIN_REVENUE_INDUSTRIAL = 20_000_000;
const ABOVE_SCALE_MIN_REVENUE_OTHER = 5_000_000;
const RD_QUALIFICATIONS = ['high_tech', 'tech_sme', 'tech_leader', 'tech_little_giant', 'new_rnd_institution'];

/** The profile's industries in GB/T 4754 sections (门类). */
export const INDUSTRY_SECTIONS: Record<string, string[]> = {
  manufacturing: ['C'], integrated_circuit: ['C'], machine_tool: ['C'], life_health: ['C'],
  software_it: ['I'], digital_economy: ['I'], artificial_intelligence: ['I'],
  logistics_port: ['G'], transport: ['G'],
  foreign_trade: ['F'], cross_border_ecommerce: ['F'], ecommerce: ['F'], retail_catering: ['F', 'H'],
  culture: ['R'], sports: ['R'], tourism: ['H'],
  agriculture_livestock: ['A'], grain: ['A'],
  elderly_care: ['Q'], childcare: ['Q'], healthcare: ['Q'],
  finance: ['J'], construction: ['E'], real_estate: ['K'], education: ['P'],
  industrial_design: ['M'], other_profit_services: ['L'],
};

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const list = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : []);

export function deriveFacts(input: Facts): DerivedFacts {
  const p: Facts = { ...input };
  const bounds: Record<string, Bounds> = {};
  const setIfUnknown = (k: string, v: unknown) => {
    if (p[k] === undefined && v !== undefined) p[k] = v;
  };

  if (p.firstTimeAboveScale === true) setIfUnknown('aboveScale', true);
  if (p.aboveScale === false) setIfUnknown('firstTimeAboveScale', false);
  if (p.smallMicro === true) setIfUnknown('sme', true);
  if (p.hqStars !== undefined) setIfUnknown('isHeadquarters', true);
  if (p.smallMicro === true || p.aboveScale === false) setIfUnknown('isHeadquarters', false);
  if (p.ownership === 'foreign_invested') setIfUnknown('hasForeignInvestment', true);
  if (p.ownership === 'private' || p.ownership === 'state_owned') setIfUnknown('hasForeignInvestment', false);
  const industries = list(p.industries);
  if (industries.some((i) => i === 'foreign_trade' || i === 'cross_border_ecommerce')) setIfUnknown('exporting', true);
  if ((num(p.exportCreditInsurancePremium) ?? 0) > 0 || (num(p.exportAmount) ?? 0) > 0) setIfUnknown('exporting', true);

  const rdAmounts = [p.rdExpenseLastYear, p.rdExpenseThisYear, p.basicResearchExpense, p.rdRatio].map(num);
  if (rdAmounts.some((v) => (v ?? 0) > 0)) setIfUnknown('doesRnd', true);
  if (list(p.qualifications).some((q) => RD_QUALIFICATIONS.includes(q))) setIfUnknown('doesRnd', true);
  if (p.rdExpenseLastYear === 0 && p.doesRnd === undefined) p.doesRnd = false;
  if (p.doesRnd === false) setIfUnknown('rdExpenseLastYear', 0);

  const revenue = num(p.revenue);
  const rdLast = num(p.rdExpenseLastYear);
  if (p.rdRatio === undefined && rdLast !== undefined && (revenue ?? 0) > 0) p.rdRatio = Math.round((rdLast / revenue!) * 10000) / 100;
  const rdBefore = num(p.rdExpenseYearBefore);
  if (p.rdGrowth === undefined && rdLast !== undefined && (rdBefore ?? 0) > 0) p.rdGrowth = Math.round(((rdLast - rdBefore!) / rdBefore!) * 10000) / 100;

  // Industry sections and size follow from the seed's industry list and the figures.
  const sections = [...new Set([...list(p.industrySections), ...industries.flatMap((i) => INDUSTRY_SECTIONS[i] ?? [])])];
  if (sections.length) p.industrySections = sections;
  if (p.enterpriseSize === undefined && (p.entityType === undefined || p.entityType === 'enterprise')) {
    const size = classifyEnterprise({ section: sections[0], employees: num(p.employees), revenue });
    if (size) p.enterpriseSize = size;
  }
  if (p.smallMicro === undefined && (p.enterpriseSize === 'small' || p.enterpriseSize === 'micro')) p.smallMicro = true;
  if (p.smallMicro === undefined && (p.enterpriseSize === 'large' || p.enterpriseSize === 'medium')) p.smallMicro = false;
  // An organisation is not a graduate or a veteran; a person's groups stay open until stated.
  if (p.entityType !== undefined && p.entityType !== 'individual' && p.entityType !== 'individual_business') setIfUnknown('personGroups', []);

  if (revenue === undefined && p.aboveScale === true) {
    const industrial = industries.some((i) => INDUSTRIAL.includes(i));
    bounds.revenue = { min: industrial ? ABOVE_SCALE_MIN_REVENUE_INDUSTRIAL : ABOVE_SCALE_MIN_REVENUE_OTHER };
  }
  const minRevenue = bounds.revenue?.min;
  if (p.rdRatio === undefined && rdLast !== undefined && minRevenue) bounds.rdRatio = { max: Math.round((rdLast / minRevenue) * 10000) / 100 };
  return { facts: p, bounds };
}
