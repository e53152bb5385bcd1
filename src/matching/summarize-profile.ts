// A short Chinese summary of a company profile for answers and printouts (pure).
import { ENUM_LABELS, type CompanyProfile } from './profile.js';

function money(yuan: number): string {
  if (yuan >= 1e8) return `${+(yuan / 1e8).toFixed(2)}亿元`;
  if (yuan >= 1e4) return `${+(yuan / 1e4).toFixed(2)}万元`;
  return `${yuan}元`;
}

export function summarizeProfile(p: CompanyProfile): string {
  const parts: string[] = [];
  if (p.region && p.region !== 'other') parts.push(ENUM_LABELS.region[p.region]);
  else if (p.cityName) parts.push(p.cityName);
  if (p.entityType) parts.push(ENUM_LABELS.entityType[p.entityType]);
  if (p.ownership) parts.push(ENUM_LABELS.ownership[p.ownership]);
  if (p.industries?.length) parts.push(p.industries.map((i) => ENUM_LABELS.industries[i]).join('、'));
  if (p.aboveScale === true) parts.push('规上');
  if (p.aboveScale === false) parts.push('非规上');
  if (p.firstTimeAboveScale) parts.push('首次小升规');
  if (p.revenue !== undefined) parts.push(`营收${money(p.revenue)}`);
  if (p.rdExpenseLastYear !== undefined) parts.push(`上年度研发费用${money(p.rdExpenseLastYear)}`);
  if (p.rdExpenseYearBefore !== undefined) parts.push(`前年度研发费用${money(p.rdExpenseYearBefore)}`);
  if (p.qualifications?.length) parts.push(p.qualifications.map((q) => ENUM_LABELS.qualifications[q]).join('、'));
  if (p.lacksQualifications?.length) parts.push(`尚未认定${p.lacksQualifications.map((q) => ENUM_LABELS.qualifications[q]).join('、')}`);
  if (p.exporting === true) parts.push('有出口业务');
  if (p.plantedAreaMu !== undefined) parts.push(`种粮${p.plantedAreaMu}亩`);
  return parts.join('，');
}
