// The CI regression gate (pure): metrics vs thresholds, and cases that passed in the baseline.
import { z } from 'zod';
import { METRIC_KEYS, METRIC_LABELS, type CaseType, type MetricKey, type Metrics } from './report-types.js';

const metricKey = z.enum(METRIC_KEYS);
const bounds = z.partialRecord(metricKey, z.number());

export const ThresholdsSchema = z.strictObject({
  /** Free text: where the numbers came from. */
  note: z.string().optional(),
  min: bounds.default({}),
  max: bounds.default({}),
});
export type Thresholds = z.infer<typeof ThresholdsSchema>;

export interface GateCase {
  id: string;
  type: CaseType;
  passed: boolean;
  reasons?: string[];
}

export interface GateInput {
  metrics: Metrics;
  cases: GateCase[];
  thresholds: Thresholds;
  /** Cases of the committed baseline; omit to skip the per-case check. */
  baseline?: GateCase[];
}

export interface GateFailure {
  kind: 'below_min' | 'above_max' | 'not_measured' | 'regressed';
  key: string;
  message: string;
}

export interface GateResult {
  ok: boolean;
  failures: GateFailure[];
  /** Baseline failures that now pass (good news, printed but never failing). */
  fixed: string[];
  /** Baseline cases that no longer exist in the gold set. */
  missing: string[];
}

const caseKey = (c: { id: string; type: CaseType }) => `${c.type === 'profile' ? 'profile' : 'question'}:${c.id}`;

function fmt(key: MetricKey, v: number): string {
  return key.startsWith('latencyMs.') || key === 'matching.mustNotViolations' ? String(v) : v.toFixed(4);
}

export function evaluateGate({ metrics, cases, thresholds, baseline }: GateInput): GateResult {
  const failures: GateFailure[] = [];
  for (const key of METRIC_KEYS) {
    const min = thresholds.min[key];
    const max = thresholds.max[key];
    if (min === undefined && max === undefined) continue;
    const value = metrics[key];
    const label = `${METRIC_LABELS[key]}（${key}）`;
    if (value === null) {
      failures.push({ kind: 'not_measured', key, message: `${label} 无法计算（本次运行没有可计入的用例），但设有门槛` });
      continue;
    }
    if (min !== undefined && value < min) {
      failures.push({ kind: 'below_min', key, message: `${label} 为 ${fmt(key, value)}，低于门槛 ${fmt(key, min)}` });
    }
    if (max !== undefined && value > max) {
      failures.push({ kind: 'above_max', key, message: `${label} 为 ${fmt(key, value)}，高于上限 ${fmt(key, max)}` });
    }
  }

  const fixed: string[] = [];
  const missing: string[] = [];
  if (baseline) {
    const now = new Map(cases.map((c) => [caseKey(c), c]));
    for (const b of baseline) {
      const c = now.get(caseKey(b));
      if (!c) {
        missing.push(b.id);
        continue;
      }
      if (b.passed && !c.passed) {
        const why = c.reasons?.length ? `：${c.reasons.join('；')}` : '';
        failures.push({ kind: 'regressed', key: b.id, message: `用例 ${b.id} 在基线中通过，现在失败${why}` });
      } else if (!b.passed && c.passed) {
        fixed.push(b.id);
      }
    }
  }
  return { ok: failures.length === 0, failures, fixed, missing };
}
