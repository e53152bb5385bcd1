import { describe, expect, it } from 'vitest';
import { askingPart, askingText, asksQuestion, isLocatedQuestion } from '../../src/chat/question-form.js';

describe('question form', () => {
  it('recognises A-not-A questions and the usual question words', () => {
    for (const q of ['政府管不管', '这个算不算', '能拿多少', '有补助吗']) expect(asksQuestion(q), q).toBe(true);
    expect(asksQuestion('我们是瑞安的规上制造企业，去年研发费用500万')).toBe(false);
    // A vague quantity is not a question; 几 asking a number still is.
    for (const q of ['车队二十几辆车一年油钱就几十万', '水费一个月就好几千', '前几年厂里效益不好', '社保断了几年']) expect(asksQuestion(q), q).toBe(false);
    for (const q of ['要干满几年', '能补几成']) expect(asksQuestion(q), q).toBe(true);
    // "有…没" asks as "有没有" does, once the question mark is gone; a statement with 没 does not.
    for (const q of ['头一回招大学生有补贴没', '开网店有优惠没有']) expect(asksQuestion(q), q).toBe(true);
    for (const q of ['去年的补贴还没到账', '厂里没有研发人员']) expect(asksQuestion(q), q).toBe(false);
    expect(askingPart('上周刚把年报交了。头一回招大学生有补贴没？')).toBe('头一回招大学生有补贴没');
  });

  it('a question that only says where the asker is, or not about the asker at all, is not a company description', () => {
    expect(isLocatedQuestion('我们厂在龙湾，龙湾算不算试验区', ['region', 'inWenzhou'])).toBe(true);
    expect(isLocatedQuestion('出口保险保费政府补不补', ['industries'])).toBe(true);
    expect(isLocatedQuestion('我们是外贸企业，出口保险保费补不补', ['industries', 'region'])).toBe(false);
    expect(isLocatedQuestion('瑞安的规上制造企业能享受什么政策', ['region', 'aboveScale', 'industries'])).toBe(false);
    expect(isLocatedQuestion('我们在龙湾，规上制造企业，研发500万', ['region', 'aboveScale'])).toBe(false);
  });

  it('finds the one asking part of a message that tells a story first', () => {
    expect(askingPart('我外婆卧床好些年了，我们轮着照看实在顾不过来。温州的长护险我们能用上吗？')).toBe('温州的长护险我们能用上吗');
    // One part alone is the whole question; two asks are answered one by one.
    expect(askingPart('长期护理保险在温州能用吗')).toBeNull();
    expect(askingPart('研发补助咋算？封顶多少钱？')).toBeNull();
  });
});

describe('askingText', () => {
  it('keeps the parts that ask and the telling part just before each, not the story', () => {
    expect(askingText('我们是做灯具的小厂，去年刚搬到新厂房，厂房租金一年十几万，这块政府能补多少？')).toBe('厂房租金一年十几万，这块政府能补多少');
    expect(askingText('在瑞安开了家奶茶店，招了两个大学生，社保能补吗，找哪个部门办？')).toBe('招了两个大学生，社保能补吗，找哪个部门办');
  });
  it('is undefined for a short message, or one that only asks or only tells', () => {
    expect(askingText('研发补助能拿多少？')).toBeUndefined();
    expect(askingText('去年研发花了三百万，能补多少？')).toBeUndefined();
    expect(askingText('能补吗？补多少？找谁办？')).toBeUndefined();
    expect(askingText('我们是鞋厂，在鹿城，去年产值两个亿。')).toBeUndefined();
  });
});
