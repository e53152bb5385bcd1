// Property tests: the segmenter never throws and always returns well-formed units, whatever
// the input; normalisation is idempotent.

import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import { normalizeInline } from '../../src/text/normalize.js';

const fixtureDir = new URL('../fixtures/segment/', import.meta.url);
const sources = [
  readFileSync(new URL('../../corpus/raw/wzzb-2024-11.txt', import.meta.url), 'utf8'),
  ...readdirSync(fixtureDir).map((f) => readFileSync(new URL(f, fixtureDir), 'utf8')),
];
const realLines = sources.flatMap((s) => s.split('\n'));
const noise = ['', '', '— 7 —', '-8-', '第9页', '12', '  ', '温州市人民政府行政规范性文件', '（责任单位：市财政局）', '1.', '（一）', '第三条'];

const documentArb = fc
  .array(fc.oneof(fc.constantFrom(...realLines), fc.constantFrom(...noise), fc.string({ maxLength: 30 })), { maxLength: 120 })
  .map((lines) => lines.join('\n'));

describe('segmentDocument invariants', () => {
  it('returns ordered, in-bounds, well-formed units for arbitrary line soups', () => {
    fc.assert(
      fc.property(documentArb, (raw) => {
        const { units, warnings } = segmentDocument(raw);
        let prevEnd = 0;
        const clauseNumbers: number[] = [];
        for (const u of units) {
          expect(u.source.start).toBeGreaterThanOrEqual(prevEnd);
          expect(u.source.end).toBeGreaterThanOrEqual(u.source.start);
          expect(u.source.end).toBeLessThanOrEqual(raw.length);
          prevEnd = u.source.end;
          expect(u.text).not.toMatch(/\p{Script=Han} +\p{Script=Han}/u);
          if (u.kind === 'clause') {
            // A numbered clause is its number; a question of a Q&A page is q<number>.
            expect([String(u.number), `q${u.number}`]).toContain(u.ref);
            clauseNumbers.push(u.number ?? -1);
          }
          if (u.kind === 'section') expect(u.ref).toBe(`s${u.number}`);
        }
        // Clauses keep the document's numbers: they start at 1 and rise; a lost number (第一条 then
        // 第三条, no 第二条 anywhere) is bridged, never renumbered, and reported.
        if (clauseNumbers.length) expect(clauseNumbers[0]).toBe(1);
        clauseNumbers.forEach((n, i) => {
          if (i === 0) return;
          const before = clauseNumbers[i - 1]!;
          expect(n).toBeGreaterThan(before);
          if (n > before + 1) expect(warnings).toContain(`编号缺失：第${before}项之后是第${n}项，缺少第${before + 1}项，请核对原文`);
        });
        expect(new Set(units.map((u) => u.ref)).size).toBe(units.length);
      }),
      { numRuns: Number(process.env.SEGMENT_RUNS ?? 150) },
    );
  });
});

describe('normalizeInline', () => {
  const alphabet = [...'温州市政府资金亿元（）()，,；;：:。 　１２3４.．ABcd%D类and-—“”〈〉、\t'];
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const once = normalizeInline(s);
        expect(normalizeInline(once)).toBe(once);
      }),
      { numRuns: Number(process.env.SEGMENT_RUNS ?? 500) },
    );
  });
});
