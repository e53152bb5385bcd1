// Numbers in free text → profile fields: money (R&D by year, revenue, premiums, fees),
// percentages (R&D ratio and growth), head counts and planted area. Pure.
//
// Each number is read in the context of its sentence (which topic and which year were named last
// before it). The context is found by one left-to-right sweep over precomputed keyword positions,
// not by rescanning the sentence for every number, so the work is linear in the text length.
import { AMOUNT_PATTERN, amountFromParts, isPlausibleMoney, parseChineseNumeral } from './parse-amount.js';
import { clauseBefore, clauseStarts, sentenceStarts } from './extract-text-utils.js';
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
/**
 * A count: digits or a Chinese numeral, bounded in length and never starting inside a longer
 * number. Unbounded runs (\d+, [一…万]+) before a required suffix backtrack from every start
 * position, which made a long run of numerals cost quadratic time.
 */
const NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万';
const COUNT = `(?<![\\d.${NUMERAL_CHARS}])(\\d{1,12}|[${NUMERAL_CHARS}]{1,12})`;
/**
 * A minus sign or 负 right before a number makes it negative, which no amount, count or area in a
 * profile can be; such numbers are ignored rather than read as positive. A dash between two
 * numbers (300-500万) is a range and is not a sign.
 */
const SIGN_BEFORE = /(?:^|[^\d.])[-−－]$|负$/;

type YearSlot = 'last' | 'before' | 'this';

interface Mark<T> {
  start: number;
  end: number;
  value: T;
}

/** Keyword matches of several patterns, ordered by end; on equal ends the earlier pattern wins. */
function marks<T>(s: string, patterns: ReadonlyArray<[T, RegExp]>): Array<Mark<T>> {
  const out: Array<Mark<T> & { order: number }> = [];
  patterns.forEach(([value, re], order) => {
    for (const m of s.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length, value, order });
  });
  return out.sort((a, b) => a.end - b.end || a.order - b.order);
}

/**
 * The last mark ending at or before each queried position, within the same scope (sentence or
 * clause). Queries must come in increasing position order.
 */
function latestBefore<T>(list: Array<Mark<T>>, scopeStart: Int32Array): (pos: number) => Mark<T> | null {
  let i = 0;
  let last: Mark<T> | null = null;
  return (pos) => {
    while (i < list.length && list[i]!.end <= pos) {
      // On equal ends keep the first (the earlier pattern), as the old per-sentence scan did.
      if (!last || list[i]!.end > last.end) last = list[i]!;
      i++;
    }
    return last && last.start >= scopeStart[pos]! ? last : null;
  };
}

function yearSlot(m: Mark<string>, referenceYear: number): YearSlot | null {
  const explicit = /^(20\d\d)年$/.exec(m.value);
  if (explicit) {
    const diff = referenceYear - Number(explicit[1]);
    return diff === 0 ? 'this' : diff === 1 ? 'last' : diff === 2 ? 'before' : null;
  }
  if (/上上年|前年/.test(m.value)) return 'before';
  if (/今年|本年|当年/.test(m.value)) return 'this';
  return 'last';
}

/** Year words in order of position; the latest one starting before a number decides its year. */
function yearMarks(s: string): Array<Mark<string>> {
  return [...s.matchAll(YEAR_WORDS)].map((m) => ({ start: m.index, end: m.index + m[0].length, value: m[0] }));
}

function isSigned(s: string, index: number): boolean {
  return SIGN_BEFORE.test(s.slice(Math.max(0, index - 2), index));
}

