// Aggregate metrics over scored cases (pure). Exact definitions: evals/README.md.
// A metric is null when its denominator is empty (nothing to measure), never a made-up 0 or 1.
import type { CaseResult, Metrics, ProfileCaseResult, QuestionCaseResult, RunSummary } from './report-types.js';
import { percentile } from './retrieval-metrics.js';

/** a / b, or null when b is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Mean of the non-null values, or null when there are none. */
export function meanOrNull(xs: Array<number | null>): number | null {
  const vs = xs.filter((x): x is number => x !== null);
  return vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0) / vs.length;
}

/** Harmonic mean of precision and recall; null when either is null, 0 when both are 0. */
export function f1(precision: number | null, recall: number | null): number | null {
  if (precision === null || recall === null) return null;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

function round(x: number | null, digits: number): number | null {
  if (x === null) return null;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const isQuestion = (c: CaseResult): c is QuestionCaseResult => c.type !== 'profile';
const isProfile = (c: CaseResult): c is ProfileCaseResult => c.type === 'profile';

export function citationCounts(cases: QuestionCaseResult[]): { tp: number; fp: number; fn: number; cases: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let n = 0;
  for (const c of cases) {
    if (c.type !== 'answerable' || c.output?.abstained) continue;
    n++;
    tp += c.scores.citedCorrect.length;
    fp += c.scores.citedWrong.length;
    fn += c.scores.missed.length;
  }
  return { tp, fp, fn, cases: n };
}

export function matchingCounts(cases: ProfileCaseResult[]): { tp: number; fn: number; violations: number } {
  let tp = 0;
  let fn = 0;
  let violations = 0;
  for (const c of cases) {
    tp += c.scores.truePositives.length;
    fn += c.scores.falseNegatives.length;
    violations += c.scores.violations.length;
  }
  return { tp, fn, violations };
}

export function computeMetrics(cases: CaseResult[]): Metrics {
  const questions = cases.filter(isQuestion);
  const answerable = questions.filter((c) => c.type === 'answerable');
  const unanswerable = questions.filter((c) => c.type === 'unanswerable');
  const profiles = cases.filter(isProfile);

  const cites = citationCounts(questions);
  const withMustInclude = answerable.filter((c) => c.input.mustInclude.length > 0);
  const match = matchingCounts(profiles);
  const matchPrecision = ratio(match.tp, match.tp + match.violations);
  const matchRecall = ratio(match.tp, match.tp + match.fn);
  const latencies = questions.filter((c) => c.error === undefined && c.latencyMs !== null).map((c) => c.latencyMs!);

  return {
    'retrieval.hitAt1': round(meanOrNull(answerable.map((c) => c.scores.hitAt1)), 4),
    'retrieval.recallAt5': round(meanOrNull(answerable.map((c) => c.scores.recallAt5)), 4),
    'retrieval.mrr': round(meanOrNull(answerable.map((c) => c.scores.reciprocalRank)), 4),
    'citations.precision': round(ratio(cites.tp, cites.tp + cites.fp), 4),
    'citations.recall': round(ratio(cites.tp, cites.tp + cites.fn), 4),
    'answers.mustIncludeRate': round(ratio(withMustInclude.filter((c) => c.scores.mustIncludeOk).length, withMustInclude.length), 4),
    'abstention.unanswerableAbstained': round(ratio(unanswerable.filter((c) => c.output?.abstained).length, unanswerable.length), 4),
    'abstention.answerableAbstained': round(ratio(answerable.filter((c) => c.output?.abstained).length, answerable.length), 4),
    'matching.recall': round(matchRecall, 4),
    'matching.precision': round(matchPrecision, 4),
    'matching.f1': round(f1(matchPrecision, matchRecall), 4),
    'matching.mustNotViolations': profiles.length === 0 ? null : match.violations,
    'latencyMs.p50': latencies.length === 0 ? null : round(percentile(latencies, 50), 1),
    'latencyMs.p95': latencies.length === 0 ? null : round(percentile(latencies, 95), 1),
  };
}

export function summarize(cases: CaseResult[]): RunSummary {
  const questions = cases.filter(isQuestion);
  const profiles = cases.filter(isProfile);
  const count = (xs: CaseResult[], p: (c: CaseResult) => boolean) => xs.filter(p).length;
  return {
    questions: {
      total: questions.length,
      answerable: count(questions, (c) => c.type === 'answerable'),
      unanswerable: count(questions, (c) => c.type === 'unanswerable'),
      passed: count(questions, (c) => c.passed),
      failed: count(questions, (c) => !c.passed),
      errors: count(questions, (c) => c.error !== undefined),
    },
    profiles: {
      total: profiles.length,
      passed: count(profiles, (c) => c.passed),
      failed: count(profiles, (c) => !c.passed),
      errors: count(profiles, (c) => c.error !== undefined),
    },
  };
}
