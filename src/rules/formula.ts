// Benefit formulas as data and their evaluation over facts (pure): a fixed amount, a percentage
// of a fact, an amount per head × count × months, tiers by level, a range, and the stock/increment
// split some R&D subsidies use. Every result shows its arithmetic in Chinese, lists the facts
// still missing, and never exceeds the formula's cap (the 最高… the text states).
import { z } from 'zod';
import { formatYuan as y } from '../matching/parse-amount.js';
import type { Facts } from './condition.js';

export const RESULT_KINDS = ['subsidy', 'award', 'saving', 'guarantee_quota'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

const money = z.number().nonnegative().finite();
const common = {
  /** Stable id for tests and reports (e.g. rd_subsidy). */
  id: z.string().min(1).optional(),
  /** subsidy/award: money paid; saving: cost avoided; guarantee_quota: a guarantee line, not cash. */
  result: z.enum(RESULT_KINDS).default('subsidy'),
  /** The most the clause allows (最高300万元); no figure of the result exceeds it. */
  cap: money.optional(),
  /** What the money is, for the summary (研发补助). */
  what: z.string().min(1).optional(),
  /** How the clause was read, shown with the estimate. */
  reading: z.string().min(1).optional(),
};

export const FormulaSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), amount: money, ...common }),
  z.strictObject({
    kind: z.literal('percent'),
    of: z.string().min(1),
    /** Percent, e.g. 70 for 70%. */
    rate: z.number().positive().max(100),
    /** exact: rate × base; atLeast: 不低于 (a floor); atMost: 不超过 (a ceiling). */
    bound: z.enum(['exact', 'atLeast', 'atMost']).default('exact'),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('perHead'),
    /** 元 per head (per month when `months` is given). */
    amount: money,
    count: z.union([z.string().min(1), z.number().int().positive()]),
    months: z.union([z.string().min(1), z.number().int().positive()]).optional(),
    ...common,
  }),
  z.strictObject({
    kind: z.literal('tiers'),
    by: z.string().min(1),
    tiers: z.array(z.strictObject({ value: z.union([z.string(), z.number(), z.boolean()]), label: z.string().min(1), amount: money })).min(1),
    ...common,
  }),
  z.strictObject({ kind: z.literal('range'), min: money, max: money, ...common }),
  z.strictObject({
    kind: z.literal('stockIncrement'),
    current: z.string().min(1),
    previous: z.string().min(1),
    stockRate: z.number().positive().max(100),
    incrementRate: z.number().positive().max(100),
    /** The current figure must reach this (以上 includes it). */
    threshold: money.optional(),
    ...common,
  }),
]);
export type Formula = z.infer<typeof FormulaSchema>;
export type FormulaInput = z.input<typeof FormulaSchema>;

export interface Estimate {
  formula: string;
  kind: ResultKind;
  amount?: number;
  min?: number;
  max?: number;
  cap?: number;
  steps: string[];
  assumptions: string[];
  /** Facts still needed for an exact figure (`field` is the fact id). */
  missing: Array<{ field: string; question: string }>;
  text: string;
  disclaimer: string;
  /** Facts the formula read that were known (the asker's own figures), in formula order. */
  inputs: string[];
  /** The benefit's quote the formula was read from (set by the matching engine). */
  quote?: string;
}

export const DISCLAIMER = '以上测算仅供参考，实际金额以主管部门审核认定为准。';

export interface FormulaContext {
  facts: Facts;
  /** The question to ask for a fact (from the fact registry). */
  question: (factId: string) => string;
}

const pct = (rate: number) => `${Math.round(rate * 100) / 100}%`;
const num = (facts: Facts, id: string): number | undefined => (typeof facts[id] === 'number' ? (facts[id] as number) : undefined);

/** Every number of the result within [0, cap], min ≤ max, a range whose ends meet is one amount. */
function finish(f: Formula, e: Omit<Estimate, 'text' | 'disclaimer' | 'formula' | 'kind' | 'cap' | 'assumptions' | 'inputs'>, summary: string): Omit<Estimate, 'inputs'> {
  const cap = f.cap;
  const capped = (v: number | undefined) => (v === undefined ? v : Math.max(0, cap === undefined ? v : Math.min(v, cap)));
  let amount = capped(e.amount);
  let min = capped(e.min);
  let max = capped(e.max);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (amount === undefined && min !== undefined && min === max) amount = min;
  const out: Omit<Estimate, 'inputs'> = {
    formula: f.id ?? f.kind,
    kind: f.result,
    ...(cap !== undefined ? { cap } : {}),
    steps: e.steps,
    assumptions: f.reading ? [f.reading] : [],
    missing: e.missing,
    text: `${summary}（仅供参考）`,
    disclaimer: DISCLAIMER,
  };
  if (amount !== undefined) out.amount = amount;
  else {
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
  }
  return out;
}

