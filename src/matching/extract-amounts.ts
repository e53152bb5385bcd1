// Numbers in free text → profile fields: money (R&D by year, revenue, premiums, fees),
// percentages (R&D ratio and growth), head counts and planted area. Pure.
import { AMOUNT_PATTERN, amountFromParts, parseChineseNumeral } from './parse-amount.js';
import { clauseBefore, sentenceBefore } from './extract-text-utils.js';
import type { CompanyProfile } from './profile.js';

type MoneyField =
  | 'rd' | 'basicResearchExpense' | 'exportCreditInsurancePremium' | 'fxSettlementAmount'
  | 'highReliabilitySupplyFee' | 'containerTollFee' | 'exportAmount' | 'revenue';

const MONEY_TOPICS: ReadonlyArray<[MoneyField, RegExp]> = [
  ['basicResearchExpense', /基础研究/g],
  ['rd', /研发|研究开发/g],
  ['exportCreditInsurancePremium', /信保|信用保险|保费/g],
  ['fxSettlementAmount', /结售汇|结汇|换汇/g],
  ['highReliabilitySupplyFee', /高可靠性?供电|高可供电/g],
  ['containerTollFee', /通行费|过路费|高速费/g],
  ['exportAmount', /出口额|出口|外贸额/g],
  ['revenue', /营收|营业收入|销售收入|销售额|年收入|产值|营业额|收入|年销售|销售|营业/g],
];

const YEAR_WORDS = /上上年|前年|去年|上年度|上一年度|上一年|上年|今年|本年度|本年|当年|(20\d\d)年/g;
const CN_NUM = '[零〇一二两三四五六七八九十百千万]';

type YearSlot = 'last' | 'before' | 'this';

function latestTopic(before: string): MoneyField | null {
  let best: { field: MoneyField; index: number } | null = null;
  for (const [field, re] of MONEY_TOPICS) {
    for (const m of before.matchAll(re)) {
      const end = m.index + m[0].length;
      if (!best || end > best.index) best = { field, index: end };
    }
  }
  return best?.field ?? null;
}

function latestYear(before: string, referenceYear: number): YearSlot | null {
  const all = [...before.matchAll(YEAR_WORDS)];
  const m = all.at(-1);
  if (!m) return null;
  if (m[1]) {
    const diff = referenceYear - Number(m[1]);
    return diff === 0 ? 'this' : diff === 1 ? 'last' : diff === 2 ? 'before' : null;
  }
  if (/上上年|前年/.test(m[0])) return 'before';
  if (/今年|本年|当年/.test(m[0])) return 'this';
  return 'last';
}

export function extractAmounts(s: string, { referenceYear }: { referenceYear: number }): CompanyProfile {
  const p: CompanyProfile = {};
  const money = new RegExp(`(?<![\\d.])${AMOUNT_PATTERN}`, 'g');
  for (const m of s.matchAll(money)) {
    const hasMagnitude = Boolean(m[2]) || /[元块]$/.test(m[0]);
    if (!hasMagnitude) continue;
    const next = s.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (/^(美|欧|吨|人|亩|个|家|台|辆|平方|件|套|户|千瓦|度|标箱)/.test(next)) continue;
    const value = amountFromParts(m[1]!, m[2]);
    if (value === null) continue;
    // "还没到200万", "不到200万" name a threshold, not the amount itself.
    if (/(不到|没到|不足|未达到?|达不到|没达到|没有达到|低于|少于|超过|高于|门槛)$/.test(clauseBefore(s, m.index))) continue;
    const before = sentenceBefore(s, m.index);
    const topic = latestTopic(before);
    if (topic === 'rd') {
      const slot = latestYear(before, referenceYear) ?? 'last';
      if (slot === 'last') p.rdExpenseLastYear = value;
      else if (slot === 'before') p.rdExpenseYearBefore = value;
      else p.rdExpenseThisYear = value;
    } else if (topic) {
      p[topic] = value;
    }
  }
  extractPercents(s, p);
  extractCounts(s, p);
  if (p.rdExpenseLastYear !== undefined || p.basicResearchExpense !== undefined) {
    if ((p.rdExpenseLastYear ?? 0) > 0 || (p.basicResearchExpense ?? 0) > 0) p.doesRnd = true;
  }
  if ((p.exportAmount ?? 0) > 0 || (p.exportCreditInsurancePremium ?? 0) > 0) p.exporting = true;
  return p;
}

function extractPercents(s: string, p: CompanyProfile): void {
  const re = /(\d+(?:\.\d+)?)%|百分之([零一二两三四五六七八九十]+)/g;
  for (const m of s.matchAll(re)) {
    const value = m[1] !== undefined ? Number(m[1]) : parseChineseNumeral(m[2]!);
    if (value === null) continue;
    const sentence = sentenceBefore(s, m.index);
    if (!/研发|研究开发/.test(sentence)) continue;
    const clause = clauseBefore(s, m.index);
    if (/增长|增速|增幅|增加|提高|涨/.test(clause)) p.rdGrowth = value;
    else p.rdRatio = value;
  }
}

function toNumber(raw: string): number | null {
  return /^\d/.test(raw) ? Number(raw) : parseChineseNumeral(raw);
}

function extractCounts(s: string, p: CompanyProfile): void {
  const staff = [
    new RegExp(`(?:员工|职工|工人|雇员|人员)(?:有|约|大约|大概|共|总数|总共)?(\\d+|${CN_NUM}+)(?:多|来|余)?(?:个|名)?人?`, 'g'),
    new RegExp(`(\\d+|${CN_NUM}+)(?:多|来|余)?(?:个|名)(?:员工|职工|工人|人)`, 'g'),
    new RegExp(`(\\d+|${CN_NUM}+)(?:多|来|余)?人(?:的)?(?:公司|企业|团队|规模|左右)`, 'g'),
  ];
  for (const re of staff) {
    for (const m of s.matchAll(re)) {
      const n = toNumber(m[1]!);
      if (n !== null && Number.isInteger(n)) p.employees = n;
    }
  }
  const area = new RegExp(`(\\d+(?:\\.\\d+)?|${CN_NUM}+)(?:多|来|余)?亩`, 'g');
  for (const m of s.matchAll(area)) {
    const sentence = sentenceBefore(s, m.index) + s.slice(m.index, m.index + 12);
    if (!/种|粮|稻|麦|田|耕|旱粮|油菜/.test(sentence)) continue;
    const n = toNumber(m[1]!);
    if (n !== null) p.plantedAreaMu = n;
  }
}
