// Matching facts against the rules of every applicable document (pure): which measures apply,
// why (each reason tied to a quote), what is still unknown, and roughly how much. A document
// applies when its jurisdiction contains the company's region (national ones everywhere);
// measures of documents not in force on the as-of date come after the current ones with
// inForce:false. A rule nobody has reviewed never makes a measure 符合: it is 待核实. Internal
// rules (budgets, targets) are never returned.
import { unitLabel } from '../corpus/labels.js';
import type { DocumentMeta, PolicyUnit, ValidityPeriod } from '../domain/types.js';
import { evaluateCondition, type EvaluationContext, type Evaluation, type FailedLeaf, type Facts, type LeafCondition } from '../rules/condition.js';
import type { FactRegistry } from '../rules/fact-registry.js';
import { evaluateFormula, type Estimate } from '../rules/formula.js';
import type { Actionability, Benefit, Rule, RuleFile } from '../rules/rule-schema.js';
import { containsNormalized } from '../text/canonical.js';
import { deriveFacts } from './derive-facts.js';

export type { Estimate } from '../rules/formula.js';
export type MatchStatus = 'eligible' | 'possible' | 'not_eligible';

export interface MissingFact {
  field: string;
  question: string;
}

export interface MatchedMeasure {
  /** The unit key "<docId>:<ref>". */
  ref: string;
  key: string;
  docId?: string;
  docTitle?: string;
  /** 文号, null when the document has none. */
  docNumber?: string | null;
  label: string;
  title: string;
  status: MatchStatus;
  /** 符合 / 可能符合 / 待核实 / 不符合. */
  statusLabel?: string;
  /** Whether staff reviewed the rule; false shows as 待核实. */
  reviewed?: boolean;
  /** In force on the as-of date (the unit's own period for the sentences it governs). */
  inForce?: boolean;
  /** Shown when not in force: 已到期：仅供追溯申报参考, 尚未施行. */
  validityLabel?: string;
  period?: ValidityPeriod | null;
  actionability: Exclude<Actionability, 'internal'>;
  audience: string;
  reasons: string[];
  missing: MissingFact[];
  failed?: { description: string; quote: string; assumed: boolean; fact?: string; op?: string };
  benefits: Array<{ text: string; quote: string; conditional: boolean; inForce?: boolean }>;
  estimate?: Estimate;
  estimates: Estimate[];
  quotes: string[];
  responsibleUnits: string[];
  value: number;
}

export interface FollowUpQuestion extends MissingFact {
  purpose: 'status' | 'estimate';
  decides: number;
  refs: string[];
}

export interface MatchResult {
  measures: MatchedMeasure[];
  questions: FollowUpQuestion[];
  notices: string[];
}

export type UnitLike = Pick<PolicyUnit, 'ref' | 'kind' | 'number' | 'title' | 'units' | 'text'> & { key?: string; label?: string; docId?: string };

export interface RuleSet {
  file: RuleFile;
  doc: Pick<DocumentMeta, 'id' | 'title' | 'docNumber' | 'regionCode' | 'level' | 'validity' | 'unitValidity'>;
}

export interface MatchOptions {
  facts: Facts;
  ruleSets: readonly RuleSet[];
  units: readonly UnitLike[];
  registry: FactRegistry;
  /** The company's region (6-digit code); null or undefined: nationwide, every document applies. */
  regionCode?: string | null;
  /** ISO date the match is for. */
  asOf: string;
  contains: (ancestorCode: string, code: string) => boolean;
  /** Only the measures of these unit keys ("<docId>:<ref>") are evaluated and returned. */
  keys?: readonly string[];
}

export const EXPIRED_LABEL = '已到期：仅供追溯申报参考';
export const NOT_YET_LABEL = '尚未施行';
const STATUS_RANK: Record<MatchStatus, number> = { eligible: 0, possible: 1, not_eligible: 2 };
const ACTION_RANK: Record<string, number> = { apply: 0, automatic: 1, indirect: 2 };

/** A document applies where its jurisdiction contains the region; national documents everywhere. */
export function documentApplies(doc: RuleSet['doc'], regionCode: string | null | undefined, contains: MatchOptions['contains']): boolean {
  if (!regionCode || regionCode === '000000') return true;
  if (doc.level === 'national' || doc.regionCode === '000000') return true;
  return doc.regionCode ? contains(doc.regionCode, regionCode) : false;
}

function inPeriod(p: ValidityPeriod | null | undefined, asOf: string): 'in' | 'before' | 'after' {
  if (!p) return 'in';
  if (asOf < p.from) return 'before';
  if (asOf > p.to) return 'after';
  return 'in';
}

