// Inline text normalisation for published policy text (pure): width, spacing, punctuation.
// Paragraph-level repair (page breaks, hard wraps) lives in src/corpus/segment-paragraphs.ts.

/** Han ideographs plus CJK / full-width punctuation: characters that never want a space next to them. */
const WIDE = String.raw`\p{Script=Han}\u3000-\u303f\uff01-\uff60\u2014\u2015\u2026\u201c\u201d\u2018\u2019\u00b7\u2e3a`;
const HAN_OR_WIDE = new RegExp(`[${WIDE}]`, 'u');
const SPACE_NEXT_TO_WIDE = new RegExp(`(?<=[${WIDE}]) +| +(?=[${WIDE}])`, 'gu');

/** Punctuation that ends a sentence (or a colon-introduced list) in published text. */
const FINAL_CHARS = new Set(['。', '！', '？', '；', '：', '…', '!', '?', ';', ':']);
const CLOSING_QUOTES = new Set(['”', '」', '』', '’', '》']);

/**
 * `s` without the trailing characters in `chars`. Same as `s.replace(/[…]+$/u, '')`, without the
 * regex engine's quadratic retries on long runs of those characters that do not reach the end.
 */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1] ?? '')) end--;
  return s.slice(0, end);
}

/** True for punctuation that ends a sentence (or a colon-introduced list). */
export function isSentenceFinal(ch: string | undefined): boolean {
  return ch !== undefined && FINAL_CHARS.has(ch);
}

/** True for a closing quote or title mark (” 」 』 ’ 》). */
export function isClosingQuote(ch: string | undefined): boolean {
  return ch !== undefined && CLOSING_QUOTES.has(ch);
}

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

const ASCII_MARKS = new Set(['(', ')', ',', ';', ':']);
const WIDENED: Record<string, string> = { '(': '（', ')': '）', ',': '，', ';': '；', ':': '：' };

/** A `:` that starts `://` (a URL scheme) stays ASCII. */
const MAX_EXACT_ROUNDS = 8;

function isUrlColon(chars: string[], i: number): boolean {
  return chars[i] === ':' && chars[i + 1] === '/' && chars[i + 2] === '/';
}

/**
 * Balanced ASCII `( … )` pairs → `（ … ）` when the content or a neighbour is wide; neighbours
 * are read before the pass. By default only innermost pairs (no ASCII paren inside) convert,
 * one nesting level per round; with `nested`, enclosing pairs convert in the same pass once
 * every pair inside them has. Linear in the length either way.
 */
function widenParenPairs(chars: string[], nested: boolean): boolean {
  const wide = chars.map((c) => isWideChar(c));
  interface Frame { open: number; wideInside: boolean; blocked: boolean }
  const stack: Frame[] = [];
  let changed = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '(') {
      stack.push({ open: i, wideInside: false, blocked: false });
      continue;
    }
    const top = stack[stack.length - 1];
    if (c === ')' && top !== undefined) {
      stack.pop();
      const widen = !top.blocked && (wide[top.open - 1] === true || wide[i + 1] === true || top.wideInside);
      if (widen) {
        chars[top.open] = '（';
        chars[i] = '）';
        changed = true;
      }
      const parent = stack[stack.length - 1];
      if (parent !== undefined) {
        if (widen || top.wideInside) parent.wideInside = true;
        if (!widen || !nested) parent.blocked = true;
      }
      continue;
    }
    if (top !== undefined && wide[i] === true) top.wideInside = true;
  }
  return changed;
}

/** Partner index of each ASCII paren that closes an innermost pair (no ASCII paren inside). */
function innermostPairs(chars: string[]): Map<number, number> {
  const partner = new Map<number, number>();
  let open = -1;
  chars.forEach((c, i) => {
    if (c === '(') open = i;
    else if (c === ')') {
      if (open >= 0) {
        partner.set(open, i);
        partner.set(i, open);
      }
      open = -1;
    }
  });
  return partner;
}

/**
 * The closure of two rules, computed in linear sweeps: a space next to a wide character is
 * removed, and a lone ASCII mark next to a wide character (after that removal) is widened —
 * so runs such as `,;温` or `温 , ,` widen from the CJK side outwards. A paren reached only
 * once a space has gone widens together with its innermost partner, as the pair rule would.
 */
function widenMarksAndDropSpaces(chars: string[]): string {
  const n = chars.length;
  const wide = chars.map((c) => isWideChar(c));
  const partner = innermostPairs(chars);
  let changed = false;
  const widen = (i: number): void => {
    const c = chars[i] ?? '';
    chars[i] = WIDENED[c] ?? c;
    wide[i] = true;
    changed = true;
  };
  const widenAt = (i: number, neighbour: number, crossesSpace: boolean): void => {
    const c = chars[i] ?? '';
    if (wide[i] === true || !ASCII_MARKS.has(c) || wide[neighbour] !== true) return;
    if (isUrlColon(chars, i)) return; // `://` stays ASCII
    widen(i);
    const p = crossesSpace ? partner.get(i) : undefined;
    if (p !== undefined && wide[p] !== true) widen(p);
  };
  do {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (chars[i] === ' ') continue;
      const space = chars[i - 1] === ' ';
      widenAt(i, space ? i - 2 : i - 1, space);
    }
    for (let i = n - 1; i >= 0; i--) {
      if (chars[i] === ' ') continue;
      const space = chars[i + 1] === ' ';
      widenAt(i, space ? i + 2 : i + 1, space);
    }
  } while (changed && partner.size > 0);
  let out = '';
  for (let i = 0; i < n; i++) {
    if (chars[i] === ' ' && (wide[i - 1] === true || wide[i + 1] === true)) continue;
    out += chars[i];
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
 * Linear in the length of the input: each round is a few sweeps, and further rounds are needed
 * only for nested ASCII brackets (at most MAX_EXACT_ROUNDS before all levels convert at once).
 */
export function normalizeInline(input: string): string {
  let s = toHalfWidth(input).replace(/\s+/g, ' ').trim();
  // A round converts one level of nested brackets, as the rules applied one after another do;
  // past a few rounds (deeply nested brackets) the remaining levels convert together.
  for (let prev = '', round = 0; prev !== s; round++) {
    prev = s;
    const chars = Array.from(s.replace(SPACE_NEXT_TO_WIDE, ''));
    widenParenPairs(chars, round >= MAX_EXACT_ROUNDS);
    s = widenMarksAndDropSpaces(chars);
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
