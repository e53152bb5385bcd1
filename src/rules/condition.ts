// Conditions of eligibility rules, as data (corpus/rules/<docId>.rules.json), and their
// three-valued evaluation over facts (pure).
//
// A condition is a leaf `{fact, op, value, description, question?, quote}` or `{all}`, `{any}`,
// `{not}`. Every leaf quotes the clause text it rests on. true/false when the facts decide,
// unknown when a fact is missing; an evaluation also says which leaves held (reasons), which are
// missing (questions) and which failed. A leaf may say how to treat an unknown fact: rare
// distinctions are assumed absent unless the profile makes them plausible.
import { z } from 'zod';

export const OPS = [
  'eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'truthy', 'falsy', 'includesAny',
  /** A region fact (6-digit code) lies within `value` (a code); '000000' contains everything. */
  'within',
  /** A date fact lies at most / at least `value` months before the as-of date. */
  'monthsSinceLte', 'monthsSinceGte',
] as const;
export type Op = (typeof OPS)[number];

export type Facts = Record<string, unknown>;

/** A plausibility test used only to decide how to treat an unknown fact (no quote needed). */
export interface Prior {
  fact: string;
  op: Op;
  value?: unknown;
  unknown?: UnknownPolicy;
}

/** When the leaf's fact is unknown: assume it false unless one of `unlessAny` is true or unknown. */
export interface UnknownPolicy {
  assume: false;
  unlessAny?: Prior[];
}

export interface LeafCondition {
  fact: string;
  op: Op;
  value?: unknown;
  description: string;
  /** The question to ask when the fact is unknown; the fact registry's question otherwise. */
  question?: string;
  quote: string;
  unknown?: UnknownPolicy;
}

export type Condition =
  | LeafCondition
  | { all: Condition[]; description?: string }
  | { any: Condition[]; description?: string }
  | { not: Condition; description?: string };

const PriorSchema: z.ZodType<Prior> = z.lazy(() =>
  z.strictObject({ fact: z.string().min(1), op: z.enum(OPS), value: z.unknown().optional(), unknown: UnknownPolicySchema.optional() }),
);
const UnknownPolicySchema: z.ZodType<UnknownPolicy> = z.lazy(() =>
  z.strictObject({ assume: z.literal(false), unlessAny: z.array(PriorSchema).optional() }),
);

export const LeafSchema = z.strictObject({
  fact: z.string().min(1),
  op: z.enum(OPS),
  value: z.unknown().optional(),
  description: z.string().min(1),
  question: z.string().min(1).optional(),
  quote: z.string().min(1),
  unknown: UnknownPolicySchema.optional(),
});

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafSchema,
    // An empty `all` always holds (a drafted rule whose clause states no condition).
    z.strictObject({ all: z.array(ConditionSchema), description: z.string().optional() }),
    z.strictObject({ any: z.array(ConditionSchema).min(1), description: z.string().optional() }),
    z.strictObject({ not: ConditionSchema, description: z.string().optional() }),
  ]),
);

export function isLeaf(c: Condition): c is LeafCondition {
  return 'fact' in c;
}

/** Every leaf of a condition tree, for quote checks and question lists. */
export function leavesOf(c: Condition | undefined): LeafCondition[] {
  if (!c) return [];
  if (isLeaf(c)) return [c];
  if ('not' in c) return leavesOf(c.not);
  return ('all' in c ? c.all : c.any).flatMap(leavesOf);
}

/** Fact ids a condition (and its priors) reads. */
export function factsOf(c: Condition | undefined): string[] {
  const out = new Set<string>();
  const prior = (p: Prior) => {
    out.add(p.fact);
    p.unknown?.unlessAny?.forEach(prior);
  };
  for (const l of leavesOf(c)) {
    out.add(l.fact);
    l.unknown?.unlessAny?.forEach(prior);
  }
  return [...out];
}

export type Truth = 'true' | 'false' | 'unknown';

export interface FailedLeaf {
  leaf: LeafCondition;
  /** True when the fact was not stated and was assumed absent by the leaf's unknown policy. */
  assumed: boolean;
}

export interface Evaluation {
  value: Truth;
  satisfied: LeafCondition[];
  missing: LeafCondition[];
  failed: FailedLeaf[];
}

export interface Bounds {
  min?: number;
  max?: number;
}

export interface EvaluationContext {
  facts: Facts;
  /** Known ranges for numeric facts whose exact value is unknown (规上 ⇒ revenue ≥ 2000万元). */
  bounds?: Record<string, Bounds>;
  /** Facts whose list is open-world: only `lacks<Fact>` rules a value out (qualifications). */
  lacks?: Record<string, readonly unknown[]>;
  /** Region containment from the division table (injected; pure here). */
  contains?: (ancestorCode: string, code: string) => boolean;
  /** The as-of date, ISO (YYYY-MM-DD). */
  asOf?: string;
}

function monthsBetween(fromIso: string, toIso: string): number | null {
  const a = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(fromIso);
  const b = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(toIso);
  if (!a || !b) return null;
  const months = (Number(b[1]) - Number(a[1])) * 12 + (Number(b[2]) - Number(a[2]));
  return months - (Number(b[3] ?? 1) < Number(a[3] ?? 1) ? 1 : 0);
}

