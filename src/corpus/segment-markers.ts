// Numbering markers at the start of a paragraph (一、 （一） 1. （1） 第一条 第一章 …) and
// the heuristics that tell a heading from a wrapped body line.

import { CHINESE_NUMERAL_CHARS, parseNumeral } from '../text/chinese-numerals.js';

/** Numbering schemes found in government policy documents, outermost first. */
export type NumberingScheme =
  | 'chapter' // 第一章 / 第一部分
  | 'subchapter' // 第一节
  | 'article' // 第一条
  | 'cn-dun' // 一、
  | 'cn-paren' // （一）
  | 'arabic' // 1. / 1、 / １１．
  | 'arabic-paren' // （1）
  | 'arabic-half' // 1）
  | 'circled'; // ①

/** Conventional nesting depth of each scheme (smaller = outer). */
export const SCHEME_RANK: Record<NumberingScheme, number> = {
  chapter: 0,
  subchapter: 1,
  article: 2,
  'cn-dun': 3,
  'cn-paren': 4,
  arabic: 5,
  'arabic-paren': 6,
  'arabic-half': 7,
  circled: 8,
};

export interface Marker {
  scheme: NumberingScheme;
  number: number;
  /** Length of the marker including trailing spaces; `text.slice(length)` is the heading text. */
  length: number;
}

const CN = `[${CHINESE_NUMERAL_CHARS}]+`;
const NUM = `(?:${CN}|\\d{1,4})`;
const PATTERNS: Array<[NumberingScheme, RegExp]> = [
  ['chapter', new RegExp(`^第(${NUM})(?:章|部分|编)\\s*`, 'u')],
  ['subchapter', new RegExp(`^第(${NUM})节\\s*`, 'u')],
  ['article', new RegExp(`^第(${NUM})条\\s*`, 'u')],
  ['cn-dun', new RegExp(`^(${CN})\\s*[、.]\\s*`, 'u')],
  ['cn-paren', new RegExp(`^[（(]\\s*(${CN})\\s*[）)]\\s*`, 'u')],
  ['arabic', /^(\d{1,3})\s*(?:[、]|\.(?!\d))\s*/u],
  ['arabic-paren', /^[（(]\s*(\d{1,3})\s*[）)]\s*/u],
  ['arabic-half', /^(\d{1,3})[）)]\s*/u],
];
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** The numbering marker a paragraph starts with, if any. */
export function detectMarker(text: string): Marker | null {
  for (const [scheme, re] of PATTERNS) {
    const m = re.exec(text);
    if (m === null) continue;
    const number = parseNumeral(m[1] ?? '');
    if (number === null || number <= 0) continue;
    return { scheme, number, length: m[0].length };
  }
  const circled = CIRCLED.indexOf(text[0] ?? '');
  if (circled >= 0) return { scheme: 'circled', number: circled + 1, length: /^.\s*/u.exec(text)?.[0].length ?? 1 };
  return null;
}

/** Lead / responsibility parenthetical that may end a heading: （由…牵头实施） （牵头单位：…）. */
export const TRAILING_PAREN = /[（(][^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*[）)]$/u;

/**
 * Position of the innermost bracket still open at the end of `s` (a parenthetical cut by a
 * line or page break), or -1 when every bracket is closed. Stray closing brackets are ignored.
 */
export function unclosedBracket(s: string): number {
  const open: number[] = [];
  [...s].forEach((ch, i) => {
    if (ch === '（' || ch === '(' || ch === '【' || ch === '[' || ch === '〔') open.push(i);
    else if ((ch === '）' || ch === ')' || ch === '】' || ch === ']' || ch === '〕') && open.length > 0) open.pop();
  });
  return open.length > 0 ? (open[open.length - 1] ?? -1) : -1;
}

/** True when no bracket is left open (a heading cut by a wrap is not). */
export function bracketsBalanced(s: string): boolean {
  return unclosedBracket(s) < 0;
}

/**
 * A paragraph that is a heading line only (`一、总体要求`, `（三）强化要素保障`,
 * `第二章 支持措施`, `二、科技创新政策（由市科技局牵头实施）`): numbered, short, no sentence.
 */
export function isHeadingLine(text: string, marker: Marker | null = detectMarker(text)): boolean {
  // Headings are short even with a long lead note; skipping long text keeps this linear.
  if (marker === null || text.length > 400) return false;
  const rest = text.slice(marker.length).replace(TRAILING_PAREN, '');
  if (!bracketsBalanced(text)) return false;
  if (/[。！？；]/.test(rest)) return false;
  return [...rest].length <= 40;
}

/**
 * A line with no inner punctuation that reads as a title, a document number or a date
 * (`温州市人民政府文件`, `温政办〔2024〕11号`, `2024年2月23日`).
 */
export function isTitleLike(text: string): boolean {
  return text.length > 0 && !/[，、；：。！？,;:!?]/.test(text);
}
