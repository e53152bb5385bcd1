// Splitting a clause text around the quoted passage so the view can wrap it in <mark> (pure).

export interface TextPart {
  text: string;
  mark: boolean;
}

/** Parts of `text`, marking every occurrence of any of `quotes` (longest first, no overlaps). */
export function highlightParts(text: string, quotes: readonly (string | undefined)[]): TextPart[] {
  const qs = [...new Set(quotes.filter((q): q is string => !!q && q.length >= 2))].sort((a, b) => b.length - a.length);
  const ranges: Array<[number, number]> = [];
  for (const q of qs) {
    let from = 0;
    for (;;) {
      const i = text.indexOf(q, from);
      if (i === -1) break;
      const end = i + q.length;
      if (!ranges.some(([s, e]) => i < e && end > s)) ranges.push([i, end]);
      from = end;
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const out: TextPart[] = [];
  let last = 0;
  for (const [s, e] of ranges) {
    if (s > last) out.push({ text: text.slice(last, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    last = e;
  }
  if (last < text.length) out.push({ text: text.slice(last), mark: false });
  return out;
}
