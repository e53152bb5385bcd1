// Chinese numerals ⇄ numbers: 一 二 十 十一 二十 七十六 一百零八 两 二〇二四 壹佰….
// Used by the segmenter for 一、/（一）/第一条 markers and by query parsing (第十一条).

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 洞: 0, 一: 1, 壹: 1, 幺: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

/** Characters that may appear in a Chinese numeral (for building regular expressions). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';

/** Parses a group below 10000 (e.g. 七十六, 一百零八, 十一). Returns null when malformed. */
function parseSmallGroup(s: string): number | null {
  if (s.length === 0) return 0;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0) return null; // two digits in a row without a unit
      digit = DIGITS[ch] ?? 0;
    } else if (ch in SMALL_UNITS) {
      const unit = SMALL_UNITS[ch] ?? 1;
      if (unit >= lastUnit) return null;
      // A bare 十 means 一十 (十一 = 11); a bare 百/千 is accepted the same way.
      total += (digit === null || digit === 0 ? 1 : digit) * unit;
      digit = null;
      lastUnit = unit;
    } else {
      return null;
    }
  }
  return total + (digit ?? 0);
}

/**
 * Parses a Chinese numeral such as 十一, 七十六, 一百零八, 两, 一万零五; digit-by-digit
 * forms such as 二〇二四 are read positionally. Returns null for anything else.
 */
export function parseChineseNumeral(input: string): number | null {
  const s = input.trim();
  if (s.length === 0) return null;
  const chars = [...s];
  if (chars.some((c) => !(c in DIGITS) && !(c in SMALL_UNITS) && !(c in BIG_UNITS))) return null;
  const hasUnit = chars.some((c) => c in SMALL_UNITS || c in BIG_UNITS);
  if (!hasUnit) {
    // 一 → 1, 二〇二四 → 2024
    return chars.reduce((acc, c) => acc * 10 + (DIGITS[c] ?? 0), 0);
  }
  let total = 0;
  let rest = s;
  for (const [big, value] of Object.entries(BIG_UNITS).sort((a, b) => b[1] - a[1])) {
    const idx = rest.indexOf(big);
    if (idx < 0) continue;
    const head = rest.slice(0, idx);
    const headValue = head.length === 0 ? 1 : parseChineseNumeral(head);
    if (headValue === null) return null;
    total += headValue * value;
    rest = rest.slice(idx + big.length);
  }
  const tail = parseSmallGroup(rest.replace(/^[零〇]+/, (m) => (rest.length > m.length ? '' : m)));
  if (tail === null) return null;
  return total + tail;
}

/** Parses either an Arabic number (full- or half-width) or a Chinese numeral. */
export function parseNumeral(input: string): number | null {
  const s = input.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (/^\d+$/.test(s)) return Number.parseInt(s, 10);
  return parseChineseNumeral(s);
}

const FORMAT_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function formatBelow10000(n: number, leadingZero: boolean): string {
  const units: Array<[number, string]> = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let pendingZero = leadingZero;
  let started = false;
  for (const [value, name] of units) {
    const d = Math.floor(n / value) % 10;
    if (d === 0) {
      if (started || leadingZero) pendingZero = true;
      continue;
    }
    if (pendingZero && (started || leadingZero)) out += '零';
    pendingZero = false;
    out += FORMAT_DIGITS[d] + name;
    started = true;
  }
  return out;
}

/**
 * Formats a non-negative integer as a Chinese numeral: 10 → 十, 11 → 十一, 76 → 七十六,
 * 108 → 一百零八, 110 → 一百一十, 10005 → 一万零五.
 */
export function formatChineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n === 0) return '零';
  const groups: Array<[number, string]> = [];
  let rest = n;
  for (const name of ['', '万', '亿', '万亿']) {
    groups.push([rest % 10_000, name]);
    rest = Math.floor(rest / 10_000);
    if (rest === 0) break;
  }
  let out = '';
  for (let i = groups.length - 1; i >= 0; i--) {
    const [value, name] = groups[i] ?? [0, ''];
    if (value === 0) {
      if (out !== '' && !out.endsWith('零')) out += '零';
      continue;
    }
    const isTop = i === groups.length - 1;
    out += formatBelow10000(value, !isTop && value < 1000) + name;
  }
  out = out.replace(/零+$/, '').replace(/零+/g, '零');
  // 一十 → 十 only at the very start (10..19), as in 第十一条.
  return out.startsWith('一十') ? out.slice(1) : out;
}
