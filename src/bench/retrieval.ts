// npm run bench:retrieval — index build time, query latency (p50/p95) and memory for the real
// corpus and synthetic corpora (10k, 100k units), plus HNSW recall@10 against exact search.
// Also: hybrid scoped to the Wenzhou portal's documents (the real Wenzhou and national documents,
// as the chat scopes a question), and the BM25 search alone, pruned (MaxScore, what retrieval
// uses) beside the exhaustive scan it equals, unscoped and scoped.
// Options: --sizes real,10000,100000  --queries 200  --ef 128  --ef-extra 64,256
import { loadConfig } from '../config/config.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { loadTextTools } from '../text/load-tokenizer.js';
import { buildSearchIndex, unitIndexTexts } from '../indexing/index-store.js';
import { localEmbedderProvider } from '../indexing/embedder.js';
import { createExactIndex } from '../indexing/vector-index.js';
import { docRangesOf, searchBm25, searchBm25Exhaustive, type DocRanges } from '../indexing/bm25.js';
import { scopeRegion } from '../chat/region-scope.js';
import { contains, placesInText, resolveRegion } from '../ingest/divisions.js';
import type { RetrievalMode } from '../retrieval/hybrid-retriever.js';
import { createRetriever } from '../bootstrap/search-services.js';
import { percentile } from '../eval/retrieval-metrics.js';
import { parseJsonl, GoldQuestionSchema } from '../eval/gold.js';
import { syntheticCorpus } from './synthetic-corpus.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Corpus } from '../domain/types.js';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
}

const sizes = arg('sizes', 'real,10000,100000').split(',');
const queryCount = Number(arg('queries', '200'));
const efSearch = Number(arg('ef', '128'));
/** Further efSearch values whose recall is reported for comparison (e.g. --ef-extra 64,256). */
const extraEf = arg('ef-extra', '').split(',').filter(Boolean).map(Number);
const config = loadConfig();
const real = await loadCorpus(resolve(config.CORPUS_DIR));
const text = loadTextTools(resolve(config.CORPUS_DIR));
const questions = parseJsonl(readFileSync('evals/gold/questions.jsonl', 'utf8'), GoldQuestionSchema).map((q) => q.question);
const mb = (b: number) => (b / 1024 / 1024).toFixed(0);

interface Row {
  corpus: string;
  units: number;
  'build s': string;
  'heap+ MB': string;
  'rss MB': string;
  [k: string]: string | number;
}
const rows: Row[] = [];

for (const size of sizes) {
  const corpus: Corpus = size === 'real' ? real : syntheticCorpus(real, Number(size));
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const { index } = await buildSearchIndex({ corpus, tokenizer: text.tokenizer, provider: localEmbedderProvider(text.tokenizer, config.EMBEDDING_DIMENSION), hnsw: { efSearch } });
  const buildS = (performance.now() - t0) / 1000;
  global.gc?.();
  const mem = process.memoryUsage();
  const retriever = createRetriever(corpus, text, index);
  const qs = Array.from({ length: queryCount }, (_, i) => questions[i % questions.length]!);
  const row: Row = { corpus: size === 'real' ? '真实语料' : `合成 ${size}`, units: corpus.units.length, 'build s': buildS.toFixed(1), 'heap+ MB': mb(mem.heapUsed - heap0), 'rss MB': mb(mem.rss) };
  for (const mode of ['bm25', 'vector', 'hybrid'] as RetrievalMode[]) {
    for (const q of qs.slice(0, 10)) await retriever.retrieve(q, { mode }); // warm-up
    const times: number[] = [];
    for (const q of qs) {
      const s = performance.now();
      await retriever.retrieve(q, { k: 5, mode });
      times.push(performance.now() - s);
    }
    row[`${mode} p50 ms`] = percentile(times, 50).toFixed(2);
    row[`${mode} p95 ms`] = percentile(times, 95).toFixed(2);
  }
  // Scoped as the chat scopes a Wenzhou portal's questions (a place the question names wins).
  const scopeOf = (q: string) => {
    const scope = scopeRegion({ message: q, fallback: '温州市', documents: corpus.documents, divisions: { contains, placesInText, resolveRegion } });
    return scope.kind === 'scoped' ? scope.docIds : undefined;
  };
  {
    const scopes = qs.map(scopeOf);
    for (let i = 0; i < 10; i++) await retriever.retrieve(qs[i]!, { docIds: scopes[i] });
    const times: number[] = [];
    for (let i = 0; i < qs.length; i++) {
      const s = performance.now();
      await retriever.retrieve(qs[i]!, { k: 5, docIds: scopes[i] });
      times.push(performance.now() - s);
    }
    row['scoped hybrid p50 ms'] = percentile(times, 50).toFixed(2);
    row['scoped hybrid p95 ms'] = percentile(times, 95).toFixed(2);
  }
  // BM25 alone (depth 50 as retrieval asks): the pruned search against the exhaustive scan.
  {
    const rangesOf = (docIds: ReadonlySet<string> | undefined): DocRanges | undefined =>
      docIds ? docRangesOf(corpus.units.flatMap((u, i) => (docIds.has(u.docId) ? [i] : []))) : undefined;
    const probes = qs.map((q) => ({ tokens: text.tokenizer.tokenize(text.expand(q)), ranges: rangesOf(scopeOf(q)) }));
    for (const [label, search] of [['pruned', searchBm25], ['exhaustive', searchBm25Exhaustive]] as const) {
      for (const scoped of [false, true]) {
        const times: number[] = [];
        for (const p of probes) {
          const s = performance.now();
          search(index.bm25, p.tokens, 50, undefined, scoped ? p.ranges : undefined);
          times.push(performance.now() - s);
        }
        row[`bm25 ${label}${scoped ? ' scoped' : ''} p50 ms`] = percentile(times, 50).toFixed(3);
      }
    }
  }
  // HNSW recall@10 against exact cosine search over the same vectors.
  const exactVectors: Float32Array[] = [];
  const texts = unitIndexTexts(corpus);
  for (let i = 0; i < texts.length; i += 1000) exactVectors.push(...((await index.embedder.embedDocuments(texts.slice(i, i + 1000))) as Float32Array[]));
  const exact = createExactIndex(exactVectors, index.embedder.dimension);
  const probes = await Promise.all(qs.slice(0, Math.min(100, qs.length)).map((q) => index.embedder.embedQuery(text.expand(q))));
  const truths = probes.map((v) => new Set(exact.search(v, 10).map((h) => h.id)));
  for (const ef of [efSearch, ...extraEf]) {
    index.vectors.setEfSearch(ef);
    let found = 0;
    let total = 0;
    const times: number[] = [];
    probes.forEach((v, i) => {
      const s = performance.now();
      const approx = index.vectors.search(v, 10).map((h) => h.id);
      times.push(performance.now() - s);
      found += approx.filter((id) => truths[i]!.has(id)).length;
      total += truths[i]!.size;
    });
    const label = ef === efSearch ? '' : ` ef=${ef}`;
    row[`HNSW recall@10${label}`] = (found / total).toFixed(3);
    if (label) row[`HNSW p95 ms${label}`] = percentile(times, 95).toFixed(2);
  }
  index.vectors.setEfSearch(efSearch);
  rows.push(row);
  process.stderr.write(`完成 ${row.corpus}\n`);
}

console.log(`\n检索基准（查询 ${queryCount} 条，HNSW efSearch=${efSearch}，维度 ${config.EMBEDDING_DIMENSION}）`);
console.table(rows);
