import { describe, expect, it } from 'vitest';
import { buildReport, runEval, slimReport, unknownRefWarnings } from '../../src/eval/run-eval.js';
import { inProcessTarget } from '../../src/eval/targets.js';
import { FAKE_META, FAKE_PROFILES, FAKE_QUESTIONS, fakeReport, fakeTarget } from '../fakes/eval-report.js';
import { createFakeServices } from '../fakes/eval-target.js';

describe('runEval', () => {
  it('runs every case in order, passes history, and reports progress', async () => {
    const target = fakeTarget();
    const progress: string[] = [];
    const cases = await runEval({
      target,
      questions: FAKE_QUESTIONS,
      profiles: FAKE_PROFILES,
      onProgress: (d, t, s) => progress.push(`${s} ${d}/${t}`),
    });
    expect(cases.map((c) => c.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'p1', 'p2']);
    expect(target.chatCalls[2]).toEqual({ message: '那找哪个部门？', history: FAKE_QUESTIONS[2]!.history });
    expect(target.chatCalls[0]).toEqual({ message: '研发费用有补助吗' });
    expect(target.matchCalls[0]).toEqual({ description: '瑞安规上制造企业，去年研发费用500万元' });
    expect(progress[0]).toBe('问答用例 0/8');
    expect(progress.at(-1)).toBe('画像用例 8/8');
  });

  it('never stops at a throwing case', async () => {
    const cases = await runEval({ target: fakeTarget(), questions: FAKE_QUESTIONS });
    expect(cases).toHaveLength(FAKE_QUESTIONS.length);
    expect(cases.find((c) => c.id === 'q3')).toMatchObject({ passed: false, error: '连接被拒绝' });
  });

  it('works through inProcessTarget over services shaped like AppServices', async () => {
    const services = createFakeServices(fakeTarget(), ['11', '19']);
    const target = inProcessTarget(services);
    const cases = await runEval({ target, questions: FAKE_QUESTIONS.slice(0, 1), profiles: FAKE_PROFILES.slice(0, 1) });
    expect(cases.map((c) => c.passed)).toEqual([true, true]);
    expect(target.knownRefs?.()).toEqual(['11', '19']);
  });

  it('in process without a match service, profiles fail with a clear error', async () => {
    const { match: _match, ...noMatch } = createFakeServices(fakeTarget());
    const cases = await runEval({ target: inProcessTarget(noMatch), profiles: FAKE_PROFILES.slice(0, 1) });
    expect(cases[0]!.reasons[0]).toContain('没有提供匹配服务');
  });
});

describe('unknownRefWarnings', () => {
  it('names gold refs that the corpus does not hold, qualified or not', () => {
    const w = unknownRefWarnings(FAKE_QUESTIONS, FAKE_PROFILES, ['wzzb-2024-11:11', '39', '29', '15', '16', '19', '48', '50'], 'wzzb-2024-11');
    expect(w).toEqual(['用例 q2 的 must_not_cite 含语料中不存在的条款：5']);
  });
});

describe('report assembly', () => {
  it('buildReport carries metrics, summary, cases and warnings', async () => {
    const r = await fakeReport();
    expect(r.schemaVersion).toBe(1);
    expect(r.meta).toEqual(FAKE_META);
    expect(r.warnings).toHaveLength(1);
    expect(buildReport([], FAKE_META).metrics['citations.recall']).toBeNull();
  });

  it('slimReport keeps per-case pass/fail, reasons and refs only', async () => {
    const slim = slimReport(await fakeReport());
    expect(slim.slim).toBe(true);
    expect(slim.cases[1]).toEqual({ id: 'q2', type: 'answerable', passed: false, reasons: ['引用了不应引用的条款：wzzb-2024-11:5'], refs: ['wzzb-2024-11:39', 'wzzb-2024-11:5'] });
    expect(slim.cases[6]).toEqual({ id: 'p1', type: 'profile', passed: true, reasons: [], refs: ['wzzb-2024-11:11', 'wzzb-2024-11:19', 'wzzb-2024-11:25'] });
    expect(JSON.stringify(slim)).not.toContain('300万元补助');
  });
});
