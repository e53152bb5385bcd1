import { describe, expect, it } from 'vitest';
import { evaluateGate, ThresholdsSchema, type GateCase } from '../../src/eval/gate.js';
import { METRIC_KEYS, type Metrics } from '../../src/eval/report-types.js';

const metrics = (over: Partial<Metrics> = {}): Metrics => ({
  ...(Object.fromEntries(METRIC_KEYS.map((k) => [k, 0.9])) as Metrics),
  'abstention.answerableAbstained': 0.02,
  'matching.mustNotViolations': 0,
  'latencyMs.p50': 10,
  'latencyMs.p95': 40,
  ...over,
});
const thresholds = ThresholdsSchema.parse({
  min: { 'citations.precision': 0.9, 'answers.mustIncludeRate': 0.85 },
  max: { 'abstention.answerableAbstained': 0.05, 'matching.mustNotViolations': 0, 'latencyMs.p95': 100 },
});
const c = (id: string, passed: boolean, type: GateCase['type'] = 'answerable', reasons: string[] = []): GateCase => ({ id, type, passed, reasons });

describe('evaluateGate', () => {
  it('passes when every metric meets its bound (bounds are inclusive) and no case regressed', () => {
    const r = evaluateGate({ metrics: metrics({ 'citations.precision': 0.9 }), cases: [c('q1', true)], thresholds, baseline: [c('q1', true)] });
    expect(r).toEqual({ ok: true, failures: [], fixed: [], missing: [] });
  });

  it('fails below a minimum and above a maximum, in Chinese', () => {
    const r = evaluateGate({
      metrics: metrics({ 'citations.precision': 0.8912, 'matching.mustNotViolations': 2, 'latencyMs.p95': 250 }),
      cases: [],
      thresholds,
    });
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => [f.kind, f.key])).toEqual([
      ['below_min', 'citations.precision'],
      ['above_max', 'matching.mustNotViolations'],
      ['above_max', 'latencyMs.p95'],
    ]);
    expect(r.failures[0]!.message).toBe('引用精确率（citations.precision） 为 0.8912，低于门槛 0.9000');
    expect(r.failures[1]!.message).toContain('为 2，高于上限 0');
  });

  it('a thresholded metric that could not be measured fails the gate', () => {
    const r = evaluateGate({ metrics: metrics({ 'answers.mustIncludeRate': null }), cases: [], thresholds });
    expect(r.failures).toEqual([expect.objectContaining({ kind: 'not_measured', key: 'answers.mustIncludeRate' })]);
  });

  it('metrics without a threshold never fail', () => {
    const r = evaluateGate({ metrics: metrics({ 'retrieval.hitAt1': 0 }), cases: [], thresholds });
    expect(r.ok).toBe(true);
  });

  it('fails on a case that passed in the baseline; reports fixed and vanished cases without failing', () => {
    const r = evaluateGate({
      metrics: metrics(),
      thresholds,
      cases: [c('q1', false, 'answerable', ['可回答的问题被拒答']), c('q2', true), c('p1', true, 'profile'), c('q1x', true)],
      baseline: [c('q1', true), c('q2', false), c('p1', true, 'profile'), c('gone', true)],
    });
    expect(r.ok).toBe(false);
    expect(r.failures).toEqual([
      { kind: 'regressed', key: 'q1', message: '用例 q1 在基线中通过，现在失败：可回答的问题被拒答' },
    ]);
    expect(r.fixed).toEqual(['q2']);
    expect(r.missing).toEqual(['gone']);
  });

  it('question and profile ids live in separate namespaces', () => {
    const r = evaluateGate({ metrics: metrics(), thresholds, cases: [c('x1', false, 'profile'), c('x1', true)], baseline: [c('x1', true)] });
    expect(r.ok).toBe(true);
  });

  it('the thresholds schema rejects unknown metric keys', () => {
    expect(ThresholdsSchema.safeParse({ min: { 'citations.precison': 0.9 } }).success).toBe(false);
    expect(ThresholdsSchema.parse({})).toEqual({ min: {}, max: {} });
  });
});
