// Which tier of a graded measure the asker is in (pure). "新建了600亩的基地，一亩奖励多少" against
// "面积在100亩及以上至500亩的，给予100元/亩奖励" and "500亩以上的，给予200元/亩奖励": the asker's
// figure lies in the second range. Only the condition part of a sentence (before 给予, 奖励…) is
// read, so a cap on the benefit ("给予不超过30万元补贴") is never taken for a tier.
import { parseNumeral } from '../text/chinese-numerals.js';

/** Units a tier is stated in; 万元 and 万 read as the same money unit. */
const UNIT = '(亩|平方米|平米|㎡|万元|万|亿元|元|人|名|个月|月|个|家|户|岁|周岁|年|吨|%)';
const NUM = '(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千]+)';

interface Range {
  unit: string;
  min: number;
  max: number;
}

const unitKey = (u: string) =>
  u === '万' || u === '万元' ? '万元' : u === '周岁' ? '岁' : u === '个月' ? '月' : u === '平米' || u === '㎡' ? '平方米' : u;
/** "2019年至2021年" are dates, not a number of years. */
const isYearDate = (unit: string, value: number) => unitKey(unit) === '年' && value >= 1900;

function num(s: string): number | null {
  if (/^\d/u.test(s)) return Number(s);
  const n = parseNumeral(s);
  return n === null || Number.isNaN(n) ? null : n;
}

/** The asker's figures with their units: "600亩", "300来万", "招了15个人". */
export function askerFigures(question: string): Array<{ unit: string; value: number }> {
  const out: Array<{ unit: string; value: number }> = [];
  // "300来万", "3个多月", "十来个人".
  const re = new RegExp(`${NUM}\\s*(?:来|多|余|左右)?\\s*(?:个多|个)?\\s*${UNIT}`, 'gu');
  for (const m of question.matchAll(re)) {
    // "交了一年半": a half after the unit adds to the figure.
    const half = question[m.index! + m[0].length] === '半' ? 0.5 : 0;
    // "一亩给多少", "一个人补多少": the unit the benefit is paid in, not the asker's figure; but
    // "交满一年", "才一年出头", "干了一年" are the asker's own.
    const before = question.slice(Math.max(0, m.index! - 1), m.index!);
    const after = question.slice(m.index! + m[0].length, m.index! + m[0].length + 2);
    const own = /[满了才刚快近]/u.test(before) || /^(出头|多了|了)/u.test(after);
    if (m[1] === '一' && !half && !own) continue;
    const v = num(m[1]!);
    if (v !== null && !isYearDate(m[2]!, v)) out.push({ unit: unitKey(m[2]!), value: v + half });
  }
  // "刚注册半年", "干了半个月": half a year, half a month.
  for (const m of question.matchAll(/(?<![\d一二两三四五六七八九十百个多上下前后])半(个)?(年|月)/gu)) out.push({ unit: m[2]!, value: 0.5 });
  return out;
}

/** The condition part of a sentence: what comes before the benefit is granted. */
function conditionPart(sentence: string): string {
  const at = sentence.search(/(给予|予以|按照|按每|(?:奖励|补助|补贴|资助)(?!申领|申请|条件|标准))/u);
  return at < 0 ? sentence : sentence.slice(0, at);
}

/** Ranges a sentence's condition states: "100亩及以上至500亩", "500亩以上", "不足10人", "3人以下". */
export function tierRanges(sentence: string): Range[] {
  const cond = conditionPart(sentence);
  const out: Range[] = [];
  const between = new RegExp(`${NUM}\\s*${UNIT}?\\s*(?:（含）|\\(含\\))?(?:及以上|以上)?\\s*(?:至|到|-|—|–|~|～)\\s*${NUM}\\s*${UNIT}`, 'gu');
  let rest = cond;
  for (const m of cond.matchAll(between)) {
    const a = num(m[1]!);
    const b = num(m[3]!);
    if (a !== null && b !== null && !isYearDate(m[4]!, b) && (!m[2] || unitKey(m[2]) === unitKey(m[4]!))) out.push({ unit: unitKey(m[4]!), min: Math.min(a, b), max: Math.max(a, b) });
    rest = rest.replace(m[0], ' ');
  }
  const above = new RegExp(`(?:超过|高于|大于|达到|满)?\\s*${NUM}\\s*${UNIT}\\s*(?:（含）|\\(含\\))?(?:及)?以上`, 'gu');
  // "应大于2000平方米", "不少于10人": a floor stated without 以上.
  const floor = new RegExp(`(?:(?<!不)超过|高于|大于|多于|不低于|不少于)\\s*${NUM}\\s*${UNIT}(?!\\s*(?:（含）|\\(含\\))?(?:及)?以[上下])`, 'gu');
  // "登记注册满6个月": 满 alone states a least figure.
  const full = new RegExp(`(?<![未不])满\\s*${NUM}\\s*${UNIT}(?!\\s*(?:（含）|\\(含\\))?(?:及)?以[上下])`, 'gu');
  for (const pattern of [floor, full, above]) {
    for (const m of rest.matchAll(pattern)) {
      const a = num(m[1]!);
      if (a !== null && !isYearDate(m[2]!, a)) out.push({ unit: unitKey(m[2]!), min: a, max: Infinity });
    }
  }
  const below = new RegExp(`(?:不足|(?<!不)低于|(?<!不)少于|未满|不满)\\s*${NUM}\\s*${UNIT}|${NUM}\\s*${UNIT}\\s*(?:（含）|\\(含\\))?(?:及)?以下`, 'gu');
  for (const m of rest.matchAll(below)) {
    const a = num(m[1] ?? m[3]!);
    const u = m[2] ?? m[4]!;
    if (a !== null && !isYearDate(u, a)) out.push({ unit: unitKey(u), min: -Infinity, max: a });
  }
  return out;
}

/**
 * +1 when the asker's figure lies in a tier the sentence states, −1 when the sentence states tiers
 * in that unit and the figure lies in none of them, 0 when nothing can be compared.
 */
export function tierFit(question: string, sentence: string): number {
  // "注册8个月" against "满一年", "干了两年" against "满24个月": months and years are one measure.
  const figures = askerFigures(question).flatMap((f) => (f.unit === '月' ? [f, { unit: '年', value: f.value / 12 }] : f.unit === '年' ? [f, { unit: '月', value: f.value * 12 }] : [f]));
  if (figures.length === 0) return 0;
  const ranges = tierRanges(sentence);
  let fit = 0;
  for (const f of figures) {
    const same = ranges.filter((r) => r.unit === f.unit);
    if (same.length === 0) continue;
    if (same.some((r) => f.value >= r.min && f.value <= r.max)) return 1;
    fit = -1;
  }
  return fit;
}
