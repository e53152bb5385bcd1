// Matching a company profile against annotated clauses (pure): which measures apply, why
// (each reason tied to a quote), what is still unknown, and roughly how much. Internal clauses
// (budgets, targets) are never returned. Follow-up questions are ranked by how many open
// measures they would help decide.
import { unitLabel } from '../corpus/labels.js';
import type { PolicyUnit } from '../domain/types.js';
import type { Actionability, Annotation, AnnotationFile, Benefit, LeafCondition } from './annotation-schema.js';
import { deriveFacts, type Facts } from './derive-facts.js';
import { estimateBenefit, type Estimate } from './estimates.js';
import { evaluateCondition, type Evaluation, type FailedLeaf } from './evaluate-condition.js';
import type { CompanyProfile, ProfileField } from './profile.js';

export type MatchStatus = 'eligible' | 'possible' | 'not_eligible';

export interface MissingFact {
  field: ProfileField;
  question: string;
}

export interface MatchedMeasure {
  ref: string;
  key: string;
  label: string;
  title: string;
  status: MatchStatus;
  actionability: Exclude<Actionability, 'internal'>;
  audience: string;
  /** Chinese reasons, each citing the clause text it rests on. */
  reasons: string[];
  missing: MissingFact[];
  failed?: { description: string; quote: string; assumed: boolean };
  benefits: Array<{ text: string; quote: string; conditional: boolean }>;
  /** The main estimate, when the clause fixes a formula; `estimates` holds all of them. */
  estimate?: Estimate;
  estimates: Estimate[];
  /** Verbatim quotes from this clause used above. */
  quotes: string[];
  responsibleUnits: string[];
  value: number;
}

export interface FollowUpQuestion extends MissingFact {
  /** status: the answer decides whether measures apply; estimate: it only sharpens an amount. */
  purpose: 'status' | 'estimate';
  /** Number of open (possible) measures that wait on this fact (0 for estimate questions). */
  decides: number;
  refs: string[];
}

export interface MatchResult {
  measures: MatchedMeasure[];
  questions: FollowUpQuestion[];
  notices: string[];
}

type UnitLike = Pick<PolicyUnit, 'ref' | 'kind' | 'number' | 'title' | 'units'> & { key?: string; label?: string; docId?: string };

export interface MatchOptions {
  profile: CompanyProfile;
  annotations: AnnotationFile;
  units: readonly UnitLike[];
}

const STATUS_RANK: Record<MatchStatus, number> = { eligible: 0, possible: 1, not_eligible: 2 };
const ACTION_RANK: Record<string, number> = { apply: 0, automatic: 1, indirect: 2 };

function combine(doc: Evaluation, clause: Evaluation): Evaluation {
  if (doc.value === 'false') return doc;
  if (clause.value === 'false') return clause;
  return {
    value: doc.value === 'unknown' || clause.value === 'unknown' ? 'unknown' : 'true',
    satisfied: clause.satisfied,
    missing: [...doc.missing, ...clause.missing],
    failed: [],
  };
}

function dedupeMissing(leaves: LeafCondition[]): MissingFact[] {
  const seen = new Map<string, MissingFact>();
  for (const l of leaves) if (!seen.has(l.question)) seen.set(l.question, { field: l.field, question: l.question });
  return [...seen.values()];
}

function describeFailure(f: FailedLeaf): NonNullable<MatchedMeasure['failed']> {
  const description = f.assumed ? `${f.leaf.description}（未提及，按不具备处理）` : `不满足：${f.leaf.description}`;
  return { description, quote: f.leaf.quote, assumed: f.assumed };
}

function applicableBenefits(a: Annotation, facts: Facts): Array<Benefit & { conditional: boolean }> {
  const all = [a.benefit, ...(a.additionalBenefits ?? [])].filter((b): b is Benefit => b !== undefined);
  const out: Array<Benefit & { conditional: boolean }> = [];
  for (const b of all) {
    const when = b.when ? evaluateCondition(b.when, facts).value : 'true';
    if (when !== 'false') out.push({ ...b, conditional: when === 'unknown' });
  }
  return out;
}

function estimateSortValue(m: MatchedMeasure): number {
  const e = m.estimate;
  return e?.amount ?? e?.max ?? e?.min ?? 0;
}

