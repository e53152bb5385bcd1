// Ref normalisation for comparing gold refs with the refs a build returns (pure).
// Gold files may write "11" (meaning the gold set's default document) or "<docId>:11"; a build
// returns unqualified keys while its corpus holds one document and qualified keys once it holds
// several. Both sides are reduced to one canonical form: unqualified for the default document,
// qualified for every other document, so "11" and "<defaultDocId>:11" compare equal.

export function canonicalRef(ref: string, defaultDocId?: string): string {
  const r = ref.trim();
  return defaultDocId && r.startsWith(`${defaultDocId}:`) ? r.slice(defaultDocId.length + 1) : r;
}

/** Canonicalises and de-duplicates, keeping first-seen order. */
export function canonicalRefs(refs: readonly string[], defaultDocId?: string): string[] {
  return [...new Set(refs.map((r) => canonicalRef(r, defaultDocId)))];
}
