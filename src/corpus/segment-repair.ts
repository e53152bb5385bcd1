// Repairs of extraction damage that must happen before lines are read: glyphs that PDF fonts
// map to the wrong code points, and paragraph breaks hidden in private-use glyphs, form feeds
// or ideographic indents inside one physical line. Pure; 1:1 on offsets where spans matter.

/**
 * Punctuation that Founder (方正) fonts export as Yi syllables: the GB2312 row-3 byte pair read
 * as a code point (U+A3AC = GB A3AC，). ꎰ (U+A3B0) is also seen for the colon in real output.
 */
const YI_PUNCTUATION: Record<string, string> = { 'ꎬ': '，', 'ꎮ': '。', 'ꎻ': '；', 'ꎺ': '：', 'ꎰ': '：' };
const YI = /[\ua000-\ua48f]/u;
/** Private-use code points (BMP and planes 15–16): glyphs without a Unicode mapping. */
const PUA = /[\ue000-\uf8ff\u{f0000}-\u{10ffff}]/u;
const PUA_G = /[\ue000-\uf8ff\u{f0000}-\u{10ffff}]/gu;

/**
 * Character-level glyph repair of one line:
 * - Yi-syllable punctuation (ꎬ ꎮ ꎻ ꎺ ꎰ) → ，。；：, unless it stands next to other Yi text;
 * - ﹝﹞ → 〔〕; « » around Chinese text → 《 》 (a title-mark glyph exported as guillemets);
 * - a private-use glyph between digits (`５􀆰 ５％`) → the decimal point; other private-use
 *   glyphs are dropped (line breaks among them were split off before).
 */
export function repairGlyphs(line: string): string {
  let s = line;
  if (/[ꎬꎮꎻꎺꎰ]/u.test(s)) {
    const chars = Array.from(s);
    s = chars
      .map((c, i) => {
        const to = YI_PUNCTUATION[c];
        if (to === undefined) return c;
        const prev = chars[i - 1];
        const next = chars[i + 1];
        return (prev !== undefined && YI.test(prev) && !(prev in YI_PUNCTUATION)) || (next !== undefined && YI.test(next) && !(next in YI_PUNCTUATION)) ? c : to;
      })
      .join('');
  }
  // Small-form brackets in document numbers (某委发﹝2024﹞5号) → the usual 〔〕.
  if (/[﹝﹞]/u.test(s)) s = s.replace(/﹝/gu, '〔').replace(/﹞/gu, '〕');
  if (s.includes('«')) s = s.replace(/«([^«»]{1,80})»/gu, (m, inner: string) => (/\p{Script=Han}/u.test(inner) ? `《${inner}》` : m));
  if (PUA.test(s)) {
    s = s.replace(/([0-9０-９])[ \u3000]*[\ue000-\uf8ff\u{f0000}-\u{10ffff}][ \u3000]*(?=[0-9０-９])/gu, '$1.');
    s = s.replace(PUA_G, '');
  }
  return s;
}

/** `第 1 0 条`, `第2 6条` → `第10条`, `第26条`: spaced digits inside a numbering label. */
export function repairSpacedNumbers(s: string): string {
  return s.replace(/第\s*(\d(?:\s*\d){0,3})\s*(条|章|节|部分|款|项)/gu, (_m, digits: string, unit: string) => `第${digits.replace(/\s+/g, '')}${unit}`);
}

export interface RawLine {
  /** [start, end) of the line's content in the raw text (separators excluded). */
  start: number;
  end: number;
  /** A page break (form feed) precedes this line. */
  pageBreak: boolean;
}

/**
 * Physical lines of the raw text, also split where a paragraph break was lost in extraction:
 * at a form feed (a page break), at a private-use glyph standing for a break (not one between
 * digits, which is a decimal point), and before an ideographic indent (`。　　三、…`) that follows
 * the end of a sentence in the middle of a line. Linear.
 */
export function splitRawLines(raw: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  let pageBreak = false;
  // Newlines keep empty lines (blank lines separate paragraphs); other splits never make one.
  const push = (end: number, nextStart: number, nextPage: boolean, keepEmpty: boolean): void => {
    if (end > start || keepEmpty) lines.push({ start, end, pageBreak });
    start = nextStart;
    pageBreak = nextPage || (pageBreak && end === start);
  };
  for (let i = 0; i < raw.length; ) {
    const c = raw[i] ?? '';
    const cp = raw.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (c === '\r' && raw[i + 1] === '\n') {
      push(i, i + 2, false, true);
      i += 2;
    } else if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') {
      push(i, i + 1, false, true);
      i += 1;
    } else if (c === '\f') {
      push(i, i + 1, true, false);
      i += 1;
    } else if (((cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000) && !isDecimalGlyph(raw, i, width)) {
      push(i, i + width, false, false);
      i += width;
    } else if (c === '\u3000' && raw[i + 1] === '\u3000' && /[。；！？：]/u.test(prevVisible(raw, i, start))) {
      push(i, i, false, false);
      while (raw[i] === '\u3000') i++;
    } else i += width;
  }
  if (start < raw.length) lines.push({ start, end: raw.length, pageBreak });
  return lines;
}

function prevVisible(raw: string, i: number, lineStart: number): string {
  for (let j = i - 1; j >= lineStart; j--) {
    const c = raw[j] ?? '';
    if (c !== ' ' && c !== '\u3000' && c !== '\t') return c;
  }
  return '';
}

function isDecimalGlyph(raw: string, i: number, width: number): boolean {
  let a = i - 1;
  while (a >= 0 && (raw[a] === ' ' || raw[a] === '\u3000')) a--;
  let b = i + width;
  while (b < raw.length && (raw[b] === ' ' || raw[b] === '\u3000')) b++;
  return /[0-9０-９]/u.test(raw[a] ?? '') && /[0-9０-９]/u.test(raw[b] ?? '');
}
