// A small eval report built from a fake run, shared by report tests and the e2e page test.
import { GoldProfileSchema, GoldQuestionSchema, type GoldProfile, type GoldQuestion } from '../../src/eval/gold.js';
import type { EvalReport, RunMeta } from '../../src/eval/report-types.js';
import { buildReport, runEval } from '../../src/eval/run-eval.js';
import { createFakeTarget } from './eval-target.js';

export const FAKE_QUESTIONS: GoldQuestion[] = [
  { id: 'q1', question: '研发费用有补助吗', expected_clauses: ['11'], must_include: ['300万元'], answerable: true },
  { id: 'q2', question: '集卡走高速有优惠吗', expected_clauses: ['39'], must_include: ['六五折'], answerable: true, must_not_cite: ['5'] },
  {
    id: 'q3',
    question: '那找哪个部门？',
    expected_clauses: ['29'],
    must_include: ['市发展改革委'],
    answerable: true,
    history: [
      { role: 'user', content: '服务业小升规有奖励吗' },
      { role: 'assistant', content: '有，5万元。' },
    ],
  },
  { id: 'q4', question: '杭州的研发补助是多少', expected_clauses: [], must_include: [], answerable: false },
  { id: 'q5', question: '<script>alert(1)</script>今天天气如何', expected_clauses: [], must_include: [], answerable: false },
  { id: 'q6', question: '首台套保险补偿多少', expected_clauses: ['15', '16'], must_include: ['80%'], answerable: true },
].map((q) => GoldQuestionSchema.parse(q));

export const FAKE_PROFILES: GoldProfile[] = [
  { id: 'p1', description: '瑞安规上制造企业，去年研发费用500万元', expected_clauses: ['11', '19'], must_not: ['50'] },
  { id: 'p2', description: '平阳种粮大户，120亩水田', expected_clauses: ['48', '50'], must_not: ['11'] },
].map((p) => GoldProfileSchema.parse(p));

export function fakeTarget() {
  return createFakeTarget(
    {
      '研发费用有补助吗': { answer: '按存量3%、增量8%给予最高300万元补助。〔第11条〕', cites: ['11'], retrieves: ['11', '19'] },
      '集卡走高速有优惠吗': { answer: '集卡通行费六五折。<b>注意</b>', cites: ['39', '5'], retrieves: ['5', '39'] },
      '那找哪个部门？': { throws: '连接被拒绝' },
      '杭州的研发补助是多少': { abstained: true, answer: '本库只收录温州市的文件。' },
      '<script>alert(1)</script>今天天气如何': { answer: '<script>alert("xss")</script>晴', cites: ['1'] },
      '首台套保险补偿多少': { answer: '按保费的80%给予补偿。', cites: ['15'], retrieves: ['15', '16', '30'] },
    },
    {
      '瑞安规上制造企业，去年研发费用500万元': { returns: { '11': 'eligible', '19': 'possible', '25': 'possible', '50': 'not_eligible' } },
      '平阳种粮大户，120亩水田': { returns: { '48': 'eligible', '11': 'possible' } },
    },
  );
}

export const FAKE_META: RunMeta = {
  date: '2025-03-01T08:00:00.000Z',
  gitCommit: 'abc1234',
  gitDirty: false,
  durationMs: 1234,
  options: {
    questions: 'fake-questions.jsonl',
    profiles: 'fake-profiles.jsonl',
    retriever: 'hybrid',
    answerer: 'offline',
    endpoint: null,
    defaultDocId: 'wzzb-2024-11',
  },
  node: 'v20.0.0',
};

/** Deterministic: latency comes from a clock that advances 10 ms per reading. */
export async function fakeReport(): Promise<EvalReport> {
  let t = 0;
  const cases = await runEval({
    target: fakeTarget(),
    questions: FAKE_QUESTIONS,
    profiles: FAKE_PROFILES,
    defaultDocId: 'wzzb-2024-11',
    clock: () => (t += 10),
  });
  return buildReport(cases, FAKE_META, ['用例 q9 的 expected_clauses 含语料中不存在的条款：99']);
}
