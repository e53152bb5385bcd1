import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/retrieval/sentences.js';

describe('splitSentences', () => {
  it('splits at 。；！？ and keeps delimiters', () => {
    expect(splitSentences('甲。乙；丙！丁')).toEqual(['甲。', '乙；', '丙！', '丁']);
  });
  it('never splits inside brackets or quotes', () => {
    expect(splitSentences('按《办法（试行。）》执行。下一句。')).toEqual(['按《办法（试行。）》执行。', '下一句。']);
    expect(splitSentences('“甲。乙”丙。')).toEqual(['“甲。乙”丙。']);
  });
  it('starts a new sentence at each labelled line of a card, not at other line breaks', () => {
    const card = '创业场地补贴\n发文字号：某政发〔2031〕3号\n时间/频度：每年一次\n补贴标准：每月1000元，\n最长补贴12个月。';
    expect(splitSentences(card)).toEqual(['创业场地补贴', '发文字号：某政发〔2031〕3号', '时间/频度：每年一次', '补贴标准：每月1000元，\n最长补贴12个月。']);
  });
  it('handles empty text', () => {
    expect(splitSentences('')).toEqual([]);
  });
});
