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

// Questions are asked from Wenzhou: its document and the national ones apply (see region-scope).
const WENZHOU = new Set(['wzzb-2024-11', 'chinatax-xiaowei-2014-23', 'gov-guofa-2018-39-jiuye', 'gov-guobanfa-2019-6-danbao']);
const retrieve = (q: string, mode: 'hybrid' | 'bm25' | 'vector' = 'hybrid') => services.search.retriever.retrieve(q, { k: 5, mode, docIds: WENZHOU });

describe('hybrid retriever', () => {
  it.each([
    ['研发上砸了不少钱，市里补不补', '11'],
    ['做服务业的，今年刚进规上，奖金多少', '29'],
    ['拖集装箱的车走高速便宜点吗', '39'],
    ['出口收汇保险的保费政府管不管', '44'],
    ['稻麦轮作种了七八十亩，有啥补贴', '50'],
    ['个体户想变成公司，有啥好处', '25'],
    ['孩子自闭症康复有救助吗', '66'],
    ['买电车能减购置税吗', '42'],
  ])('finds the clause for "%s"', async (q, ref) => {
    const r = await retrieve(q);
    expect(r.hits[0]!.unit.key).toBe(`wzzb-2024-11:${ref}`);
    expect(r.hits[0]!.sentences.length).toBeGreaterThan(0);
  });

  it('glue words the corpus never uses (地上: a locative) weigh nothing against the question being answerable', async () => {
    const r = await retrieve('厂里想在自己那块地上加层，容积率提高了要补地价吗');
    const weight = (word: string) => r.words.find((w) => w.word === word)?.weight;
    expect(weight('地上')).toBe(0);
    expect(weight('容积率')).toBeGreaterThan(0);
  });

  it('resolves clause references directly with full confidence', async () => {
    for (const [q, ref] of [['第十一条说了啥', '11'], ['44条', '44'], ['第二部分的目标', 's2']]) {
      const r = await services.search.retriever.retrieve(q!, { k: 5, docIds: new Set(['wzzb-2024-11']) });
      expect(r.hits[0]!.unit.key, q).toBe(`wzzb-2024-11:${ref}`);
      expect(r.direct).toBe(true);
      expect(r.confidence).toBe(1);
    }
  });

  it('explains the reranked candidates with features in 0..1, the top hit among them', async () => {
    const r = await services.search.retriever.retrieve('研发上砸了不少钱，市里补不补', { k: 5, docIds: WENZHOU, explain: true });
    const c = r.candidates!;
    expect(c.length).toBeGreaterThan(5);
    expect(c.map((x) => x.key)).toContain(r.hits[0]!.unit.key);
    for (const x of c) for (const v of Object.values(x.features)) expect(v >= 0 && v <= 1.0000001).toBe(true);
    expect(c.find((x) => x.key === r.hits[0]!.unit.key)!.features.own).toBeGreaterThan(0);
    expect((await retrieve('研发上砸了不少钱，市里补不补')).candidates).toBeUndefined();
  });

  it('scores how well each candidate covers the asking part of a story (the ask feature), only when given one', async () => {
    const q = '我们厂去年刚评上专精特新，今年想做出口，出口信用保险的保费能补多少？';
    const { askingText } = await import('../../src/chat/question-form.js');
    const asking = askingText(q);
    expect(asking).toBe('今年想做出口，出口信用保险的保费能补多少');
    const r = await services.search.retriever.retrieve(q, { k: 5, docIds: WENZHOU, explain: true, asking });
    const ask = new Map(r.candidates!.map((c) => [c.key, c.features.ask]));
    expect(ask.get('wzzb-2024-11:44')).toBeGreaterThan(0.5);
    for (const [key, v] of ask) if (key !== 'wzzb-2024-11:44') expect(v, key).toBeLessThan(ask.get('wzzb-2024-11:44')! - 0.3);
    const plain = await services.search.retriever.retrieve(q, { k: 5, docIds: WENZHOU, explain: true });
    expect(plain.candidates!.every((c) => c.features.ask === 0)).toBe(true);
  });

  it('ranks first the sentence whose everyday words the question uses (corpus/expansions sentences)', async () => {
    // 试用 and 付费 are nowhere in the clause's text, only in the words written for one sentence.
    const r = await retrieve('大学的专利能先试用再付费吗');
    expect(r.hits[0]!.unit.key).toBe('wzzb-2024-11:13');
    const best = [...r.hits[0]!.passages].sort((a, b) => b.score - a.score)[0]!;
    expect(best.text).toContain('先用后转');
  });

  it('is less confident about off-topic questions', async () => {
    const on = await retrieve('规上企业研发费用补助最高多少');
    const off = await retrieve('给我编一段绕口令');
    expect(on.confidence).toBeGreaterThan(off.confidence + 0.2);
  });

  // The dev split (the one tuned on), restricted to the Wenzhou document the checks were written for;
  // the held-out comparison with the MiniSearch peer is npm run eval:retrieval.
  it('meets the retrieval targets on the dev questions (hybrid hit@1 ≥ 0.93, recall@5 ≥ 0.97) and is not worse than BM25 alone', async () => {
    const cases = parseJsonl(readFileSync('evals/gold/questions.dev.jsonl', 'utf8'), GoldQuestionSchema).filter(
      // The fresh everyday dev questions (source dev-fresh) are measured by npm run eval, not held to these targets.
      (c) => c.answerable && c.expected_clauses.length > 0 && !c.history?.length && !c.source?.startsWith('dev-fresh'),
    );
    expect(cases.length).toBeGreaterThanOrEqual(60);
    const score = async (mode: 'hybrid' | 'bm25' | 'vector') => {
      const rows = [];
      for (const c of cases) rows.push({ retrieved: (await retrieve(c.question, mode)).hits.map((h) => h.unit.key), gold: c.expected_clauses });
      return summarizeRanking(rows);
    };
    const hybrid = await score('hybrid');
    expect(hybrid.hitAt1).toBeGreaterThanOrEqual(0.93);
    expect(hybrid.recallAt5).toBeGreaterThanOrEqual(0.97);
    expect(hybrid.mrr).toBeGreaterThanOrEqual((await score('bm25')).mrr);
    expect(hybrid.mrr).toBeGreaterThan((await score('vector')).mrr);
  });
});

describe('phraseRun', () => {
  it('scores the longest stretch of the question the unit says verbatim, from four characters', async () => {
    const { phraseRun } = await import('../../src/retrieval/hybrid-retriever.js');
    const unitText = '对在临港地区工作的教师发放临港津贴，按月发放。';
    expect(phraseRun('听说有临港津贴是真的吗', unitText)).toBeCloseTo(0.25);
    expect(phraseRun('在临港地区工作的教师有补助吗', unitText)).toBe(1);
    expect(phraseRun('临港的津贴', unitText)).toBe(0);
    // A stretch made only of words any question has is no evidence.
    expect(phraseRun('有没有补贴', '企业有没有补贴都要申报')).toBe(0);
    // A stretch many units say (the subject of their documents) points at none of them.
    const common = (stretch: string) => '临港地区'.includes(stretch);
    expect(phraseRun('临港地区有补助吗', unitText, common)).toBe(0);
    expect(phraseRun('临港地区有补助吗', unitText)).toBeGreaterThan(0);
    expect(phraseRun('听说有临港津贴是真的吗', unitText, common)).toBeCloseTo(0.25);
  });
});
