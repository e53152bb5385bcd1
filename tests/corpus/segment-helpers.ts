// Shared assertions for segmenter tests: clean normalised text and traceable source spans.

import { expect } from 'vitest';
import { canonicalForMatch } from '../../src/text/canonical.js';
import type { PolicyUnit } from '../../src/domain/types.js';

/** No space between CJK characters or between a digit and CJK; no full-width digits. */
export function expectCleanText(u: PolicyUnit): void {
  const label = `unit ${u.ref}`;
  expect(u.text.length, label).toBeGreaterThan(0);
  expect(u.text, label).not.toMatch(/\p{Script=Han}[ \u3000\t]+\p{Script=Han}/u);
  expect(u.text, label).not.toMatch(/\d[ \u3000\t]+\p{Script=Han}|\p{Script=Han}[ \u3000\t]+\d/u);
  expect(u.text, label).not.toMatch(/[０-９Ａ-Ｚａ-ｚ]/u);
  expect(u.text, label).not.toMatch(/^\s|\s$/u);
}

/** True when every character of `needle` occurs in `haystack` in order. */
function isSubsequence(needle: string, haystack: string): boolean {
  let j = 0;
  for (const ch of haystack) if (j < needle.length && ch === needle[j]) j++;
  return j === needle.length;
}

/**
 * The unit's span covers its text: the whole canonical text is a subsequence of the canonical
 * raw slice (only page markers, running headers, list markers and the responsibility note may
 * be skipped) and the slice holds little else. With `contiguousEnds` (text without page
 * furniture inside) the first and last 10 characters must also occur verbatim in the slice.
 */
export function expectTraceable(raw: string, u: PolicyUnit, { contiguousEnds = true } = {}): void {
  const label = `unit ${u.ref}`;
  expect(u.source.start, label).toBeGreaterThanOrEqual(0);
  expect(u.source.end, label).toBeGreaterThan(u.source.start);
  expect(u.source.end, label).toBeLessThanOrEqual(raw.length);
  const slice = canonicalForMatch(raw.slice(u.source.start, u.source.end));
  const text = canonicalForMatch(u.text);
  if (contiguousEnds) {
    expect(slice, label).toContain(text.slice(0, 10));
    expect(slice, label).toContain(text.slice(-10));
  }
  expect(isSubsequence(text, slice), `${label} text is a subsequence of its source`).toBe(true);
  // The span holds little beyond the text: markers, page furniture and the responsibility note.
  expect(slice.length - text.length, label).toBeLessThan(Math.max(200, text.length * 0.6));
}
