// Tiers of a graded measure against the asker's own figures, and messages that ask two things.
import { describe, expect, it } from 'vitest';
import { askerFigures, tierFit, tierRanges } from '../../src/chat/tier-fit.js';
import { subAsks } from '../../src/chat/sub-asks.js';

describe('tierFit', () => {
  it('reads ranges, floors and ceilings in the condition part of a sentence', () => {
    expect(tierRanges('对招用10人及以上至50人的企业，给予2万元补贴；')).toEqual([{ unit: '人', min: 10, max: 50 }]);
    expect(tierRanges('对投资额在2000万元以上的项目，按5%给予奖励。')).toEqual([{ unit: '万元', min: 2000, max: Infinity }]);
    expect(tierRanges('职工不足20人的小微企业，按每人500元补贴。')).toEqual([{ unit: '人', min: -Infinity, max: 20 }]);
  });

  it('never takes a cap on the benefit, or a span of calendar years, for a tier', () => {
    expect(tierRanges('给予不超过30万元的一次性补贴。')).toEqual([]);
    expect(tierRanges('2020年至2022年连续三年无失信记录的，每月补助100元。')).toEqual([]);
  });

  it('says whether the asker is inside a tier, outside every tier stated, or cannot be compared', () => {
    expect(tierFit('厂里招了三十个人', '对招用10人及以上至50人的企业，给予2万元补贴；')).toBe(1);
    expect(tierFit('厂里招了八十个人', '对招用10人及以上至50人的企业，给予2万元补贴；')).toBe(-1);
    expect(tierFit('项目投了两千五百万', '对投资额在2000万元以上的项目，按5%给予奖励。')).toBe(1);
    expect(tierFit('补贴多少', '对投资额在2000万元以上的项目，按5%给予奖励。')).toBe(0);
  });

  it('reads the asker’s figures, not the unit a benefit is paid in', () => {
    expect(askerFigures('种了八十来亩，一亩补多少')).toEqual([{ unit: '亩', value: 80 }]);
    // One of the asker's own: 满一年, 才一年出头, 干了一年.
    expect(askerFigures('失业保险刚交满一年')).toEqual([{ unit: '年', value: 1 }]);
    expect(askerFigures('社保才一年出头')).toEqual([{ unit: '年', value: 1 }]);
    expect(askerFigures('一年补多少')).toEqual([]);
  });

  it('reads months, half years and a floor stated by 满 alone', () => {
    expect(askerFigures('店开了5个多月，社保交了一年半')).toEqual([{ unit: '月', value: 5 }, { unit: '年', value: 1.5 }]);
    expect(tierRanges('经营主体成立满12个月，且吸纳就业2人以上。')).toEqual(expect.arrayContaining([{ unit: '月', min: 12, max: Infinity }, { unit: '人', min: 2, max: Infinity }]));
    expect(tierRanges('成立未满12个月的不予受理。')).toEqual([{ unit: '月', min: -Infinity, max: 12 }]);
    expect(tierFit('门店开了十四个月了', '经营主体成立满12个月，且吸纳就业2人以上。')).toBe(1);
    expect(tierFit('门店开了8个月', '经营主体成立满12个月，且吸纳就业2人以上。')).toBe(-1);
  });

  it('reads floors stated without 以上, and never takes 不少于/不低于 for a ceiling', () => {
    expect(tierRanges('专卖店营业面积应大于2000平方米')).toEqual([{ unit: '平方米', min: 2000, max: Infinity }]);
    expect(tierRanges('专职教师不少于10人；')).toEqual([{ unit: '人', min: 10, max: Infinity }]);
    expect(tierRanges('年营业收入不低于500万元的')).toEqual([{ unit: '万元', min: 500, max: Infinity }]);
    expect(tierFit('店面2500平米', '专卖店营业面积应大于2000平方米')).toBe(1);
  });
});

describe('subAsks', () => {
  it('splits a message into the parts that each ask something', () => {
    expect(subAsks('这个补贴能领吗？去哪里领')).toEqual(['这个补贴能领吗', '去哪里领']);
    expect(subAsks('公司开满几年才可以报，一年最多给多少')).toEqual(['公司开满几年才可以报', '一年最多给多少']);
    // A further ask opened in one part and asked in the next keeps what it names.
    expect(subAsks('技改能补多少？还有评上绿色工厂的，给什么奖')).toEqual(['技改能补多少', '还有评上绿色工厂的，给什么奖']);
    // A condition set before an ask ("要是…，又能贷多少") goes with it.
    expect(subAsks('个人能借多少？要是公司新招的人很多，能借多少')).toEqual(['个人能借多少', '要是公司新招的人很多，能借多少']);
  });
  it('leaves a single ask, and the story around it, alone', () => {
    expect(subAsks('我们是做外贸的，出口信保补多少')).toEqual([]);
  });
});

describe('half a year, and months against years', () => {
  const rule = '实际运营满一年的企业，按租金的50%予以补贴。';
  it('reads 半年 and compares months with a threshold in years', () => {
    expect(tierFit('公司刚开了半年，行吗', rule)).toBe(-1);
    expect(tierFit('公司开了8个月，行吗', rule)).toBe(-1);
    expect(tierFit('公司开了两年了，行吗', rule)).toBe(1);
    expect(tierFit('公司开了18个月，行吗', rule)).toBe(1);
    // 上半年 is a time of year, not an age.
    expect(askerFigures('今年上半年营收涨了')).toEqual([]);
  });
});
