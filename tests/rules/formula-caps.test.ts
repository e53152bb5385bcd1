// Formulas as data never exceed their cap: every kind, at values below, at and above the cap.
import { describe, expect, it } from 'vitest';
import { evaluateFormula, FormulaSchema, type FormulaInput } from '../../src/rules/formula.js';

const CAP = 300_000;
const question = (id: string) => `请提供${id}`;
const nums = (e: { amount?: number; min?: number; max?: number }) => [e.amount, e.min, e.max].filter((v): v is number => v !== undefined);

const kinds: Array<[string, FormulaInput, (x: number) => Record<string, unknown>]> = [
  ['fixed', { kind: 'fixed', amount: 200_000, cap: CAP }, () => ({})],
  ['percent exact', { kind: 'percent', of: 'base', rate: 50, cap: CAP }, (x) => ({ base: x * 2 })],
  ['percent at least', { kind: 'percent', of: 'base', rate: 50, bound: 'atLeast', cap: CAP }, (x) => ({ base: x * 2 })],
  ['percent at most', { kind: 'percent', of: 'base', rate: 50, bound: 'atMost', cap: CAP }, (x) => ({ base: x * 2 })],
  ['per head × count × months', { kind: 'perHead', amount: 1_000, count: 'heads', months: 'months', cap: CAP }, (x) => ({ heads: Math.max(1, Math.round(x / 6000)), months: 6 })],
  ['tiers', { kind: 'tiers', by: 'level', tiers: [{ value: 'national', label: '国家级', amount: 300_000 }, { value: 'city', label: '市级', amount: 100_000 }], cap: CAP }, (x) => (x > CAP ? { level: 'national' } : x < CAP ? { level: 'city' } : {})],
  ['range', { kind: 'range', min: 100_000, max: 300_000, cap: CAP }, () => ({})],
  ['stock and increment', { kind: 'stockIncrement', current: 'now', previous: 'before', stockRate: 3, incrementRate: 8, cap: CAP }, (x) => ({ now: x * 20, before: x * 10 })],
];

describe('formula caps', () => {
  it.each(kinds)('%s stays within the cap below, at and above it', (_name, input, factsFor) => {
    const f = FormulaSchema.parse(input);
    for (const x of [1, CAP / 3, CAP - 1, CAP, CAP + 1, CAP * 10, CAP * 1e6]) {
      const e = evaluateFormula(f, { facts: factsFor(x), question });
      for (const v of nums(e)) {
        expect(v, `${x}`).toBeLessThanOrEqual(CAP);
        expect(v, `${x}`).toBeGreaterThanOrEqual(0);
      }
      if (e.min !== undefined && e.max !== undefined) expect(e.min).toBeLessThanOrEqual(e.max);
      expect(e.text).toContain('仅供参考');
    }
  });

  it('reaches the cap exactly when the raw figure is above it, and says so', () => {
    const f = FormulaSchema.parse({ kind: 'percent', of: 'base', rate: 50, cap: CAP });
    const e = evaluateFormula(f, { facts: { base: 10_000_000 }, question });
    expect(e.amount).toBe(CAP);
    expect(e.steps.join()).toContain('按30万元计');
  });

  it('asks for the missing fact instead of guessing', () => {
    const f = FormulaSchema.parse({ kind: 'perHead', amount: 3000, count: 'heads', months: 6, cap: 30_000 });
    const e = evaluateFormula(f, { facts: {}, question });
    expect(e.amount).toBeUndefined();
    expect(e.missing).toEqual([{ field: 'heads', question: '请提供heads' }]);
  });
});
