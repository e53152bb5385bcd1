// 统一社会信用代码 (GB 32100-2015), pure: 18 characters from 0-9 and A-Y without I, O, S, V, Z;
// position 1 the registration authority, 2 the entity type, 3–8 the administrative division,
// 9–17 the organisation code, 18 a check character over the first 17 (weights 3^i mod 31).
// Used by the console form and by the saved-applicants routes.

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; message: string };

/** Upper-cases and removes spaces and hyphens staff may type. */
export function normalizeCreditCode(input: string): string {
  return input.replace(/[\s-]/gu, '').toUpperCase();
}

/** The check character for the first 17 characters, or null when they contain invalid ones. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * WEIGHTS[i]!;
  }
  const c = (31 - (sum % 31)) % 31;
  return CHARSET[c]!;
}

export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位（当前 ${code.length} 位），请核对营业执照。` };
  const bad = [...code].find((ch) => !CHARSET.includes(ch));
  if (bad) return { ok: false, message: `统一社会信用代码中不能出现“${bad}”（不使用 I、O、S、V、Z），请核对营业执照。` };
  if (!/^\d{6}$/u.test(code.slice(2, 8))) return { ok: false, message: '统一社会信用代码第 3–8 位应为行政区划代码（数字），请核对营业执照。' };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return { ok: false, message: '统一社会信用代码校验位不正确，可能有字符录入错误，请逐位核对营业执照。' };
  return { ok: true, code };
}

/** 91330302MA2XXXXXXX → 913303********XXX1: enough to recognise, not to reuse. */
export function maskCreditCode(code: string): string {
  return code.length === 18 ? `${code.slice(0, 6)}********${code.slice(14)}` : '';
}
