import { describe, expect, it } from 'vitest';
import { formatChineseNumeral, parseChineseNumeral, parseNumeral } from '../../src/text/chinese-numerals.js';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1], ['二', 2], ['两', 2], ['九', 9], ['十', 10], ['十一', 11], ['十九', 19], ['二十', 20],
    ['二十一', 21], ['六十六', 66], ['七十六', 76], ['九十九', 99], ['一百', 100], ['一百零八', 108],
    ['一百一十', 110], ['一百十', 110], ['两百', 200], ['九百九十九', 999], ['一千零五', 1005],
    ['一千二百三十四', 1234], ['一万', 10000], ['一万零五', 10005], ['十万', 100000], ['零', 0],
    ['二〇二四', 2024], ['壹佰零捌', 108], ['拾壹', 11],
  ])('%s → %i', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });

  it.each(['', 'abc', '十十', '一二三十', '百千', '第一', '1'])('rejects %j', (s) => {
    expect(parseChineseNumeral(s)).toBeNull();
  });
});

describe('parseNumeral', () => {
  it('reads Arabic (also full-width) and Chinese numerals', () => {
    expect(parseNumeral('11')).toBe(11);
    expect(parseNumeral('１１')).toBe(11);
    expect(parseNumeral('十一')).toBe(11);
    expect(parseNumeral('x')).toBeNull();
  });
});

describe('formatChineseNumeral', () => {
  it.each([
    [0, '零'], [1, '一'], [2, '二'], [10, '十'], [11, '十一'], [20, '二十'], [66, '六十六'], [76, '七十六'],
    [100, '一百'], [101, '一百零一'], [108, '一百零八'], [110, '一百一十'], [1000, '一千'], [1005, '一千零五'],
    [1010, '一千零一十'], [10000, '一万'], [10005, '一万零五'], [100000, '十万'], [120000, '十二万'],
    [100000000, '一亿'],
  ])('%i → %s', (n, s) => {
    expect(formatChineseNumeral(n)).toBe(s);
  });

  it('round-trips 0..2000', () => {
    for (let n = 0; n <= 2000; n++) expect(parseChineseNumeral(formatChineseNumeral(n))).toBe(n);
  });

  it('rejects negative and fractional numbers', () => {
    expect(() => formatChineseNumeral(-1)).toThrow(RangeError);
    expect(() => formatChineseNumeral(1.5)).toThrow(RangeError);
  });
});
