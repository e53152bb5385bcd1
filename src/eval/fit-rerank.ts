// npm run fit:rerank — fits the hybrid reranker's linear feature weights on the dev split (never
// test): pairwise logistic regression, every expected unit against every other reranked candidate
// of the same question, L2-regularised. Prints hit@1 over the reranked candidates for the weights
// in use and for the fitted ones under 5-fold cross-validation on dev, then the weights fitted on
// all of dev, to be copied into DEFAULT_RERANK (src/retrieval/hybrid-retriever.ts).
// Usage: npm run fit:rerank [-- --questions F] [--region 温州市] [--l2 0.01]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config.js';
import { loadSearchServices } from '../bootstrap/search-services.js';
import { DEFAULT_RERANK, RERANK_FEATURES, type RerankFeature } from '../retrieval/hybrid-retriever.js';
import { parseJsonl, GoldQuestionSchema } from './gold.js';
import { GOLD_SPLITS } from './gold-splits.js';
import { questionScoper } from './question-scope.js';
import { fitPairwise, rankHits, type RankingCase } from './pairwise-fit.js';
import { askingText } from '../chat/question-form.js';

const { values } = parseArgs({
  options: { questions: { type: 'string', default: GOLD_SPLITS.dev }, region: { type: 'string', default: '温州市' }, l2: { type: 'string', default: '0.01' } },
});
if (values.questions.includes('test')) {
  console.error('重排权重只能在开发集上拟合：测试集用于报告，不能用于调参');
  process.exit(2);
}
const services = await loadSearchServices(loadConfig(), { log: (m) => process.stderr.write(`${m}\n`) });
const scopeOf = questionScoper(services.corpus.documents, values.region);
const gold = parseJsonl(readFileSync(values.questions, 'utf8'), GoldQuestionSchema, values.questions).filter(
  (c) => c.answerable && c.expected_clauses.length > 0 && !c.history?.length,
);

const cases: RankingCase[] = [];
let direct = 0;
for (const c of gold) {
  const r = await services.retriever.retrieve(c.question, { k: 10, docIds: scopeOf(c.question), explain: true, asking: askingText(c.question) });
  if (r.direct) {
    direct++;
    continue;
  }
  const candidates = r.candidates ?? [];
  cases.push({
    id: c.id,
    rows: candidates.map((x) => RERANK_FEATURES.map((f) => x.features[f])),
    relevant: candidates.map((x) => c.expected_clauses.includes(x.key)),
  });
}

const l2 = Number(values.l2);
const current = RERANK_FEATURES.map((f) => DEFAULT_RERANK.weights[f]);
const folds = 5;
let cvHits = 0;
for (let k = 0; k < folds; k++) {
  const train = cases.filter((_, i) => i % folds !== k);
  const held = cases.filter((_, i) => i % folds === k);
  cvHits += rankHits(held, fitPairwise(train, { l2 }));
}
const fitted = fitPairwise(cases, { l2 });
const reachable = cases.filter((c) => c.relevant.some(Boolean)).length;
console.log(`${values.questions}：${cases.length} 条单轮可回答问题参与（另有 ${direct} 条直接点名条款，不经重排）；期望条款在重排候选中的 ${reachable} 条`);
console.log(`hit@1（重排候选内）：现用权重 ${rankHits(cases, current)} / ${cases.length}；拟合权重 5 折交叉验证 ${cvHits} / ${cases.length}；拟合权重在全部开发集上 ${rankHits(cases, fitted)} / ${cases.length}`);
const named = (w: number[]) => Object.fromEntries(RERANK_FEATURES.map((f, i) => [f, Number(w[i]!.toFixed(3))])) as Record<RerankFeature, number>;
console.log(`现用：${JSON.stringify(named(current))}`);
console.log(`拟合：${JSON.stringify(named(fitted))}`);
process.exit(0);