function matchOne(a: Annotation, unit: UnitLike | undefined, facts: Facts, doc: Evaluation): MatchedMeasure {
  const ev = combine(doc, evaluateCondition(a.conditions!, facts));
  const status: MatchStatus = ev.value === 'true' ? 'eligible' : ev.value === 'unknown' ? 'possible' : 'not_eligible';
  const benefits = status === 'not_eligible' ? [] : applicableBenefits(a, facts);
  const estimates = benefits.filter((b) => b.formula).map((b) => estimateBenefit(b.formula!, facts.profile));
  const reasons = [
    ...ev.satisfied.map((l) => `符合“${l.description}”——原文：“${l.quote}”`),
    ...benefits.map((b) => `${b.conditional ? '可能可享受' : '可享受'}：${b.text}——原文：“${b.quote}”`),
  ];
  const quotes = [...new Set([...ev.satisfied.map((l) => l.quote), ...benefits.map((b) => b.quote)])];
  const failed = ev.failed[0];
  const label = unit?.label ?? (unit ? unitLabel(unit) : `第${a.ref}条`);
  return {
    // Measures name their clause by its key "<docId>:<ref>", like citations.
    ref: unit?.key ?? a.ref,
    key: unit?.key ?? a.ref,
    label,
    title: unit?.title ?? '',
    status,
    actionability: a.actionability as MatchedMeasure['actionability'],
    audience: a.audience.text,
    reasons,
    missing: status === 'possible' ? dedupeMissing(ev.missing) : [],
    ...(failed && status === 'not_eligible' ? { failed: describeFailure(failed) } : {}),
    benefits: benefits.map((b) => ({ text: b.text, quote: b.quote, conditional: b.conditional })),
    ...(estimates[0] ? { estimate: estimates[0] } : {}),
    estimates,
    quotes,
    responsibleUnits: unit?.units ?? [],
    value: a.value,
  };
}

function rankMeasures(measures: MatchedMeasure[]): MatchedMeasure[] {
  return [...measures].sort(
    (x, y) =>
      STATUS_RANK[x.status] - STATUS_RANK[y.status] ||
      y.value - x.value ||
      estimateSortValue(y) - estimateSortValue(x) ||
      x.missing.length - y.missing.length ||
      (ACTION_RANK[x.actionability] ?? 9) - (ACTION_RANK[y.actionability] ?? 9) ||
      Number(x.ref) - Number(y.ref),
  );
}

/**
 * Follow-up questions: first those that decide open measures, most deciding first (ties: more
 * valuable measures); then inputs that would sharpen an estimate, most valuable measure first.
 */
export function rankQuestions(measures: readonly MatchedMeasure[]): FollowUpQuestion[] {
  const byQuestion = new Map<string, FollowUpQuestion & { weight: number }>();
  for (const m of measures) {
    if (m.status !== 'possible') continue;
    for (const f of m.missing) {
      const q = byQuestion.get(f.question) ?? { ...f, purpose: 'status' as const, decides: 0, refs: [], weight: 0 };
      q.decides += 1;
      q.refs.push(m.ref);
      q.weight += m.value / m.missing.length;
      byQuestion.set(f.question, q);
    }
  }
  const status = [...byQuestion.values()].sort((a, b) => b.decides - a.decides || b.weight - a.weight);
  const estimate: Array<FollowUpQuestion & { weight: number }> = [];
  for (const m of measures) {
    if (m.status === 'not_eligible') continue;
    for (const f of m.estimates.flatMap((e) => e.missing)) {
      if (byQuestion.has(f.question)) continue;
      const q = { ...f, purpose: 'estimate' as const, decides: 0, refs: [m.ref], weight: m.value };
      byQuestion.set(f.question, q);
      estimate.push(q);
    }
  }
  estimate.sort((a, b) => b.weight - a.weight);
  return [...status, ...estimate].map(({ weight: _weight, ...q }) => q);
}

export function matchMeasures({ profile, annotations, units }: MatchOptions): MatchResult {
  const facts = deriveFacts(profile);
  const doc = evaluateCondition(annotations.documentConditions.condition, facts);
  const ownUnits = units.filter((u) => u.docId === undefined || u.docId === annotations.docId);
  const unitByRef = new Map(ownUnits.map((u) => [u.ref, u]));
  const measures = annotations.annotations
    .filter((a) => a.actionability !== 'internal' && a.conditions)
    .map((a) => matchOne(a, unitByRef.get(a.ref), facts, doc));
  const ranked = rankMeasures(measures);
  return { measures: ranked, questions: rankQuestions(ranked), notices: annotations.notices.map((n) => n.text) };
}
