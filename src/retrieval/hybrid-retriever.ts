// Hybrid retriever: BM25 and vector search fused by weighted RRF, with direct clause references
// ("第十一条") resolved first and a confidence score used for abstention.
import type { CorpusUnit, RetrievedUnit } from '../domain/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { bm25Idf, searchBm25, type Bm25Index, type ScoredDoc } from '../indexing/bm25.js';
import type { VectorHit, VectorIndex } from '../indexing/vector-index.js';
import { convexFusion, reciprocalRankFusion } from './fusion.js';
import { splitSentences } from './sentences.js';
import { canonicalForMatch } from '../text/canonical.js';

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
  fusion?: FusionOptions;
}

export interface FusionOptions {
  method: 'rrf' | 'convex';
  bm25Weight: number;
  vectorWeight: number;
  rrfK: number;
}

export const DEFAULT_FUSION: FusionOptions = { method: 'rrf', bm25Weight: 1, vectorWeight: 0.5, rrfK: 60 };

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

/** Words describing what kind of unit it is, so questions about a document's basis, totals or
 * validity find its preamble and closing in any document. */
const KIND_WORDS: Record<CorpusUnit['kind'], string> = {
  preamble: '序言 文件制定的依据 目的 背景',
  section: '部分 领域 目标 牵头',
  clause: '',
  closing: '结语 支持总额 实施期限 有效期 配套政策 执行',
};

/** Text used to index a unit: title weighted twice, the body, its section and responsible units. */
export function indexText(unit: CorpusUnit, sectionTitle?: string): string {
  const who = unit.units.length ? `${unit.kind === 'section' ? '牵头单位' : '责任单位'}：${unit.units.join('、')}` : '';
  return [unit.title, unit.title, unit.text, sectionTitle ?? '', who, KIND_WORDS[unit.kind]].join('\n');
}

export interface RerankOptions {
  /** Fused candidates re-scored at passage level (0 disables reranking). */
  depth: number;
  fusedWeight: number;
  /** Weight of the best sentence window's idf-weighted query coverage. */
  passageWeight: number;
  /** Weight of the whole unit's idf-weighted query coverage. */
  unitWeight: number;
  /** Bonus when the query repeats the unit's whole title (e.g. 科技创新政策). */
  titleWeight: number;
  /** BM25 weight of terms that only query expansion added. */
  expansionWeight: number;
}

export const DEFAULT_RERANK: RerankOptions = { depth: 20, fusedWeight: 0.4, passageWeight: 0.5, unitWeight: 0.5, titleWeight: 0.6, expansionWeight: 0.5 };

interface UnitSentences {
  sentences: string[];
  tokens: Set<string>[];
}

