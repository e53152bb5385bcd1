// Compares BM25, vector and hybrid retrieval on gold questions and prints one table.
// Usage: npm run eval:retrieval [-- --questions evals/gold/questions.jsonl]
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/config.js';
import { loadSearchServices } from '../bootstrap/search-services.js';
import { parseJsonl, GoldQuestionSchema } from './gold.js';
import { summarizeRanking, percentile } from './retrieval-metrics.js';
import type { RetrievalMode } from '../retrieval/hybrid-retriever.js';

const args = process.argv.slice(2);
const qi = args.indexOf('--questions');
const file = qi >= 0 ? args[qi + 1]! : 'evals/gold/questions.jsonl';
const verbose = args.includes('--verbose');

const cases = parseJsonl(readFileSync(file, 'utf8'), GoldQuestionSchema, file).filter(
  (c) => c.answerable && c.expected_clauses.length > 0 && !c.history?.length,
);
const services = await loadSearchServices(loadConfig(), { log: (m) => process.stderr.write(`${m}\n`) });

const rows: Array<Record<string, string>> = [];
for (const mode of ['bm25', 'vector', 'hybrid'] as RetrievalMode[]) {
  const results: Array<{ retrieved: string[]; gold: string[] }> = [];
  const times: number[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    const r = await services.retriever.retrieve(c.question, { k: 10, mode });
    times.push(performance.now() - t0);
    const retrieved = r.hits.map((h) => h.unit.key);
    results.push({ retrieved, gold: c.expected_clauses });
    if (verbose && mode === 'hybrid' && !c.expected_clauses.includes(retrieved[0] ?? '')) {
      process.stderr.write(`MISS ${c.id} ${c.question} gold=${c.expected_clauses.join(',')} got=${retrieved.slice(0, 5).join(',')}\n`);
    }
  }
  const s = summarizeRanking(results);
  rows.push({
    retriever: mode,
    cases: String(s.cases),
    'hit@1': s.hitAt1.toFixed(3),
    'recall@5': s.recallAt5.toFixed(3),
    MRR: s.mrr.toFixed(3),
    'p50 ms': percentile(times, 50).toFixed(2),
    'p95 ms': percentile(times, 95).toFixed(2),
  });
}
console.table(rows);
