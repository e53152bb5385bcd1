// A same-length normalised view of extracted text, so every match maps back to exact offsets
// in the original: full-width digits/letters become ASCII, odd spaces become ' ', private-use
// glyphs and form feeds become line breaks.
export interface Span {
  start: number;
  end: number;
  /** The original text between start and end. */
  text: string;
}

export interface Found<T> {
  value: T;
  span: Span;
}

export interface Line {
  /** Normalised line text (same length as the original line). */
  text: string;
  start: number;
  end: number;
}

export interface TextView {
  original: string;
  /** Same length as original. */
  norm: string;
  lines: Line[];
  /** Non-empty lines only, in order. */
  nonEmpty: Line[];
}

export function normaliseChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xfee0); // ０-９
  if ((c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return String.fromCharCode(c - 0xfee0);
  if (c === 0x3000 || c === 0x00a0 || c === 0x2002 || c === 0x2003 || c === 0x2009 || c === 0x200b || c === 0xfeff || c === 0x09) return ' ';
  if (c === 0x0c || c === 0x0d || c === 0x2028 || c === 0x2029) return '\n';
  if (c >= 0xe000 && c <= 0xf8ff) return '\n';
  if (c === 0xff0e) return '.';
  if (c === 0xff0d) return '-';
  if (c === 0xff0f) return '/';
  return ch;
}

export function makeView(original: string): TextView {
  let norm = '';
  // Iterate UTF-16 code units so lengths stay identical (astral chars pass through unchanged).
  for (let i = 0; i < original.length; i++) norm += normaliseChar(original[i]!);
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= norm.length; i++) {
    if (i === norm.length || norm[i] === '\n') {
      lines.push({ text: norm.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  return { original, norm, lines, nonEmpty: lines.filter((l) => l.text.trim() !== '') };
}

export function spanOf(view: TextView, start: number, end: number): Span {
  return { start, end, text: view.original.slice(start, end) };
}

/** Span of a line without its leading/trailing spaces. */
export function lineSpan(view: TextView, line: Line): Span {
  const lead = line.text.length - line.text.trimStart().length;
  const trail = line.text.length - line.text.trimEnd().length;
  return spanOf(view, line.start + lead, line.end - trail);
}

/** Remove all whitespace (for comparisons and values built from wrapped lines). */
export const squeeze = (s: string): string => s.replace(/\s+/g, '');
