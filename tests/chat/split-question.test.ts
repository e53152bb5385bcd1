import { describe, expect, it } from 'vitest';
import { splitConjunction } from '../../src/chat/split-question.js';

describe('splitConjunction', () => {
  it.each([
    ['养老和托育分别有啥扶持', ['养老分别有啥扶持', '托育分别有啥扶持']],
    ['民营项目在用地和用能上各占多少', ['民营项目在用地上各占多少', '民营项目在用能上各占多少']],
    ['城区和乡下的充电桩分别建几个', ['城区的充电桩分别建几个', '乡下的充电桩分别建几个']],
    ['出口信保和海外仓这两块分别给啥', ['出口信保这两块分别给啥', '海外仓这两块分别给啥']],
  ])('splits "%s"', (q, parts) => {
    expect(splitConjunction(q)).toEqual(parts);
  });

  it('leaves questions without a distributive marker or conjunction alone', () => {
    expect(splitConjunction('研发和创新有什么支持')).toEqual([]);
    expect(splitConjunction('小升规奖励分别是多少')).toEqual([]);
    expect(splitConjunction('')).toEqual([]);
  });
});
