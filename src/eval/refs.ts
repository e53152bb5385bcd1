// Ref normalisation for comparing gold refs with the refs a build returns (pure). Keys are
// "<docId>:<ref>" everywhere; a gold file or an old report may still write a bare "11", which
// means the gold set's default document, so both sides are reduced to the qualified form.

export function canonicalRef(ref: string, defaultDocId?: string): string {
  const r = ref.trim();
  return defaultDocId && !r.includes(':') ? `${defaultDocId}:${r}` : r;
}

/** Canonicalises and de-duplicates, keeping first-seen order. */
export function canonicalRefs(refs: readonly string[], defaultDocId?: string): string[] {
  return [...new Set(refs.map((r) => canonicalRef(r, defaultDocId)))];
}
