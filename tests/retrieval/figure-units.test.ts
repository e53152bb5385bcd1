// The units of measure an asker's figures and a clause's conditions are stated in.
import { describe, expect, it } from 'vitest';
import { figureUnitMatch, figureUnits } from '../../src/retrieval/figure-units.js';

describe('figureUnits', () => {
  it('reads ages, areas and head counts, normalising their forms', () => {
    expect([...figureUnits('我今年48岁，种了八十来亩，厂里二十几名工人')]).toEqual(['岁', '亩', '人']);
    expect([...figureUnits('年龄原则上不超过45周岁，场所200平米以上')]).toEqual(['岁', '平方米']);
  });
  it('skips the unit a benefit is paid in and money, which nearly every clause states', () => {
    expect([...figureUnits('一亩补多少，每人补贴2000元，最高300万元')]).toEqual([]);
  });
  it('scores the share of the asker’s units a clause states figures in', () => {
    expect(figureUnitMatch(figureUnits('今年48岁，干了两年多'), figureUnits('引进时年龄不超过45周岁'))).toBe(1);
    expect(figureUnitMatch(figureUnits('今年48岁'), figureUnits('近3年每年应税收入超过平均工资的8倍'))).toBe(0);
    expect(figureUnitMatch(new Set(), figureUnits('不超过45周岁'))).toBe(0);
  });
});
