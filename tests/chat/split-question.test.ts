import { describe, expect, it } from 'vitest';
import { splitConjunction } from '../../src/chat/split-question.js';

describe('splitConjunction', () => {
  it.each([
    ['文旅和体育产业都有什么扶持', ['文旅都有什么扶持', '体育产业都有什么扶持']],
    ['民间投资项目在用地和用能上各有什么比例保障', ['民间投资项目在用地上各有什么比例保障', '民间投资项目在用能上各有什么比例保障']],
    ['城里和农村的充电桩分别要建多少', ['城里的充电桩分别要建多少', '农村的充电桩分别要建多少']],
    ['外贸信保和跨境电商这两块分别有什么扶持', ['外贸信保这两块分别有什么扶持', '跨境电商这两块分别有什么扶持']],
  ])('splits "%s"', (q, parts) => {
    expect(splitConjunction(q)).toEqual(parts);
  });

  it('leaves questions without a distributive marker or conjunction alone', () => {
    expect(splitConjunction('研发和创新有什么支持')).toEqual([]);
    expect(splitConjunction('小升规奖励分别是多少')).toEqual([]);
    expect(splitConjunction('')).toEqual([]);
  });
});
