// The asker's own age in a message ("我今年47了", "都四十六岁了"), and units that state an age limit (pure).
import { parseChineseNumeral } from '../text/chinese-numerals.js';

const NUMBER = '([1-9][0-9]|[二三四五六七八九]?十[一二三四五六七八九]?)';
/** "47岁", "四十六周岁", or "今年47了" / "都46了". */
const AGE = new RegExp(`${NUMBER}\\s*(?:周岁|岁)|(?:今年|都|已经|快)${NUMBER}了`, 'u');
/** A limit in years of age: "不超过45周岁", "18至45岁". */
const AGE_LIMIT = /[0-9０-９一二三四五六七八九十]+\s*周?岁/u;

/** The age the asker gives for themselves or the person they ask for, between 16 and 80; null when none. */
export function statedAge(message: string): number | null {
  const m = AGE.exec(message);
  if (!m) return null;
  const raw = m[1] ?? m[2]!;
  const n = /^[0-9]+$/u.test(raw) ? Number(raw) : parseChineseNumeral(raw);
  return n !== null && n >= 16 && n <= 80 ? n : null;
}

export const statesAgeLimit = (text: string) => AGE_LIMIT.test(text);
