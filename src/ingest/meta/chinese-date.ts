// Chinese date expressions → ISO dates (pure): 2024年2月23日, 二〇一九年十月九日, 2019-10-09, 2019.10.9.
export type Precision = 'day' | 'month' | 'year';

export interface DateMatch {
  iso: string;
  precision: Precision;
  year: number;
  month: number;
  day: number;
  start: number;
  end: number;
}

const CN_DIGIT: Record<string, number> = { '〇': 0, '○': 0, '零': 0, 'Ｏ': 0, 'O': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '两': 2 };

/** 十 → 10, 二十三 → 23, 三 → 3, 12 → 12; null when not a number. */
export function parseSmallNumber(s: string): number | null {
  const t = s.replace(/\s+/g, '');
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^[〇○零一二两三四五六七八九十百]+$/.test(t)) return null;
  if (t.includes('百')) {
    const [h, rest] = t.split('百') as [string, string];
    const hv = h === '' ? 1 : (CN_DIGIT[h] ?? NaN);
    const rv = rest === '' ? 0 : (parseSmallNumber(rest.replace(/^零/, '')) ?? NaN);
    return Number.isNaN(hv + rv) ? null : hv * 100 + rv;
  }
  if (t.includes('十')) {
    const [tens, ones] = t.split('十') as [string, string];
    const tv = tens === '' ? 1 : (CN_DIGIT[tens] ?? NaN);
    const ov = ones === '' ? 0 : (CN_DIGIT[ones] ?? NaN);
    return Number.isNaN(tv + ov) ? null : tv * 10 + ov;
  }
  if (t.length === 1) return CN_DIGIT[t] ?? null;
  return null;
}

function parseYear(s: string): number | null {
  const t = s.replace(/\s+/g, '');
  if (/^\d{4}$/.test(t)) return Number(t);
  if (t.length === 4 && [...t].every((c) => c in CN_DIGIT)) return Number([...t].map((c) => CN_DIGIT[c]).join(''));
  return null;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

const pad = (n: number): string => String(n).padStart(2, '0');
export const toIso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

const CN = '[〇○零一二两三四五六七八九十]';
const D = '\\d';
// Spaced digits ("2 0 2 3 年") occur in PDF text layers; allow single spaces between digits.
const YEAR = `((?:${D}\\s?){3}${D}|(?:${CN}\\s?){3}${CN})`;
const NUM = `((?:${D}\\s?){0,1}${D}|${CN}{1,3})`;
const DAY_RE = new RegExp(`${YEAR}\\s*年\\s*${NUM}\\s*月\\s*${NUM}\\s*[日号]`, 'g');
const MONTH_RE = new RegExp(`${YEAR}\\s*年\\s*${NUM}\\s*月(?!\\s*${NUM}\\s*[日号])`, 'g');
const YEAR_RE = new RegExp(`${YEAR}\\s*年(?!\\s*${NUM}\\s*月)(?!\\s*第)`, "g");
const NUMERIC_RE = /(?<![\d.])(\d{4})([-./])(\d{1,2})\2(\d{1,2})(?![\d])/g;

/** All dates in `norm` (a normalised view), day precision first, no overlaps. */
export function findDates(text: string, { precisions = ['day'] as Precision[] } = {}): DateMatch[] {
  // Full-width digits map one-to-one, so offsets stay valid for the caller's text.
  const norm = text.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const out: DateMatch[] = [];
  const taken: Array<[number, number]> = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const push = (m: DateMatch) => {
    if (!free(m.start, m.end)) return;
    taken.push([m.start, m.end]);
    out.push(m);
  };
  for (const m of norm.matchAll(DAY_RE)) {
    const y = parseYear(m[1]!), mo = parseSmallNumber(m[2]!), d = parseSmallNumber(m[3]!);
    if (y !== null && mo !== null && d !== null && isValidDate(y, mo, d)) push({ iso: toIso(y, mo, d), precision: 'day', year: y, month: mo, day: d, start: m.index, end: m.index + m[0].length });
  }
  for (const m of norm.matchAll(NUMERIC_RE)) {
    const y = Number(m[1]), mo = Number(m[3]), d = Number(m[4]);
    if (isValidDate(y, mo, d)) push({ iso: toIso(y, mo, d), precision: 'day', year: y, month: mo, day: d, start: m.index, end: m.index + m[0].length });
  }
  if (precisions.includes('month')) {
    for (const m of norm.matchAll(MONTH_RE)) {
      const y = parseYear(m[1]!), mo = parseSmallNumber(m[2]!);
      if (y !== null && mo !== null && isValidDate(y, mo, 1)) push({ iso: toIso(y, mo, 1), precision: 'month', year: y, month: mo, day: 1, start: m.index, end: m.index + m[0].length });
    }
  }
  if (precisions.includes('year')) {
    for (const m of norm.matchAll(YEAR_RE)) {
      const y = parseYear(m[1]!);
      if (y !== null && isValidDate(y, 1, 1)) push({ iso: toIso(y, 1, 1), precision: 'year', year: y, month: 1, day: 1, start: m.index, end: m.index + m[0].length });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Parse a whole string as one date (day precision), or null. */
export function parseDate(s: string): string | null {
  const t = s.trim();
  const found = findDates(t);
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === t.length ? found[0]!.iso : null;
}

function fromIso(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function addDays(iso: string, days: number): string {
  const d = fromIso(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Last day of an N-year (or N-month) period starting on `iso`: the day before the anniversary. */
export function periodEnd(iso: string, { years = 0, months = 0 }: { years?: number; months?: number }): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = m - 1 + months + years * 12;
  const ty = y + Math.floor(total / 12);
  const tm = (total % 12) + 1;
  // 29 February + 1 year → anniversary is 1 March, the period ends on 28 February.
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const anniversary = d > lastDay ? toIso(ty, tm, lastDay) : toIso(ty, tm, d);
  return d > lastDay ? anniversary : addDays(anniversary, -1);
}

export function endOfPeriod(match: Pick<DateMatch, 'precision' | 'year' | 'month' | 'iso'>): string {
  if (match.precision === 'year') return toIso(match.year, 12, 31);
  if (match.precision === 'month') return toIso(match.year, match.month, new Date(Date.UTC(match.year, match.month, 0)).getUTCDate());
  return match.iso;
}
