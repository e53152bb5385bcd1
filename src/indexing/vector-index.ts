// Vector index contract, and an exact (brute-force) implementation used as ground truth.

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export interface VectorIndex {
  readonly dimension: number;
  readonly size: number;
  search(vector: ArrayLike<number>, k: number): VectorHit[];
}

/** Exact cosine search over L2-normalised vectors (dot product). */
export function createExactIndex(vectors: Float32Array[], dimension: number): VectorIndex {
  return {
    dimension,
    size: vectors.length,
    search(query, k) {
      const hits: VectorHit[] = vectors.map((v, id) => {
        let dot = 0;
        for (let i = 0; i < dimension; i++) dot += v[i]! * (query[i] ?? 0);
        return { id, score: dot };
      });
      hits.sort((a, b) => b.score - a.score || a.id - b.id);
      return hits.slice(0, k);
    },
  };
}
