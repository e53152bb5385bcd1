// Property-based fuzzing of the pure text functions that user or operator text reaches: the
// segmenter and the profile extractor never throw on hostile strings (control characters, lone
// surrogates, bidi overrides, zero-width characters, numbering soup), return well-formed results
// deterministically, and finish in bounded time on large inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import { extractProfile } from '../../src/matching/extract-profile.js';
import { CompanyProfileSchema, PROFILE_FIELDS } from '../../src/matching/profile.js';
import { ROOT } from '../server/helpers.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const realLines = readFileSync(join(ROOT, 'corpus/raw/wzzb-2024-11.txt'), 'utf8').split('\n');

const nasty = [
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b', '\u200d', '\u202e', '\u2066',
  '\ufeff', '\ufffd', '\r', '\n', '\r\n', '\t', '\u3000', '\u00a0', '\u2028',
  '（', '）', '(', ')', '【', '】', '〔', '〕', '[', ']', '第', '条', '章', '节', '一', '二', '十', '百', '、', '.', '．', '１', '9', '0',
  '万元', '亿元', '万', '亿', '%', '％', '元', '不', '没有', '非', '规上', '高新', '研发', '出口', '员工', '人', '年', '2023年', '营收',
  '责任单位：', '抄送：', '附件', '— 7 —', '第9页', '𠮷', '👍🏽', '\u0301', 'A', 'z', ' ',
];
const hostileChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const hostileString = (maxLength: number) => fc.string({ unit: hostileChar, maxLength });

const documentArb = fc
  .array(fc.oneof(fc.constantFrom(...realLines), hostileString(60), fc.constantFrom('一、总则', '（一）', '1.', '第一条', '第三条', '')), { maxLength: 80 })
  .chain((lines) => fc.constantFrom('\n', '\r\n', '\r').map((eol) => lines.join(eol)));

describe('segmentDocument under hostile input', () => {
  it('never throws and returns ordered, in-bounds units with unique refs, deterministically', () => {
    fc.assert(
      fc.property(fc.oneof(documentArb, hostileString(2000)), (raw) => {
        const result = segmentDocument(raw);
        expect(Array.isArray(result.warnings)).toBe(true);
        const refs = new Set<string>();
        let prevEnd = 0;
        for (const u of result.units) {
          expect(['preamble', 'section', 'clause', 'closing', 'annex']).toContain(u.kind);
          expect(typeof u.text).toBe('string');
          expect(u.source.start).toBeGreaterThanOrEqual(prevEnd);
          expect(u.source.end).toBeGreaterThanOrEqual(u.source.start);
          expect(u.source.end).toBeLessThanOrEqual(raw.length);
          prevEnd = u.source.end;
          expect(refs.has(u.ref)).toBe(false);
          refs.add(u.ref);
        }
        expect(segmentDocument(raw)).toEqual(result);
      }),
      { numRuns: RUNS },
    );
  });

  it('finishes in bounded time on large documents', () => {
    const big: Array<[string, string]> = [
      ['one 300k-character line', '研'.repeat(300_000)],
      ['30k clause markers on one line', '第一条 '.repeat(30_000)],
      ['30k bracket pairs', '（'.repeat(30_000) + '）'.repeat(30_000)],
      ['lone surrogates and controls', '\uD800\u0000\u202E\uDFFF'.repeat(25_000)],
      ['the real document repeated 20 times', realLines.join('\n').repeat(20)],
      // Many short numbered lines is the slowest shape found (super-linear); real documents
      // have a few hundred lines.
      ['2000 numbered lines', Array.from({ length: 2000 }, (_, i) => `${i + 1}. 内容`).join('\n')],
    ];
    for (const [name, raw] of big) {
      const started = performance.now();
      segmentDocument(raw);
      expect(performance.now() - started, name).toBeLessThan(5000);
    }
  }, 60_000);
});

describe('extractProfile under hostile input', () => {
  it('never throws; the profile always satisfies CompanyProfileSchema and `found` names real fields', () => {
    fc.assert(
      fc.property(hostileString(600), fc.option(fc.integer({ min: 1900, max: 2100 }), { nil: undefined }), (text, referenceYear) => {
        const { profile, found } = extractProfile(text, referenceYear ? { referenceYear } : {});
        expect(CompanyProfileSchema.safeParse(profile).success).toBe(true);
        for (const f of found) expect(PROFILE_FIELDS).toContain(f);
        for (const v of Object.values(profile)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
        expect(extractProfile(text, referenceYear ? { referenceYear } : {})).toEqual({ profile, found });
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('real company descriptions with hostile noise spliced in still parse', () => {
    const descriptions = ['我们是规上制造企业，年营收3000万元，研发投入200万元，员工120人。', '小微企业，不是高新，没有出口。', '鹿城区的软件公司，计划新建厂房，投资5000万。'];
    fc.assert(
      fc.property(fc.constantFrom(...descriptions), hostileString(40), fc.nat(), (d, noise, at) => {
        const i = at % (d.length + 1);
        const { profile } = extractProfile(d.slice(0, i) + noise + d.slice(i));
        expect(CompanyProfileSchema.safeParse(profile).success).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('finishes in bounded time on the longest accepted inputs', () => {
    const cases = [
      '营收1亿2千万3百万4十万5万元'.repeat(300).slice(0, 4000),
      '1'.repeat(4000),
      '不是没有不不不非'.repeat(500).slice(0, 4000),
      '我们是规上企业，不是高新，年营收3000万元，研发投入200万，员工120人。'.repeat(100).slice(0, 4000),
      '\uD800\u0000'.repeat(2000),
    ];
    for (const text of cases) {
      const started = performance.now();
      extractProfile(text);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});
