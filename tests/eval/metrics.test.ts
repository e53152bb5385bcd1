import { describe, expect, it } from 'vitest';
import { computeMetrics, f1, meanOrNull, ratio, summarize } from '../../src/eval/metrics.js';
import { scoreProfileCase, scoreQuestionCase } from '../../src/eval/case-scoring.js';
import { GoldProfileSchema, GoldQuestionSchema } from '../../src/eval/gold.js';
import { METRIC_KEYS } from '../../src/eval/report-types.js';
import { fakeReport } from '../fakes/eval-report.js';
import { chatObservation } from '../fakes/eval-target.js';

const q = (o: object) => GoldQuestionSchema.parse({ id: 'x', question: '问', expected_clauses: [], answerable: true, ...o });
const ok = <T>(value: T, latencyMs = 5) => ({ ok: true as const, value, latencyMs });

describe('helpers', () => {
  it('ratio returns null on a zero denominator', () => {
    expect(ratio(0, 0)).toBeNull();
    expect(ratio(3, 4)).toBe(0.75);
  });
  it('meanOrNull ignores nulls and is null for nothing', () => {
    expect(meanOrNull([])).toBeNull();
    expect(meanOrNull([null, null])).toBeNull();
    expect(meanOrNull([1, null, 0])).toBe(0.5);
  });
  it('f1 handles zeros and missing sides', () => {
    expect(f1(0, 0)).toBe(0);
    expect(f1(null, 1)).toBeNull();
    expect(f1(1, 0.5)).toBeCloseTo(2 / 3, 10);
  });
});

describe('computeMetrics', () => {
  it('has exactly the documented keys', async () => {
    const m = computeMetrics((await fakeReport()).cases);
    expect(Object.keys(m).sort()).toEqual([...METRIC_KEYS].sort());
  });

  it('matches hand-computed values on the fake run', async () => {
    // See tests/fakes/eval-report.ts: q1 pass, q2 cites forbidden 5, q3 throws, q4 abstains,
    // q5 answers an unanswerable question, q6 cites 15 of 15+16; p1 TP 2, p2 TP 1 FN 1 violation 1.
    const m = computeMetrics((await fakeReport()).cases);
    expect(m).toEqual({
      'retrieval.hitAt1': 0.5, // q1 1, q2 0, q3 0, q6 1
      'retrieval.recallAt5': 0.75,
      'retrieval.mrr': 0.625, // (1 + 1/2 + 0 + 1) / 4
      'citations.precision': 0.75, // TP 3 (11, 39, 15), FP 1 (5)
      'citations.recall': 0.6, // FN 2 (q3's 29, q6's 16)
      'answers.mustIncludeRate': 0.75,
      'abstention.unanswerableAbstained': 0.5,
      'abstention.answerableAbstained': 0,
      'matching.recall': 0.75, // TP 3, FN 1
      'matching.precision': 0.75, // TP 3, must_not returned 1
      'matching.f1': 0.75,
      'matching.mustNotViolations': 1,
      'latencyMs.p50': 10,
      'latencyMs.p95': 10,
    });
  });

  it('is all null for no cases (no division by zero)', () => {
    const m = computeMetrics([]);
    for (const k of METRIC_KEYS) expect(m[k]).toBeNull();
    expect(summarize([]).questions.total).toBe(0);
  });

  it('skips retrieval and citation metrics when no case has gold refs', () => {
    const m = computeMetrics([
      scoreQuestionCase(q({ id: 'u', answerable: false }), ok(chatObservation({ abstained: true }))),
    ]);
    expect(m['retrieval.hitAt1']).toBeNull();
    expect(m['citations.precision']).toBeNull();
    expect(m['citations.recall']).toBeNull();
    expect(m['answers.mustIncludeRate']).toBeNull();
    expect(m['abstention.answerableAbstained']).toBeNull();
    expect(m['abstention.unanswerableAbstained']).toBe(1);
    expect(m['latencyMs.p50']).toBe(5);
  });

  it('all abstained: citation metrics are unmeasured, abstention says so', () => {
    const cases = ['a', 'b'].map((id) =>
      scoreQuestionCase(q({ id, expected_clauses: ['11'], must_include: ['300万元'] }), ok(chatObservation({ abstained: true, answer: '没有找到' }))),
    );
    const m = computeMetrics(cases);
    expect(m['abstention.answerableAbstained']).toBe(1);
    expect(m['citations.precision']).toBeNull(); // no non-abstained answerable case
    expect(m['citations.recall']).toBeNull();
    expect(m['answers.mustIncludeRate']).toBe(0);
    expect(m['retrieval.hitAt1']).toBe(0);
  });

  it('citation precision is unmeasured when answers cite nothing, recall is 0', () => {
    const m = computeMetrics([scoreQuestionCase(q({ expected_clauses: ['11'] }), ok(chatObservation({ answer: '有' })))]);
    expect(m['citations.precision']).toBeNull();
    expect(m['citations.recall']).toBe(0);
  });

  it('matching with no expected refs and nothing returned: recall/precision unmeasured, 0 violations', () => {
    const gold = GoldProfileSchema.parse({ id: 'p', description: '杭州的软件公司', expected_clauses: [], must_not: ['11'] });
    const m = computeMetrics([scoreProfileCase(gold, ok({ measures: [{ ref: '11', status: 'not_eligible' as const }] }))]);
    expect(m['matching.recall']).toBeNull();
    expect(m['matching.precision']).toBeNull();
    expect(m['matching.f1']).toBeNull();
    expect(m['matching.mustNotViolations']).toBe(0);
    expect(m['latencyMs.p50']).toBeNull(); // latency covers chat turns only
  });

  it('latency percentiles use nearest rank over successful chat turns', () => {
    const cases = [10, 20, 30, 40, 1000].map((ms, i) =>
      scoreQuestionCase(q({ id: `l${i}`, answerable: false }), ok(chatObservation({ abstained: true }), ms)),
    );
    cases.push(scoreQuestionCase(q({ id: 'err', answerable: false }), { ok: false, error: 'boom', latencyMs: 99999 }));
    const m = computeMetrics(cases);
    expect(m['latencyMs.p50']).toBe(30);
    expect(m['latencyMs.p95']).toBe(1000);
  });

  it('summarize counts passes, failures and errors', async () => {
    expect((await fakeReport()).summary).toEqual({
      questions: { total: 6, answerable: 4, unanswerable: 2, passed: 3, failed: 3, errors: 1 },
      profiles: { total: 2, passed: 1, failed: 1, errors: 0 },
    });
  });
});
