// Shapes of an eval run: per-case results, the flat metrics record and report.json.

/** Every metric in report.json, flat dotted keys, in display order. */
export const METRIC_KEYS = [
  'retrieval.hitAt1',
  'retrieval.recallAt5',
  'retrieval.mrr',
  'citations.precision',
  'citations.recall',
  'answers.mustIncludeRate',
  'abstention.unanswerableAbstained',
  'abstention.answerableAbstained',
  'matching.recall',
  'matching.precision',
  'matching.f1',
  'matching.mustNotViolations',
  'latencyMs.p50',
  'latencyMs.p95',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** null means "not measurable on this run" (no case in the denominator). */
export type Metrics = Record<MetricKey, number | null>;

export type MetricUnit = 'ratio' | 'count' | 'ms';
export function metricUnit(key: MetricKey): MetricUnit {
  if (key.startsWith('latencyMs.')) return 'ms';
  if (key === 'matching.mustNotViolations') return 'count';
  return 'ratio';
}

/** Chinese display names. */
export const METRIC_LABELS: Record<MetricKey, string> = {
  'retrieval.hitAt1': '检索 hit@1',
  'retrieval.recallAt5': '检索 recall@5',
  'retrieval.mrr': '检索 MRR',
  'citations.precision': '引用精确率',
  'citations.recall': '引用召回率',
  'answers.mustIncludeRate': '必含内容命中率',
  'abstention.unanswerableAbstained': '不可回答问题的拒答率',
  'abstention.answerableAbstained': '可回答问题的误拒率',
  'matching.recall': '匹配召回率',
  'matching.precision': '匹配精确率',
  'matching.f1': '匹配 F1',
  'matching.mustNotViolations': '误配（must_not）次数',
  'latencyMs.p50': '延迟 p50（毫秒）',
  'latencyMs.p95': '延迟 p95（毫秒）',
};

export type CaseType = 'answerable' | 'unanswerable' | 'profile';

interface CaseBase {
  id: string;
  type: CaseType;
  passed: boolean;
  /** Why the case failed (Chinese); empty when it passed. */
  reasons: string[];
  /** Imperfections that do not fail the case (Chinese). */
  warnings: string[];
  /** Set when calling the build threw; the case then counts as failed. */
  error?: string;
  latencyMs: number | null;
}

export interface QuestionCaseResult extends CaseBase {
  type: 'answerable' | 'unanswerable';
  input: {
    question: string;
    history: Array<{ role: 'user' | 'assistant'; content: string }>;
    expected: string[];
    mustInclude: string[];
    mustNotCite: string[];
  };
  output: {
    answer: string;
    abstained: boolean;
    cited: string[];
    retrieved: string[];
    mode: string;
    resolvedQuestion: string;
    droppedCitations: number;
  } | null;
  scores: {
    /** null when the case has no gold refs (or is unanswerable). */
    hitAt1: number | null;
    recallAt5: number | null;
    reciprocalRank: number | null;
    citedCorrect: string[];
    citedWrong: string[];
    citedForbidden: string[];
    missed: string[];
    mustIncludeMissing: string[];
    /** null for unanswerable cases. */
    mustIncludeOk: boolean | null;
  };
}

export type MatchStatus = 'eligible' | 'possible' | 'not_eligible';

export interface ProfileCaseResult extends CaseBase {
  type: 'profile';
  input: { description?: string; profile?: Record<string, unknown>; expected: string[]; mustNot: string[] };
  output: { returned: string[]; statuses: Record<string, MatchStatus> } | null;
  scores: {
    truePositives: string[];
    falseNegatives: string[];
    /** must_not refs returned as eligible or possible. */
    violations: string[];
    /** Returned refs in neither list (not scored). */
    unjudged: string[];
  };
}

export type CaseResult = QuestionCaseResult | ProfileCaseResult;

export interface RunMeta {
  date: string;
  gitCommit: string | null;
  gitDirty: boolean | null;
  durationMs: number;
  options: {
    questions: string | null;
    profiles: string | null;
    retriever: string;
    answerer: string;
    endpoint: string | null;
    defaultDocId: string;
  };
  node: string;
}

export interface RunSummary {
  questions: { total: number; answerable: number; unanswerable: number; passed: number; failed: number; errors: number };
  profiles: { total: number; passed: number; failed: number; errors: number };
}

export interface EvalReport {
  schemaVersion: 1;
  meta: RunMeta;
  metrics: Metrics;
  summary: RunSummary;
  cases: CaseResult[];
  /** Gold-file warnings (refs unknown to the corpus etc.). */
  warnings: string[];
  /** True for the trimmed copy committed as the baseline (answers and retrieval lists dropped). */
  slim?: boolean;
}
