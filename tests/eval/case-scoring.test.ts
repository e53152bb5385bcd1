import { describe, expect, it } from 'vitest';
import { isReturned, scoreProfileCase, scoreQuestionCase } from '../../src/eval/case-scoring.js';
import { GoldProfileSchema, GoldQuestionSchema } from '../../src/eval/gold.js';
import { canonicalRef, canonicalRefs } from '../../src/eval/refs.js';
import { chatObservation } from '../fakes/eval-target.js';

const DOC = 'wzzb-2024-11';
const gold = (o: object) =>
  GoldQuestionSchema.parse({ id: 'c', question: '问', expected_clauses: ['11'], must_include: ['300万元'], answerable: true, ...o });
const ok = <T>(value: T) => ({ ok: true as const, value, latencyMs: 12.345 });

describe('refs', () => {
  it('treats "11" and "<default doc>:11" as the same ref: the qualified key, other documents untouched', () => {
    expect(canonicalRef(`${DOC}:11`, DOC)).toBe(`${DOC}:11`);
    expect(canonicalRef('11', DOC)).toBe(`${DOC}:11`);
    expect(canonicalRef('other-doc:11', DOC)).toBe('other-doc:11');
    expect(canonicalRef(`${DOC}:11`)).toBe(`${DOC}:11`);
    expect(canonicalRefs(['11', `${DOC}:11`, 's2'], DOC)).toEqual([`${DOC}:11`, `${DOC}:s2`]);
  });
});

describe('scoreQuestionCase', () => {
  it('passes a correct, cited answer; must_include ignores spacing and width', () => {
    const r = scoreQuestionCase(gold({}), ok(chatObservation({ answer: '最高３００ 万元补助', cites: [`${DOC}:11`] })), DOC);
    expect(r.passed).toBe(true);
    expect(r.reasons).toEqual([]);
    expect(r.output?.cited).toEqual([`${DOC}:11`]);
    expect(r.latencyMs).toBe(12.3);
    expect(r.scores).toMatchObject({ hitAt1: 1, recallAt5: 1, reciprocalRank: 1, citedCorrect: [`${DOC}:11`], mustIncludeOk: true });
  });

  it('fails on wrong abstention, missing facts and forbidden citations, with Chinese reasons', () => {
    const abstained = scoreQuestionCase(gold({}), ok(chatObservation({ abstained: true, answer: '没找到' })));
    expect(abstained.passed).toBe(false);
    expect(abstained.reasons).toEqual(['可回答的问题被拒答', '回答缺少必含内容：「300万元」']);

    const forbidden = scoreQuestionCase(
      gold({ must_not_cite: ['29'] }),
      ok(chatObservation({ answer: '300万元', cites: ['11', '29'] })),
    );
    expect(forbidden.reasons).toEqual(['引用了不应引用的条款：29']);
    expect(forbidden.scores.citedWrong).toEqual(['29']);
    expect(forbidden.scores.citedForbidden).toEqual(['29']);
  });

  it('fails when no expected ref is cited; a partial multi-clause citation and extras are warnings', () => {
    const none = scoreQuestionCase(gold({}), ok(chatObservation({ answer: '300万元', cites: ['19'] })));
    expect(none.reasons).toEqual(['未引用任何期望条款（期望 11）']);

    const partial = scoreQuestionCase(
      gold({ expected_clauses: ['15', '16'], must_include: [] }),
      ok(chatObservation({ answer: '有', cites: ['15', '30'], retrieves: ['15', '30', '1', '2', '3', '16'] })),
    );
    expect(partial.passed).toBe(true);
    expect(partial.warnings).toEqual(['漏引期望条款：16', '引用了期望之外的条款：30', '检索前 5 未包含：16']);
    expect(partial.scores.recallAt5).toBe(0.5);
  });

  it('unanswerable: passes only when abstaining', () => {
    const u = gold({ answerable: false, expected_clauses: [], must_include: [] });
    expect(scoreQuestionCase(u, ok(chatObservation({ abstained: true }))).passed).toBe(true);
    const answered = scoreQuestionCase(u, ok(chatObservation({ answer: '有', cites: ['1'] })));
    expect(answered.reasons).toEqual(['不可回答的问题没有拒答']);
    expect(answered.type).toBe('unanswerable');
    expect(answered.scores.hitAt1).toBeNull();
    expect(answered.scores.mustIncludeOk).toBeNull();
  });

  it('a thrown error fails the case with the error only and empty output', () => {
    const r = scoreQuestionCase(gold({}), { ok: false, error: 'ECONNREFUSED', latencyMs: 3 });
    expect(r.passed).toBe(false);
    expect(r.reasons).toEqual(['运行出错：ECONNREFUSED']);
    expect(r.error).toBe('ECONNREFUSED');
    expect(r.output).toBeNull();
    expect(r.latencyMs).toBeNull();
    expect(r.scores.missed).toEqual(['11']);
    expect(r.scores.hitAt1).toBe(0);
  });
});

describe('scoreProfileCase', () => {
  const p = GoldProfileSchema.parse({ id: 'p', description: '企业', expected_clauses: ['11', '19'], must_not: ['50'] });

  it('eligible and possible count as returned', () => {
    expect(isReturned('eligible')).toBe(true);
    expect(isReturned('possible')).toBe(true);
    expect(isReturned('not_eligible')).toBe(false);
  });

  it('scores true positives, misses, violations and unjudged refs', () => {
    const r = scoreProfileCase(
      p,
      ok({
        measures: [
          { ref: '11', status: 'possible' as const },
          { ref: '19', status: 'not_eligible' as const },
          { ref: '50', status: 'eligible' as const },
          { ref: '25', status: 'possible' as const },
        ],
      }),
    );
    expect(r.scores).toEqual({ truePositives: ['11'], falseNegatives: ['19'], violations: ['50'], unjudged: ['25'] });
    expect(r.reasons).toEqual(['漏配期望措施：19', '误配了不适用的措施（must_not）：50']);
  });

  it('a ref listed twice keeps its most favourable status', () => {
    const r = scoreProfileCase(
      p,
      ok({
        measures: [
          { ref: '11', status: 'eligible' as const },
          { ref: '11', status: 'not_eligible' as const },
          { ref: '19', status: 'not_eligible' as const },
          { ref: '19', status: 'possible' as const },
        ],
      }),
    );
    expect(r.output?.statuses).toEqual({ '11': 'eligible', '19': 'possible' });
    expect(r.passed).toBe(true);
  });

  it('an error fails the profile and counts every expected ref as missed', () => {
    const r = scoreProfileCase(p, { ok: false, error: 'HTTP 500：内部错误', latencyMs: 1 });
    expect(r.reasons).toEqual(['运行出错：HTTP 500：内部错误']);
    expect(r.scores.falseNegatives).toEqual(['11', '19']);
  });
});
