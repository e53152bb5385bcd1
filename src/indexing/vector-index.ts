// Vector index contract, and an exact (brute-force) implementation used as ground truth.

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

/** Which ids a search may return. */
export interface VectorFilter {
  allows(id: number): boolean;
  /** How many ids are allowed and which, when the caller knows (small sets are scored exactly). */
  size?: number;
  ids?(): Iterable<number>;
}

export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  /** The k nearest ids; with a filter, the k nearest among the allowed ids. */
  search(vector: ArrayLike<number>, k: number, filter?: VectorFilter): VectorHit[];
  /** The stored (L2-normalised) vector of an id, for exact scoring of small subsets. */
  vectorOf?(id: number): ArrayLike<number>;
}

/** Dot product; both vectors L2-normalised, so cosine similarity. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>, dimension: number): number {
  let s = 0;
  for (let i = 0; i < dimension; i++) s += a[i]! * (b[i] ?? 0);
  return s;
}

/** Exact cosine search over L2-normalised vectors (dot product). */
export function createExactIndex(vectors: Float32Array[], dimension: number): VectorIndex {
  return {
    dimension,
    size: vectors.length,
    search(query, k, filter) {
      const hits: VectorHit[] = [];
      vectors.forEach((v, id) => {
        if (!filter || filter.allows(id)) hits.push({ id, score: dot(v, query, dimension) });
      });
      hits.sort((a, b) => b.score - a.score || a.id - b.id);
      return hits.slice(0, k);
    },
    vectorOf: (id) => vectors[id]!,
  };
}
