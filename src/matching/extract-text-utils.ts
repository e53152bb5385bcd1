// Small text helpers for the offline extractor: clause scoping, negation and aspiration checks.
import { ASPIRATION_BEFORE, NEGATION_AFTER, NEGATION_BEFORE } from './extract-dictionaries.js';

const CLAUSE_BOUNDARY = /[,，、。！!？?；;\n]/;
const SENTENCE_BOUNDARY = /[。！!？?；;\n]/;

/** Full-width → half-width and no spaces, so rules see one spelling. */
export function normalizeInput(text: string): string {
  return text.normalize('NFKC').replace(/[ \t\u3000\u200b]+/g, '');
}

function lastBoundary(s: string, idx: number, boundary: RegExp): number {
  for (let i = idx - 1; i >= 0; i--) if (boundary.test(s[i]!)) return i + 1;
  return 0;
}

function nextBoundary(s: string, idx: number, boundary: RegExp): number {
  for (let i = idx; i < s.length; i++) if (boundary.test(s[i]!)) return i;
  return s.length;
}

/** Text of the clause (between commas) before position idx. */
export function clauseBefore(s: string, idx: number): string {
  return s.slice(lastBoundary(s, idx, CLAUSE_BOUNDARY), idx);
}

/** Text of the clause after position idx. */
export function clauseAfter(s: string, idx: number): string {
  return s.slice(idx, nextBoundary(s, idx, CLAUSE_BOUNDARY));
}

/** Text of the sentence (between 。；！？ or line breaks) before position idx. */
export function sentenceBefore(s: string, idx: number): string {
  return s.slice(lastBoundary(s, idx, SENTENCE_BOUNDARY), idx);
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

export interface Hit {
  index: number;
  end: number;
  text: string;
}

/** All matches of a pattern, in order. */
export function findAll(s: string, pattern: RegExp): Hit[] {
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const hits: Hit[] = [];
  for (const m of s.matchAll(re)) {
    if (m[0].length === 0) continue;
    hits.push({ index: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return hits;
}
