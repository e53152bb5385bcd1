// 文号 (document numbers) in every bracket form, normalised to 〔〕 (pure).
// 穗人社规字〔2019〕6号, 京人社调发[2018]38号, 温政办 （２０２４） 11 号, 国家税务总局公告2014年第23号.
export interface DocNumberMatch {
  /** Normalised: no spaces, ASCII digits, 〔〕 brackets. */
  value: string;
  start: number;
  end: number;
}

const OPEN = '〔﹝\\[【(（［｛{';
const CLOSE = '〕﹞\\]】)）］｝}';
const DIGITS = '(?:\\d\\s?){3}\\d';
// The issuer code is a run of CJK (and a few Latin) characters; words that cannot belong to a
// code are trimmed off the front afterwards (根据穗府规 → 穗府规).
const BRACKETED = new RegExp(`([\\u4e00-\\u9fa5A-Za-z]{1,14})\\s*[${OPEN}]\\s*(${DIGITS})\\s*[${CLOSE}]\\s*((?:\\d\\s?){0,3}\\d)\\s*号`, 'g');
// Joint announcements keep the space between issuers: 财政部 税务总局公告2023年第12号.
const ANNOUNCEMENT = /((?:[\u4e00-\u9fa5]{2,12}[ \u3000])*[\u4e00-\u9fa5]{2,16}?(?:公告|令|通告))\s*(\d{4})\s*年\s*第\s*((?:\d\s?){0,3}\d)\s*号/g;
const ORDER = /([\u4e00-\u9fa5]{2,16}?令)\s*第\s*((?:\d\s?){0,3}\d)\s*号/g;
const LEADING_WORDS = /^(?:.*(?:根据|依据|按照|参照|执行|落实|贯彻|印发|转发|废止|以及|及|和|与|或|见|附|即|原|文件|通知|意见|办法|规定|号文|同时))(?=[\u4e00-\u9fa5A-Za-z]{1,})/;

function trimPrefix(prefix: string): string {
  let p = prefix;
  const m = LEADING_WORDS.exec(p);
  if (m && m[0].length < p.length) p = p.slice(m[0].length);
  return p;
}

export function findDocNumbers(norm: string): DocNumberMatch[] {
  const out: DocNumberMatch[] = [];
  for (const m of norm.matchAll(BRACKETED)) {
    const rawPrefix = m[1]!;
    const prefix = trimPrefix(rawPrefix);
    const start = m.index + (rawPrefix.length - prefix.length);
    const value = `${prefix}〔${m[2]!.replace(/\s/g, '')}〕${m[3]!.replace(/\s/g, '')}号`;
    out.push({ value, start, end: m.index + m[0].length });
  }
  for (const m of norm.matchAll(ANNOUNCEMENT)) {
    const value = `${m[1]!.replace(/[ \u3000]+/g, ' ')}${m[2]}年第${m[3]!.replace(/\s/g, '')}号`;
    out.push({ value, start: m.index, end: m.index + m[0].length });
  }
  for (const m of norm.matchAll(ORDER)) {
    if (out.some((o) => m.index < o.end && m.index + m[0].length > o.start)) continue;
    out.push({ value: `${m[1]}第${m[2]!.replace(/\s/g, '')}号`, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Normalise one 文号 string as a user might type it; null when it is not one. */
export function normaliseDocNumber(s: string): string | null {
  const t = s.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
  const found = findDocNumbers(t);
  return found.length === 1 ? found[0]!.value : null;
}
