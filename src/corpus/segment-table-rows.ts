// Two-column card tables as pdf.js lays them out (src/ingest/formats/pdf.ts): a label cell and the
// value line at its height come out as one line with a space between (`发文机构 北京市发展和改革委员会`),
// a four-column row as one line (`工具分类 资金支持 服务对象 全市范围`), and a value wrapped around
// its row begins on the line above it. pdftotext sets each cell on lines of its own. This reads
// such rows back as separate label and value lines, so records are read the same either way. Pure.

import { collapseLetterSpacing, normalizeInline } from '../text/normalize.js';
import { repairGlyphs, repairSpacedNumbers } from './segment-repair.js';

export interface PlainLine {
  text: string;
  start: number;
  end: number;
  gap: boolean;
}

export interface CellLine extends PlainLine {
  /** Set for the pieces of a table row: a label cell, or the value beside it. */
  cell?: 'label' | 'value';
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Whitespace-separated pieces of a line, in raw offsets (the normalised text has lost the spaces). */
function tokens(raw: string, line: PlainLine): Token[] {
  const out: Token[] = [];
  const slice = raw.slice(line.start, line.end);
  for (const m of slice.matchAll(/[^\s\u3000\u00a0]+/gu)) {
    const at = line.start + (m.index ?? 0);
    out.push({ text: m[0], start: at, end: at + m[0].length });
  }
  return out;
}

function normalizeCell(text: string): string {
  return repairSpacedNumbers(normalizeInline(collapseLetterSpacing(repairGlyphs(text))));
}

const HAN_END = /\p{Script=Han}$/u;
const HAN_START = /^\p{Script=Han}/u;

/**
 * Splits the table rows of `lines` into label and value lines. A row is a line whose first
 * space-separated piece is a label word (`isLabelWord`) that the document uses as a cell label:
 * one that starts such lines (or stands inside them after a value) and, in rows or alone on its
 * line, recurs at least `minCount` times. Only documents where label words stand alone on at
 * least `minCount` lines, one of them also starting a row, are read so: a two-column table
 * extracted line by line, where a label beside a wrapped value gets a line of its own. Other
 * documents are returned as they are.
 */
export function splitTableRows(raw: string, lines: PlainLine[], isLabelWord: (word: string) => boolean, minCount: number): CellLine[] {
  const toks = lines.map((l) => tokens(raw, l));
  const alone = new Map<string, number>();
  const inRows = new Map<string, number>();
  const heads = new Set<string>();
  const inc = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  lines.forEach((l, i) => {
    const t = toks[i] ?? [];
    if (t.length === 1 && isLabelWord(l.text)) inc(alone, l.text);
    const head = t[0];
    if (t.length < 2 || head === undefined || !isLabelWord(head.text)) return;
    heads.add(head.text);
    inc(inRows, head.text);
    for (const x of t.slice(2)) if (isLabelWord(x.text)) inc(inRows, x.text);
  });
  const aloneTotal = [...alone.values()].reduce((a, b) => a + b, 0);
  const table = aloneTotal >= minCount && [...alone.keys()].some((w) => heads.has(w));
  if (!table) return lines;
  // A word is a cell label where it is set in rows and recurs as a label, in rows or alone.
  const cellLabel = (w: string): boolean => isLabelWord(w) && (inRows.get(w) ?? 0) > 0 && (inRows.get(w) ?? 0) + (alone.get(w) ?? 0) >= minCount;
  const isRow = (i: number): boolean => {
    const t = toks[i] ?? [];
    return t.length >= 2 && cellLabel(t[0]?.text ?? '');
  };

  interface Cell {
    label: Token;
    value: Token[];
  }
  const cellsOf = (i: number): Cell[] => {
    const cells: Cell[] = [];
    (toks[i] ?? []).forEach((t, k) => {
      const last = cells[cells.length - 1];
      if (k === 0 || (cellLabel(t.text) && last !== undefined && last.value.length > 0)) cells.push({ label: t, value: [] });
      else last?.value.push(t);
    });
    return cells;
  };

  const out: CellLine[] = [];
  const dropped = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l === undefined || dropped.has(i)) continue;
    if (!isRow(i)) {
      out.push(l);
      continue;
    }
    const cells = cellsOf(i);
    // A label too wide for its cell, printed above and below the row (`服务` / row / `对象`): it
    // is the row's second label, and the row's value pieces after the first are its value.
    const above = lines[i - 1];
    const below = lines[i + 1];
    const first = cells[0];
    if (cells.length === 1 && first !== undefined && first.value.length >= 2 && above !== undefined && below !== undefined && !isRow(i - 1) && !isRow(i + 1)) {
      const word = above.text + below.text;
      const [head, next] = first.value;
      if ([...above.text].length <= 4 && [...below.text].length <= 4 && cellLabel(word) && head !== undefined && next !== undefined && HAN_END.test(head.text) && HAN_START.test(next.text)) {
        cells.push({ label: { text: word, start: below.start, end: below.end }, value: first.value.slice(1) });
        first.value = [head];
        if (out[out.length - 1] === above) out.pop();
        dropped.add(i + 1);
      }
    }
    // A value of the row's last label wrapped around the row: its first lines stand between the
    // previous row (complete with its value) and this one.
    const pending: CellLine[] = [];
    if (cells.length >= 2 && !l.gap) {
      let k = out.length;
      while (k > 0 && out.length - k < 2 && out[k - 1]?.cell === undefined && !(out[k - 1]?.gap ?? true)) k--;
      const before = out[k - 1];
      if (k < out.length && before?.cell === 'value' && !(out[k]?.gap ?? true)) pending.push(...out.splice(k));
    }
    cells.forEach((c, n) => {
      out.push({ text: c.label.text, start: c.label.start, end: c.label.end, gap: n === 0 ? l.gap : false, cell: 'label' });
      if (n === cells.length - 1) out.push(...pending);
      const from = c.value[0];
      const to = c.value[c.value.length - 1];
      if (from !== undefined && to !== undefined) {
        out.push({ text: normalizeCell(raw.slice(from.start, to.end)), start: from.start, end: to.end, gap: false, cell: 'value' });
      }
    });
  }
  return out;
}
