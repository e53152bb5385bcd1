// Hybrid retriever: BM25 and vector search fused by weighted RRF, with direct clause references
// ("第十一条") resolved first and a confidence score used for abstention.
import type { CorpusUnit, RetrievedUnit } from '../domain/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { bm25Idf, searchBm25, type Bm25Index } from '../indexing/bm25.js';
import type { VectorIndex } from '../indexing/vector-index.js';
import { reciprocalRankFusion } from './fusion.js';
import { scoreSentences, splitSentences } from './sentences.js';

export type RetrievalMode = 'hybrid' | 'bm25' | 'vector';

export interface RetrieverDeps {
  units: CorpusUnit[];
  tokenizer: Tokenizer;
  expand: (query: string) => string;
  bm25: Bm25Index;
  vectors: VectorIndex;
  embedQuery: (text: string) => ArrayLike<number> | Promise<ArrayLike<number>>;
  /** Units the query names explicitly (第11条, 第二部分); they rank first. */
  resolveDirect?: (query: string) => CorpusUnit[];
}

export interface RetrieveOptions {
  k?: number;
  mode?: RetrievalMode;
  /** Candidates taken from each list before fusion. */
  depth?: number;
  /** Best sentences returned per unit. */
  sentences?: number;
}

export interface RetrievalResult {
  hits: RetrievedUnit[];
  /** 0..1: how well the best unit covers the question (used to abstain). */
  confidence: number;
  /** idf-weighted share of query terms that the corpus vocabulary knows at all. */
  coverage: number;
  direct: boolean;
}

export interface Retriever {
  retrieve(query: string, options?: RetrieveOptions): Promise<RetrievalResult>;
}

/** Text used to index a unit: title weighted twice, then the body and its section context. */
export function indexText(unit: CorpusUnit, sectionTitle?: string): string {
  return [unit.title, unit.title, unit.text, sectionTitle ?? ''].join('\n');
}

export function createHybridRetriever(deps: RetrieverDeps): Retriever {
  const { units, tokenizer, expand, bm25, vectors } = deps;
  // Terms unseen in the corpus weigh like the rarest term, so off-topic words lower coverage.
  const maxIdf = Math.log(1 + (bm25.docCount + 0.5) / 0.5);
  const idf = (t: string) => (bm25.postings.has(t) ? bm25Idf(bm25, t) : maxIdf);
  const idOf = new Map(units.map((u, i) => [u, i]));

  return {
    async retrieve(query, { k = 5, mode = 'hybrid', depth = 50, sentences = 2 } = {}) {
      const expanded = expand(query);
      const originalTokens = tokenizer.tokenize(query);
      const tokens = tokenizer.tokenize(expanded);
      const direct = mode === 'hybrid' && deps.resolveDirect ? deps.resolveDirect(query) : [];

      const bm25Hits = mode === 'vector' ? [] : searchBm25(bm25, tokens, depth);
      const vectorHits = mode === 'bm25' ? [] : vectors.search(await deps.embedQuery(expanded), depth);
      const bm25Score = new Map(bm25Hits.map((h) => [h.doc, h.score]));
      const vectorScore = new Map(vectorHits.map((h) => [h.id, h.score]));

      let order: number[];
      if (mode === 'bm25') order = bm25Hits.map((h) => h.doc);
      else if (mode === 'vector') order = vectorHits.map((h) => h.id);
      else {
        const fused = reciprocalRankFusion([
          { ids: bm25Hits.map((h) => h.doc), weight: 1 },
          { ids: vectorHits.map((h) => h.id), weight: 1 },
        ]);
        order = [...fused].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
      }
      const directIds = direct.map((u) => idOf.get(u)).filter((i): i is number => i !== undefined);
      order = [...directIds, ...order.filter((id) => !directIds.includes(id))].slice(0, k);

      const hits: RetrievedUnit[] = order.map((id, rank) => {
        const unit = units[id]!;
        const scored = scoreSentences(splitSentences(unit.text), tokens, tokenizer, idf)
          .filter((s) => s.score > 0)
          .sort((a, b) => b.score - a.score || a.index - b.index)
          .slice(0, sentences)
          .map((s) => s.sentence);
        return {
          unit,
          score: 1 / (rank + 1),
          scores: { bm25: bm25Score.get(id), vector: vectorScore.get(id), direct: directIds.includes(id) || undefined },
          sentences: scored,
        };
      });

      const coverage = termCoverage(originalTokens, (t) => bm25.postings.has(t), idf);
      const topVector = hits[0]?.scores.vector ?? vectorHits[0]?.score ?? 0;
      const topCover = hits[0] ? termCoverage(tokens, (t) => unitHasTerm(bm25, idOf.get(hits[0]!.unit) ?? -1, t), idf) : 0;
      const confidence = directIds.length ? 1 : Math.min(1, 0.5 * topVector + 0.5 * topCover) * Math.sqrt(coverage);
      return { hits, confidence, coverage, direct: directIds.length > 0 };
    },
  };
}

function unitHasTerm(bm25: Bm25Index, doc: number, term: string): boolean {
  const p = bm25.postings.get(term);
  if (!p) return false;
  // Postings are built in ascending doc order: binary search.
  let lo = 0;
  let hi = p.docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const d = p.docs[mid]!;
    if (d === doc) return true;
    if (d < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** idf-weighted share of distinct query terms satisfying `has`. */
export function termCoverage(tokens: string[], has: (t: string) => boolean, idf: (t: string) => number): number {
  const terms = [...new Set(tokens)];
  if (terms.length === 0) return 0;
  let total = 0;
  let hit = 0;
  for (const t of terms) {
    const w = idf(t);
    total += w;
    if (has(t)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}