export function createHybridRetriever(deps: RetrieverDeps & { rerank?: Partial<RerankOptions> }): Retriever {
  const { units, tokenizer, expand, bm25, vectors } = deps;
  const fusion = { ...DEFAULT_FUSION, ...deps.fusion };
  const rerank = { ...DEFAULT_RERANK, ...deps.rerank };
  // Terms unseen in the corpus weigh like the rarest term, so off-topic words lower coverage.
  const maxIdf = Math.log(1 + (bm25.docCount + 0.5) / 0.5);
  const idf = (t: string) => (bm25.postings.has(t) ? bm25Idf(bm25, t) : maxIdf);
  const idOf = new Map(units.map((u, i) => [u, i]));
  const sentenceCache = new Map<number, UnitSentences>();
  const sentencesOf = (id: number): UnitSentences => {
    let entry = sentenceCache.get(id);
    if (!entry) {
      const sentences = splitSentences(units[id]!.text);
      entry = { sentences, tokens: sentences.map((x) => new Set(tokenizer.tokenize(x))) };
      if (sentenceCache.size > 5000) sentenceCache.clear();
      sentenceCache.set(id, entry);
    }
    return entry;
  };

  /** Best coverage of the query by one sentence or two adjacent sentences. */
  const passageCoverage = (id: number, terms: string[]): number => {
    const { tokens } = sentencesOf(id);
    let best = 0;
    for (let i = 0; i < tokens.length; i++) {
      const one = tokens[i]!;
      const two = tokens[i + 1];
      best = Math.max(best, termCoverage(terms, (t) => one.has(t) || (two?.has(t) ?? false), idf));
    }
    return best;
  };

  const fuse = (bm25Hits: ScoredDoc[], vectorHits: VectorHit[]): Map<number, number> =>
    fusion.method === 'rrf'
      ? reciprocalRankFusion(
          [
            { ids: bm25Hits.map((h) => h.doc), weight: fusion.bm25Weight },
            { ids: vectorHits.map((h) => h.id), weight: fusion.vectorWeight },
          ],
          fusion.rrfK,
        )
      : convexFusion([
          { scores: new Map(bm25Hits.map((h) => [h.doc, h.score])), weight: fusion.bm25Weight },
          { scores: new Map(vectorHits.map((h) => [h.id, h.score])), weight: fusion.vectorWeight },
        ]);

  const rerankFused = (fused: Map<number, number>, terms: string[], canonicalQuery: string): number[] => {
    const ranked = [...fused].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (rerank.depth <= 0 || ranked.length === 0) return ranked.map(([id]) => id);
    const best = ranked[0]![1] || 1;
    const head = ranked.slice(0, rerank.depth).map(([id, f]) => ({
      id,
      score:
        rerank.fusedWeight * (f / best) +
        rerank.passageWeight * passageCoverage(id, terms) +
        rerank.unitWeight * termCoverage(terms, (t) => unitHasTerm(bm25, id, t), idf) +
        rerank.titleWeight * (titleNamed(units[id]!.title, canonicalQuery) ? 1 : 0),
    }));
    head.sort((a, b) => b.score - a.score || a.id - b.id);
    return [...head.map((h) => h.id), ...ranked.slice(rerank.depth).map(([id]) => id)];
  };

  const bestSentences = (id: number, terms: string[], n: number): string[] => {
    const { sentences, tokens } = sentencesOf(id);
    return sentences
      .map((sentence, index) => ({ sentence, index, score: termCoverage(terms, (t) => tokens[index]!.has(t), idf) }))
      .filter((x) => x.score > 0)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, n)
      .map((x) => x.sentence);
  };

  return {
    async retrieve(query, { k = 5, mode = 'hybrid', depth = 50, sentences = 2 } = {}) {
      const expanded = expand(query);
      const originalTokens = tokenizer.tokenize(query);
      const tokens = tokenizer.tokenize(expanded);
      const terms = [...new Set(tokens)];
      const direct = mode === 'hybrid' && deps.resolveDirect ? deps.resolveDirect(query) : [];

      const own = new Set(originalTokens);
      const bm25Hits = mode === 'vector' ? [] : searchBm25(bm25, tokens, depth, (t) => (own.has(t) ? 1 : rerank.expansionWeight));
      const vectorHits = mode === 'bm25' ? [] : vectors.search(await deps.embedQuery(expanded), depth);
      const bm25Score = new Map(bm25Hits.map((h) => [h.doc, h.score]));
      const vectorScore = new Map(vectorHits.map((h) => [h.id, h.score]));

      let order: number[];
      if (mode === 'bm25') order = bm25Hits.map((h) => h.doc);
      else if (mode === 'vector') order = vectorHits.map((h) => h.id);
      else order = rerankFused(fuse(bm25Hits, vectorHits), terms, canonicalForMatch(query));
      const directIds = direct.map((u) => idOf.get(u)).filter((i): i is number => i !== undefined);
      order = [...directIds, ...order.filter((id) => !directIds.includes(id))].slice(0, k);

      const hits: RetrievedUnit[] = order.map((id, rank) => ({
        unit: units[id]!,
        score: 1 / (rank + 1),
        scores: { bm25: bm25Score.get(id), vector: vectorScore.get(id), direct: directIds.includes(id) || undefined },
        sentences: bestSentences(id, terms, sentences),
      }));

      const coverage = termCoverage(originalTokens, (t) => bm25.postings.has(t), idf);
      const top = order[0];
      const topVector = top === undefined ? 0 : (vectorScore.get(top) ?? 0);
      const topCover = top === undefined ? 0 : termCoverage(terms, (t) => unitHasTerm(bm25, top, t), idf);
      const confidence = directIds.length ? 1 : Math.min(1, 0.5 * topVector + 0.5 * topCover) * Math.sqrt(coverage);
      return { hits, confidence, coverage, direct: directIds.length > 0 };
    },
  };
}

/** True when the query quotes a title of at least four characters in full. */
function titleNamed(title: string, canonicalQuery: string): boolean {
  const t = canonicalForMatch(title);
  return t.length >= 4 && canonicalQuery.includes(t);
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