/** The period of one benefit: the unit's own period governs only the sentence that states it. */
function benefitPeriod(unitText: string | undefined, quote: string, doc: RuleSet['doc'], ref: string): ValidityPeriod | null {
  const own = doc.unitValidity?.[ref];
  if (own && unitText) {
    const sentence = unitText.split(/[。；\n]/).find((s) => containsNormalized(s, own.quote));
    if (sentence && containsNormalized(sentence, quote)) return { from: own.from, to: own.to };
  }
  return doc.validity ?? null;
}

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

function describeFailure(f: FailedLeaf): NonNullable<MatchedMeasure['failed']> {
  const description = f.assumed ? `${f.leaf.description}（未提及，按不具备处理）` : `不满足：${f.leaf.description}`;
  return { description, quote: f.leaf.quote, assumed: f.assumed, fact: f.leaf.fact, op: f.leaf.op };
}

function statusLabel(status: MatchStatus, reviewed: boolean): string {
  if (status === 'not_eligible') return '不符合';
  if (!reviewed) return '待核实';
  return status === 'eligible' ? '符合' : '可能符合';
}

interface Ctx {
  ev: EvaluationContext;
  registry: FactRegistry;
  asOf: string;
}

function matchOne(rule: Rule, set: RuleSet, unit: UnitLike | undefined, ctx: Ctx, docEval: Evaluation): MatchedMeasure {
  const ev = combine(docEval, evaluateCondition(rule.conditions!, ctx.ev));
  let status: MatchStatus = ev.value === 'true' ? 'eligible' : ev.value === 'unknown' ? 'possible' : 'not_eligible';
  // A draft can say a measure may apply, never that it does.
  if (!rule.reviewed && status === 'eligible') status = 'possible';
  const question = (l: LeafCondition) => l.question ?? ctx.registry.question(l.fact);
  const benefits = status === 'not_eligible' ? [] : applicableBenefits(rule, ctx);
  const periods = benefits.map((b) => benefitPeriod(unit?.text, b.quote, set.doc, rule.ref));
  const states = periods.map((p) => inPeriod(p, ctx.asOf));
  const docState = inPeriod(set.doc.validity, ctx.asOf);
  const inForce = states.length ? states.some((s) => s === 'in') : docState === 'in';
  const worst = states.find((s) => s !== 'in') ?? docState;
  const estimates = benefits.filter((b) => b.formula).map((b) => ({ ...evaluateFormula(b.formula!, { facts: ctx.ev.facts, question: (id) => ctx.registry.question(id) }), quote: b.quote }));
  const reasons = [
    ...ev.satisfied.map((l) => `符合“${l.description}”——原文：“${l.quote}”`),
    ...benefits.map((b) => `${b.conditional ? '可能可享受' : '可享受'}：${b.text}——原文：“${b.quote}”`),
  ];
  const missing = new Map<string, MissingFact>();
  if (status === 'possible') for (const l of ev.missing) if (!missing.has(question(l))) missing.set(question(l), { field: l.fact, question: question(l) });
  const failed = ev.failed[0];
  const key = unit?.key ?? `${set.file.docId}:${rule.ref}`;
  return {
    ref: key,
    key,
    docId: set.file.docId,
    docTitle: set.doc.title,
    docNumber: set.doc.docNumber ?? null,
    label: unit?.label ?? (unit ? unitLabel(unit) : rule.ref),
    title: unit?.title ?? '',
    status,
    statusLabel: statusLabel(status, rule.reviewed),
    reviewed: rule.reviewed,
    inForce,
    ...(inForce ? {} : { validityLabel: worst === 'before' ? NOT_YET_LABEL : EXPIRED_LABEL }),
    period: periods.find((p, i) => states[i] === 'in') ?? periods[0] ?? set.doc.validity ?? null,
    actionability: rule.actionability as MatchedMeasure['actionability'],
    audience: rule.audience.text,
    reasons,
    missing: [...missing.values()],
    ...(failed && status === 'not_eligible' ? { failed: describeFailure(failed) } : {}),
    benefits: benefits.map((b, i) => ({ text: b.text, quote: b.quote, conditional: b.conditional, inForce: states[i] === 'in' })),
    ...(estimates[0] ? { estimate: estimates[0] } : {}),
    estimates,
    quotes: [...new Set([...ev.satisfied.map((l) => l.quote), ...benefits.map((b) => b.quote)])],
    responsibleUnits: unit?.units ?? [],
    value: rule.value,
  };
}

function applicableBenefits(rule: Rule, ctx: Ctx): Array<Benefit & { conditional: boolean }> {
  const out: Array<Benefit & { conditional: boolean }> = [];
  for (const b of rule.benefits) {
    const when = b.when ? evaluateCondition(b.when, ctx.ev).value : 'true';
    if (when !== 'false') out.push({ ...b, conditional: when === 'unknown' });
  }
  return out;
}

