// Validity notices for answers drawn from documents whose period has ended (pure; the clock
// is passed in). A unit-specific period (e.g. clause 25: 2024—2027) wins over the document's.
import type { CorpusUnit, DocumentMeta, ValidityPeriod } from '../domain/types.js';
import { documentName } from '../corpus/document-name.js';

export interface ValidityNotice {
  docId: string;
  docTitle: string;
  docNumber: string | null;
  /** Units of this document the answer relies on. */
  refs: string[];
  period: ValidityPeriod;
  /** 'expired': the period ended before today; 'current': still in force; 'not_started'. */
  status: 'expired' | 'current' | 'not_started';
  successor: DocumentMeta['successor'];
  /** Chinese notice ready to show. */
  message: string;
  /** One short line for the answer text; `message` is the detail shown on demand. */
  short: string;
}

function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

function zh(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The period that governs a unit: its own, else its document's; null when the text gives none. */
export function periodFor(doc: DocumentMeta, unitRef: string): (ValidityPeriod & { specific: boolean }) | null {
  const specific = doc.unitValidity[unitRef];
  if (specific) return { from: specific.from, to: specific.to, specific: true };
  return doc.validity ? { ...doc.validity, specific: false } : null;
}

function statusOf(period: ValidityPeriod, today: string): ValidityNotice['status'] {
  if (today > period.to) return 'expired';
  if (today < period.from) return 'not_started';
  return 'current';
}

/**
 * One notice per (document, period) among the cited units. Units with a current specific
 * period get a notice saying so, so the reader knows why no expiry warning applies to them.
 */
export function validityNotices(units: CorpusUnit[], documents: DocumentMeta[], now: Date): ValidityNotice[] {
  const today = isoDay(now);
  const groups = new Map<string, { doc: DocumentMeta; period: ValidityPeriod & { specific: boolean }; refs: string[] }>();
  for (const u of units) {
    const doc = documents.find((d) => d.id === u.docId);
    if (!doc) continue;
    const period = periodFor(doc, u.ref);
    if (!period) continue;
    const key = `${doc.id}|${period.from}|${period.to}`;
    const g = groups.get(key) ?? { doc, period, refs: [] };
    if (!g.refs.includes(u.label)) g.refs.push(u.label);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ doc, period, refs }) => {
    const status = statusOf(period, today);
    const name = documentName(doc);
    const span = `${zh(period.from)}至${zh(period.to)}`;
    const which = period.specific ? `${refs.join('、')}所述措施的实施期限` : `${name}的实施期限`;
    let message: string;
    if (status === 'expired') {
      const succ = doc.successor
        ? `后续文件为${doc.successor.docNumber}《${doc.successor.title}》（${zh(doc.successor.issueDate)}印发${doc.successor.held ? '' : '，本库未收录全文'}）。`
        : '';
      message = `提示：${which}为${span}，现已届满，相关措施可能已调整或被替代；${succ}请以最新文件为准。`;
    } else if (status === 'current') {
      message = `提示：${which}为${span}，目前仍在实施期内。`;
    } else {
      message = `提示：${which}为${span}，尚未开始实施。`;
    }
    const who = period.specific ? `${doc.docNumber ?? name}${refs.join('、')}` : (doc.docNumber ?? name);
    const short =
      status === 'expired'
        ? `提示：${who}实施期限至${zh(period.to)}，已届满，请以最新文件为准${doc.successor ? `（后续文件：${doc.successor.docNumber}）` : ''}。`
        : status === 'not_started'
          ? `提示：${who}自${zh(period.from)}起实施。`
          : `提示：${who}实施期限至${zh(period.to)}。`;
    return { docId: doc.id, docTitle: doc.title, docNumber: doc.docNumber, refs, period: { from: period.from, to: period.to }, status, successor: doc.successor, message, short };
  });
}

/**
 * The validity lines an answer shows: one short line per document whose period is not current,
 * once per conversation (a document an earlier answer already noted is not noted again; the full
 * notice stays in the response's `validity`).
 */
export function conversationNotes(notices: ValidityNotice[], earlierAnswers: string[]): string[] {
  const seen = earlierAnswers.join('\n');
  const out: string[] = [];
  for (const n of notices) {
    if (n.status === 'current') continue;
    const mark = n.docNumber ?? n.docTitle;
    if (seen.includes(`提示：${mark}`) || seen.includes(`（${mark}）的实施期限`)) continue;
    if (!out.includes(n.short)) out.push(n.short);
  }
  return out;
}

/**
 * "今年研发补助还能申请吗" answered from a document whose period has ended: the answer says so first
 * instead of opening with "有。", then quotes what the document provided.
 */
export function expiredFirst(answer: string, notices: ValidityNotice[]): string {
  const expired = notices.filter((n) => n.status === 'expired');
  if (expired.length === 0) return answer;
  const said = expired
    .map((n) => `${n.docNumber ?? `《${n.docTitle}》`}的实施期限已于${zh(n.period.to)}届满，以下是其中的原有规定，现在能否申请请以最新文件为准${n.successor ? `（后续文件：${n.successor.docNumber}）` : ''}。`)
    .join('');
  // The place line ("以下依据北京市的政策文件回答：") stays first; the bare yes after it goes.
  const m = /^(以下依据[^\n]*：\n)?(?:有|可以|能|是的)。/u.exec(answer);
  return m ? `${m[1] ?? ''}${said}\n${answer.slice(m[0].length)}` : `${said}\n${answer}`;
}
