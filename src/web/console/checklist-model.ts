// The 政策体检单 as data (pure): document and validity lines, the CSV export rows (条款, 标题,
// 状态, 理由, 待核实问题, 可享受金额/测算, 申报方式, 责任单位, 依据（文件与条款）), the snapshot
// saved under the applicant, and the comparison with the previous visit ("新增可享受 2 项").
import { ACTIONABILITY_LABEL, decisionReasons, failedReason, groupByStatus, STATUS_LABEL } from '../shared/labels.js';
import type { DocumentSummary, DocumentView, MatchedMeasure } from '../shared/types.js';

export const CSV_HEADER = ['条款', '标题', '状态', '理由', '待核实问题', '可享受金额/测算', '申报方式', '责任单位', '依据（文件与条款）'] as const;

/** What the checklist needs of a document (from /api/documents or /api/corpus-summary). */
export interface DocInfo {
  id?: string;
  title: string;
  docNumber: string | null;
  issuer?: string | null;
  issueDate?: string | null;
  validity?: { from: string; to: string } | null;
  successor?: DocumentView['successor'];
}

export function documentLine(d: DocInfo): string {
  return `《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}${d.issuer ? `，${d.issuer}` : ''}${d.issueDate ? ` ${d.issueDate} 印发` : ''}`;
}

/** Validity notice for a document on `today` (YYYY-MM-DD), or null when it has no period. */
export function documentNotice(d: DocInfo, today: string): string | null {
  if (!d.validity) return null;
  const { from, to } = d.validity;
  const period = `实施期限为 ${from} 至 ${to}`;
  const successor = d.successor ? `；后续文件为${d.successor.docNumber}《${d.successor.title}》（${d.successor.issueDate}印发）` : '';
  if (today > to) return `《${d.title}》${period}，现已届满，相关措施可能已调整或被替代${successor}。请以最新文件为准。`;
  if (today < from) return `《${d.title}》${period}，尚未施行。`;
  return `《${d.title}》${period}，目前在有效期内。`;
}

/** "<docId>:<ref>" → docId ('' for a bare ref). */
export const docIdOf = (ref: string): string => (ref.includes(':') ? ref.slice(0, ref.lastIndexOf(':')) : '');

/** Measures in checklist order: eligible, possible, not eligible (server order within each). */
export function checklistOrder(measures: readonly MatchedMeasure[]): MatchedMeasure[] {
  const g = groupByStatus(measures);
  return [...g.eligible, ...g.possible, ...g.not_eligible];
}

/** One clean phrase per measure: the decision's reasons, or what it fails on. */
export function reasonText(m: MatchedMeasure): string {
  if (m.status === 'not_eligible') return failedReason(m, { quote: false }) ?? '不满足适用条件';
  return decisionReasons(m).join('；');
}

/** What the company may get: the estimate when the clause fixes a formula, else the benefits. */
export function benefitText(m: MatchedMeasure): string {
  if (m.status === 'not_eligible') return '';
  if (m.estimate) return m.estimate.text.includes('仅供参考') ? m.estimate.text : `${m.estimate.text}（仅供参考）`;
  return m.benefits.map((b) => b.text).join('；');
}

export function basisText(m: MatchedMeasure, documents: readonly Pick<DocumentSummary, 'id' | 'title' | 'docNumber'>[]): string {
  const d = documents.find((x) => x.id === docIdOf(m.ref));
  const doc = d ? `《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}` : '';
  return `${doc}${m.label}`;
}

export function csvRowFor(m: MatchedMeasure, documents: readonly Pick<DocumentSummary, 'id' | 'title' | 'docNumber'>[] = []): string[] {
  return [
    m.label,
    m.title,
    STATUS_LABEL[m.status],
    reasonText(m),
    m.missing.map((q) => q.question).join('\n'),
    benefitText(m),
    ACTIONABILITY_LABEL[m.actionability] ?? '',
    m.responsibleUnits.join('、'),
    basisText(m, documents),
  ];
}

export interface ChecklistMeta {
  date: string;
  documents: readonly DocInfo[];
  notices: readonly string[];
  profile: ReadonlyArray<{ label: string; value: string }>;
  applicant?: { name?: string; creditCode?: string; contact?: string; counter?: string };
  region?: string;
}

