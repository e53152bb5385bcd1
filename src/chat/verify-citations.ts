// Citation verification (pure): a citation stands only if its ref is among the retrieved units
// and its quote occurs verbatim (after width/space normalisation) in that unit's text; an answer
// stands only if every amount, percentage and date in it is stated by a verified quote (or by an
// estimate the system computed for the turn).
import type { Citation, CorpusUnit, DocumentMeta } from '../domain/types.js';
import { canonicalForMatch } from '../text/canonical.js';
import { parseNumeral } from '../text/chinese-numerals.js';
import { citableText } from './citable-text.js';
import { ungroundedFigures, type Figure } from './extract-figures.js';

export interface ProposedCitation {
  ref: string;
  quote: string;
}

export type DropReason = 'unknown_ref' | 'not_retrieved' | 'empty_quote' | 'quote_not_found';

export interface DroppedCitation extends ProposedCitation {
  reason: DropReason;
}

export interface VerificationResult {
  valid: Citation[];
  dropped: DroppedCitation[];
}

/** Reads refs as models write them: "11", "第11条", "第十一条", "〔第11条〕", "s2", "doc:11". */
export function normalizeRef(ref: string): string {
  const r = ref.trim().replace(/^[〔\[【(（]+|[〕\]】)）]+$/gu, '').trim();
  const clause = /^第\s*([0-9一二三四五六七八九十百零两]+)\s*条$/u.exec(r);
  if (clause) {
    const n = parseNumeral(clause[1]!);
    return n === null ? r : String(n);
  }
  const section = /^第\s*([一二三四五六七八九十]+)\s*部分/u.exec(r);
  if (section) {
    const n = parseNumeral(section[1]!);
    return n === null ? r : `s${n}`;
  }
  if (r === '序言' || r === '前言') return 'preamble';
  if (r === '结语' || r === '结尾') return 'closing';
  return r;
}

function findRetrieved(ref: string, retrieved: CorpusUnit[]): CorpusUnit | undefined {
  return retrieved.find((u) => u.key === ref) ?? retrieved.find((u) => u.ref === ref && !ref.includes(':'));
}

export function verifyCitations(
  proposed: ProposedCitation[],
  retrieved: CorpusUnit[],
  allUnits: CorpusUnit[],
  documents: DocumentMeta[],
): VerificationResult {
  const valid: Citation[] = [];
  const dropped: DroppedCitation[] = [];
  for (const p of proposed) {
    const ref = normalizeRef(p.ref);
    const quote = (p.quote ?? '').trim();
    const unit = findRetrieved(ref, retrieved);
    if (!unit) {
      const exists = allUnits.some((u) => u.key === ref || u.ref === ref);
      dropped.push({ ...p, reason: exists ? 'not_retrieved' : 'unknown_ref' });
      continue;
    }
    if (canonicalForMatch(quote).length < 2) {
      dropped.push({ ...p, reason: 'empty_quote' });
      continue;
    }
    if (!canonicalForMatch(citableText(unit)).includes(canonicalForMatch(quote))) {
      dropped.push({ ...p, reason: 'quote_not_found' });
      continue;
    }
    if (valid.some((c) => c.ref === unit.key && c.quote === quote)) continue;
    const doc = documents.find((d) => d.id === unit.docId);
    valid.push({ ref: unit.key, label: unit.label, quote, docTitle: doc?.title ?? '' });
  }
  return { valid, dropped };
}

export const DROP_REASON_ZH: Record<DropReason, string> = {
  unknown_ref: '引用的条款不存在',
  not_retrieved: '引用的条款不在本次检索到的依据中',
  empty_quote: '引文为空',
  quote_not_found: '引文在条款原文中找不到',
};

export interface GroundingResult {
  /** Figures of the answer that no verified quote or estimate states, in order of appearance. */
  ungrounded: Figure[];
}

/**
 * Checks the figures of an answer against the verified citations' quotes and any estimates the
 * system computed for this turn. Figures are compared by value (300万元 = 300万 = 三百万元).
 */
export function checkFigureGrounding(answer: string, valid: Citation[], estimates: string[] = []): GroundingResult {
  return { ungrounded: ungroundedFigures(answer, [...valid.map((c) => c.quote), ...estimates]) };
}

/** The Chinese fallback reason naming the ungrounded figures (at most three). */
export function groundingFallbackReason(ungrounded: Figure[]): string {
  const named = ungrounded.slice(0, 3).map((f) => `“${f.text}”`).join('');
  const more = ungrounded.length > 3 ? `等${ungrounded.length}处` : '';
  return `大模型答案中的数字${named}${more}未在引用条款中出现，已改用离线答案`;
}
