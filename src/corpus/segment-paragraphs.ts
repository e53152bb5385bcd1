// Raw published text → logical paragraphs with their source spans. Drops PDF page markers
// and running headers, joins hard-wrapped lines and paragraphs split by page breaks.

import { collapseLetterSpacing, displayWidth, normalizeInline, trimEndChars } from '../text/normalize.js';
import { ParagraphDraft } from './segment-draft.js';
import { repairGlyphs, repairSpacedNumbers, splitRawLines } from './segment-repair.js';
import { detectMarker, isHeadingLine, isTitleLike } from './segment-markers.js';
import { isResponsibilityText, parseHeadingLead } from './segment-responsibility.js';
import { isFrameLine, isMasthead } from './segment-frame.js';

export interface Paragraph {
  /** Normalised text of the paragraph (one line, no line breaks). */
  text: string;
  /** [start, end) in the raw text, from the first to the last visible character. */
  start: number;
  end: number;
}

type Gap = 'wrap' | 'blank' | 'page';

const CONTINUATION = /^[，。、；：）)》”’%‰,;:]/u;
const UNIT_START = /^(?:[年月日号万亿千百元角个家人亩项次件户名所座台套辆吨倍份条批场期]|平方|公里|小时|周岁)/u;

export interface Line {
  text: string;
  start: number;
  end: number;
  kind: 'text' | 'blank' | 'noise';
  /** The raw line starts with an indent (two or more spaces): a new paragraph in PDF text. */
  indented: boolean;
  /** The raw line was letter-spaced (`一 、 总 则`): a title or heading set on its own line. */
  spaced: boolean;
}

const PAGE_MARKERS: RegExp[] = [
  /^[-—–－―~～_]+\d{1,4}[-—–－―~～_]+$/u, // — 3 —, -3-, - 3 -
  /^第\d{1,4}页(?:[，,/]?共\d{1,4}页)?$/u, // 第3页, 第3页共9页
  /^共\d{1,4}页第\d{1,4}页$/u,
  /^\d{1,4}\/\d{1,4}$/u, // 3/9
  /^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/iu,
  /^\d{1,3}$/u, // a lone page number
  /^[IVXLC]{1,6}$/u, // a roman page number (front matter)
];

/** A table-of-contents entry: a title, a dot leader and a page number (`一、综合篇 ....... 1`). */
export function isTocLine(text: string): boolean {
  return /(?:[.．·…]{4,}|…{2,}|\.{2,}\s*\.{2,})\s*(?:\d{1,4}|[IVXLCivxlc]{1,6})$/u.test(text);
}

/** True for a line that is only a page number / page marker. */
export function isPageMarker(line: string): boolean {
  const s = line.replace(/\s+/g, '');
  return PAGE_MARKERS.some((re) => re.test(s));
}

function splitLines(raw: string): Line[] {
  const lines: Line[] = [];
  for (const { start: lineStart, end: lineEnd, pageBreak } of splitRawLines(raw)) {
    const content = raw.slice(lineStart, lineEnd);
    const lead = /^[\s\u3000\ufeff]*/u.exec(content)?.[0].length ?? 0;
    const trail = content.length - trimEndChars(content, ' \t\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff').length;
    const repaired = repairGlyphs(content);
    const collapsed = collapseLetterSpacing(repaired);
    const text = repairSpacedNumbers(normalizeInline(collapsed));
    const start = lineStart + lead;
    const end = Math.max(start, lineStart + content.length - trail);
    const indented = /^(?:[ \t]{2,}|\u3000)/u.test(content);
    const spaced = collapsed !== repaired && text.length > 1;
    // A form feed is a page break: a marker line so the gap before the next line reads as one.
    if (pageBreak) lines.push({ text: '', start, end: start, indented: false, spaced: false, kind: 'noise' });
    lines.push({ text, start, end, indented, spaced, kind: text.length === 0 ? 'blank' : isPageMarker(text) || isTocLine(text) ? 'noise' : 'text' });
  }
  // A 目录 heading goes with the table of contents it introduces.
  lines.forEach((l, i) => {
    if (l.kind !== 'text' || !/^目录$/u.test(l.text)) return;
    const next = lines.slice(i + 1, i + 4).find((x) => x.kind !== 'blank');
    if (next !== undefined && next.kind === 'noise' && isTocLine(next.text)) l.kind = 'noise';
  });
  dropTocWraps(lines);
  return lines;
}

