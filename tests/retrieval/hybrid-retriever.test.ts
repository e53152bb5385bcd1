// The hybrid retriever on the real corpus: right clause first for everyday questions, direct
// clause references, sentences and confidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { createTestServices } from '../helpers/test-services.js';
import { parseJsonl, GoldQuestionSchema } from '../../src/eval/gold.js';
import { summarizeRanking } from '../../src/eval/retrieval-metrics.js';

let services: AppServices;
let cleanup: () => void;
beforeAll(async () => {
  ({ services, cleanup } = await createTestServices());
});
afterAll(() => cleanup());

const retrieve = (q: string, mode: 'hybrid' | 'bm25' | 'vector' = 'hybrid') => services.search.retriever.retrieve(q, { k: 5, mode });

describe('hybrid retriever', () => {
  it.each([
    ['研发投入挺大的，市里给不给补助', '11'],
    ['服务业公司头一回纳入规上，奖多少', '29'],
    ['集装箱卡车上高速有优惠吗', '39'],
    ['出口信用保险的保费能补吗', '44'],
    ['种水稻一百多亩，有啥补贴', '50'],
    ['个体工商户升级成企业有啥好处', '25'],
  ])('finds the clause for "%s"', async (q, ref) => {
    const r = await retrieve(q);
    expect(r.hits[0]!.unit.key).toBe(`wzzb-2024-11:${ref}`);
    expect(r.hits[0]!.sentences.length).toBeGreaterThan(0);
  });

  it('resolves clause references directly with full confidence', async () => {
    for (const [q, ref] of [['第十一条讲的是什么', '11'], ['44条', '44'], ['第二部分的目标', 's2']]) {
      const r = await retrieve(q!);
      expect(r.hits[0]!.unit.key, q).toBe(`wzzb-2024-11:${ref}`);
      expect(r.direct).toBe(true);
      expect(r.confidence).toBe(1);
    }
  });

  it('is less confident about off-topic questions', async () => {
    const on = await retrieve('规上企业研发费用补助最高多少');
    const off = await retrieve('帮我写一首关于春天的诗');
    expect(on.confidence).toBeGreaterThan(off.confidence + 0.2);
  });

  it('meets the retrieval targets on the gold questions (hybrid hit@1 ≥ 0.95, recall@5 ≥ 0.98) and beats each channel alone', async () => {
    const cases = parseJsonl(readFileSync('evals/gold/questions.jsonl', 'utf8'), GoldQuestionSchema).filter(
      (c) => c.answerable && c.expected_clauses.length > 0 && !c.history?.length,
    );
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const score = async (mode: 'hybrid' | 'bm25' | 'vector') => {
      const rows = [];
      for (const c of cases) rows.push({ retrieved: (await retrieve(c.question, mode)).hits.map((h) => h.unit.key), gold: c.expected_clauses });
      return summarizeRanking(rows);
    };
    const hybrid = await score('hybrid');
    expect(hybrid.hitAt1).toBeGreaterThanOrEqual(0.95);
    expect(hybrid.recallAt5).toBeGreaterThanOrEqual(0.98);
    expect(hybrid.mrr).toBeGreaterThan((await score('bm25')).mrr);
    expect(hybrid.mrr).toBeGreaterThan((await score('vector')).mrr);
  });
});
