// The hnswlib-node adapter: the only file that imports hnswlib-node.
import { createRequire } from 'node:module';
import type { VectorFilter, VectorHit, VectorIndex } from './vector-index.js';

const require = createRequire(import.meta.url);
type HnswModule = typeof import('hnswlib-node');
const { HierarchicalNSW } = require('hnswlib-node') as HnswModule;

export interface HnswOptions {
  m?: number;
  efConstruction?: number;
  efSearch?: number;
  randomSeed?: number;
}

export interface HnswIndex extends VectorIndex {
  save(file: string): void;
  /** Size of the dynamic candidate list at query time (recall vs speed). */
  setEfSearch(ef: number): void;
}

function wrap(index: InstanceType<HnswModule['HierarchicalNSW']>, dimension: number): HnswIndex {
  return {
    dimension,
    get size() {
      return index.getCurrentCount();
    },
    search(vector, k, filter?: VectorFilter): VectorHit[] {
      const n = Math.min(k, index.getCurrentCount());
      if (n === 0) return [];
      const query = Array.isArray(vector) ? (vector as number[]) : Array.from(vector);
      const { distances, neighbors } = filter ? index.searchKnn(query, n, (label) => filter.allows(label)) : index.searchKnn(query, n);
      // cosine space returns distance = 1 - cosine similarity.
      return neighbors.map((id, i) => ({ id, score: 1 - distances[i]! }));
    },
    vectorOf(id) {
      return index.getPoint(id);
    },
    save(file) {
      index.writeIndexSync(file);
    },
    setEfSearch(ef) {
      index.setEf(ef);
    },
  };
}

export function buildHnsw(
  vectors: ArrayLike<number>[],
  dimension: number,
  { m = 16, efConstruction = 200, efSearch = 128, randomSeed = 42 }: HnswOptions = {},
): HnswIndex {
  const index = new HierarchicalNSW('cosine', dimension);
  index.initIndex({ maxElements: Math.max(1, vectors.length), m, efConstruction, randomSeed });
  vectors.forEach((v, id) => index.addPoint(Array.from(v), id));
  index.setEf(efSearch);
  return wrap(index, dimension);
}

export function loadHnsw(file: string, dimension: number, { efSearch = 128 }: HnswOptions = {}): HnswIndex {
  const index = new HierarchicalNSW('cosine', dimension);
  index.readIndexSync(file);
  index.setEf(efSearch);
  return wrap(index, dimension);
}
