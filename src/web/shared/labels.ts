// Chinese labels and small view-model helpers shared by the widget and the console (pure).
import type { MatchedMeasure } from './types.js';

export type Status = MatchedMeasure['status'];

export const STATUS_LABEL: Record<Status, string> = { eligible: '符合', possible: '可能符合', not_eligible: '不符合' };
export const STATUS_GROUP_TITLE: Record<Status, string> = {
  eligible: '符合条件',
  possible: '可能符合（需核实）',
  not_eligible: '不符合',
};
export const ACTIONABILITY_LABEL: Record<string, string> = {
  apply: '需申报',
  automatic: '自动享受',
  indirect: '间接支持',
};

/** Reasons that explain the decision (benefit lines are shown separately). */
export function decisionReasons(m: Pick<MatchedMeasure, 'reasons'>): string[] {
  return m.reasons.filter((r) => !/^(可能)?可享受/u.test(r));
}

/**
 * Why a measure does not apply, as one phrase ("不满足：规模以上企业"), optionally with the clause
 * words it rests on. The engine's description already starts with 不满足 for stated facts.
 */
export function failedReason(m: Pick<MatchedMeasure, 'failed'>, { quote = true }: { quote?: boolean } = {}): string | null {
  if (!m.failed) return null;
  const what = m.failed.description.replace(/^(不符合|不满足)[：:]\s*/u, '');
  return `不满足：${what}${quote && m.failed.quote ? `（原文：“${m.failed.quote}”）` : ''}`;
}

export function groupByStatus<M extends { status: Status }>(measures: readonly M[]): Record<Status, M[]> {
  const out: Record<Status, M[]> = { eligible: [], possible: [], not_eligible: [] };
  for (const m of measures) out[m.status].push(m);
  return out;
}

/** YYYY-MM-DD in local time. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Chinese amount: 150000 → 15万元, 3000000 → 300万元, 1.2e8 → 1.2亿元. */
export function formatYuan(n: number): string {
  const trim = (x: number) => String(Math.round(x * 100) / 100);
  if (n >= 1e8) return `${trim(n / 1e8)}亿元`;
  if (n >= 1e4) return `${trim(n / 1e4)}万元`;
  return `${trim(n)}元`;
}