export function extractAmounts(s: string, { referenceYear }: { referenceYear: number }): CompanyProfile {
  const p: CompanyProfile = {};
  const sentences = sentenceStarts(s);
  const topicAt = latestBefore(marks(s, MONEY_TOPICS), sentences);
  const yearAt = latestBefore(yearMarks(s), sentences);
  const money = new RegExp(`(?<![\\d.])${AMOUNT_PATTERN}`, 'g');
  for (const m of s.matchAll(money)) {
    const end = m.index + m[0].length;
    // "0.0.5万" never gets here: "0.0" has no magnitude and the lookbehind refuses ".5万".
    const hasMagnitude = Boolean(m[2]) || /[元块]$/.test(m[0]);
    if (!hasMagnitude) continue;
    if (isSigned(s, m.index)) continue;
    const next = s.slice(end, end + 2);
    if (/^(美|欧|吨|人|亩|个|家|台|辆|平方|件|套|户|千瓦|度|标箱)/.test(next)) continue;
    const topic = topicAt(m.index)?.value;
    if (!topic) continue;
    const value = amountFromParts(m[1]!, m[2]);
    if (value === null || !isPlausibleMoney(value)) continue;
    // "还没到200万", "不到200万" name a threshold, not the amount itself.
    if (/(不到|没到|不足|未达到?|达不到|没达到|没有达到|低于|少于|超过|高于|门槛)$/.test(clauseBefore(s, m.index))) continue;
    if (topic === 'rd') {
      const year = yearAt(m.index);
      const slot = (year ? yearSlot(year, referenceYear) : null) ?? 'last';
      if (slot === 'last') p.rdExpenseLastYear = value;
      else if (slot === 'before') p.rdExpenseYearBefore = value;
      else p.rdExpenseThisYear = value;
    } else {
      p[topic] = value;
    }
  }
  extractPercents(s, p, sentences);
  extractCounts(s, p, sentences);
  if (p.rdExpenseLastYear !== undefined || p.basicResearchExpense !== undefined) {
    if ((p.rdExpenseLastYear ?? 0) > 0 || (p.basicResearchExpense ?? 0) > 0) p.doesRnd = true;
  }
  if ((p.exportAmount ?? 0) > 0 || (p.exportCreditInsurancePremium ?? 0) > 0) p.exporting = true;
  return p;
}

function extractPercents(s: string, p: CompanyProfile, sentences: Int32Array): void {
  const rdAt = latestBefore(marks(s, [[true, /研发|研究开发/g]]), sentences);
  const growthAt = latestBefore(marks(s, [[true, /增长|增速|增幅|增加|提高|涨/g]]), clauseStarts(s));
  const re = /(?<![\d.])(\d{1,12}(?:\.\d{1,6})?)%|百分之([零一二两三四五六七八九十]{1,8})/g;
  for (const m of s.matchAll(re)) {
    const rd = rdAt(m.index);
    const growth = growthAt(m.index);
    const value = m[1] !== undefined ? Number(m[1]) : parseChineseNumeral(m[2]!);
    if (value === null || !rd) continue;
    // A negative growth rate is meaningful (研发费用下降了-5% is odd but readable); a negative
    // share of revenue is not.
    const negative = isSigned(s, m.index);
    if (growth) p.rdGrowth = negative ? -value : value;
    else if (!negative) p.rdRatio = value;
  }
}

function toNumber(raw: string): number | null {
  return /^\d/.test(raw) ? Number(raw) : parseChineseNumeral(raw);
}

function extractCounts(s: string, p: CompanyProfile, sentences: Int32Array): void {
  const staff = [
    new RegExp(`(?:员工|职工|工人|雇员|人员)(?:有|约|大约|大概|共|总数|总共)?${COUNT}(?:多|来|余)?(?:个|名)?人?`, 'g'),
    new RegExp(`${COUNT}(?:多|来|余)?(?:个|名)(?:员工|职工|工人|人)`, 'g'),
    new RegExp(`${COUNT}(?:多|来|余)?人(?:的)?(?:公司|企业|团队|规模|左右)`, 'g'),
  ];
  for (const re of staff) {
    for (const m of s.matchAll(re)) {
      const at = m.index + m[0].indexOf(m[1]!);
      if (isSigned(s, at)) continue;
      const n = toNumber(m[1]!);
      if (n !== null && Number.isInteger(n) && n <= MAX_EMPLOYEES) p.employees = n;
    }
  }
  // Crop words may come before the area (种了300亩) or just after it (300亩水稻).
  const cropAt = latestBefore(marks(s, [[true, CROP]]), sentences);
  const area = new RegExp(`(?<![\\d.${NUMERAL_CHARS}])(\\d{1,12}(?:\\.\\d{1,6})?|[${NUMERAL_CHARS}]{1,12})(?:多|来|余)?亩`, 'g');
  for (const m of s.matchAll(area)) {
    const crop = cropAt(m.index) !== null || new RegExp(CROP.source).test(s.slice(m.index, m.index + 12));
    if (!crop || isSigned(s, m.index)) continue;
    const n = toNumber(m[1]!);
    if (n !== null && n <= MAX_AREA_MU) p.plantedAreaMu = n;
  }
}

const CROP = /种|粮|稻|麦|田|耕|旱粮|油菜/g;
/** Above these, a number is a typo or a test of the system, not a company's staff or farmland. */
const MAX_EMPLOYEES = 10_000_000;
const MAX_AREA_MU = 100_000_000;
