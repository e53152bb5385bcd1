// Hybrid retriever: BM25 and vector search fused by weighted RRF, with direct clause references
// ("第十一条") resolved first and a confidence score used for abstention.
import { figureUnitMatch, figureUnits } from './figure-units.js';
import type { CorpusUnit, RetrievedUnit } from '../domain/types.js';
import type { Tokenizer } from '../text/tokenizer.js';
import { bm25Idf, docRangesOf, rangeMember, searchBm25, unionDocRanges, type Bm25Index, type DocRanges, type ScoredDoc } from '../indexing/bm25.js';
import type { VectorFilter, VectorHit, VectorIndex } from '../indexing/vector-index.js';
import { convexFusion, reciprocalRankFusion } from './fusion.js';
import { isFormWord } from '../chat/topic-words.js';
import { splitSentences } from './sentences.js';
import { canonicalForMatch } from '../text/canonical.js';

export type RetrievalMode = 'hybrid' | 'bm25' | 'vector';

export interface RetrieverDeps {
  units: CorpusUnit[];
  tokenizer: Tokenizer;
  expand: (query: string) => string;
  bm25: Bm25Index;
  vectors: VectorIndex;
  /** Embeds the (expanded) query; `tokens` are its words, for embedders that can reuse them. */
  embedQuery: (text: string, tokens?: string[]) => ArrayLike<number> | Promise<ArrayLike<number>>;
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
  /** Only units of these documents are returned (the documents that apply to the question). */
  docIds?: ReadonlySet<string>;
  /** Also return the reranked candidates' features (for fitting the rerank weights). */
  explain?: boolean;
  /**
   * The asker's words that only say where they are (温州, 鹿城): they scope the question and do
   * not rank units within the scope, where a clause listing 鹿城、瑞安 is no closer for it.
   */
  quiet?: (word: string) => boolean;
  /** The parts of a longer message that ask (askingText): the sentence covering them ranks its unit higher. */
  asking?: string;
}

export interface RetrievalResult {
  hits: RetrievedUnit[];
  /** Distinct query terms after expansion with their weights (idf × expansion weight). */
  terms: Array<{ term: string; weight: number }>;
  /** The user's own words with their weights and the synonyms that also count as matching them. */
  words: QueryWord[];
  /** 0..1: how well the best unit covers the question (used to abstain). */
  confidence: number;
  /** idf-weighted share of query terms that the corpus vocabulary knows at all. */
  coverage: number;
  /** Raw signals behind `confidence`, for calibration and debugging. */
  signals: { vocabCoverage: number; topCoverage: number; topVector: number };
  direct: boolean;
  /** With `explain`: the reranked candidates and their features, in fused order. */
  candidates?: RerankCandidate[];
}

export interface QueryWord {
  word: string;
  weight: number;
  alternatives: string[];
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
  annex: '附件 附表 申报表 表格',
};

/** Text used to index a unit: title weighted twice, the body, its section and responsible units, its everyday words. */
export function indexText(unit: CorpusUnit, sectionTitle?: string): string {
  const who = unit.units.length ? `${unit.kind === 'section' ? '牵头单位' : '责任单位'}：${unit.units.join('、')}` : '';
  // Sentence words add vocabulary, not weight: only the parts of a phrase the unit does not already
  // say are indexed (农村充电桩 beside 公共充电桩 adds 农村 only if that is new), and never a part made
  // only of words any question has (市里拿钱 = 市里 + 拿 + 钱).
  const said = `${unit.title}${unit.text}${unit.everyday ?? ''}`;
  const seen = new Set<string>();
  const sentenceWords = (unit.sentenceWords ?? [])
    .flatMap((w) => w.words.split(/\s+/u).flatMap((p) => novelParts(p, said)))
    .filter((p) => !isFormWord(p) && !seen.has(p) && seen.add(p))
    .join(' ');
  return [unit.title, unit.title, unit.text, sectionTitle ?? '', who, KIND_WORDS[unit.kind], unit.everyday ?? '', sentenceWords].join('\n');
}

/** The stretches (2+ characters) of a phrase left when every stretch `said` already holds is cut out. */
export function novelParts(phrase: string, said: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < phrase.length; ) {
    let len = 0;
    for (let l = phrase.length - i; l >= 2 && !len; l--) if (said.includes(phrase.slice(i, i + l))) len = l;
    if (len) {
      parts.push(cur);
      cur = '';
      i += len;
    } else cur += phrase[i++];
  }
  parts.push(cur);
  return parts.filter((p) => p.length >= 2);
}

