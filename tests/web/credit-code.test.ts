// 统一社会信用代码 (GB 32100-2015): length, character set, division digits and the check
// character (weights 3^i mod 31), as the console and the saved-applicants routes check it.
import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar, maskCreditCode, normalizeCreditCode } from '../../src/storage/applicants/credit-code.js';

/** A valid code from 17 characters (the check character computed). */
export const validCode = (first17: string) => first17 + creditCodeCheckChar(first17)!;

describe('checkCreditCode', () => {
  it('accepts codes with the right check character', () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' }); // the standard's worked example
    const code = validCode('91330381MA2CRX0K1');
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
    expect(checkCreditCode(` ${code.toLowerCase().slice(0, 9)}-${code.slice(9)} `)).toEqual({ ok: true, code });
  });

  it('rejects a wrong check character, length or character with a Chinese message', () => {
    const bad = checkCreditCode('91350100M000100Y44');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('校验位不正确');
    expect(!checkCreditCode('9135010').ok && (checkCreditCode('9135010') as { message: string }).message).toContain('18 位');
    expect((checkCreditCode('91350100M000100YI3') as { message: string }).message).toContain('“I”');
    expect((checkCreditCode('91AB0100M000100Y43') as { message: string }).message).toContain('行政区划');
  });

  it('catches every single-character typo of a valid code', () => {
    const code = '91350100M000100Y43';
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++)
      for (const c of chars) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(checkCreditCode(typo).ok, typo).toBe(false);
      }
  });

  it('normalises and masks', () => {
    expect(normalizeCreditCode('9135 0100-m000100y43')).toBe('91350100M000100Y43');
    expect(maskCreditCode('91350100M000100Y43')).toBe('913501********Y43'.replace('Y43', '0Y43'));
  });
});
