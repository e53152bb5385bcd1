// Scores drafted rules against hand-labelled gold (evals/gold/rules-gold.jsonl) per kind of
// finding (pure). Gold lines: {key, actionable, subjects, qualifications, thresholds:[{op,value,unit}],
// regions, durations (months), amounts (元), percentages, caps (元)}. Each kind is a set of atoms
// per unit; precision and recall are micro-averaged over the gold's actionable units, and a
// money figure only counts when it is exact.
import { z } from 'zod';
import type { Finding, FindingKind } from './drafter.js';

export const GoldRuleSchema = z.strictObject({
  key: z.string().regex(/^[^:]+:.+$/),
  actionable: z.boolean(),
  subjects: z.array(z.string()).default([]),
  qualifications: z.array(z.string()).default([]),
  thresholds: z.array(z.strictObject({ op: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number(), unit: z.string() })).default([]),
  regions: z.array(z.string()).default([]),
  durations: z.array(z.number()).default([]),
  amounts: z.array(z.number()).default([]),
  percentages: z.array(z.number()).default([]),
  caps: z.array(z.number()).default([]),
  note: z.string().optional(),
});
export type GoldRule = z.infer<typeof GoldRuleSchema>;

export interface DraftedUnit {
  key: string;
  actionable: boolean;
  findings: Finding[];
}

export interface KindScore {
  kind: FindingKind | 'actionable';
  label: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

const UNIT: Record<string, string> = { 元: 'yuan', '%': 'percent', 岁: 'age', 人: 'persons', 亩: 'mu', 项: 'items', 倍: 'times' };
/** Boolean facts the drafter files as qualifications, named as the gold names them. */
const QUALIFICATION_ATOM: Record<string, string> = { aboveScale: 'above_scale', smallMicro: 'small_micro', isHeadquarters: 'hq' };

export const KIND_LABELS: Record<FindingKind | 'actionable', string> = {
  actionable: '可申报单元（是否起草规则）',
  subject: '适用对象',
  qualification: '资质条件',
  threshold: '数量门槛（比较符+数值+单位）',
  region: '地区',
  duration: '期限（月）',
  amount: '金额（精确）',
  percentage: '比例（精确）',
  cap: '上限（精确）',
};

function atoms(kind: FindingKind, findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.kind !== kind) continue;
    if (kind === 'threshold') out.add(`${f.op}:${f.value}:${UNIT[f.unit ?? ''] ?? f.unit}`);
    else if (kind === 'qualification') out.add(QUALIFICATION_ATOM[String(f.value)] ?? String(f.value));
    else out.add(String(f.value));
  }
  return out;
}

function goldAtoms(kind: FindingKind, g: GoldRule): Set<string> {
  switch (kind) {
    case 'subject': return new Set(g.subjects);
    case 'qualification': return new Set(g.qualifications);
    case 'threshold': return new Set(g.thresholds.map((t) => `${t.op}:${t.value}:${t.unit}`));
    case 'region': return new Set(g.regions);
    case 'duration': return new Set(g.durations.map(String));
    case 'amount': return new Set(g.amounts.map(String));
    case 'percentage': return new Set(g.percentages.map(String));
    case 'cap': return new Set(g.caps.map(String));
  }
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function scoreDrafts(gold: readonly GoldRule[], drafted: readonly DraftedUnit[]): KindScore[] {
  const byKey = new Map(drafted.map((d) => [d.key, d]));
  const rows: KindScore[] = [];
  let tp = 0, fp = 0, fn = 0;
  for (const g of gold) {
    const d = byKey.get(g.key);
    const predicted = d?.actionable ?? false;
    if (g.actionable && predicted) tp++;
    else if (!g.actionable && predicted) fp++;
    else if (g.actionable && !predicted) fn++;
  }
  rows.push({ kind: 'actionable', label: KIND_LABELS.actionable, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) });
  for (const kind of ['subject', 'qualification', 'threshold', 'region', 'duration', 'amount', 'percentage', 'cap'] as const) {
    let ktp = 0, kfp = 0, kfn = 0;
    for (const g of gold) {
      if (!g.actionable) continue;
      const want = goldAtoms(kind, g);
      const got = atoms(kind, byKey.get(g.key)?.findings ?? []);
      for (const a of got) (want.has(a) ? ktp++ : kfp++);
      for (const a of want) if (!got.has(a)) kfn++;
    }
    rows.push({ kind, label: KIND_LABELS[kind], tp: ktp, fp: kfp, fn: kfn, precision: ratio(ktp, ktp + kfp), recall: ratio(ktp, ktp + kfn) });
  }
  return rows;
}

export function formatScoreTable(rows: readonly KindScore[]): string {
  const f = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const lines = ['| 条件类别 | 精确率 | 召回率 | 正确 | 多出 | 漏掉 |', '|---|---:|---:|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.label} | ${f(r.precision)} | ${f(r.recall)} | ${r.tp} | ${r.fp} | ${r.fn} |`);
  return lines.join('\n');
}