/** What the reranker knows about one fused candidate, each in 0..1. */
export const RERANK_FEATURES = ['fused', 'passage', 'unit', 'title', 'bm25', 'vector', 'own', 'phrase', 'figure', 'ask'] as const;
export type RerankFeature = (typeof RERANK_FEATURES)[number];

export interface RerankOptions {
  /** Fused candidates re-scored at passage level (0 disables reranking). */
  depth: number;
  /**
   * Linear weights of the candidate features: `fused` its fused score over the best one's,
   * `passage` the best sentence window's idf-weighted query coverage, `unit` the whole unit's,
   * `title` the query repeats the unit's whole title (科技创新政策), `bm25` its BM25 score over the
   * best one's, `vector` its cosine similarity, `own` its coverage of the user's own words
   * (synonyms included, as the confidence counts them), `phrase` the longest stretch of the
   * question the unit says verbatim (weight from npm run fit:rerank on dev: +4 of 395 under CV),
   * `figure` the share of the units the asker states figures in (47岁, 80亩, 招了12个人) that the
   * unit states figures in too (fit:rerank on dev fitted 0.15; at 0.2 two more dev questions right, none fewer),
   * `ask` the best sentence window's coverage of the asking parts of a story (RetrieveOptions.asking;
   * 0 without one): "…我们是认定的见习基地…每个月最少发多少生活补贴？" ranks the clause whose sentence pays
   * the allowance above the one that only lists 生活补贴 among the base's duties.
   */
  weights: Record<RerankFeature, number>;
  /** BM25 weight of terms that only query expansion added. */
  expansionWeight: number;
}

export const DEFAULT_RERANK: RerankOptions = {
  depth: 20,
  weights: { fused: 0.4, passage: 0.5, unit: 0.5, title: 0.6, bm25: 0, vector: 0, own: 0, phrase: 0.2, figure: 0.2, ask: 0.3 },
  expansionWeight: 0.5,
};

/** A reranked candidate's features (RetrieveOptions.explain), for fitting the weights. */
export interface RerankCandidate {
  key: string;
  features: Record<RerankFeature, number>;
}

/**
 * A stretch of the question said by more units than this is the subject of their documents
 * (就业见习基地, 政府性融资担保机构), not a name pointing at one unit: it earns no phrase credit.
 */
const PHRASE_COMMON_UNITS = 6;

/** Units whose sentences stay tokenised (about 2 KB each). */
const SENTENCE_CACHE = 20_000;

interface UnitSentences {
  sentences: string[];
  tokens: Set<string>[];
}

