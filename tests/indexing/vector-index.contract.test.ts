// One contract suite for every VectorIndex: exact search and the hnswlib store.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createExactIndex, type VectorIndex } from '../../src/indexing/vector-index.js';
import { buildHnsw, loadHnsw } from '../../src/indexing/hnsw-store.js';
import { seededRandom } from '../../src/bench/synthetic-corpus.js';
import { createSegmentedVectorIndex } from '../../src/indexing/segmented-vector-index.js';

const dim = 16;
const random = seededRandom(1);
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v.map((x) => x / n));
};
const vectors = Array.from({ length: 300 }, () => unit(Array.from({ length: dim }, () => random() - 0.5)));

const implementations: Array<[string, () => VectorIndex]> = [
  ['exact', () => createExactIndex(vectors, dim)],
  ['hnsw', () => buildHnsw(vectors, dim, { efSearch: 100 })],
  [
    'hnsw saved and loaded',
    () => {
      const file = join(mkdtempSync(join(tmpdir(), 'zct-hnsw-')), 'v.hnsw');
      buildHnsw(vectors, dim).save(file);
      return loadHnsw(file, dim, { efSearch: 100 });
    },
  ],
  [
    'segmented (three segments, local ids mapped to positions, dead entries skipped)',
    () => {
      // Positions interleave across segments; each segment also holds a dead copy of a vector.
      const groups = [0, 1, 2].map((g) => vectors.map((_, i) => i).filter((i) => i % 3 === g));
      return createSegmentedVectorIndex(
        groups.map((ids) => {
          const dead = unit(Array.from({ length: dim }, () => random() - 0.5));
          return { index: buildHnsw([...ids.map((i) => vectors[i]!), dead], dim, { efSearch: 100 }), positions: Int32Array.from([...ids, -1]) };
        }),
        dim,
      );
    },
  ],
];

describe.each(implementations)('VectorIndex contract: %s', (_name, make) => {
  const index = make();

  it('finds a stored vector as its own nearest neighbour with cosine 1', () => {
    for (const id of [0, 17, 299]) {
      const [top] = index.search(vectors[id]!, 1);
      expect(top!.id).toBe(id);
      expect(top!.score).toBeCloseTo(1, 4);
    }
  });

  it('returns k hits sorted by descending similarity', () => {
    const hits = index.search(vectors[5]!, 10);
    expect(hits).toHaveLength(10);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score - 1e-6);
    expect(index.size).toBe(300);
    expect(index.dimension).toBe(dim);
  });

  it('agrees with exact search on most of the top 10', () => {
    const exact = createExactIndex(vectors, dim);
    let overlap = 0;
    for (let q = 0; q < 20; q++) {
      const query = unit(Array.from({ length: dim }, () => random() - 0.5));
      const truth = new Set(exact.search(query, 10).map((h) => h.id));
      overlap += index.search(query, 10).filter((h) => truth.has(h.id)).length;
    }
    expect(overlap / 200).toBeGreaterThanOrEqual(0.95);
  });

  it('with a filter, returns only allowed ids, and mostly the exact top 10 among them', () => {
    const exact = createExactIndex(vectors, dim);
    // A filter of about a third of the ids (as a region's documents are), with and without the
    // size and ids a caller may give (the segmented index scores small allowed sets exactly).
    const allowedIds = vectors.map((_, i) => i).filter((i) => i % 3 === 1 || (i > 200 && i < 230));
    const allowed = new Set(allowedIds);
    const filters = [{ allows: (id: number) => allowed.has(id) }, { allows: (id: number) => allowed.has(id), size: allowed.size, ids: () => allowedIds }];
    for (const filter of filters) {
      let overlap = 0;
      for (let q = 0; q < 20; q++) {
        const query = unit(Array.from({ length: dim }, () => random() - 0.5));
        const truth = exact.search(query, 300).filter((h) => allowed.has(h.id)).slice(0, 10);
        const hits = index.search(query, 10, filter);
        expect(hits).toHaveLength(10);
        expect(hits.every((h) => allowed.has(h.id))).toBe(true);
        const ids = new Set(truth.map((h) => h.id));
        overlap += hits.filter((h) => ids.has(h.id)).length;
      }
      expect(overlap / 200).toBeGreaterThanOrEqual(0.95);
    }
  });
});

describe('empty indexes', () => {
  it('return no hits', () => {
    expect(createExactIndex([], dim).search(vectors[0]!, 5)).toEqual([]);
    expect(buildHnsw([], dim).search(vectors[0]!, 5)).toEqual([]);
  });
});
