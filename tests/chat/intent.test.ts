// What a question asks for, in everyday phrasings of our own.
import { describe, expect, it } from 'vitest';
import { detectIntent } from '../../src/chat/intent.js';

describe('questions about the document itself', () => {
  it.each(['这个政策啥时候截止', '文件哪年失效', '这些规定管到什么时候', '实施期限到哪天', '这一揽子措施市里一共掏了多少钱', '为这些政策市财政总计投进去多少'])('%s → closing', (q) => {
    expect(detectIntent(q).documentPart).toBe('closing');
  });

  it.each(['这套办法参照哪份文件制定的', '是依照什么文件出的', '出台这些措施的目的是什么'])('%s → preamble', (q) => {
    expect(detectIntent(q).documentPart).toBe('preamble');
  });

  it.each(['研发补助能拿多少', '集卡通行费打几折', '研发补助加起来总共能拿多少'])('%s → a measure, not the document', (q) => {
    expect(detectIntent(q).documentPart).toBeNull();
  });
});

describe('money questions', () => {
  it.each(['头一回上规，听说有奖？', '请专家来厂里，政府出不出钱', '买设备有钱拿吗', '开了家店，能申请哪些补贴', '搞养殖有什么样的补助', '招了残疾人，社保怎么补', '技改完成了，区里补几多', '在瓯北开的鞋厂入规能奖几多', '刚开了个小饭馆，听说有笔开店的钱？', '自己交的社保，政府能补点不'])('%s asks for an amount', (q) => {
    expect(detectIntent(q).amount).toBe(true);
  });
  it('a question about who handles it is not', () => {
    expect(detectIntent('这个找哪个部门办').amount).toBe(false);
  });
});

describe('asking whether something still is, not for a further measure', () => {
  it.each(['这个补贴现在还有没有', '明年还有吗', '过了申报期还有戏吗'])('%s is one ask', (q) => {
    expect(detectIntent(q).multiple).toBe(false);
  });
  it.each(['除了租金补贴还有别的吗', '研发补助还有税收优惠都讲讲'])('%s asks for more than one', (q) => {
    expect(detectIntent(q).multiple).toBe(true);
  });
});