export function createHybridRetriever(deps: RetrieverDeps & { rerank?: Partial<RerankOptions> }): Retriever {
  const { units, tokenizer, expand, bm25, vectors } = deps;
  const fusion = { ...DEFAULT_FUSION, ...deps.fusion };
  const rerank = { ...DEFAULT_RERANK, ...deps.rerank, weights: { ...DEFAULT_RERANK.weights, ...deps.rerank?.weights } };
  // Terms unseen in the corpus weigh like the rarest term, so off-topic words lower coverage.
  const maxIdf = Math.log(1 + (bm25.docCount + 0.5) / 0.5);
  const idfCache = new Map<string, number>();
  const idf = (t: string): number => {
    let v = idfCache.get(t);
    if (v === undefined) {
      // An amount the corpus never states ("一百二十万", "480万") is the asker's figure, not an off-topic word.
      v = bm25.postings.has(t) ? bm25Idf(bm25, t) : isAmountToken(t) ? 0 : maxIdf;
      if (idfCache.size > 100_000) idfCache.clear();
      idfCache.set(t, v);
    }
    return v;
  };
  const idOf = new Map(units.map((u, i) => [u, i]));
  // Each document's units as id ranges, so a set of documents filters inside both searches.
  const positionsByDoc = new Map<string, number[]>();
  units.forEach((u, i) => {
    let list = positionsByDoc.get(u.docId);
    if (!list) positionsByDoc.set(u.docId, (list = []));
    list.push(i);
  });
  const rangesByDoc = new Map([...positionsByDoc].map(([docId, ids]) => [docId, docRangesOf(ids)]));
  const scopes = new WeakMap<ReadonlySet<string>, { ranges: DocRanges; filter: VectorFilter }>();
  const scopeOf = (docIds: ReadonlySet<string>) => {
    let scope = scopes.get(docIds);
    if (!scope) {
      const ranges = unionDocRanges([...docIds].flatMap((d) => rangesByDoc.get(d) ?? []));
      scopes.set(docIds, (scope = { ranges, filter: rangeFilter(ranges) }));
    }
    return scope;
  };
  const expansionCache = new Map<string, string[]>();
  const expansionsOf = (token: string): string[] => {
    let out = expansionCache.get(token);
    if (!out) {
      out = tokenizer.tokenize(expand(token)).filter((x) => x !== token);
      if (expansionCache.size > 50_000) expansionCache.clear();
      expansionCache.set(token, out);
    }
    return out;
  };
  const canonicalCache = new Map<number, string>();
  const figureCache = new Map<number, Set<string>>();
  const figureUnitsOf = (id: number): Set<string> => {
    let f = figureCache.get(id);
    if (!f) figureCache.set(id, (f = figureUnits(units[id]!.text)));
    return f;
  };
  const canonicalText = (id: number): string => {
    let t = canonicalCache.get(id);
    if (t === undefined) {
      t = canonicalForMatch(`${units[id]!.title}${units[id]!.text}`);
      if (canonicalCache.size >= SENTENCE_CACHE) canonicalCache.delete(canonicalCache.keys().next().value as number);
      canonicalCache.set(id, t);
    }
    return t;
  };
  const commonCache = new Map<string, boolean>();
  const commonStretch = (stretch: string): boolean => {
    let common = commonCache.get(stretch);
    if (common === undefined) {
      let n = 0;
      for (let id = 0; id < units.length && n <= PHRASE_COMMON_UNITS; id++) if (canonicalText(id).includes(stretch)) n++;
      common = n > PHRASE_COMMON_UNITS;
      if (commonCache.size > 50_000) commonCache.clear();
      commonCache.set(stretch, common);
    }
    return common;
  };
  const sentenceCache = new Map<number, UnitSentences>();
  const sentencesOf = (id: number): UnitSentences => {
    let entry = sentenceCache.get(id);
    if (!entry) {
      const unit = units[id]!;
      const sentences = splitSentences(unit.text);
      const tokens = sentences.map((x) => new Set(tokenizer.tokenize(x)));
      // A sentence is also found by the everyday words written for it (located by their anchor).
      for (const w of unit.sentenceWords ?? []) {
        const i = sentences.findIndex((x) => x.includes(w.anchor));
        if (i >= 0) for (const t of tokenizer.tokenize(w.words)) if (!isFormWord(t)) tokens[i]!.add(t);
      }
      entry = { sentences, tokens };
      // Oldest out first: units that keep being retrieved stay tokenised.
      if (sentenceCache.size >= SENTENCE_CACHE) sentenceCache.delete(sentenceCache.keys().next().value as number);
      sentenceCache.set(id, entry);
    }
    return entry;
  };

  /**
   * What one query needs per candidate unit, computed once: which query terms each sentence and
   * the whole unit contain. Coverages sum the weights in query-term order, as termCoverage does.
   */
  interface QueryTerms {
    terms: string[];
    ws: Float64Array;
    total: number;
    units: Map<number, { sentenceHas: Uint8Array; unitHas: Uint8Array }>;
  }
  const queryTermsOf = (terms: string[], w: (t: string) => number): QueryTerms => {
    const ws = Float64Array.from(terms, w);
    let total = 0;
    for (const x of ws) total += x;
    return { terms, ws, total, units: new Map() };
  };
  const unitTerms = (q: QueryTerms, id: number) => {
    let entry = q.units.get(id);
    if (!entry) {
      const { tokens } = sentencesOf(id);
      const t = q.terms.length;
      const sentenceHas = new Uint8Array(tokens.length * t);
      for (let i = 0; i < tokens.length; i++) {
        const set = tokens[i]!;
        for (let j = 0; j < t; j++) if (set.has(q.terms[j]!)) sentenceHas[i * t + j] = 1;
      }
      const unitHas = Uint8Array.from(q.terms, (term) => (unitHasTerm(bm25, id, term) ? 1 : 0));
      q.units.set(id, (entry = { sentenceHas, unitHas }));
    }
    return entry;
  };
  /** Coverage of the terms flagged in `has` from `offset` (and, when `other` ≥ 0, from `other`). */
  const flaggedCoverage = (q: QueryTerms, has: Uint8Array, offset: number, other = -1): number => {
    if (!(q.total > 0)) return 0;
    let hit = 0;
    for (let j = 0; j < q.ws.length; j++) if (has[offset + j] === 1 || (other >= 0 && has[other + j] === 1)) hit += q.ws[j]!;
    return hit / q.total;
  };

  /** Best coverage of the query by one sentence or two adjacent sentences. */
  const passageCoverage = (id: number, q: QueryTerms): number => {
    const { sentenceHas } = unitTerms(q, id);
    const t = q.terms.length;
    const n = t ? sentenceHas.length / t : 0;
    let best = 0;
    for (let i = 0; i < n; i++) best = Math.max(best, flaggedCoverage(q, sentenceHas, i * t, i + 1 < n ? (i + 1) * t : -1));
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

  interface RerankInput {
    q: QueryTerms;
    canonicalQuery: string;
    bm25Score: Map<number, number>;
    vectorScore: Map<number, number>;
    ownTokens: string[];
    figureUnits: Set<string>;
    /** The query terms the asking parts say (RetrieveOptions.asking), if any. */
    asked?: QueryTerms;
  }
  /** Features of one candidate; those weighing 0 are left at 0 unless all are wanted (explain). */
  const featuresOf = (id: number, fused: number, best: number, bestBm25: number, x: RerankInput, all: boolean): Record<RerankFeature, number> => {
    const w = rerank.weights;
    const want = (f: RerankFeature) => all || w[f] !== 0;
    return {
      fused: fused / best,
      passage: want('passage') ? passageCoverage(id, x.q) : 0,
      unit: want('unit') ? flaggedCoverage(x.q, unitTerms(x.q, id).unitHas, 0) : 0,
      title: want('title') && titleNamed(units[id]!.title, x.canonicalQuery) ? 1 : 0,
      bm25: want('bm25') && bestBm25 > 0 ? (x.bm25Score.get(id) ?? 0) / bestBm25 : 0,
      vector: want('vector') ? Math.max(0, x.vectorScore.get(id) ?? 0) : 0,
      own: want('own') ? ownCoverage(x.ownTokens, (t) => unitHasTerm(bm25, id, t)) : 0,
      phrase: want('phrase') ? phraseRun(x.canonicalQuery, canonicalText(id), commonStretch) : 0,
      figure: want('figure') ? figureUnitMatch(x.figureUnits, figureUnitsOf(id)) : 0,
      ask: want('ask') && x.asked ? passageCoverage(id, x.asked) : 0,
    };
  };
  const weighted = (f: Record<RerankFeature, number>): number => {
    let score = 0;
    for (const name of RERANK_FEATURES) score += rerank.weights[name] * f[name];
    return score;
  };

  const rerankFused = (fused: Map<number, number>, x: RerankInput, explain?: RerankCandidate[]): number[] => {
    const ranked = [...fused].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    if (rerank.depth <= 0 || ranked.length === 0) return ranked.map(([id]) => id);
    const best = ranked[0]![1] || 1;
    let bestBm25 = 0;
    for (const v of x.bm25Score.values()) bestBm25 = Math.max(bestBm25, v);
    const head = ranked.slice(0, rerank.depth).map(([id, f]) => {
      const features = featuresOf(id, f, best, bestBm25, x, !!explain);
      explain?.push({ key: units[id]!.key, features });
      return { id, score: weighted(features) };
    });
    head.sort((a, b) => b.score - a.score || a.id - b.id);
    return [...head.map((h) => h.id), ...ranked.slice(rerank.depth).map(([id]) => id)];
  };

  const passagesOf = (id: number, q: QueryTerms): Array<{ text: string; score: number }> => {
    const { sentences } = sentencesOf(id);
    const { sentenceHas } = unitTerms(q, id);
    const t = q.terms.length;
    return sentences.map((text, index) => ({ text, score: flaggedCoverage(q, sentenceHas, index * t) }));
  };

  /** A word the corpus does not know weighs like its strongest synonym, if it has any. */
  const wordWeight = (t: string): number =>
    bm25.postings.has(t) || expansionsOf(t).length === 0 ? idf(t) : Math.max(...expansionsOf(t).map(idf));
  /** Coverage of the user's own words, each counted as covered by itself or by a word it expands to. */
  const ownCoverage = (ownTokens: string[], has: (t: string) => boolean, weight: (t: string) => number = wordWeight): number =>
    termCoverage(ownTokens, (t) => has(t) || expansionsOf(t).some(has), weight);

  return {
    async retrieve(query, { k = 5, mode = 'hybrid', depth: baseDepth = 50, sentences = 2, docIds, explain: wantExplain, quiet, asking } = {}) {
      const explain: RerankCandidate[] | undefined = wantExplain ? [] : undefined;
      const depth = baseDepth;
      // Other documents' units are excluded inside both searches.
      const scope = docIds ? scopeOf(docIds) : undefined;
      const expanded = expand(query);
      const originalTokens = tokenizer.tokenize(query);
      // The expansion only appends words: tokenise the appended part alone.
      const tokens = expanded.length > query.length ? [...originalTokens, ...tokenizer.tokenize(expanded.slice(query.length))] : originalTokens;
      const terms = [...new Set(tokens)];
      const direct = (mode === 'hybrid' && deps.resolveDirect ? deps.resolveDirect(query) : []).filter((u) => !docIds || docIds.has(u.docId));

      const own = new Set(originalTokens);
      const termWeight = (t: string) => (own.has(t) ? (quiet?.(t) ? 0 : 1) : rerank.expansionWeight);
      const weightedIdf = (t: string) => idf(t) * termWeight(t);
      const bm25Hits = mode === 'vector' ? [] : searchBm25(bm25, tokens, depth, termWeight, scope?.ranges);
      const vectorHits = mode === 'bm25' ? [] : vectors.search(await deps.embedQuery(expanded, tokens), depth, scope?.filter);
      const bm25Score = new Map(bm25Hits.map((h) => [h.doc, h.score]));
      const vectorScore = new Map(vectorHits.map((h) => [h.id, h.score]));

      let order: number[];
      const q = queryTermsOf(terms, weightedIdf);
      if (mode === 'bm25') order = bm25Hits.map((h) => h.doc);
      else if (mode === 'vector') order = vectorHits.map((h) => h.id);
      else {
        // The asking parts' words and what they expand to, weighed as in the whole query.
        const askedWords = asking ? new Set(tokenizer.tokenize(asking).flatMap((t) => [t, ...expansionsOf(t)])) : undefined;
        const asked = askedWords ? queryTermsOf(terms.filter((t) => askedWords.has(t)), weightedIdf) : undefined;
        order = rerankFused(fuse(bm25Hits, vectorHits), { q, canonicalQuery: canonicalForMatch(query), bm25Score, vectorScore, ownTokens: originalTokens, figureUnits: figureUnits(query), asked }, explain);
      }
      const directIds = direct.map((u) => idOf.get(u)).filter((i): i is number => i !== undefined);
      order = [...directIds, ...order.filter((id) => !directIds.includes(id))].slice(0, k);

      const hits: RetrievedUnit[] = order.map((id, rank) => {
        const passages = passagesOf(id, q);
        const { unitHas } = unitTerms(q, id);
        return {
          unit: units[id]!,
          score: 1 / (rank + 1),
          scores: { bm25: bm25Score.get(id), vector: vectorScore.get(id), direct: directIds.includes(id) || undefined },
          sentences: passages
            .map((p, index) => ({ ...p, index }))
            .filter((p) => p.score > 0)
            .sort((a, b) => b.score - a.score || a.index - b.index)
            .slice(0, sentences)
            .map((p) => p.text),
          passages,
          matched: terms.filter((_, j) => unitHas[j] === 1),
        };
      });

      // A word the corpus does not use still counts as known when it stands for words it does use.
      // With a scope, a word only the other places' documents use is unknown here (公司注销 on a
      // Wenzhou portal, where only a Beijing card mentions 注销).
      const known = (t: string) => (scope ? inRanges(bm25.postings.get(t)?.docs, scope.ranges) : bm25.postings.has(t));
      const knownHere = (t: string) => known(t) || expansionsOf(t).some(known);
      // A word unknown here weighs like a word the corpus never uses, wherever else it occurs: the
      // other places' vocabulary must not change how sure an answer here is.
      // A vague quantity (好几十万, 一个月) weighs nothing even where the corpus happens to use it.
      // Glue the corpus never uses (自己, 那块, 没得说: a story's pronouns, adverbs, idioms) says nothing
      // of the topic, so it does not make the question look like one the corpus cannot answer.
      // Tagged only when an unknown word is weighed: most questions use the corpus's words alone.
      let filler: string[] | undefined;
      const isFiller = (t: string) => (filler ??= [...(tokenizer.fillerWords?.(query) ?? [])]).some((w) => w.includes(t));
      const weightHere = (t: string) => (isVagueQuantity(t) ? 0 : knownHere(t) ? wordWeight(t) : isAmountToken(t) || isFiller(t) ? 0 : maxIdf);
      const coverage = termCoverage(originalTokens, knownHere, weightHere);
      const top = order[0];
      const topVector = top === undefined ? 0 : (vectorScore.get(top) ?? 0);
      const topCover = top === undefined ? 0 : ownCoverage(originalTokens, (t) => unitHasTerm(bm25, top, t), weightHere);
      // Calibrated on the project's gold questions (see README: abstention): a weighted mean of
      // the corpus vocabulary's coverage of the question, the top unit's coverage of the user's
      // words (synonyms included) and the top unit's cosine similarity.
      const confidence = directIds.length ? 1 : (0.5 * coverage + topCover + 4 * topVector) / 5.5;
      const weighted = terms.map((term) => ({ term, weight: idf(term) * (own.has(term) ? 1 : rerank.expansionWeight) }));
      return {
        hits,
        terms: weighted,
        words: [...new Set(originalTokens)].map((word) => ({ word, weight: weightHere(word), alternatives: expansionsOf(word) })),
        confidence,
        coverage,
        signals: { vocabCoverage: coverage, topCoverage: topCover, topVector },
        direct: directIds.length > 0,
        ...(explain ? { candidates: explain } : {}),
      };
    },
  };
}

/**
 * "120万", "一百二十万", "3.5亿元", "50%": a figure, with at most a unit after it; also the vague
 * quantities people say ("好几十万", "十来个", "三四年", "一个月", "一批"), which name no topic.
 */
const AMOUNT_TOKEN = /^(?:好|近|上|数)?(?:[\d.]+|[零〇一二两三四五六七八九十百千万亿几]+)(?:来|多|余)?(?:[万亿]?[元块个人%亩年月天岁家件次批笔]?|多万|来万|个月)$/u;
function isVagueQuantity(t: string): boolean {
  // 几 alone before a unit asks (几次, 几年); 几十, 十几, 好几 are vague amounts.
  return isAmountToken(t) && /[来多余好近数]|几[十百千万]|[十百千万]几|^一个?[月年天]$|^一[家批笔件]$/u.test(t);
}
function isAmountToken(t: string): boolean {
  return AMOUNT_TOKEN.test(t) && /[\d一二两三四五六七八九十百千几]/u.test(t);
}

/** True when a posting list has a document inside the ranges (binary search per range). */
function inRanges(docs: Uint32Array | undefined, ranges: DocRanges): boolean {
  if (!docs || docs.length === 0) return false;
  for (let i = 0; i < ranges.starts.length; i++) {
    const start = ranges.starts[i]!;
    let lo = 0;
    let hi = docs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (docs[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    if (lo < docs.length && docs[lo]! < ranges.ends[i]!) return true;
  }
  return false;
}

/** A vector filter over id ranges (binary search; the ranges are few). */
function rangeFilter(ranges: DocRanges): VectorFilter {
  const { starts, ends } = ranges;
  let size = 0;
  for (let i = 0; i < starts.length; i++) size += ends[i]! - starts[i]!;
  return {
    size,
    allows: rangeMember(ranges),
    *ids() {
      for (let i = 0; i < starts.length; i++) for (let id = starts[i]!; id < ends[i]!; id++) yield id;
    },
  };
}

/**
 * The longest stretch of the question (4+ characters, not made only of form words, nor `common`)
 * the unit says verbatim, as 0..1: a name quoted whole ("临港津贴", "首都科技创新券") points at the
 * unit that uses it.
 */
export function phraseRun(canonicalQuery: string, canonicalUnit: string, common: (stretch: string) => boolean = () => false): number {
  let best = 0;
  for (const run of canonicalQuery.match(/\p{Script=Han}{4,}/gu) ?? []) {
    for (let i = 0; i + Math.max(best + 1, 4) <= run.length; i++) {
      let len = Math.max(best + 1, 4);
      while (i + len <= run.length && canonicalUnit.includes(run.slice(i, i + len))) len++;
      const found = len - 1;
      if (found > best && found >= 4 && !isFormWord(run.slice(i, i + found)) && !common(run.slice(i, i + found))) best = found;
    }
  }
  return best >= 4 ? Math.min(1, (best - 3) / 4) : 0;
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
