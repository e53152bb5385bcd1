// Compares two eval reports (pure): metric deltas and cases whose pass/fail flipped.
import { METRIC_KEYS, METRIC_LABELS, type CaseType, type MetricKey, type Metrics } from './report-types.js';
import { formatMetric } from './format.js';

export interface ComparableReport {
  metrics: Metrics;
  cases: Array<{ id: string; type: CaseType; passed: boolean; reasons?: string[] }>;
}

export interface MetricDelta {
  key: MetricKey;
  before: number | null;
  after: number | null;
  /** after − before; null when either side is not measured. */
  delta: number | null;
}

export interface Flip {
  id: string;
  type: CaseType;
  /** Reasons in the report where the case fails. */
  reasons: string[];
}

export interface Comparison {
  deltas: MetricDelta[];
  passToFail: Flip[];
  failToPass: Flip[];
  onlyBefore: string[];
  onlyAfter: string[];
}

const key = (c: { id: string; type: CaseType }) => `${c.type === 'profile' ? 'profile' : 'question'}:${c.id}`;

export function compareReports(before: ComparableReport, after: ComparableReport): Comparison {
  const deltas = METRIC_KEYS.map((k) => {
    const b = before.metrics[k] ?? null;
    const a = after.metrics[k] ?? null;
    return { key: k, before: b, after: a, delta: a === null || b === null ? null : Math.round((a - b) * 1e4) / 1e4 };
  });
  const afterByKey = new Map(after.cases.map((c) => [key(c), c]));
  const beforeKeys = new Set(before.cases.map(key));
  const passToFail: Flip[] = [];
  const failToPass: Flip[] = [];
  const onlyBefore: string[] = [];
  for (const b of before.cases) {
    const a = afterByKey.get(key(b));
    if (!a) onlyBefore.push(b.id);
    else if (b.passed && !a.passed) passToFail.push({ id: a.id, type: a.type, reasons: a.reasons ?? [] });
    else if (!b.passed && a.passed) failToPass.push({ id: a.id, type: a.type, reasons: b.reasons ?? [] });
  }
  const onlyAfter = after.cases.filter((c) => !beforeKeys.has(key(c))).map((c) => c.id);
  return { deltas, passToFail, failToPass, onlyBefore, onlyAfter };
}

/** Higher is better for every metric except these. */
export function lowerIsBetter(k: MetricKey): boolean {
  return k === 'abstention.answerableAbstained' || k === 'matching.mustNotViolations' || k.startsWith('latencyMs.');
}

export function renderComparison(c: Comparison, labels: { before: string; after: string }): string {
  const lines = [
    `# 评测对比`,
    '',
    `A：${labels.before}`,
    `B：${labels.after}`,
    '',
    '| 指标 | A | B | 变化 |',
    '|---|---:|---:|---:|',
  ];
  for (const d of c.deltas) {
    let change = '—';
    if (d.delta !== null && d.delta !== 0) {
      const better = lowerIsBetter(d.key) ? d.delta < 0 : d.delta > 0;
      change = `${d.delta > 0 ? '+' : ''}${formatMetric(d.key, d.delta)} ${better ? '↑好转' : '↓变差'}`;
    } else if (d.delta === 0) change = '0';
    lines.push(`| ${METRIC_LABELS[d.key]} \`${d.key}\` | ${formatMetric(d.key, d.before)} | ${formatMetric(d.key, d.after)} | ${change} |`);
  }
  lines.push('', `## 由通过变为失败（${c.passToFail.length}）`, '');
  if (c.passToFail.length === 0) lines.push('无');
  for (const f of c.passToFail) lines.push(`- ${f.id}（${f.type}）：${f.reasons.join('；') || '—'}`);
  lines.push('', `## 由失败变为通过（${c.failToPass.length}）`, '');
  if (c.failToPass.length === 0) lines.push('无');
  for (const f of c.failToPass) lines.push(`- ${f.id}（${f.type}），原失败原因：${f.reasons.join('；') || '—'}`);
  if (c.onlyBefore.length) lines.push('', `仅在 A 中的用例（${c.onlyBefore.length}）：${c.onlyBefore.join('、')}`);
  if (c.onlyAfter.length) lines.push('', `仅在 B 中的用例（${c.onlyAfter.length}）：${c.onlyAfter.join('、')}`);
  return `${lines.join('\n')}\n`;
}
