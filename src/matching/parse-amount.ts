// Parsing money amounts and counts written the way people type them in Chinese:
// 500万, 五百万, 两百万元, 1.2亿, 3000万元, 1,200,000元, 两千五百万, 3千万, 50w, 8k.

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Value of a Chinese numeral such as 五百, 两千五百, 十二, 一万二千 (digits may be mixed in: 3千). */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (/[0-9]/.test(ch)) {
      digit = (digit ?? 0) * 10 + Number(ch);
    } else if (ch in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = null;
    } else if (ch in BIG_UNITS) {
      section += digit ?? 0;
      total = (total + (section === 0 ? 1 : section)) * BIG_UNITS[ch]!;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Regex source matching one amount with an optional magnitude and 元. Groups: number, magnitude. */
export const AMOUNT_PATTERN =
  '((?:\\d[\\d,]*(?:\\.\\d+)?)|(?:[零〇一二两三四五六七八九十百千]+))\\s*(?:多|来|余)?\\s*(千万|百万|十万|万|亿|[wWkK](?![a-zA-Z]))?\\s*(?:元|块)?';

/** Magnitudes, with the chat shorthand w/W (万) and k/K (千): "研发投了50w", "月薪8k". */
const MAGNITUDES: Record<string, number> = { 千万: 1e7, 百万: 1e6, 十万: 1e5, 万: 1e4, 亿: 1e8, w: 1e4, W: 1e4, k: 1e3, K: 1e3 };

/** Turns the two captured groups of AMOUNT_PATTERN into a number of 元 (or units). */
export function amountFromParts(num: string, magnitude: string | undefined): number | null {
  const base = /^\d/.test(num) ? Number(num.replace(/,/g, '')) : parseChineseNumeral(num);
  if (base === null || !Number.isFinite(base)) return null;
  const m = magnitude ? MAGNITUDES[magnitude] ?? 1 : 1;
  return Math.round(base * m * 100) / 100;
}

/**
 * Ceiling for a money figure one company can state: 10万亿元, above the revenue of the largest
 * firms in China. Larger figures (10^15元) are typos or probes and are ignored, not believed.
 */
export const MAX_PLAUSIBLE_YUAN = 1e13;

/** True for a finite, non-negative amount not above MAX_PLAUSIBLE_YUAN. */
export function isPlausibleMoney(value: number): boolean {
  return Number.isFinite(value) && value >= 0 && value <= MAX_PLAUSIBLE_YUAN;
}

/** Parses a whole string as one amount, e.g. "五百万" → 5000000, "1.2亿" → 120000000. */
export function parseAmount(text: string): number | null {
  const m = new RegExp(`^${AMOUNT_PATTERN}$`).exec(text.trim());
  if (!m) return null;
  return amountFromParts(m[1]!, m[2]);
}

/** Formats 元 for display: 200000 → "20万元", 1234.5 → "1234.5元", 3e8 → "3亿元". */
export function formatYuan(amount: number): string {
  const trim = (n: number) => String(Math.round(n * 100) / 100);
  if (Math.abs(amount) >= 1e8) return `${trim(amount / 1e8)}亿元`;
  if (Math.abs(amount) >= 1e4) return `${trim(amount / 1e4)}万元`;
  return `${trim(amount)}元`;
}
