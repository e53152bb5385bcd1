// A paragraph being assembled from lines, with the facts the join heuristics ask about kept up
// to date as lines are appended, so assembling a paragraph of n lines costs O(total length)
// instead of re-reading (and re-normalising) the whole paragraph at every line.

import { isClosingQuote, isSentenceFinal, normalizeInline } from '../text/normalize.js';

const OPENERS = new Set(['（', '(', '【', '[', '〔']);
const CLOSERS = new Set(['）', ')', '】', ']', '〕']);
const NON_TITLE = /[，、；：。！？,;:!?]/u;
/** Paragraphs longer than this are never headings, titles or bare markers: skip those checks. */
export const SHORT_PARAGRAPH = 200;

type BracketType = 'round' | 'lenticular' | 'square';
const TYPE: Record<string, BracketType> = { '（': 'round', '(': 'round', '）': 'round', ')': 'round', '【': 'lenticular', '】': 'lenticular', '[': 'square', ']': 'square' };

export class ParagraphDraft {
  private parts: string[] = [];
  /** Joined text while the paragraph is short (for the heading / title checks), else null. */
  private shortText: string | null = '';
  private length = 0;
  private codePoints = 0;
  private last: string | undefined;
  private beforeLast: string | undefined;
  private titleLike = true;
  /** Code-point positions of brackets still open (all types together), as unclosedBracket reads them. */
  private open: number[] = [];
  /** Per type: the character before each open bracket (undefined at the paragraph start). */
  private typed: Record<BracketType, Array<string | undefined>> = { round: [], lenticular: [], square: [] };
  /** When the text ends with a closing bracket: the character before its opening one. */
  private closedAt: { found: boolean; atStart: boolean; before: string | undefined } = { found: false, atStart: false, before: undefined };

  constructor(first: string) {
    this.append(first);
  }

  append(line: string): void {
    const needsSpace = this.last !== undefined && /[A-Za-z]/.test(this.last) && /^[A-Za-z]/.test(line);
    const piece = needsSpace ? ` ${line}` : line;
    this.parts.push(piece);
    if (this.shortText !== null) this.shortText = this.shortText.length + piece.length <= SHORT_PARAGRAPH ? this.shortText + piece : null;
    if (this.titleLike && NON_TITLE.test(piece)) this.titleLike = false;
    for (const ch of piece) {
      if (OPENERS.has(ch)) this.open.push(this.codePoints);
      else if (CLOSERS.has(ch) && this.open.length > 0) this.open.pop();
      const type = TYPE[ch];
      if (type !== undefined) {
        const stack = this.typed[type];
        if (ch === '（' || ch === '(' || ch === '【' || ch === '[') stack.push(this.length === 0 ? undefined : this.last);
        else {
          const found = stack.length > 0;
          const before = stack.pop();
          this.closedAt = { found, atStart: found && before === undefined, before };
        }
      }
      this.beforeLast = this.last;
      this.last = ch;
      this.length += ch.length;
      this.codePoints++;
    }
  }

  /** The text as joined so far while short (≤ SHORT_PARAGRAPH), else null. */
  get short(): string | null {
    return this.shortText;
  }

  get lastChar(): string | undefined {
    return this.last;
  }

  /** No inner punctuation at all (see isTitleLike). */
  get isTitleLike(): boolean {
    return this.length > 0 && this.titleLike;
  }

  /** Code points from the innermost bracket still open to the end, or -1 when all are closed. */
  get openBracketDistance(): number {
    const top = this.open[this.open.length - 1];
    return top === undefined ? -1 : this.codePoints - top;
  }

  /** Same as endsSentence(text), from the tracked ends of the paragraph. */
  get endsSentence(): boolean {
    const last = this.last;
    if (last === undefined) return false;
    if (isSentenceFinal(last)) return true;
    if (isClosingQuote(last)) return isSentenceFinal(this.beforeLast);
    if (last === '）' || last === ')' || last === '】' || last === ']') {
      if (!this.closedAt.found) return false;
      if (this.closedAt.atStart) return true;
      return isSentenceFinal(this.closedAt.before) || isClosingQuote(this.closedAt.before);
    }
    return false;
  }

  /** The paragraph's normalised text (seams repaired once, at the end). */
  text(): string {
    return normalizeInline(this.parts.join(''));
  }
}
