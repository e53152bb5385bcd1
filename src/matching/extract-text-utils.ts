// Small text helpers for the offline extractor: clause scoping, negation and aspiration checks,
// and keyword matching on word boundaries. Every helper does bounded work per call, so the
// extractor stays linear in the length of the text.
import { ASPIRATION_BEFORE, NEGATION_AFTER, NEGATION_BEFORE } from './extract-dictionaries.js';

const CLAUSE_BOUNDARY = new Set(',，、。！!？?；;\n');
const SENTENCE_BOUNDARY = new Set('。！!？?；;\n');

/**
 * How far the negation, aspiration and partner checks look around a keyword. Their patterns
 * (NEGATION_BEFORE, ASPIRATION_BEFORE, NEGATION_AFTER, the partner check in extract-profile.ts)
 * reach at most about 10 characters, so 16 gives the same answers as scanning the whole clause
 * while keeping each check constant-time.
 */
export const LOOK_AROUND = 16;

/** Full-width → half-width and no spaces, so rules see one spelling. */
export function normalizeInput(text: string): string {
  return text.normalize('NFKC').replace(/[ \t\u3000\u200b]+/g, '');
}

function lastBoundary(s: string, idx: number, boundary: ReadonlySet<string>, limit: number): number {
  const stop = Math.max(0, idx - limit);
  for (let i = idx - 1; i >= stop; i--) if (boundary.has(s[i]!)) return i + 1;
  return stop;
}

function nextBoundary(s: string, idx: number, boundary: ReadonlySet<string>, limit: number): number {
  const stop = Math.min(s.length, idx + limit);
  for (let i = idx; i < stop; i++) if (boundary.has(s[i]!)) return i;
  return stop;
}

/** Text of the clause (between commas) before position idx, at most `limit` characters of it. */
export function clauseBefore(s: string, idx: number, limit = LOOK_AROUND): string {
  return s.slice(lastBoundary(s, idx, CLAUSE_BOUNDARY, limit), idx);
}

/** Text of the clause after position idx, at most `limit` characters of it. */
export function clauseAfter(s: string, idx: number, limit = LOOK_AROUND): string {
  return s.slice(idx, nextBoundary(s, idx, CLAUSE_BOUNDARY, limit));
}

export function isNegatedBefore(s: string, idx: number): boolean {
  const before = clauseBefore(s, idx);
  return NEGATION_BEFORE.test(before) || before.endsWith('非');
}

export function isNegatedAfter(s: string, end: number): boolean {
  return NEGATION_AFTER.test(clauseAfter(s, end));
}

export function isAspiration(s: string, idx: number): boolean {
  return ASPIRATION_BEFORE.test(clauseBefore(s, idx));
}

/**
 * Start of the sentence (after 。；！？ or a line break) containing each position: one pass,
 * so callers that scope many matches to their sentence stay linear.
 */
export function sentenceStarts(s: string): Int32Array {
  return scopeStarts(s, SENTENCE_BOUNDARY);
}

/** Start of the clause (after a comma or a sentence end) containing each position. */
export function clauseStarts(s: string): Int32Array {
  return scopeStarts(s, CLAUSE_BOUNDARY);
}

function scopeStarts(s: string, boundary: ReadonlySet<string>): Int32Array {
  const starts = new Int32Array(s.length + 1);
  let start = 0;
  for (let i = 0; i <= s.length; i++) {
    starts[i] = start;
    if (i < s.length && boundary.has(s[i]!)) start = i + 1;
  }
  return starts;
}

export interface Hit {
  index: number;
  end: number;
  text: string;
}

