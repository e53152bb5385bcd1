// Canonical form for comparing strings regardless of spacing and character width.
// Used by quote verification, must_include checks and annotation quote tests.

/** NFKC (full-width → half-width), drop all whitespace, unify dashes and quotes. */
export function canonicalForMatch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b\u3000]+/g, '')
    .replace(/[‐‑‒–—―－]/g, '-')
    .replace(/[“”„‟″]/g, '"')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[〈《]/g, '<')
    .replace(/[〉》]/g, '>')
    .toLowerCase();
}

/** True when `needle` occurs in `haystack` after both are put in canonical form. */
export function containsNormalized(haystack: string, needle: string): boolean {
  const n = canonicalForMatch(needle);
  if (n.length === 0) return false;
  return canonicalForMatch(haystack).includes(n);
}
