// Ranking metrics over retrieved refs vs gold refs (pure). Cases without gold refs are skipped
// by the callers; every function here is defined for empty inputs.

/** 1 when the first retrieved ref is one of the gold refs. */
export function hitAt1(retrieved: string[], gold: string[]): number {
  return retrieved.length > 0 && gold.includes(retrieved[0]!) ? 1 : 0;
}

/** Share of gold refs found in the first k retrieved (1 when there is no gold ref). */
export function recallAtK(retrieved: string[], gold: string[], k: number): number {
  if (gold.length === 0) return 1;
  const top = new Set(retrieved.slice(0, k));
  return gold.filter((g) => top.has(g)).length / gold.length;
}

/** Reciprocal rank of the first gold ref (0 when none is retrieved). */
export function reciprocalRank(retrieved: string[], gold: string[]): number {
  const i = retrieved.findIndex((r) => gold.includes(r));
  return i < 0 ? 0 : 1 / (i + 1);
}

export function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Nearest-rank percentile (p in 0..100); 0 for an empty list. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface RankingSummary {
  hitAt1: number;
  recallAt5: number;
  mrr: number;
  cases: number;
}

export function summarizeRanking(cases: Array<{ retrieved: string[]; gold: string[] }>): RankingSummary {
  const scored = cases.filter((c) => c.gold.length > 0);
  return {
    hitAt1: mean(scored.map((c) => hitAt1(c.retrieved, c.gold))),
    recallAt5: mean(scored.map((c) => recallAtK(c.retrieved, c.gold, 5))),
    mrr: mean(scored.map((c) => reciprocalRank(c.retrieved, c.gold))),
    cases: scored.length,
  };
}
