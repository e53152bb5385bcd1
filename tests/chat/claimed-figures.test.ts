import { describe, expect, it } from 'vitest';
import { claimedAmounts, unstatedClaims } from '../../src/chat/claimed-figures.js';

describe('amounts a question claims a measure grants', () => {
  it('tells a claimed benefit from the asker’s own figures', () => {
    expect(claimedAmounts('听朋友说开民宿每间房能奖3000块，是不是真的').map((f) => f.text)).toEqual(['3000块']);
    expect(claimedAmounts('首台套奖励上限是500万吗').map((f) => f.text)).toEqual(['500万']);
    expect(claimedAmounts('去年研发投了800万，能补多少')).toEqual([]);
    expect(claimedAmounts('找担保公司贷了200万，费率多少')).toEqual([]);
  });

  it('only claims no text states are unstated', () => {
    expect(unstatedClaims('小升规奖励5万是真的吗', ['对首次“小升规”的服务业企业给予5万元奖励。'])).toEqual([]);
    expect(unstatedClaims('小升规奖励50万是真的吗', ['对首次“小升规”的服务业企业给予5万元奖励。']).map((f) => f.text)).toEqual(['50万']);
  });

  it('a count in the text ("3万个") never grounds a claimed sum of money ("3万元")', () => {
    const text = ['全市新建充电桩3万个以上，对购买电动汽车的减免车辆购置税。'];
    expect(unstatedClaims('买电车每台补贴3万元吗', text).map((f) => f.text)).toEqual(['3万元']);
    expect(unstatedClaims('买电车每台补贴3万元吗', ['每台补贴3万元。'])).toEqual([]);
  });
});
