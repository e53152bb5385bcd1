// Inbound text normalisation: invisible and control characters vanish, compatibility forms
// fold, the corpus's full-width punctuation stays, and the function is idempotent and linear.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeInbound } from '../../src/text/normalize-inbound.js';

const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\u0000', '\ufeff', '\u200e', '\u202e', '\u2066', '\ufe0f', '\u034f', '\u3164', '\u001b', '\u007f', '\u009b'];

describe('probe defect 3: invisible characters (normalizeInbound)', () => {
  it('removes each invisible or control character inside a word', () => {
    for (const c of INVISIBLES) expect(normalizeInbound(`规上${c}企业补助`), `U+${c.codePointAt(0)!.toString(16)}`).toBe('规上企业补助');
  });

  it('folds compatibility forms but keeps the full-width punctuation the corpus uses', () => {
    expect(normalizeInbound('ＡＢ企业研发投入５００万元，增长１２％．５倍')).toBe('AB企业研发投入500万元，增长12%.5倍');
    expect(normalizeInbound('〔第11条〕（一）说什么？是否：需要；申报！“首台套”…')).toBe('〔第11条〕（一）说什么？是否：需要；申报！“首台套”…');
    expect(normalizeInbound('ﬁle ① ｶﾞ')).toBe('file 1 ガ');
  });

  it('collapses whitespace runs and trims; line breaks become spaces unless kept', () => {
    expect(normalizeInbound('  研发\t\t费用 \u3000 补助\r\n\r\n多少 ')).toBe('研发 费用 补助 多少');
    expect(normalizeInbound('  我们是规上企业 \r\n\r\n  没有高新认定\u2028去年营收一亿 ', { keepLineBreaks: true })).toBe('我们是规上企业\n没有高新认定\n去年营收一亿');
    expect(normalizeInbound('\u200b \u0000 \u3000')).toBe('');
    expect(normalizeInbound('研发\u0085补助')).toBe('研发 补助');
  });

  it('is idempotent and leaves no format, control or repeated whitespace characters', () => {
    const alphabet = fc.constantFrom(...INVISIBLES, '研', '发', 'Ａ', '１', '，', '（', '）', ' ', '\n', '\t', 'e', '\u0301', 'ﬁ', '…', '%', '％');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), fc.boolean(), (s, keepLineBreaks) => {
        const once = normalizeInbound(s, { keepLineBreaks });
        expect(normalizeInbound(once, { keepLineBreaks })).toBe(once);
        expect(once).not.toMatch(/[\p{Cf}\p{Default_Ignorable_Code_Point}\0-\x09\x0b-\x1f\x7f-\x9f]/u);
        if (!keepLineBreaks) expect(once).not.toContain('\n');
        expect(once).not.toMatch(/\s\s|^\s|\s$/);
      }),
      { numRuns: 500 },
    );
  });

  it('runs in linear time on hostile input', () => {
    const time = (n: number) => {
      const s = ' '.repeat(n) + '\u200b'.repeat(n) + '，a'.repeat(n) + ' \n'.repeat(n);
      const t0 = performance.now();
      normalizeInbound(s, { keepLineBreaks: true });
      return performance.now() - t0;
    };
    time(10_000); // warm-up
    const small = time(100_000);
    const large = time(800_000);
    // 8× the input: quadratic would be ~64×; allow generous noise for a shared machine.
    expect(large).toBeLessThan(small * 24 + 50);
  });

  it('turns Traditional characters into Simplified only where asked (questions, not names)', () => {
    expect(normalizeInbound('請問 研發費用補助 最高多少？', { simplified: true })).toBe('请问 研发费用补助 最高多少？');
    expect(normalizeInbound('溫州市場監督管理局', {})).toBe('溫州市場監督管理局');
    // Simplified text passes through unchanged, including characters both scripts share.
    expect(normalizeInbound('乾隆年间的老字号发展资金', { simplified: true })).toBe('乾隆年间的老字号发展资金');
  });
});
