// Scores matching on gold profiles from several regions (pure): recall and precision of the
// expected measures (returned = eligible or possible), must_not violations, and measures
// returned from documents whose jurisdiction does not contain the profile's region (must be 0).
import { z } from 'zod';

export const RegionProfileSchema = z.strictObject({
  id: z.string().min(1),
  /** The company's region as labelled (name or code). */
  region: z.string().min(1),
  description: z.string().min(1),
  expected_clauses: z.array(z.string()),
  must_not: z.array(z.string()).default([]),
  note: z.string().optional(),
});
export type RegionProfile = z.infer<typeof RegionProfileSchema>;

export interface ObservedMeasure {
  ref: string;
  docId?: string;
  status: string;
  inForce?: boolean;
}

export interface RegionCaseResult {
  id: string;
  region: string;
  missed: string[];
  violations: string[];
  foreign: string[];
  returned: number;
}

export interface RegionEvalSummary {
  profiles: number;
  regions: number;
  expected: number;
  truePositives: number;
  recall: number | null;
  /** tp / (tp + must_not violations). */
  precision: number | null;
  mustNotViolations: number;
  /** Measures from documents whose jurisdiction does not contain the profile's region. */
  foreignMeasures: number;
  /** Returned measures per profile (eligible or possible), on average. */
  returnedPerProfile: number;
  cases: RegionCaseResult[];
}

export function scoreRegionCase(
  gold: RegionProfile,
  measures: readonly ObservedMeasure[],
  applies: (docId: string) => boolean,
): RegionCaseResult {
  const returned = measures.filter((m) => m.status === 'eligible' || m.status === 'possible');
  const refs = new Set(returned.map((m) => m.ref));
  return {
    id: gold.id,
    region: gold.region,
    missed: gold.expected_clauses.filter((r) => !refs.has(r)),
    violations: gold.must_not.filter((r) => refs.has(r)),
    foreign: returned.filter((m) => !applies(m.docId ?? m.ref.split(':')[0]!)).map((m) => m.ref),
    returned: returned.length,
  };
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function summarize(gold: readonly RegionProfile[], cases: RegionCaseResult[]): RegionEvalSummary {
  const expected = gold.reduce((n, g) => n + g.expected_clauses.length, 0);
  const missed = cases.reduce((n, c) => n + c.missed.length, 0);
  const tp = expected - missed;
  const violations = cases.reduce((n, c) => n + c.violations.length, 0);
  return {
    profiles: gold.length,
    regions: new Set(gold.map((g) => g.region)).size,
    expected,
    truePositives: tp,
    recall: ratio(tp, expected),
    precision: ratio(tp, tp + violations),
    mustNotViolations: violations,
    foreignMeasures: cases.reduce((n, c) => n + c.foreign.length, 0),
    returnedPerProfile: Math.round((cases.reduce((n, c) => n + c.returned, 0) / Math.max(1, cases.length)) * 10) / 10,
    cases,
  };
}

export function formatRegionSummary(s: RegionEvalSummary): string {
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const lines = [
    `| 画像 | 地区 | 期望措施 | 召回率 | 精确率 | must_not 误配 | 非适用辖区措施 | 平均返回措施 |`,
    `|---:|---:|---:|---:|---:|---:|---:|---:|`,
    `| ${s.profiles} | ${s.regions} | ${s.expected} | ${f(s.recall)} | ${f(s.precision)} | ${s.mustNotViolations} | ${s.foreignMeasures} | ${s.returnedPerProfile} |`,
  ];
  const bad = s.cases.filter((c) => c.missed.length || c.violations.length || c.foreign.length);
  for (const c of bad) {
    lines.push(`- ${c.id}（${c.region}）${c.missed.length ? ` 漏配：${c.missed.join('、')}` : ''}${c.violations.length ? ` 误配：${c.violations.join('、')}` : ''}${c.foreign.length ? ` 非适用辖区：${c.foreign.join('、')}` : ''}`);
  }
  return lines.join('\n');
}
