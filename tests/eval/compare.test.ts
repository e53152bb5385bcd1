import { describe, expect, it } from 'vitest';
import { compareReports, lowerIsBetter, renderComparison, type ComparableReport } from '../../src/eval/compare.js';
import { METRIC_KEYS, type Metrics } from '../../src/eval/report-types.js';

const metrics = (over: Partial<Metrics>): Metrics => ({ ...(Object.fromEntries(METRIC_KEYS.map((k) => [k, null])) as Metrics), ...over });

const before: ComparableReport = {
  metrics: metrics({ 'citations.precision': 0.9, 'latencyMs.p95': 50, 'matching.recall': 0.8 }),
  cases: [
    { id: 'q1', type: 'answerable', passed: true, reasons: [] },
    { id: 'q2', type: 'answerable', passed: false, reasons: ['可回答的问题被拒答'] },
    { id: 'q3', type: 'unanswerable', passed: true, reasons: [] },
    { id: 'p1', type: 'profile', passed: true, reasons: [] },
    { id: 'old', type: 'answerable', passed: true, reasons: [] },
  ],
};
const after: ComparableReport = {
  metrics: metrics({ 'citations.precision': 0.95, 'latencyMs.p95': 70, 'matching.recall': 0.8, 'retrieval.mrr': 0.5 }),
  cases: [
    { id: 'q1', type: 'answerable', passed: false, reasons: ['回答缺少必含内容：「300万元」'] },
    { id: 'q2', type: 'answerable', passed: true, reasons: [] },
    { id: 'q3', type: 'unanswerable', passed: true, reasons: [] },
    { id: 'p1', type: 'profile', passed: false, reasons: ['漏配期望措施：11'] },
    { id: 'new', type: 'answerable', passed: true, reasons: [] },
  ],
};

describe('compareReports', () => {
  const cmp = compareReports(before, after);

  it('computes deltas, null when either side is unmeasured', () => {
    const d = Object.fromEntries(cmp.deltas.map((x) => [x.key, x.delta]));
    expect(d['citations.precision']).toBe(0.05);
    expect(d['latencyMs.p95']).toBe(20);
    expect(d['matching.recall']).toBe(0);
    expect(d['retrieval.mrr']).toBeNull();
    expect(cmp.deltas).toHaveLength(METRIC_KEYS.length);
  });

  it('lists flips both ways and cases present on one side only', () => {
    expect(cmp.passToFail).toEqual([
      { id: 'q1', type: 'answerable', reasons: ['回答缺少必含内容：「300万元」'] },
      { id: 'p1', type: 'profile', reasons: ['漏配期望措施：11'] },
    ]);
    expect(cmp.failToPass).toEqual([{ id: 'q2', type: 'answerable', reasons: ['可回答的问题被拒答'] }]);
    expect(cmp.onlyBefore).toEqual(['old']);
    expect(cmp.onlyAfter).toEqual(['new']);
  });

  it('knows which direction is better', () => {
    expect(lowerIsBetter('latencyMs.p95')).toBe(true);
    expect(lowerIsBetter('abstention.answerableAbstained')).toBe(true);
    expect(lowerIsBetter('abstention.unanswerableAbstained')).toBe(false);
  });

  it('renders a Markdown table with direction and the flipped cases', () => {
    const text = renderComparison(cmp, { before: 'A/report.json', after: 'B/report.json' });
    expect(text).toContain('| 引用精确率 `citations.precision` | 0.900 | 0.950 | +0.050 ↑好转 |');
    expect(text).toContain('| 延迟 p95（毫秒） `latencyMs.p95` | 50.0 | 70.0 | +20.0 ↓变差 |');
    expect(text).toContain('| 匹配召回率 `matching.recall` | 0.800 | 0.800 | 0 |');
    expect(text).toContain('## 由通过变为失败（2）');
    expect(text).toContain('- q1（answerable）：回答缺少必含内容：「300万元」');
    expect(text).toContain('## 由失败变为通过（1）');
  });

  it('identical reports have no flips', () => {
    const same = compareReports(before, before);
    expect(same.passToFail).toEqual([]);
    expect(same.failToPass).toEqual([]);
    expect(renderComparison(same, { before: 'a', after: 'a' })).toContain('## 由通过变为失败（0）\n\n无');
  });
});
