// Validity notices of a whole conversation as one compact line per document (pure). Answers
// carry one notice per (document, period); shown under every answer they filled half a phone
// screen and put a green "still in force" (clause 25's own period) beside a yellow "expired"
// (the document's). Here each document gets one status — its own period's — and clause periods
// that differ are stated as exceptions of that line ("其中第25条…仍在实施期内"), never as a
// second, contradicting notice.
import type { DocumentSummary, ValidityInfo } from './types.js';

export type LineStatus = ValidityInfo['status'];

export interface ValidityLine {
  docId: string;
  status: LineStatus;
  /** The document's standing in two or three characters (已届满, 有效, 未生效), shown first. */
  state: string;
  /** One short line (the <summary>). */
  summary: string;
  /** The full notices, the document's first, shown when expanded. */
  details: string[];
}

/** 2024-12-31 → 2024年12月31日 */
export function zhDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const strip = (message: string) => message.replace(/^提示：/u, '');

function isSpecific(v: ValidityInfo, doc?: Pick<DocumentSummary, 'validity'>): boolean {
  if (doc) return !doc.validity || doc.validity.from !== v.period.from || doc.validity.to !== v.period.to;
  return /所述措施的实施期限/u.test(v.message);
}

function phrase(status: LineStatus, period: { from: string; to: string }): string {
  if (status === 'expired') return `已于${zhDate(period.to)}届满`;
  if (status === 'not_started') return `自${zhDate(period.from)}起施行，尚未生效`;
  return `实施期至${zhDate(period.to)}，目前有效`;
}

/** The shortest name that identifies the document: its 文号, else its (short) title. */
function name(v: ValidityInfo, doc?: Pick<DocumentSummary, 'shortTitle' | 'title'>): string {
  const title = doc?.shortTitle ?? doc?.title ?? v.docTitle;
  return v.docNumber && title.length > 10 ? v.docNumber : `《${title}》`;
}

/** One line per document over all notices seen so far, in order of first appearance. */
export function validityLines(notices: readonly ValidityInfo[], documents: readonly DocumentSummary[] = []): ValidityLine[] {
  const byDoc = new Map<string, ValidityInfo[]>();
  for (const v of notices) {
    const list = byDoc.get(v.docId) ?? [];
    if (!list.some((x) => x.period.from === v.period.from && x.period.to === v.period.to && x.refs.join() === v.refs.join())) list.push(v);
    byDoc.set(v.docId, list);
  }
  const out: ValidityLine[] = [];
  for (const [docId, list] of byDoc) {
    const doc = documents.find((d) => d.id === docId);
    const own = list.find((v) => !isSpecific(v, doc));
    const specific = list.filter((v) => v !== own);
    // Clause periods that agree with the document's status add nothing to the line.
    const exceptions = own ? specific.filter((v) => v.status !== own.status) : specific.slice(1);
    const head = own ?? specific[0]!;
    const refs = (vs: ValidityInfo[]) => [...new Set(vs.flatMap((v) => v.refs))].join('、');
    let summary = own ? `${name(head, doc)}${phrase(head.status, head.period)}` : `${refs([head])}${phrase(head.status, head.period)}`;
    if (exceptions.length) {
      const groups = new Map<LineStatus, ValidityInfo[]>();
      for (const e of exceptions) groups.set(e.status, [...(groups.get(e.status) ?? []), e]);
      const parts = [...groups].map(([status, vs]) => `${refs(vs)}${status === 'current' ? '仍在实施期内' : status === 'expired' ? '已届满' : '尚未生效'}`);
      summary += `（其中${parts.join('，')}）`;
    }
    out.push({
      docId,
      status: head.status,
      state: head.status === 'expired' ? '已届满' : head.status === 'not_started' ? '未生效' : '有效',
      summary,
      details: [strip(head.message), ...exceptions.map((e) => `其中：${strip(e.message)}`), ...specific.filter((v) => v !== head && !exceptions.includes(v)).map((v) => strip(v.message))],
    });
  }
  return out;
}

/** Welcome sentence: which documents and region the assistant answers from, and their standing. */
export function coverageLine(summary: { total: number; region: { name: string } | null; documents: readonly DocumentSummary[] } | null): string {
  if (!summary) return '';
  const { documents, region } = summary;
  const where = region ? `（适用于${region.name}）` : '';
  if (!documents.length) return `目前没有收录适用${region ? `于${region.name}` : ''}的政策文件，暂时无法作答。`;
  const expired = documents.filter((d) => d.status === 'expired');
  if (documents.length === 1) {
    const d = documents[0]!;
    const num = d.docNumber ? `（${d.docNumber}）` : '';
    const state =
      d.status === 'expired' && d.validity
        ? `，该文件已于${zhDate(d.validity.to)}届满，仅供了解政策${d.successor ? `，后续文件为${d.successor.docNumber}` : ''}`
        : d.status === 'in_force' ? '，目前有效' : d.status === 'not_yet' ? '，尚未施行' : '';
    return `本助手依据${d.region.replace(/^浙江省(?=.)/u, '')}《${d.title}》${num}作答${where}${state}。`;
  }
  const regions = [...new Set(documents.map((d) => d.region.replace(/^.*?省(?=.)/u, '')))].slice(0, 4).join('、');
  return `本助手依据已收录的 ${documents.length} 份政策文件作答（${regions}${where ? `；${where.slice(1, -1)}` : ''}）${expired.length ? `，其中 ${expired.length} 份已届满，仅供了解` : ''}。`;
}