/**
 * Entries of a table of contents wrapped over two lines (`20.关于开展…项目申报工作的` +
 * `通知……237`): a text line between two dot-leader entries (at most two text lines apart,
 * page furniture aside) belongs to the table of contents too.
 */
function dropTocWraps(lines: Line[]): void {
  const toc: number[] = [];
  lines.forEach((l, i) => {
    if (l.kind === 'noise' && isTocLine(l.text)) toc.push(i);
  });
  for (let k = 1; k < toc.length; k++) {
    const from = toc[k - 1] ?? 0;
    const to = toc[k] ?? 0;
    const between = lines.slice(from + 1, to).filter((l) => l.kind === 'text');
    if (between.length === 0 || between.length > 2) continue;
    for (const l of between) l.kind = 'noise';
  }
}

/**
 * The document's physical lines, repaired and normalised, with page markers, tables of contents
 * and running headers marked as noise. `keep` exempts lines (e.g. field labels of a policy card
 * repeated on every page) from being taken for running headers.
 */
export function readLines(raw: string, keep: (text: string) => boolean = () => false): Line[] {
  const lines = splitLines(raw);
  markRunningHeaders(lines, keep);
  return lines;
}

function headerCandidate(text: string): boolean {
  return (
    [...text].length >= 2 &&
    [...text].length <= 40 &&
    !/[，。；：,;:]/u.test(text) &&
    !/^[（(【\[]/u.test(text) &&
    !/[）)】\]]$/u.test(text) &&
    detectMarker(text) === null
  );
}

/**
 * Running headers: short title-like lines repeated on several pages. Where the text has page
 * markers, most occurrences must sit next to one (so a repeated wrapped tail such as
 * `市财政局）` is not taken for a header); without markers, a line must repeat three times.
 */
function markRunningHeaders(lines: Line[], keep: (text: string) => boolean = () => false): void {
  const counts = new Map<string, number[]>();
  lines.forEach((l, i) => {
    if (l.kind !== 'text' || !headerCandidate(l.text) || keep(l.text)) return;
    const at = counts.get(l.text);
    if (at === undefined) counts.set(l.text, [i]);
    else at.push(i);
  });
  const hasMarkers = lines.some((l) => l.kind === 'noise');
  const nearNoise = (i: number): boolean => {
    for (const dir of [-1, 1]) {
      let seen = 0;
      for (let j = i + dir; j >= 0 && j < lines.length && seen < 2; j += dir) {
        const l = lines[j];
        if (l === undefined || l.kind === 'blank') continue;
        if (l.kind === 'noise') return true;
        seen++;
      }
    }
    return false;
  };
  const headers = new Set<string>();
  for (const [text, at] of counts) {
    if (at.length < 2) continue;
    const near = at.filter(nearNoise).length;
    if (hasMarkers ? near >= 2 && near >= at.length * 0.8 : at.length >= 3 && [...text].length >= 6) headers.add(text);
  }
  for (const l of lines) if (l.kind === 'text' && headers.has(l.text)) l.kind = 'noise';
}