/** All rows of the CSV file: a short header block (applicant, documents, date, notices, profile), then the table. */
export function checklistCsvRows(measures: readonly MatchedMeasure[], meta: ChecklistMeta): string[][] {
  const rows: string[][] = [['政策体检单（仅供参考，以主管部门审核为准）']];
  const a = meta.applicant ?? {};
  if (a.name) rows.push(['申请单位', a.name]);
  if (a.creditCode) rows.push(['统一社会信用代码', a.creditCode]);
  if (a.contact) rows.push(['经办人', a.contact]);
  if (a.counter) rows.push(['受理窗口', a.counter]);
  if (meta.region) rows.push(['适用地区', meta.region]);
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
  const docs = meta.documents.filter((d): d is typeof d & { id: string } => typeof d.id === 'string');
  for (const m of checklistOrder(measures)) rows.push(csvRowFor(m, docs));
  return rows;
}

/** The compact form saved under the applicant (and shown on the phone through the QR link). */
export interface SnapshotMeasure {
  ref: string;
  label: string;
  title: string;
  status: MatchedMeasure['status'];
  actionability?: string;
  benefits: string[];
  estimate: string | null;
  reason: string;
  missing: string[];
  responsibleUnits: string[];
  document: string;
}

export function snapshotMeasures(measures: readonly MatchedMeasure[], documents: readonly Pick<DocumentSummary, 'id' | 'title' | 'docNumber'>[] = []): SnapshotMeasure[] {
  return checklistOrder(measures).map((m) => ({
    ref: m.ref,
    label: m.label,
    title: m.title,
    status: m.status,
    actionability: m.actionability,
    benefits: m.status === 'not_eligible' ? [] : m.benefits.slice(0, 3).map((b) => b.text.slice(0, 600)),
    estimate: m.estimate ? m.estimate.text.slice(0, 600) : null,
    reason: reasonText(m).slice(0, 600),
    missing: m.missing.slice(0, 20).map((q) => q.question.slice(0, 300)),
    responsibleUnits: m.responsibleUnits.slice(0, 20),
    document: basisText(m, documents).slice(0, 300),
  }));
}

export interface VisitComparison {
  previousDate: string;
  newlyEligible: Array<Pick<SnapshotMeasure, 'ref' | 'label' | 'title'>>;
  noLongerEligible: Array<Pick<SnapshotMeasure, 'ref' | 'label' | 'title'>>;
  newlyPossible: Array<Pick<SnapshotMeasure, 'ref' | 'label' | 'title'>>;
}

/** What changed since the previous visit, by measure ref. */
export function compareVisits(previous: readonly Pick<SnapshotMeasure, 'ref' | 'label' | 'title' | 'status'>[], current: readonly Pick<SnapshotMeasure, 'ref' | 'label' | 'title' | 'status'>[], previousDate: string): VisitComparison {
  const before = new Map(previous.map((m) => [m.ref, m.status]));
  const pick = ({ ref, label, title }: Pick<SnapshotMeasure, 'ref' | 'label' | 'title'>) => ({ ref, label, title });
  const nowEligible = new Set(current.filter((m) => m.status === 'eligible').map((m) => m.ref));
  return {
    previousDate,
    newlyEligible: current.filter((m) => m.status === 'eligible' && before.get(m.ref) !== 'eligible').map(pick),
    noLongerEligible: previous.filter((m) => m.status === 'eligible' && !nowEligible.has(m.ref)).map(pick),
    newlyPossible: current.filter((m) => m.status === 'possible' && !before.has(m.ref)).map(pick),
  };
}

/** "与上次（2026-10-01）相比：新增可享受 2 项（…）；不再符合 1 项（…）。" */
export function comparisonText(c: VisitComparison): string {
  const names = (l: VisitComparison['newlyEligible']) => l.map((m) => `${m.label} ${m.title}`).join('、');
  const parts: string[] = [];
  if (c.newlyEligible.length) parts.push(`新增可享受 ${c.newlyEligible.length} 项（${names(c.newlyEligible)}）`);
  if (c.noLongerEligible.length) parts.push(`不再符合 ${c.noLongerEligible.length} 项（${names(c.noLongerEligible)}）`);
  if (c.newlyPossible.length) parts.push(`新增可能符合 ${c.newlyPossible.length} 项`);
  return `与上次（${c.previousDate}）相比：${parts.length ? parts.join('；') : '可享受的措施没有变化'}。`;
}
