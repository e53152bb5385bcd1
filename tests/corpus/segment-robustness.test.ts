// The seed re-typeset as PDF-extracted text (hard wraps, page markers, running headers,
// full-width digits, letter-spaced headings) must segment into the same units.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import { canonicalForMatch } from '../../src/text/canonical.js';
import { expectCleanText, expectTraceable } from './segment-helpers.js';

const seed = readFileSync(new URL('../../corpus/raw/wzzb-2024-11.txt', import.meta.url), 'utf8');

interface Layout {
  width: number;
  linesPerPage: number;
  blankBetweenParagraphs: boolean;
  indent: boolean;
  marker: (page: number) => string;
}

/** Lays the seed out like pdftotext output. Pure string manipulation, no segmenter logic. */
function typeset(raw: string, layout: Layout): string {
  const paragraphs = raw.split(/\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const lines: string[] = [];
  for (const p of paragraphs) {
    const heading = /^[一二三四五六七八]、/.test(p);
    const text = heading ? [...p].join(' ') : p;
    const chars = [...(layout.indent && !heading ? `　　${text}` : text)];
    for (let i = 0; i < chars.length; i += heading ? chars.length : layout.width) {
      lines.push(chars.slice(i, i + (heading ? chars.length : layout.width)).join(''));
    }
    if (layout.blankBetweenParagraphs) lines.push('');
  }
  const out: string[] = [];
  let page = 1;
  lines.forEach((line, i) => {
    out.push(line);
    if ((i + 1) % layout.linesPerPage === 0) {
      out.push('', layout.marker(page), '', '温州市人民政府行政规范性文件');
      page++;
    }
  });
  return out.join('\n').replace(/[0-9.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

const layouts: Array<[string, Layout]> = [
  ['dense, 28 per line, — n — markers', { width: 28, linesPerPage: 22, blankBetweenParagraphs: false, indent: true, marker: (n) => `— ${n} —` }],
  ['blank lines between paragraphs, 24 per line, -n- markers', { width: 24, linesPerPage: 30, blankBetweenParagraphs: true, indent: false, marker: (n) => `-${n}-` }],
  ['dense without indents, 31 per line, 第n页 markers', { width: 31, linesPerPage: 17, blankBetweenParagraphs: false, indent: false, marker: (n) => `第${n}页` }],
];

const expected = segmentDocument(seed).units;

describe.each(layouts)('the seed typeset as PDF text (%s)', (_name, layout) => {
  const raw = typeset(seed, layout);
  const { units, warnings } = segmentDocument(raw);

  it('yields the same units with the same text, titles and responsible units', () => {
    expect(units.map((u) => u.ref)).toEqual(expected.map((u) => u.ref));
    expect(warnings).toEqual([]);
    units.forEach((u, i) => {
      const e = expected[i]!;
      expect(canonicalForMatch(u.text), `unit ${u.ref}`).toBe(canonicalForMatch(e.text));
      expect(u.title, `unit ${u.ref}`).toBe(e.title);
      expect(u.units, `unit ${u.ref}`).toEqual(e.units);
      expect(u.section, `unit ${u.ref}`).toBe(e.section);
    });
  });

  it('keeps text clean and traceable', () => {
    for (const u of units) {
      expectCleanText(u);
      expectTraceable(raw, u, { contiguousEnds: false });
      expect(u.text).not.toContain('规范性文件');
    }
  });
});