function compare(op: Op, actual: unknown, expected: unknown, ctx: EvaluationContext): boolean {
  switch (op) {
    case 'eq': return actual === expected;
    case 'neq': return actual !== expected;
    case 'in': return Array.isArray(expected) && expected.includes(actual);
    case 'gt': return typeof actual === 'number' && actual > Number(expected);
    case 'gte': return typeof actual === 'number' && actual >= Number(expected);
    case 'lt': return typeof actual === 'number' && actual < Number(expected);
    case 'lte': return typeof actual === 'number' && actual <= Number(expected);
    case 'truthy': return actual === true || (typeof actual === 'number' && actual > 0);
    case 'falsy': return actual === false || actual === 0;
    case 'includesAny': return Array.isArray(actual) && Array.isArray(expected) && expected.some((v) => actual.includes(v));
    case 'within': {
      if (typeof actual !== 'string' || typeof expected !== 'string') return false;
      return expected === '000000' || actual === expected || (ctx.contains?.(expected, actual) ?? false);
    }
    case 'monthsSinceLte':
    case 'monthsSinceGte': {
      if (typeof actual !== 'string' || !ctx.asOf) return false;
      const m = monthsBetween(actual, ctx.asOf);
      if (m === null) return false;
      return op === 'monthsSinceLte' ? m <= Number(expected) : m >= Number(expected);
    }
  }
}

/** Truth of one predicate from facts alone, before any unknown policy. */
export function predicateTruth(fact: string, op: Op, value: unknown, ctx: EvaluationContext): Truth {
  const actual = ctx.facts[fact];
  if (op === 'includesAny') {
    const wanted = Array.isArray(value) ? value : [];
    const list: unknown[] = Array.isArray(actual) ? actual : [];
    if (wanted.some((v) => list.includes(v))) return 'true';
    const lacks = ctx.lacks?.[fact];
    // Open-world lists (qualifications): only an explicit "not yet" rules a value out.
    if (lacks) return wanted.every((v) => lacks.includes(v)) ? 'false' : 'unknown';
    return list.length > 0 ? 'false' : 'unknown';
  }
  if (actual === undefined) {
    if (op === 'monthsSinceLte' || op === 'monthsSinceGte' || op === 'within') return 'unknown';
    const b = ctx.bounds?.[fact];
    const v = Number(value);
    if (b) {
      if ((op === 'gt' && b.max !== undefined && b.max <= v) || (op === 'gte' && b.max !== undefined && b.max < v)) return 'false';
      if ((op === 'gt' && b.min !== undefined && b.min > v) || (op === 'gte' && b.min !== undefined && b.min >= v)) return 'true';
      if ((op === 'lt' && b.min !== undefined && b.min >= v) || (op === 'lte' && b.min !== undefined && b.min > v)) return 'false';
      if ((op === 'lt' && b.max !== undefined && b.max < v) || (op === 'lte' && b.max !== undefined && b.max <= v)) return 'true';
    }
    return 'unknown';
  }
  return compare(op, actual, value, ctx) ? 'true' : 'false';
}

function applyPolicy(truth: Truth, policy: UnknownPolicy | undefined, ctx: EvaluationContext): { truth: Truth; assumed: boolean } {
  if (truth !== 'unknown' || !policy) return { truth, assumed: false };
  const plausible = (policy.unlessAny ?? []).some((p) => priorTruth(p, ctx) !== 'false');
  return plausible ? { truth: 'unknown', assumed: false } : { truth: 'false', assumed: true };
}

function priorTruth(p: Prior, ctx: EvaluationContext): Truth {
  return applyPolicy(predicateTruth(p.fact, p.op, p.value, ctx), p.unknown, ctx).truth;
}

const flat = <K extends 'satisfied' | 'missing' | 'failed'>(es: Evaluation[], k: K): Evaluation[K] =>
  es.flatMap((e) => e[k] as Array<Evaluation[K][number]>) as Evaluation[K];

export function evaluateCondition(c: Condition, ctx: EvaluationContext): Evaluation {
  if (isLeaf(c)) {
    const { truth, assumed } = applyPolicy(predicateTruth(c.fact, c.op, c.value, ctx), c.unknown, ctx);
    if (truth === 'true') return { value: 'true', satisfied: [c], missing: [], failed: [] };
    if (truth === 'false') return { value: 'false', satisfied: [], missing: [], failed: [{ leaf: c, assumed }] };
    return { value: 'unknown', satisfied: [], missing: [c], failed: [] };
  }
  if ('not' in c) {
    const inner = evaluateCondition(c.not, ctx);
    // A negated leaf that held is the reason this fails, and vice versa.
    if (inner.value === 'true') return { value: 'false', satisfied: [], missing: [], failed: inner.satisfied.map((leaf) => ({ leaf, assumed: false })) };
    if (inner.value === 'false') return { value: 'true', satisfied: inner.failed.map((f) => f.leaf), missing: [], failed: [] };
    return { value: 'unknown', satisfied: [], missing: inner.missing, failed: [] };
  }
  const parts = ('all' in c ? c.all : c.any).map((child) => evaluateCondition(child, ctx));
  const pick = (t: Truth) => parts.filter((e) => e.value === t);
  if ('all' in c) {
    if (pick('false').length > 0) {
      return { value: 'false', satisfied: flat(pick('true'), 'satisfied'), missing: [], failed: flat(pick('false'), 'failed') };
    }
    const value: Truth = pick('unknown').length > 0 ? 'unknown' : 'true';
    return { value, satisfied: flat(pick('true'), 'satisfied'), missing: flat(pick('unknown'), 'missing'), failed: [] };
  }
  if (pick('true').length > 0) return { value: 'true', satisfied: flat(pick('true'), 'satisfied'), missing: [], failed: [] };
  if (pick('unknown').length > 0) {
    return { value: 'unknown', satisfied: flat(pick('unknown'), 'satisfied'), missing: flat(pick('unknown'), 'missing'), failed: flat(pick('false'), 'failed') };
  }
  return { value: 'false', satisfied: [], missing: [], failed: flat(parts, 'failed') };
}