/** All matches of a pattern, in order (plain substring matching). */
export function findAll(s: string, pattern: RegExp): Hit[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const hits: Hit[] = [];
  for (const m of s.matchAll(re)) {
    if (m[0].length === 0) continue;
    hits.push({ index: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return hits;
}

/** Splits text into words; the project's Tokenizer (src/text/tokenizer.ts) satisfies it. */
export interface WordSegmenter {
  tokenize(text: string): string[];
}

/** Finds the matches of a keyword pattern in one text. */
export type KeywordFinder = (pattern: RegExp) => Hit[];

/**
 * Keyword matching for one text. Without a segmenter, plain substring matches. With one, a match
 * is dropped when it is a cross-word accident: both of its ends fall inside words, so it joins the
 * tail of one word to the head of the next. 上规 is not found in 马上规划 (马上|规划) or 以上规定,
 * 升规 not in 提升规模, 规上 not in 正规上市; 上规 is found in 今年刚上规.
 *
 * One end on a boundary is enough, because segmenters also split real keywords at one end: the
 * compound is longer than the keyword (集装箱车|队), or the segmenter prefers another reading
 * (规|上海|产品 for 规上 + 海产品). The text is segmented once, lazily.
 */
export function keywordFinder(s: string, segmenter?: WordSegmenter): KeywordFinder {
  if (!segmenter) return (pattern) => findAll(s, pattern);
  let boundaries: Uint8Array | undefined;
  const isBoundary = (p: number): boolean => {
    if (p === 0 || p === s.length || scriptClass(s[p - 1]) !== scriptClass(s[p])) return true;
    boundaries ??= wordBoundaries(s, segmenter.tokenize(s));
    return boundaries[p] === 1;
  };
  return (pattern) => findAll(s, pattern).filter((h) => isBoundary(h.index) || isBoundary(h.end));
}

/** How far past the previous word the next one may start (skipped stop words and punctuation). */
const MAX_GAP = 24;
/** How many tokens ahead a search-mode segmenter may put the compound a part belongs to. */
const MAX_PARTS = 16;

/**
 * Positions where a word starts or ends, from the segmenter's tokens for the whole text.
 *
 * Tokens are placed in order, each searched for a short distance after the previous word, so
 * the work is linear in the text. Search-mode segmenters return the parts of a compound before
 * the compound itself (研发, 费用, 研发费用); a part is placed inside its compound, which keeps 研发
 * findable inside 研发费用. Stop words and punctuation a segmenter drops only remove boundaries,
 * never add them; a token that cannot be placed (changed by the segmenter's own normalisation)
 * is skipped.
 */
export function wordBoundaries(s: string, tokens: readonly string[]): Uint8Array {
  const lower = s.toLowerCase();
  const hay = lower.length === s.length ? lower : s;
  const marks = new Uint8Array(s.length + 1);
  let cursor = 0;
  let parts: string[] = [];
  const place = (t: string): number => {
    const at = hay.slice(cursor, cursor + MAX_GAP + t.length).indexOf(t);
    if (at < 0) return -1;
    marks[cursor + at] = 1;
    marks[cursor + at + t.length] = 1;
    return cursor + at;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.length === 0) continue;
    if (isPartOfNext(tokens, i)) {
      parts.push(t);
      continue;
    }
    while (cursor < s.length && scriptClass(s[cursor]) === 'other') cursor++;
    const start = place(t);
    if (start >= 0) {
      for (const p of innerBoundaries(t, parts)) marks[start + p] = 1;
      cursor = start + t.length;
    } else {
      // The compound was normalised by the segmenter (首台(套) → 首台套); its parts may still fit.
      for (const part of parts) {
        const at = place(part);
        if (at >= 0) cursor = at + part.length;
      }
    }
    parts = [];
  }
  return marks;
}

/**
 * Offsets inside a compound where it splits into parts: an end of some part that no other part
 * straddles. 研发费用 (研发, 费用) splits at 2; 规范化 (规范, 范化) does not split, since every
 * inner position is inside one of its overlapping parts.
 */
function innerBoundaries(word: string, parts: readonly string[]): number[] {
  const spans = parts.map((p) => [word.indexOf(p), p.length] as const).filter(([o]) => o >= 0);
  const out: number[] = [];
  for (let p = 1; p < word.length; p++) {
    const isEnd = spans.some(([o, n]) => o === p || o + n === p);
    if (isEnd && !spans.some(([o, n]) => o < p && p < o + n)) out.push(p);
  }
  return out;
}

/** True when token i is a part of a compound that follows it (every token in between is a part too). */
function isPartOfNext(tokens: readonly string[], i: number): boolean {
  const t = tokens[i]!;
  for (let k = i + 1; k < tokens.length && k <= i + MAX_PARTS; k++) {
    const w = tokens[k]!;
    if (w.length > t.length && w.includes(t)) {
      for (let j = i + 1; j < k; j++) if (!w.includes(tokens[j]!)) return false;
      return true;
    }
  }
  return false;
}

/** han, digit, latin or other (punctuation, symbols): a change between two is a word boundary. */
function scriptClass(ch: string | undefined): string {
  if (ch === undefined) return 'other';
  const c = ch.charCodeAt(0);
  if (c >= 0x4e00 && c <= 0x9fff) return 'han';
  if (c >= 48 && c <= 57) return 'digit';
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return 'latin';
  return /[\p{L}\p{N}]/u.test(ch) ? 'han' : 'other';
}
