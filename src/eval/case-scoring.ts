// Scores one gold case against what the build returned and decides pass/fail (pure).
// Definitions are documented in evals/README.md; keep the two in step.
import { containsNormalized } from '../text/canonical.js';
import type { GoldProfile, GoldQuestion } from './gold.js';
import { canonicalRefs } from './refs.js';
import { hitAt1, recallAtK, reciprocalRank } from './retrieval-metrics.js';
import type { MatchStatus, ProfileCaseResult, QuestionCaseResult } from './report-types.js';

/** What the eval needs from a chat response (a subset of ChatResponse). */
export interface ChatObservation {
  answer: string;
  abstained: boolean;
  citations: Array<{ ref: string }>;
  retrieved: Array<{ ref: string }>;
  mode: string;
  resolvedQuestion: string;
  droppedCitations: unknown[];
}

/** What the eval needs from a match response (a subset of MatchResult). */
export interface MatchObservation {
  measures: Array<{ ref: string; status: MatchStatus }>;
}

/** Either the build's answer or the error it threw. */
export type Outcome<T> = { ok: true; value: T; latencyMs: number } | { ok: false; error: string; latencyMs: number };

const list = (refs: string[]) => refs.join('、');
const quoteAll = (xs: string[]) => xs.map((x) => `「${x}」`).join('、');

export function scoreQuestionCase(gold: GoldQuestion, outcome: Outcome<ChatObservation>, defaultDocId?: string): QuestionCaseResult {
  const expected = canonicalRefs(gold.expected_clauses, defaultDocId);
  const forbidden = canonicalRefs(gold.must_not_cite ?? [], defaultDocId);
  const obs = outcome.ok ? outcome.value : null;
  const cited = canonicalRefs(obs?.citations.map((c) => c.ref) ?? [], defaultDocId);
  const retrieved = canonicalRefs(obs?.retrieved.map((r) => r.ref) ?? [], defaultDocId);
  const answer = obs?.answer ?? '';
  const abstained = obs?.abstained ?? false;

  const citedForbidden = cited.filter((r) => forbidden.includes(r));
  const citedCorrect = cited.filter((r) => expected.includes(r) && !forbidden.includes(r));
  const citedWrong = cited.filter((r) => !citedCorrect.includes(r));
  const missed = expected.filter((r) => !cited.includes(r));
  const mustIncludeMissing = gold.must_include.filter((s) => !containsNormalized(answer, s));
  const ranked = gold.answerable && expected.length > 0;

  const reasons: string[] = [];
  const warnings: string[] = [];
  if (!outcome.ok) reasons.push(`运行出错：${outcome.error}`);
  else if (gold.answerable) {
    if (abstained) reasons.push('可回答的问题被拒答');
    if (obs && !abstained && expected.length > 0 && citedCorrect.length === 0) {
      reasons.push(`未引用任何期望条款（期望 ${list(expected)}）`);
    } else if (obs && !abstained && missed.length > 0) {
      warnings.push(`漏引期望条款：${list(missed)}`);
    }
    if (mustIncludeMissing.length > 0) reasons.push(`回答缺少必含内容：${quoteAll(mustIncludeMissing)}`);
    const extra = citedWrong.filter((r) => !forbidden.includes(r));
    if (extra.length > 0) warnings.push(`引用了期望之外的条款：${list(extra)}`);
    if (ranked && obs && recallAtK(retrieved, expected, 5) < 1) {
      warnings.push(`检索前 5 未包含：${list(expected.filter((r) => !retrieved.slice(0, 5).includes(r)))}`);
    }
  } else if (!abstained) {
    reasons.push('不可回答的问题没有拒答');
  }
  if (citedForbidden.length > 0) reasons.push(`引用了不应引用的条款：${list(citedForbidden)}`);

  return {
    id: gold.id,
    type: gold.answerable ? 'answerable' : 'unanswerable',
    passed: reasons.length === 0,
    reasons,
    warnings,
    ...(outcome.ok ? {} : { error: outcome.error }),
    latencyMs: outcome.ok ? Math.round(outcome.latencyMs * 10) / 10 : null,
    input: {
      question: gold.question,
      history: gold.history ?? [],
      expected,
      mustInclude: gold.must_include,
      mustNotCite: forbidden,
    },
    output: obs && {
      answer,
      abstained,
      cited,
      retrieved,
      mode: obs.mode,
      resolvedQuestion: obs.resolvedQuestion,
      droppedCitations: obs.droppedCitations.length,
    },
    scores: {
      hitAt1: ranked ? hitAt1(retrieved, expected) : null,
      recallAt5: ranked ? recallAtK(retrieved, expected, 5) : null,
      reciprocalRank: ranked ? reciprocalRank(retrieved, expected) : null,
      citedCorrect,
      citedWrong,
      citedForbidden,
      missed,
      mustIncludeMissing,
      mustIncludeOk: gold.answerable ? mustIncludeMissing.length === 0 : null,
    },
  };
}

/** A measure counts as returned when its status is eligible or possible. */
export function isReturned(status: MatchStatus): boolean {
  return status === 'eligible' || status === 'possible';
}

const STATUS_RANK: Record<MatchStatus, number> = { not_eligible: 0, possible: 1, eligible: 2 };

export function scoreProfileCase(gold: GoldProfile, outcome: Outcome<MatchObservation>, defaultDocId?: string): ProfileCaseResult {
  const expected = canonicalRefs(gold.expected_clauses, defaultDocId);
  const mustNot = canonicalRefs(gold.must_not, defaultDocId);
  const statuses: Record<string, MatchStatus> = {};
  for (const m of outcome.ok ? outcome.value.measures : []) {
    const ref = canonicalRefs([m.ref], defaultDocId)[0]!;
    const previous = statuses[ref];
    // A ref listed twice keeps its most favourable status.
    if (previous === undefined || STATUS_RANK[m.status] > STATUS_RANK[previous]) statuses[ref] = m.status;
  }
  const returned = Object.keys(statuses).filter((r) => isReturned(statuses[r]!));
  const truePositives = expected.filter((r) => returned.includes(r));
  const falseNegatives = expected.filter((r) => !returned.includes(r));
  const violations = mustNot.filter((r) => returned.includes(r));
  const unjudged = returned.filter((r) => !expected.includes(r) && !mustNot.includes(r));

  const reasons: string[] = [];
  if (!outcome.ok) reasons.push(`运行出错：${outcome.error}`);
  else if (falseNegatives.length > 0) reasons.push(`漏配期望措施：${list(falseNegatives)}`);
  if (violations.length > 0) reasons.push(`误配了不适用的措施（must_not）：${list(violations)}`);

  return {
    id: gold.id,
    type: 'profile',
    passed: reasons.length === 0,
    reasons,
    warnings: [],
    ...(outcome.ok ? {} : { error: outcome.error }),
    latencyMs: outcome.ok ? Math.round(outcome.latencyMs * 10) / 10 : null,
    input: {
      ...(gold.description !== undefined ? { description: gold.description } : {}),
      ...(gold.profile !== undefined ? { profile: gold.profile } : {}),
      expected,
      mustNot,
    },
    output: outcome.ok ? { returned, statuses } : null,
    scores: { truePositives, falseNegatives, violations, unjudged },
  };
}
