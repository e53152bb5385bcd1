// Three-valued evaluation of annotation conditions over derived facts (pure).
// true/false when the profile decides a condition, unknown when a fact is missing; the result
// also says which leaves held (reasons), which are missing (questions) and which failed.
import type { Condition, LeafCondition, Op, Prior, UnknownPolicy } from './annotation-schema.js';
import { isLeaf } from './annotation-schema.js';
import type { Facts } from './derive-facts.js';

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

function compare(op: Op, actual: unknown, expected: unknown): boolean {
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
  }
}

/** Truth of one predicate from facts alone, before any unknown policy. */
export function predicateTruth(field: Prior['field'], op: Op, value: unknown, facts: Facts): Truth {
  const actual = facts.profile[field];
  if (op === 'includesAny') {
    const wanted = Array.isArray(value) ? value : [];
    const list: unknown[] = Array.isArray(actual) ? actual : [];
    if (wanted.some((v) => list.includes(v))) return 'true';
    // Qualifications are open-world: only an explicit "not yet" rules one out.
    if (field === 'qualifications') {
      const lacks = facts.profile.lacksQualifications ?? [];
      return wanted.every((v) => (lacks as unknown[]).includes(v)) ? 'false' : 'unknown';
    }
    return list.length > 0 ? 'false' : 'unknown';
  }
  if (actual === undefined) {
    const b = facts.bounds[field];
    const v = Number(value);
    if (b) {
      if ((op === 'gt' && b.max !== undefined && b.max <= v) || (op === 'gte' && b.max !== undefined && b.max < v)) return 'false';
      if ((op === 'gt' && b.min !== undefined && b.min > v) || (op === 'gte' && b.min !== undefined && b.min >= v)) return 'true';
      if ((op === 'lt' && b.min !== undefined && b.min >= v) || (op === 'lte' && b.min !== undefined && b.min > v)) return 'false';
      if ((op === 'lt' && b.max !== undefined && b.max < v) || (op === 'lte' && b.max !== undefined && b.max <= v)) return 'true';
    }
    return 'unknown';
  }
  return compare(op, actual, value) ? 'true' : 'false';
}

function applyPolicy(truth: Truth, policy: UnknownPolicy | undefined, facts: Facts): { truth: Truth; assumed: boolean } {
  if (truth !== 'unknown' || !policy) return { truth, assumed: false };
  const plausible = (policy.unlessAny ?? []).some((p) => priorTruth(p, facts) !== 'false');
  return plausible ? { truth: 'unknown', assumed: false } : { truth: 'false', assumed: true };
}

function priorTruth(p: Prior, facts: Facts): Truth {
  return applyPolicy(predicateTruth(p.field, p.op, p.value, facts), p.unknown, facts).truth;
}

export function evaluateCondition(c: Condition, facts: Facts): Evaluation {
  if (isLeaf(c)) {
    const { truth, assumed } = applyPolicy(predicateTruth(c.field, c.op, c.value, facts), c.unknown, facts);
    if (truth === 'true') return { value: 'true', satisfied: [c], missing: [], failed: [] };
    if (truth === 'false') return { value: 'false', satisfied: [], missing: [], failed: [{ leaf: c, assumed }] };
    return { value: 'unknown', satisfied: [], missing: [c], failed: [] };
  }
  const parts = ('all' in c ? c.all : c.any).map((child) => evaluateCondition(child, facts));
  const pick = (t: Truth) => parts.filter((e) => e.value === t);
  const flat = <K extends 'satisfied' | 'missing' | 'failed'>(es: Evaluation[], k: K): Evaluation[K] =>
    es.flatMap((e) => e[k] as Array<Evaluation[K][number]>) as Evaluation[K];
  if ('all' in c) {
    if (pick('false').length > 0) {
      return { value: 'false', satisfied: flat(pick('true'), 'satisfied'), missing: [], failed: flat(pick('false'), 'failed') };
    }
    const value: Truth = pick('unknown').length > 0 ? 'unknown' : 'true';
    return { value, satisfied: flat(pick('true'), 'satisfied'), missing: flat(pick('unknown'), 'missing'), failed: [] };
  }
  if (pick('true').length > 0) {
    return { value: 'true', satisfied: flat(pick('true'), 'satisfied'), missing: [], failed: [] };
  }
  if (pick('unknown').length > 0) {
    return { value: 'unknown', satisfied: flat(pick('unknown'), 'satisfied'), missing: flat(pick('unknown'), 'missing'), failed: flat(pick('false'), 'failed') };
  }
  return { value: 'false', satisfied: [], missing: [], failed: flat(parts, 'failed') };
}