/** "，超过最高300万元，按300万元计" when a partial result is above the cap. */
function overCap(value: number, cap: number | undefined): string {
  return cap !== undefined && value > cap ? `，超过最高${y(cap)}，按${y(cap)}计` : '';
}

function capNote(cap: number | undefined): string {
  return cap === undefined ? '' : `，最高${y(cap)}`;
}

export function evaluateFormula(f: Formula, ctx: FormulaContext): Estimate {
  return { ...evaluate(f, ctx), inputs: formulaFacts(f).filter((id) => ctx.facts[id] !== undefined) };
}

function evaluate(f: Formula, ctx: FormulaContext): Omit<Estimate, 'inputs'> {
  const what = f.what ?? '补助';
  const ask = (id: string) => ({ field: id, question: ctx.question(id) });
  switch (f.kind) {
    case 'fixed':
      return finish(f, { amount: f.amount, steps: [`定额${y(f.amount)}。`], missing: [] }, `${what}${y(Math.min(f.amount, f.cap ?? Infinity))}`);
    case 'range':
      return finish(f, { min: f.min, max: f.max, steps: [`原文给出区间：${y(f.min)}至${y(f.max)}。`], missing: [] }, `${what}${y(f.min)}至${y(f.max)}`);
    case 'percent': {
      const base = num(ctx.facts, f.of);
      const rel = f.bound === 'atLeast' ? '不低于' : f.bound === 'atMost' ? '不超过' : '';
      if (base === undefined) {
        return finish(f, { steps: [`${what}${rel}基数的${pct(f.rate)}${capNote(f.cap)}。`], missing: [ask(f.of)] }, `${what}${rel}基数的${pct(f.rate)}`);
      }
      const raw = Math.round(base * f.rate) / 100;
      const value = Math.round(raw);
      const steps = [`基数 ${y(base)}。`, `${y(base)} × ${pct(f.rate)} = ${y(raw)}${overCap(raw, f.cap)}。`];
      const shown = Math.min(value, f.cap ?? Infinity);
      if (f.bound === 'atLeast') return finish(f, { min: value, steps, missing: [] }, `${what}不低于${y(shown)}`);
      if (f.bound === 'atMost') return finish(f, { max: value, steps, missing: [] }, `${what}最高${y(shown)}`);
      return finish(f, { amount: value, steps, missing: [] }, `预计${what}${y(shown)}`);
    }
    case 'perHead': {
      const count = typeof f.count === 'number' ? f.count : num(ctx.facts, f.count);
      const months = f.months === undefined ? 1 : typeof f.months === 'number' ? f.months : num(ctx.facts, f.months);
      const missing = [
        ...(count === undefined && typeof f.count === 'string' ? [ask(f.count)] : []),
        ...(months === undefined && typeof f.months === 'string' ? [ask(f.months)] : []),
      ];
      const per = f.months === undefined ? `每人${y(f.amount)}` : `每人每月${y(f.amount)}`;
      if (count === undefined || months === undefined) {
        return finish(f, { steps: [`${per} × 人数${f.months === undefined ? '' : ' × 月数'}${capNote(f.cap)}。`], missing }, `${what}按${per}计`);
      }
      const raw = f.amount * count * months;
      const steps = [`${y(f.amount)} × ${count}人${f.months === undefined ? '' : ` × ${months}个月`} = ${y(raw)}${overCap(raw, f.cap)}。`];
      return finish(f, { amount: raw, steps, missing: [] }, `预计${what}${y(Math.min(raw, f.cap ?? Infinity))}`);
    }
    case 'tiers': {
      const actual = ctx.facts[f.by];
      const tier = f.tiers.find((t) => t.value === actual);
      const list = f.tiers.map((t) => `${t.label}${y(t.amount)}`).join('，');
      if (tier) return finish(f, { amount: tier.amount, steps: [`${tier.label}：${y(tier.amount)}。`], missing: [] }, `${tier.label}${what}${y(Math.min(tier.amount, f.cap ?? Infinity))}`);
      const amounts = f.tiers.map((t) => t.amount);
      return finish(
        f,
        { min: Math.min(...amounts), max: Math.max(...amounts), steps: [`${list}；级别未知。`], missing: actual === undefined ? [ask(f.by)] : [] },
        `按级别${what}${y(Math.min(...amounts))}至${y(Math.max(...amounts, 0))}`,
      );
    }
    case 'stockIncrement':
      return stockIncrement(f, ctx, ask);
  }
}

type StockIncrement = Extract<Formula, { kind: 'stockIncrement' }>;

