// Score fusion for hybrid retrieval (pure).

export interface RankedList {
  /** Item ids, best first. */
  ids: number[];
  weight?: number;
}

/** Weighted reciprocal rank fusion: Σ weight / (k + rank), rank starting at 1. */
export function reciprocalRankFusion(lists: RankedList[], k = 60): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { ids, weight = 1 } of lists) {
    ids.forEach((id, i) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + i + 1)));
  }
  return fused;
}

/**
 * Convex combination of normalised component scores, each normalised by the list's best score
 * so that a weak list cannot look strong. Missing components count as 0.
 */
export function convexFusion(
  components: Array<{ scores: Map<number, number>; weight: number }>,
): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { scores, weight } of components) {
    const best = Math.max(0, ...scores.values());
    if (best <= 0) continue;
    for (const [id, s] of scores) fused.set(id, (fused.get(id) ?? 0) + (weight * Math.max(0, s)) / best);
  }
  return fused;
}
