// The 政策体检单 as data (pure): document and validity lines, and the CSV export rows with the
// columns 条款, 标题, 状态, 理由, 待核实问题, 测算, 责任单位.
import { decisionReasons, failedReason, groupByStatus, STATUS_LABEL } from '../shared/labels.js';
import type { DocumentView, MatchedMeasure } from '../shared/types.js';

export const CSV_HEADER = ['条款', '标题', '状态', '理由', '待核实问题', '测算', '责任单位'] as const;

export function documentLine(d: Pick<DocumentView, 'title' | 'docNumber' | 'issuer' | 'issueDate'>): string {
  return `《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}${d.issuer ? `，${d.issuer}` : ''}${d.issueDate ? ` ${d.issueDate} 印发` : ''}`;
}

/** Validity notice for a document on `today` (YYYY-MM-DD), or null when it has no period. */
export function documentNotice(d: Pick<DocumentView, 'title' | 'docNumber' | 'validity' | 'successor'>, today: string): string | null {
  if (!d.validity) return null;
  const { from, to } = d.validity;
  const period = `实施期限为 ${from} 至 ${to}`;
  const successor = d.successor ? `；后续文件为${d.successor.docNumber}《${d.successor.title}》（${d.successor.issueDate}印发）` : '';
  if (today > to) return `《${d.title}》${period}，现已届满，相关措施可能已调整或被替代${successor}。请以最新文件为准。`;
  if (today < from) return `《${d.title}》${period}，尚未施行。`;
  return `《${d.title}》${period}，目前在有效期内。`;
}

/** Measures in checklist order: eligible, possible, not eligible (server order within each). */
export function checklistOrder(measures: readonly MatchedMeasure[]): MatchedMeasure[] {
  const g = groupByStatus(measures);
  return [...g.eligible, ...g.possible, ...g.not_eligible];
}

export function csvRowFor(m: MatchedMeasure): string[] {
  const reasons = m.status === 'not_eligible' ? [failedReason(m) ?? '不符合适用条件'] : decisionReasons(m);
  return [
    m.label,
    m.title,
    STATUS_LABEL[m.status],
    reasons.join('\n'),
    m.missing.map((q) => q.question).join('\n'),
    m.estimate ? `${m.estimate.text}${m.estimate.disclaimer ? `\n${m.estimate.disclaimer}` : ''}` : '',
    m.responsibleUnits.join('、'),
  ];
}

export interface ChecklistMeta {
  date: string;
  documents: ReadonlyArray<Pick<DocumentView, 'title' | 'docNumber' | 'issuer' | 'issueDate' | 'validity' | 'successor'>>;
  notices: readonly string[];
  profile: ReadonlyArray<{ label: string; value: string }>;
}

/** All rows of the CSV file: a short header block (document, date, notices, profile), then the table. */
export function checklistCsvRows(measures: readonly MatchedMeasure[], meta: ChecklistMeta): string[][] {
  const rows: string[][] = [['政策体检单（仅供参考，以主管部门审核为准）']];
  for (const d of meta.documents) rows.push(['依据文件', documentLine(d)]);
  rows.push(['生成日期', meta.date]);
  for (const d of meta.documents) {
    const n = documentNotice(d, meta.date);
    if (n) rows.push(['有效期提示', n]);
  }
  for (const n of meta.notices) rows.push(['提示', n]);
  if (meta.profile.length) rows.push(['企业画像', meta.profile.map((p) => `${p.label}：${p.value}`).join('；')]);
  rows.push([]);
  rows.push([...CSV_HEADER]);
  for (const m of checklistOrder(measures)) rows.push(csvRowFor(m));
  return rows;
}