/** Stock part at one rate, increment at another: min(L, B) × s + max(L − B, 0) × i. */
function stockIncrement(f: StockIncrement, ctx: FormulaContext, ask: (id: string) => { field: string; question: string }): Omit<Estimate, 'inputs'> {
  const what = f.what ?? '补助';
  const last = num(ctx.facts, f.current);
  const before = num(ctx.facts, f.previous);
  const s = f.stockRate / 100;
  const i = f.incrementRate / 100;
  const cap = f.cap;
  const formula = `${what} = 存量部分 × ${pct(f.stockRate)} + 增量部分 × ${pct(f.incrementRate)}${capNote(cap)}`;
  if (last === undefined) {
    return finish(f, {
      steps: [`${formula}；需要上年度和前年度的数额才能测算。`],
      missing: [ask(f.current), ...(before === undefined ? [ask(f.previous)] : [])],
    }, `缺少上年度数额，暂无法测算${what}`);
  }
  if (f.threshold !== undefined && last < f.threshold) {
    return finish(f, { amount: 0, steps: [`上年度 ${y(last)}，低于${y(f.threshold)}门槛，不符合条件。`], missing: [] }, `上年度${y(last)}未达${y(f.threshold)}，不能享受${what}`);
  }
  if (before === undefined) {
    const allStock = last * s;
    const allIncrement = last * i;
    const lo = Math.round(Math.min(allStock, allIncrement, cap ?? Infinity));
    const hi = Math.round(Math.min(Math.max(allStock, allIncrement), cap ?? Infinity));
    const steps = [
      `上年度 L = ${y(last)}；前年度未知。`,
      `若前年度不低于上年度，则全部为存量：${y(last)} × ${pct(f.stockRate)} = ${y(allStock)}${overCap(allStock, cap)}。`,
      `若前年度为0，则全部为增量：${y(last)} × ${pct(f.incrementRate)} = ${y(allIncrement)}${overCap(allIncrement, cap)}。`,
    ];
    if (lo === hi) {
      return finish(f, { amount: lo, steps: [...steps, `两种情况结果相同${cap !== undefined && lo === cap ? `（都达到最高${y(cap)}）` : ''}，前年度数额不影响结果。`], missing: [] },
        `预计${what}${y(lo)}${cap !== undefined && lo === cap ? `（已达最高${y(cap)}）` : ''}`);
    }
    return finish(f, { min: lo, max: hi, steps: [...steps, `因此在 ${y(lo)} 至 ${y(hi)} 之间，提供前年度数额后可算出确切金额。`], missing: [ask(f.previous)] },
      `前年度数额未知，${what}约在${y(lo)}至${y(hi)}之间`);
  }
  const stock = Math.min(last, before);
  const increment = Math.max(last - before, 0);
  const stockPart = stock * s;
  const incrementPart = increment * i;
  const raw = stockPart + incrementPart;
  const amount = Math.round(Math.min(raw, cap ?? Infinity));
  return finish(f, {
    amount,
    steps: [
      `上年度 L = ${y(last)}，前年度 B = ${y(before)}。`,
      `存量部分 = min(L, B) = ${y(stock)}；增量部分 = max(L − B, 0) = ${y(increment)}。`,
      `存量部分 = ${y(stock)} × ${pct(f.stockRate)} = ${y(stockPart)}。`,
      `增量部分 = ${y(increment)} × ${pct(f.incrementRate)} = ${y(incrementPart)}。`,
      `合计 = ${y(stockPart)} + ${y(incrementPart)} = ${y(raw)}${cap !== undefined && raw > cap ? overCap(raw, cap) : cap !== undefined ? `，未超过最高${y(cap)}` : ''}。`,
    ],
    missing: [],
  }, `预计${what}${y(amount)}`);
}

/** Every money figure a formula states (amounts, tiers, range ends, thresholds, cap), for bound checks. */
export function formulaFigures(f: Formula): number[] {
  const out: number[] = [];
  if (f.cap !== undefined) out.push(f.cap);
  if (f.kind === 'fixed' || f.kind === 'perHead') out.push(f.amount);
  if (f.kind === 'tiers') out.push(...f.tiers.map((t) => t.amount));
  if (f.kind === 'range') out.push(f.min, f.max);
  if (f.kind === 'stockIncrement' && f.threshold !== undefined) out.push(f.threshold);
  return out;
}

/** Fact ids a formula reads. */
export function formulaFacts(f: Formula): string[] {
  switch (f.kind) {
    case 'percent': return [f.of];
    case 'perHead': return [f.count, f.months].filter((x): x is string => typeof x === 'string');
    case 'tiers': return [f.by];
    case 'stockIncrement': return [f.current, f.previous];
    default: return [];
  }
}