interface Fragment {
  line: Line;
  gap: Gap;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

type ShortTest = (line: string, gap: Gap) => boolean;

/**
 * Decides how short a title-like line must be to stand on its own. Where lines are hard-wrapped,
 * a wrapped line fills the page width, so a clearly shorter line ends its paragraph; a blank
 * line (unless blank lines separate wrapped lines too) ends a short title-like line anyway.
 */
function shortLineTest(fragments: Fragment[]): ShortTest {
  const widths = fragments.map((f) => displayWidth(f.line.text));
  const wrapCount = fragments.filter((f) => f.gap === 'wrap').length;
  const blankCount = fragments.filter((f) => f.gap === 'blank').length;
  // Some extractors put a blank line after every wrapped line: many short lines, no plain wraps.
  const blankMeansWrap = blankCount >= 4 && wrapCount < 0.1 * blankCount && percentile(widths, 0.5) <= 90;
  const wrapped: number[] = [];
  for (let i = 1; i < fragments.length; i++) {
    const gap = fragments[i]?.gap;
    if (gap === 'wrap' || (gap === 'blank' && blankMeansWrap)) wrapped.push(widths[i - 1] ?? 0);
  }
  const byLength = (line: string): boolean => [...line].length <= 64;
  if (wrapped.length < 4) return byLength;
  const width = percentile(wrapped, 0.75);
  const byWidth = (line: string): boolean => displayWidth(line) < width * 0.75;
  return (line, gap) => (gap === 'blank' && !blankMeansWrap ? byLength(line) : byWidth(line));
}

/** Splits raw published text into repaired, normalised paragraphs with source spans. */
export function buildParagraphs(raw: string): Paragraph[] {
  const lines = splitLines(raw);
  markRunningHeaders(lines);
  const fragments: Fragment[] = [];
  let gap: Gap = 'blank';
  for (const line of lines) {
    if (line.kind === 'noise') gap = 'page';
    else if (line.kind === 'blank') gap = gap === 'page' ? 'page' : 'blank';
    else {
      fragments.push({ line, gap });
      gap = 'wrap';
    }
  }
  const isShort = shortLineTest(fragments);
  const paragraphs: Paragraph[] = [];
  let cur: { draft: ParagraphDraft; start: number; end: number; lastLine: string; spaced: boolean } | null = null;
  for (const { line, gap } of fragments) {
    if (cur !== null && shouldJoin(cur.draft, cur.lastLine, cur.spaced, line, gap, isShort)) {
      cur.draft.append(line.text);
      cur.end = line.end;
      cur.lastLine = line.text;
      cur.spaced = line.spaced;
      continue;
    }
    if (cur !== null) paragraphs.push({ text: cur.draft.text(), start: cur.start, end: cur.end });
    cur = { draft: new ParagraphDraft(line.text), start: line.start, end: line.end, lastLine: line.text, spaced: line.spaced };
  }
  if (cur !== null) paragraphs.push({ text: cur.draft.text(), start: cur.start, end: cur.end });
  return paragraphs;
}

function shouldJoin(draft: ParagraphDraft, lastLine: string, spaced: boolean, next: Line, gap: Gap, isShort: ShortTest): boolean {
  if (isResponsibilityText(next.text)) return true; // （责任单位：…） pushed onto its own line
  // Heading, title and bare-marker checks read the whole paragraph: only short ones can be any.
  const paragraph = draft.short;
  // A bare marker (`第一章` / `总则`, `第一条` / `为了……`) takes the next line as its text.
  if (paragraph !== null && detectMarker(paragraph)?.length === paragraph.length && detectMarker(next.text) === null) return true;
  // A parenthetical opened near the end (（责任单位：… cut by a break) continues on the next line.
  const open = draft.openBracketDistance;
  if (open >= 0 && open <= 120) return true;
  if (draft.endsSentence) return false;
  // `…2024` + `年起…`, `…资金5.47` + `亿元`: a line cannot start with a unit or closing mark.
  if (CONTINUATION.test(next.text) || (/\d/u.test(draft.lastChar ?? '') && UNIT_START.test(next.text))) return true;
  // A heading stands on its own line, unless the line is full width (a wrapped first line).
  if (paragraph !== null && isHeadingLine(paragraph) && (isShort(lastLine, gap) || spaced || parseHeadingLead(paragraph).units.length > 0)) return false;
  if (next.indented && draft.isTitleLike) return false;
  // An issuer / date line under a title (a web page's byline) is never part of the title.
  if (isTitleLike(lastLine) && draft.isTitleLike && isFrameLine(next.text)) return false;
  // A title set over two centred lines: consecutive short title-like lines (not mastheads, dates, issuers).
  if (gap === 'wrap' && isTitleLike(lastLine) && isTitleLike(next.text) && detectMarker(next.text) === null && !spaced && !next.spaced) {
    const plain = (t: string): boolean => !isMasthead(t) && !isFrameLine(t);
    if (paragraph !== null && plain(lastLine) && plain(next.text) && plain(paragraph)) return true;
  }
  if (isTitleLike(lastLine) && (isShort(lastLine, gap) || spaced || isHeadingLine(next.text))) return false;
  return true;
}