const estimateSortValue = (m: MatchedMeasure) => m.estimate?.amount ?? m.estimate?.max ?? m.estimate?.min ?? 0;

function rankMeasures(measures: MatchedMeasure[]): MatchedMeasure[] {
  return [...measures].sort(
    (x, y) =>
      Number(y.inForce !== false) - Number(x.inForce !== false) ||
      STATUS_RANK[x.status] - STATUS_RANK[y.status] ||
      Number(y.reviewed !== false) - Number(x.reviewed !== false) ||
      y.value - x.value ||
      estimateSortValue(y) - estimateSortValue(x) ||
      x.missing.length - y.missing.length ||
      (ACTION_RANK[x.actionability] ?? 9) - (ACTION_RANK[y.actionability] ?? 9) ||
      x.key.localeCompare(y.key, 'en', { numeric: true }),
  );
}

/**
 * Follow-up questions: first those that decide open measures, most deciding first (ties: more
 * valuable measures); then inputs that would sharpen an estimate, most valuable measure first.
 */
export function rankQuestions(measures: readonly MatchedMeasure[]): FollowUpQuestion[] {
  const byQuestion = new Map<string, FollowUpQuestion & { weight: number; firm: number }>();
  for (const m of measures) {
    if (m.status !== 'possible') continue;
    for (const f of m.missing) {
      const q = byQuestion.get(f.question) ?? { ...f, purpose: 'status' as const, decides: 0, refs: [], weight: 0, firm: 0 };
      q.decides += 1;
      // Reviewed measures in force decide first; drafts and expired documents only break ties.
      if (m.reviewed !== false && m.inForce !== false) q.firm += 1;
      q.refs.push(m.ref);
      q.weight += m.value / m.missing.length;
      byQuestion.set(f.question, q);
    }
  }
  const status = [...byQuestion.values()].sort((a, b) => b.firm - a.firm || b.decides - a.decides || b.weight - a.weight);
  const estimate: Array<FollowUpQuestion & { weight: number; firm: number }> = [];
  for (const m of measures) {
    if (m.status === 'not_eligible') continue;
    for (const f of m.estimates.flatMap((e) => e.missing)) {
      if (byQuestion.has(f.question)) continue;
      const q = { ...f, purpose: 'estimate' as const, decides: 0, refs: [m.ref], weight: m.value, firm: 0 };
      byQuestion.set(f.question, q);
      estimate.push(q);
    }
  }
  estimate.sort((a, b) => b.weight - a.weight);
  return [...status, ...estimate].map(({ weight: _weight, firm: _firm, ...q }) => q);
}

/** Units by key, built once per units array (a match must not cost a pass over a large corpus). */
const unitMaps = new WeakMap<readonly UnitLike[], Map<string, UnitLike>>();
function unitMapOf(units: readonly UnitLike[]): Map<string, UnitLike> {
  let m = unitMaps.get(units);
  if (!m) unitMaps.set(units, (m = new Map(units.map((u) => [u.key ?? `${u.docId}:${u.ref}`, u]))));
  return m;
}

export function matchMeasures({ facts: input, ruleSets, units, registry, regionCode, asOf, contains, keys }: MatchOptions): MatchResult {
  const { facts, bounds } = deriveFacts(input);
  const lacks: Record<string, readonly unknown[]> = {};
  for (const [fact, lacking] of Object.entries(registry.lacks)) lacks[fact] = (facts[lacking] as unknown[] | undefined) ?? [];
  const ctx: Ctx = { ev: { facts, bounds, lacks, contains, asOf }, registry, asOf };
  const unitByKey = unitMapOf(units);
  const only = keys ? new Set(keys) : undefined;
  const onlyDocs = keys ? new Set(keys.map((k) => k.slice(0, k.lastIndexOf(':')))) : undefined;
  const measures: MatchedMeasure[] = [];
  const notices: string[] = [];
  for (const set of ruleSets) {
    if (onlyDocs && !onlyDocs.has(set.file.docId)) continue;
    if (!documentApplies(set.doc, regionCode, contains)) continue;
    const docEval: Evaluation = set.file.documentConditions
      ? evaluateCondition(set.file.documentConditions.condition, ctx.ev)
      : { value: 'true', satisfied: [], missing: [], failed: [] };
    notices.push(...set.file.notices.map((n) => n.text));
    for (const rule of set.file.rules) {
      if (rule.actionability === 'internal' || !rule.conditions) continue;
      if (only && !only.has(`${set.file.docId}:${rule.ref}`)) continue;
      measures.push(matchOne(rule, set, unitByKey.get(`${set.file.docId}:${rule.ref}`), ctx, docEval));
    }
  }
  const ranked = rankMeasures(measures);
  return { measures: ranked, questions: rankQuestions(ranked), notices };
}
