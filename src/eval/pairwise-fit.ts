// Pairwise logistic regression for a linear ranker (pure): for every question, every relevant
// candidate should score above every irrelevant one. Each question weighs the same however many
// pairs it has; weights are L2-regularised and fitted by full-batch gradient descent with Adam.

export interface RankingCase {
  id: string;
  /** Feature rows of the candidates, in the order the ranker breaks ties by (earlier first). */
  rows: number[][];
  relevant: boolean[];
}

export interface FitOptions {
  l2?: number;
  iterations?: number;
  learningRate?: number;
}

export function fitPairwise(cases: RankingCase[], { l2 = 0.01, iterations = 3000, learningRate = 0.05 }: FitOptions = {}): number[] {
  const dims = cases.find((c) => c.rows.length)?.rows[0]?.length ?? 0;
  const diffs: Array<{ d: number[]; weight: number }> = [];
  for (const c of cases) {
    const pos = c.rows.filter((_, i) => c.relevant[i]);
    const neg = c.rows.filter((_, i) => !c.relevant[i]);
    const pairs = pos.length * neg.length;
    for (const p of pos) for (const n of neg) diffs.push({ d: p.map((v, j) => v - n[j]!), weight: 1 / pairs });
  }
  const total = diffs.reduce((s, x) => s + x.weight, 0) || 1;
  const w = new Array<number>(dims).fill(0);
  const m = new Array<number>(dims).fill(0);
  const v = new Array<number>(dims).fill(0);
  for (let t = 1; t <= iterations; t++) {
    const grad = w.map((x) => 2 * l2 * x);
    for (const { d, weight } of diffs) {
      let z = 0;
      for (let j = 0; j < dims; j++) z += w[j]! * d[j]!;
      // d/dw of log(1 + e^-z) is -σ(-z)·d
      const g = (-weight / total) / (1 + Math.exp(z));
      for (let j = 0; j < dims; j++) grad[j]! += g * d[j]!;
    }
    for (let j = 0; j < dims; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * grad[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * grad[j]! ** 2;
      const mh = m[j]! / (1 - 0.9 ** t);
      const vh = v[j]! / (1 - 0.999 ** t);
      w[j]! -= (learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return w;
}

/** Questions whose best-scoring candidate (ties: the earlier one) is relevant. */
export function rankHits(cases: RankingCase[], weights: number[]): number {
  let hits = 0;
  for (const c of cases) {
    let best = -1;
    let bestScore = -Infinity;
    c.rows.forEach((row, i) => {
      const s = row.reduce((acc, x, j) => acc + x * weights[j]!, 0);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    if (best >= 0 && c.relevant[best]) hits++;
  }
  return hits;
}
