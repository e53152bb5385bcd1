// Compares BM25, vector, hybrid and a MiniSearch peer (same jieba tokens, same expansion) on the
// dev and test gold splits, each question scoped to the documents that apply where it is asked
// (温州市 unless it names another place), and prints one table per split plus, for hybrid against
// each other retriever, the questions only one of the two gets right at rank 1.
// Usage: npm run eval:retrieval [-- --questions F ...] [--region 温州市] [--verbose]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { loadSearchServices } from '../bootstrap/search-services.js';
import { unitIndexTexts } from '../indexing/index-store.js';
import { questionScoper } from './question-scope.js';
import { parseJsonl, GoldQuestionSchema } from './gold.js';
import { summarizeRanking, percentile } from './retrieval-metrics.js';
import { createMiniSearchPeer } from './minisearch-peer.js';
import { GOLD_SPLITS } from './gold-splits.js';
import { askingText } from '../chat/question-form.js';

const { values } = parseArgs({
  options: { questions: { type: 'string', multiple: true }, region: { type: 'string', default: '温州市' }, verbose: { type: 'boolean', default: false } },
});
const files = values.questions?.length ? values.questions : [GOLD_SPLITS.dev, GOLD_SPLITS.test];

const services = await loadSearchServices(loadConfig(), { log: (m) => process.stderr.write(`${m}\n`) });
const { corpus, text } = services;
const peer = createMiniSearchPeer({ units: corpus.units, texts: unitIndexTexts(corpus), tokenizer: text.tokenizer, expand: text.expand });
const scopeOf = questionScoper(corpus.documents, values.region);

type Name = 'bm25' | 'vector' | 'hybrid' | 'minisearch';
const NAMES: Name[] = ['bm25', 'vector', 'minisearch', 'hybrid'];

for (const file of files) {
  const cases = parseJsonl(readFileSync(file, 'utf8'), GoldQuestionSchema, file).filter((c) => c.answerable && c.expected_clauses.length > 0 && !c.history?.length);
  const top1 = new Map<Name, boolean[]>();
  const rows: Array<Record<string, string>> = [];
  for (const name of NAMES) {
    const results: Array<{ retrieved: string[]; gold: string[] }> = [];
    const times: number[] = [];
    for (const c of cases) {
      const docIds = scopeOf(c.question);
      const t0 = performance.now();
      const retrieved = name === 'minisearch'
        ? peer.retrieve(c.question, { k: 10, docIds })
        : (await services.retriever.retrieve(c.question, { k: 10, mode: name, docIds, asking: askingText(c.question) })).hits.map((h) => h.unit.key);
      times.push(performance.now() - t0);
      results.push({ retrieved, gold: c.expected_clauses });
      if (values.verbose && name === 'hybrid' && !c.expected_clauses.includes(retrieved[0] ?? '')) {
        process.stderr.write(`MISS ${c.id} ${c.question} gold=${c.expected_clauses.join(',')} got=${retrieved.slice(0, 5).join(',')}\n`);
      }
    }
    top1.set(name, results.map((r) => r.gold.includes(r.retrieved[0] ?? '')));
    const s = summarizeRanking(results);
    rows.push({ retriever: name, cases: String(s.cases), 'hit@1': s.hitAt1.toFixed(3), 'recall@5': s.recallAt5.toFixed(3), MRR: s.mrr.toFixed(3), 'p50 ms': percentile(times, 50).toFixed(2), 'p95 ms': percentile(times, 95).toFixed(2) });
  }
  console.log(`\n${file}（${cases.length} 条单轮可回答问题）`);
  console.table(rows);
  // Discordant pairs: a difference smaller than about two standard deviations of a fair coin over
  // the discordant questions (2·√(b+c)/2 = √(b+c)) is noise.
  const hybrid = top1.get('hybrid')!;
  for (const other of NAMES.filter((n) => n !== 'hybrid')) {
    const o = top1.get(other)!;
    const b = hybrid.filter((h, i) => h && !o[i]).length;
    const c = hybrid.filter((h, i) => !h && o[i]).length;
    const verdict = b - c > Math.sqrt(b + c) ? '超出噪声' : '在噪声范围内';
    console.log(`hybrid 对、${other} 错：${b}；${other} 对、hybrid 错：${c}（差 ${b - c}，噪声约 ±${Math.sqrt(b + c).toFixed(1)}，${verdict}）`);
  }
}
process.exit(0);
