// Figures in Chinese policy text (pure): money amounts, percentages and dates, each read into a
// comparable value so "300万元", "300万", "３００万" and "三百万元" are the same figure. Used to
// check that every figure in an LLM answer is grounded in a verified quote.
import { AMOUNT_PATTERN, amountFromParts } from '../matching/parse-amount.js';
import { parseNumeral } from '../text/chinese-numerals.js';

export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

export type Figure =
  | { kind: 'amount'; text: string; value: number }
  /** A number of things: "21万个", "150家", "5200个" (never grounds an amount of money). */
  | { kind: 'count'; text: string; value: number; unit: string }
  | { kind: 'percent'; text: string; value: number }
  | { kind: 'date'; text: string; value: DateParts };

const CN_DIGITS = '零〇一二两三四五六七八九十';
const NUM = `(?:\\d+(?:\\.\\d+)?|[${CN_DIGITS}百千]+(?:点[${CN_DIGITS}]+)?)`;
// A bare number before a range connector takes the unit of the number after it: "10到30万元".
const RANGE = new RegExp(`(\\d+(?:\\.\\d+)?|[${CN_DIGITS}百千]+)\\s*(?:-|–|—|~|～|至|到)\\s*(?=${NUM}\\s*(千万|百万|十万|万|亿|%|个百分点|年))`, 'gu');
const AMOUNT = new RegExp(AMOUNT_PATTERN, 'gu');
const PERCENT = new RegExp(`(?:(\\d+(?:\\.\\d+)?)\\s*(?:%|个百分点)|百分之(${NUM}))`, 'gu');
const YEAR = `(\\d{4}|[〇零一二三四五六七八九]{4})`;
const SMALL = `(\\d{1,2}|[一二三四五六七八九十]{1,3})`;
const DATE = new RegExp(
  `${YEAR}\\s*年(?:\\s*${SMALL}\\s*月(?:\\s*${SMALL}\\s*[日号])?)?|((?:19|20)\\d{2})[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?(?![\\d.万亿元%])|${SMALL}\\s*月\\s*${SMALL}\\s*[日号]`,
  'gu',
);

/** A classifier after a number that makes it a count of things, not money. */
const COUNT_AFTER = /^\s*(个|家|人|名|户|亩|辆|台|套|项|次|吨|座|所|条|场|批|件|标箱|万标箱|箱|千瓦|株|头|只|张|床|间|平方米)/u;

/** Full-width digits, %, and decimal points to half width; punctuation such as ，is left alone. */
function halfWidthDigits(s: string): string {
  return s.replace(/[０-９％．]/g, (c) => c.normalize('NFKC'));
}

/** 3, 3.5, 三, 零点五 → number. */
function readNumber(s: string): number | null {
  if (/^\d/.test(s)) return Number(s);
  const [int, frac] = s.split('点');
  const whole = parseNumeral(int!);
  if (whole === null) return null;
  if (!frac) return whole;
  const digits = [...frac].map((c) => parseNumeral(c));
  if (digits.some((d) => d === null || d > 9)) return null;
  return Number(`${whole}.${digits.join('')}`);
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * Every amount (with 万/亿/元), percentage and date in `text`. Clause markers such as 〔第11条〕
 * and document numbers such as 〔2024〕 are not figures and are skipped; bare counts are ignored.
 */
export function extractFigures(input: string): Figure[] {
  const text = halfWidthDigits(input).replace(/〔[^〕]{0,30}〕/gu, ' ');
  const found: Array<{ at: number; figure: Figure }> = [];
  const taken: Array<[number, number]> = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (start: number, end: number, figure: Figure) => {
    found.push({ at: start, figure });
    taken.push([start, end]);
  };

  for (const m of text.matchAll(DATE)) {
    const [all, y1, m1, d1, y2, m2, d2, m3, d3] = m;
    const parts: DateParts = {};
    const year = y1 ?? y2;
    const month = m1 ?? m2 ?? m3;
    const day = d1 ?? d2 ?? d3;
    if (year) parts.year = parseNumeral(year) ?? undefined;
    if (month) parts.month = parseNumeral(month) ?? undefined;
    if (day) parts.day = parseNumeral(day) ?? undefined;
    if (parts.month !== undefined && (parts.month < 1 || parts.month > 12)) continue;
    add(m.index, m.index + all.length, { kind: 'date', text: all.trim(), value: parts });
  }
  for (const m of text.matchAll(PERCENT)) {
    const value = m[1] !== undefined ? Number(m[1]) : readNumber(m[2]!);
    if (value === null || !free(m.index, m.index + m[0].length)) continue;
    add(m.index, m.index + m[0].length, { kind: 'percent', text: m[0].trim(), value: round(value) });
  }
  for (const m of text.matchAll(AMOUNT)) {
    const all = m[0].trimEnd();
    const hasUnit = m[2] !== undefined || /[元块]$/u.test(all);
    if (!hasUnit || !free(m.index, m.index + all.length)) continue;
    const value = amountFromParts(m[1]!, m[2]);
    if (value === null) continue;
    // "21万个", "2万户": a count, not money ("2万元" is money even where the text says "2万个").
    const classifier = /[元块]$/u.test(all) ? null : COUNT_AFTER.exec(text.slice(m.index + all.length))?.[1];
    if (classifier) add(m.index, m.index + all.length + classifier.length, { kind: 'count', text: `${all.trim()}${classifier}`, value, unit: classifier });
    else add(m.index, m.index + all.length, { kind: 'amount', text: all.trim(), value });
  }
  for (const m of text.matchAll(RANGE)) {
    const [start, end, num, unit] = [m.index, m.index + m[1]!.length, m[1]!, m[2]!];
    if (!free(start, end)) continue;
    if (unit === '%' || unit === '个百分点') {
      const value = readNumber(num);
      if (value !== null) add(start, end, { kind: 'percent', text: num, value: round(value) });
    } else if (unit === '年') {
      const year = /^\d{4}$|^[〇零一二三四五六七八九]{4}$/u.test(num) ? parseNumeral(num) : null;
      if (year !== null) add(start, end, { kind: 'date', text: num, value: { year } });
    } else {
      const value = amountFromParts(num, unit);
      if (value !== null) add(start, end, { kind: 'amount', text: num, value });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.figure);
}

function sameDate(answer: DateParts, source: DateParts): boolean {
  const keys = ['year', 'month', 'day'] as const;
  return keys.every((k) => answer[k] === undefined || answer[k] === source[k]);
}

/** True when `source` states the figure: same kind and value (a partial date matches a fuller one). */
export function figureMatches(figure: Figure, source: Figure): boolean {
  if (figure.kind !== source.kind) return false;
  if (figure.kind === 'date') return sameDate(figure.value, source.value as DateParts);
  if (figure.kind === 'count' && figure.unit !== (source as { unit?: string }).unit) return false;
  return Math.abs(figure.value - (source.value as number)) < 1e-6;
}

/** Figures of `answer` that no text in `sources` states. */
export function ungroundedFigures(answer: string, sources: string[]): Figure[] {
  const known = sources.flatMap(extractFigures);
  const out: Figure[] = [];
  for (const f of extractFigures(answer)) {
    if (known.some((k) => figureMatches(f, k))) continue;
    if (!out.some((o) => o.text === f.text)) out.push(f);
  }
  return out;
}
