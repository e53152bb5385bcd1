// Inline text normalisation for published policy text (pure): width, spacing, punctuation.
// Paragraph-level repair (page breaks, hard wraps) lives in src/corpus/segment-paragraphs.ts.

/** Han ideographs plus CJK / full-width punctuation: characters that never want a space next to them. */
const WIDE = String.raw`\p{Script=Han}\u3000-\u303f\uff01-\uff60\u2014\u2015\u2026\u201c\u201d\u2018\u2019\u00b7\u2e3a`;
const HAN_OR_WIDE = new RegExp(`[${WIDE}]`, 'u');
const SPACE_NEXT_TO_WIDE = new RegExp(`(?<=[${WIDE}]) +| +(?=[${WIDE}])`, 'gu');

/** Punctuation that ends a sentence (or a colon-introduced list) in published text. */
const FINAL_CHARS = new Set(['。', '！', '？', '；', '：', '…', '!', '?', ';', ':']);
const CLOSING_QUOTES = new Set(['”', '」', '』', '’', '》']);

/** True when `ch` is a Han ideograph or CJK / full-width punctuation. */
export function isWideChar(ch: string | undefined): boolean {
  return ch !== undefined && HAN_OR_WIDE.test(ch);
}

/** Full-width digits, latin letters, space, ％ and ． → half-width. Chinese punctuation is kept. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[０-９Ａ-Ｚａ-ｚ％．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0\u2002-\u200a\u202f\u205f\t\f\v]/g, ' ')
    .replace(/[\u200b\ufeff]/g, '');
}

/**
 * Collapses letter-spacing such as `温 州 市 人 民 政 府` or `一 、 总 则`: a line whose
 * space-separated tokens are (almost) all single characters loses all its spaces.
 */
export function collapseLetterSpacing(line: string): string {
  const tokens = line.trim().split(/[ \u3000\t]+/).filter((t) => t.length > 0);
  if (tokens.length < 3) return line;
  const single = tokens.filter((t) => [...t].length === 1).length;
  return single / tokens.length >= 0.8 ? tokens.join('') : line;
}

/** ASCII ( ) , ; : next to Han / CJK punctuation → （ ） ， ； ：. Pairs are converted together. */
function widenAsciiPunctuation(s: string): string {
  // Balanced ASCII pairs without nesting: convert when the content or a neighbour is wide.
  let out = s.replace(/\(([^()]*)\)/g, (m, inner: string, offset: number) => {
    const before = s[offset - 1];
    const after = s[offset + m.length];
    const wide = isWideChar(before) || isWideChar(after) || [...inner].some((c) => isWideChar(c));
    return wide ? `（${inner}）` : m;
  });
  // Lone marks (e.g. a `)` closing a full-width `（` after a page break). Repeat so that runs
  // such as `,;温` widen from the CJK side outwards.
  for (let changed = true; changed; ) {
    const next = out.replace(/[(),;:]/g, (c, offset: number, whole: string) => {
      const wide = isWideChar(whole[offset - 1]) || isWideChar(whole[offset + 1]);
      if (!wide) return c;
      if (c === ':' && /^\/\//.test(whole.slice(offset + 1))) return c; // URLs
      return ({ '(': '（', ')': '）', ',': '，', ';': '；', ':': '：' } as Record<string, string>)[c] ?? c;
    });
    changed = next !== out;
    out = next;
  }
  return out;
}

/**
 * Normalises one paragraph (no line structure is kept):
 * - full-width digits / latin letters / space → half-width;
 * - whitespace runs → one space; spaces next to Han or CJK punctuation are removed
 *   (`2024 年` → `2024年`, `D 类` → `D类`, `政策 and 政府` → `政策and政府`);
 *   a single space between two latin words or two numbers is kept;
 * - ASCII `( ) , ; :` adjacent to Han → full-width.
 */
export function normalizeInline(input: string): string {
  let s = toHalfWidth(input).replace(/\s+/g, ' ').trim();
  // Removing a space can make a mark adjacent to CJK and widening a mark can free a space.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = widenAsciiPunctuation(s.replace(SPACE_NEXT_TO_WIDE, ''));
  }
  // `5 %` and `3 .5` are number formatting, not word boundaries.
  s = s.replace(/(?<=\d) +(?=[%‰])/g, '').replace(/(?<=\d) +(?=\.\d)/g, '');
  return s;
}

/**
 * Joins two fragments of one paragraph split by a hard wrap or a page break. A space is
 * inserted only between two latin letters (a wrapped English phrase).
 */
export function joinFragments(a: string, b: string): string {
  const needsSpace = /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b);
  return normalizeInline(needsSpace ? `${a} ${b}` : a + b);
}

/** Index of the bracket that opens the bracket closing at `closeIdx`, or -1. */
export function matchingOpen(s: string, closeIdx: number): number {
  const close = s[closeIdx];
  const open = close === '）' || close === ')' ? /[（(]/ : close === '】' ? /【/ : close === ']' ? /\[/ : null;
  if (open === null) return -1;
  let depth = 0;
  for (let i = closeIdx; i >= 0; i--) {
    const c = s[i] ?? '';
    if (c === close || (close === '）' && c === ')') || (close === ')' && c === '）')) depth++;
    else if (open.test(c)) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * True when a paragraph ends a sentence: 。！？；：… or a closing bracket / quote that closes a
 * whole sentence (`。”`, `。（责任单位：…）`, a paragraph that is one parenthetical). A bracket that
 * closes an inline aside such as `首台（套）` does not end a sentence.
 */
export function endsSentence(paragraph: string): boolean {
  const s = paragraph.trimEnd();
  const last = s[s.length - 1];
  if (last === undefined) return false;
  if (FINAL_CHARS.has(last)) return true;
  if (CLOSING_QUOTES.has(last)) return FINAL_CHARS.has(s[s.length - 2] ?? '');
  if (last === '）' || last === ')' || last === '】' || last === ']') {
    const open = matchingOpen(s, s.length - 1);
    if (open < 0) return false;
    if (open === 0) return true;
    return FINAL_CHARS.has(s[open - 1] ?? '') || CLOSING_QUOTES.has(s[open - 1] ?? '');
  }
  return false;
}

/** Width on a printed page: CJK counts 2, everything else 1 (used to recognise wrapped lines). */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWideChar(ch) ? 2 : 1;
  return w;
}
