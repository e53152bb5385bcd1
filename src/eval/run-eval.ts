// Runs gold cases against an EvalTarget, one at a time, and assembles the report. A case that
// throws is recorded as failed with its error; the run always finishes. Clock is injectable.
import type { GoldProfile, GoldQuestion } from './gold.js';
import { scoreProfileCase, scoreQuestionCase, type Outcome } from './case-scoring.js';
import { computeMetrics, summarize } from './metrics.js';
import { canonicalRef } from './refs.js';
import type { CaseResult, EvalReport, RunMeta } from './report-types.js';
import type { EvalTarget } from './targets.js';

export interface RunEvalOptions {
  target: EvalTarget;
  questions?: GoldQuestion[];
  profiles?: GoldProfile[];
  defaultDocId?: string;
  /** Milliseconds, monotonic. */
  clock?: () => number;
  onProgress?: (done: number, total: number, stage: string) => void;
}

async function timed<T>(fn: () => Promise<T>, clock: () => number): Promise<Outcome<T>> {
  const t0 = clock();
  try {
    const value = await fn();
    return { ok: true, value, latencyMs: clock() - t0 };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: message || '未知错误', latencyMs: clock() - t0 };
  }
}

export async function runEval({
  target,
  questions = [],
  profiles = [],
  defaultDocId,
  clock = () => performance.now(),
  onProgress = () => {},
}: RunEvalOptions): Promise<CaseResult[]> {
  const cases: CaseResult[] = [];
  const total = questions.length + profiles.length;
  let done = 0;
  onProgress(0, total, '问答用例');
  for (const q of questions) {
    const outcome = await timed(
      () => target.chat({ message: q.question, ...(q.history?.length ? { history: q.history } : {}) }),
      clock,
    );
    cases.push(scoreQuestionCase(q, outcome, defaultDocId));
    onProgress(++done, total, '问答用例');
  }
  for (const p of profiles) {
    const outcome = await timed(
      () =>
        target.match({
          ...(p.description !== undefined ? { description: p.description } : {}),
          ...(p.profile !== undefined ? { profile: p.profile } : {}),
        }),
      clock,
    );
    cases.push(scoreProfileCase(p, outcome, defaultDocId));
    onProgress(++done, total, '画像用例');
  }
  return cases;
}

/** Gold refs the build's corpus does not hold (pure). */
export function unknownRefWarnings(
  questions: GoldQuestion[],
  profiles: GoldProfile[],
  knownRefs: string[],
  defaultDocId?: string,
): string[] {
  const known = new Set(knownRefs.map((r) => canonicalRef(r, defaultDocId)));
  const warnings: string[] = [];
  const check = (id: string, field: string, refs: string[]) => {
    const bad = refs.filter((r) => !known.has(canonicalRef(r, defaultDocId)));
    if (bad.length) warnings.push(`用例 ${id} 的 ${field} 含语料中不存在的条款：${bad.join('、')}`);
  };
  for (const q of questions) {
    check(q.id, 'expected_clauses', q.expected_clauses);
    check(q.id, 'must_not_cite', q.must_not_cite ?? []);
  }
  for (const p of profiles) {
    check(p.id, 'expected_clauses', p.expected_clauses);
    check(p.id, 'must_not', p.must_not);
  }
  return warnings;
}

export function buildReport(cases: CaseResult[], meta: RunMeta, warnings: string[] = []): EvalReport {
  return { schemaVersion: 1, meta, metrics: computeMetrics(cases), summary: summarize(cases), warnings, cases };
}

/** Baseline copy: pass/fail, reasons and refs only (answers and retrieval lists dropped). */
export interface SlimCase {
  id: string;
  type: CaseResult['type'];
  passed: boolean;
  reasons: string[];
  /** Cited refs (questions) or returned refs (profiles). */
  refs: string[];
}

export type SlimReport = Omit<EvalReport, 'cases'> & { slim: true; cases: SlimCase[] };

export function slimReport(report: EvalReport): SlimReport {
  return {
    ...report,
    slim: true,
    cases: report.cases.map((c) => ({
      id: c.id,
      type: c.type,
      passed: c.passed,
      reasons: c.reasons,
      refs: c.type === 'profile' ? (c.output?.returned ?? []) : (c.output?.cited ?? []),
    })),
  };
}
