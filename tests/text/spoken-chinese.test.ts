import { describe, expect, it } from 'vitest';
import { asMandarin } from '../../src/text/spoken-chinese.js';

describe('written Cantonese read as Mandarin', () => {
  it('reads the words written Mandarin never uses', () => {
    expect(asMandarin('请人有冇补贴？')).toBe('请人有没有补贴？');
    expect(asMandarin('我喺天河开咗间铺头，佢哋话可以揾人问')).toBe('我在天河开了间店铺，他们话可以找人问');
    expect(asMandarin('冇社保得唔得')).toBe('没有社保得不得');
    // 咁 opening a sentence is 那; inside one it is 这么. 几耐 and 几多 ask how long and how much.
    expect(asMandarin('咁补几耐？每个月几多钱？')).toBe('那补多久？每个月多少钱？');
    expect(asMandarin('租金咁贵，有冇补贴')).toBe('租金这么贵，有没有补贴');
  });

  it('leaves standard written Chinese alone', () => {
    const text = '对符合条件的企业给予一次性奖励，联系电话见体系文件。';
    expect(asMandarin(text)).toBe(text);
  });
});
