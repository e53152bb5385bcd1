// The frame around a policy's own text: the 通知 cover letter before it, the 抄送 list and the
// issuer/date footer after it, and the closing paragraphs that follow the last clause.

import { isTitleLike } from './segment-markers.js';
import type { Paragraph } from './segment-paragraphs.js';

const CN_DIGIT = '〇零一二三四五六七八九十';
const DATE = new RegExp(
  `^(?:\\d{4}|[${CN_DIGIT}]{4})年[\\d${CN_DIGIT}]{1,3}月[\\d${CN_DIGIT}]{1,3}日(?:印发|发布|签发)?$`,
  'u',
);
const ISSUER_SUFFIX = /(?:人民政府|政府|办公室|办公厅|委员会|领导小组|局|厅|委|部|中心|办)$/u;
const ISSUER_AND_DATE = /^.{2,40}?(?:政府|办公室|办公厅|委员会|总局|局|厅|委|部|办)\s*(?:(?:\d{4}|[〇零一二三四五六七八九]{4})年.{1,3}月.{1,3}日(?:印发|发布)?|\d{4}-\d{1,2}-\d{1,2})$/u;
const DISTRIBUTION = /^(?:抄送|主送|印送|分送|发送|抄报)[：:]/u;
const PUBLICITY = /^[（(]此件[^）)]{0,12}[）)]$/u;
const COVER = /印发给你们|现予印发|现将.{0,60}印发|请结合(?:本地|各地)?实际|请认真(?:贯彻)?(?:组织)?(?:执行|实施|落实|遵照执行)|此件公开发布|此件主动公开|此件不公开/u;

const MASTHEAD = /(?:文件|公报|简报|通报)$|^[^，。]{0,30}〔\d{4}〕\d+号$|^[^，。]{0,30}[[［]\d{4}[\]］]\d+号$/u;

/** Masthead (温州市人民政府文件) or document number (温政办〔2024〕11号). */
export function isMasthead(text: string): boolean {
  return MASTHEAD.test(text);
}

/** Issuer line, date line, 抄送 list or （此件公开发布）. */
export function isFrameLine(text: string): boolean {
  if (DATE.test(text) || PUBLICITY.test(text) || DISTRIBUTION.test(text) || ISSUER_AND_DATE.test(text)) return true;
  return isTitleLike(text) && [...text].length <= 30 && ISSUER_SUFFIX.test(text);
}

/** Index of the first footer paragraph (抄送 list, issuer, date) — paragraphs.length when none. */
export function findFooterStart(paragraphs: Paragraph[]): number {
  let end = paragraphs.length;
  while (end > 0 && isFrameLine(paragraphs[end - 1]?.text ?? '')) end--;
  const half = Math.floor(paragraphs.length / 2);
  for (let i = half; i < end; i++) if (DISTRIBUTION.test(paragraphs[i]?.text ?? '')) return i;
  return end;
}

/**
 * Start of the document's own text inside the part before the first heading: after the last
 * paragraph of a 通知 cover letter and its signature, when there is one; otherwise 0.
 */
export function findOwnTextStart(prefix: Paragraph[]): number {
  let last = -1;
  prefix.forEach((p, i) => {
    if (COVER.test(p.text)) last = i;
  });
  if (last < 0) return 0;
  let start = last + 1;
  while (start < prefix.length && isFrameLine(prefix[start]?.text ?? '')) start++;
  return start;
}

const CLOSING = new RegExp(
  [
    '^本(?:文件|政策|措施|办法|细则|规定|通知|意见|方案|实施细则|若干政策|若干措施)',
    '^上述',
    '^以上(?:政策|措施|条款|各项)',
    '^此前',
    '^各(?:地|级|有关)(?:各部门|单位|部门)?要',
    '^各县（市、区）要',
    '^.{0,20}自.{2,20}起(?:施行|实施|执行)',
  ].join('|'),
  'u',
);

/** A paragraph that reads as the document's closing (budget totals, validity, implementation). */
export function isClosingParagraph(text: string): boolean {
  return CLOSING.test(text);
}
