import { describe, expect, it } from 'vitest';
import { askSegments, splitConjunction } from '../../src/chat/split-question.js';

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

describe('asks in turn', () => {
  it('splits asks the asker marks as separate, each with the story told before it', () => {
    expect(askSegments('厂里想问两件事：一是研发投入补多少；二是招了几个大学生，有没有社保补贴？')).toEqual([
      '厂里想问两件事：一是研发投入补多少；',
      '二是招了几个大学生，有没有社保补贴？',
    ]);
    expect(askSegments('信保保费补多少？另外，独立站有扶持吗？')).toEqual(['信保保费补多少？', '另外，独立站有扶持吗？']);
    // A comma before a marked further ask ends an ask too.
    expect(askSegments('想问问养老驿站建一个补多少钱，还有老年食堂每年新增几家')).toEqual(['想问问养老驿站建一个补多少钱，', '还有老年食堂每年新增几家']);
    // Asking for a benefit besides the one just asked about marks a further ask too.
    expect(askSegments('实习生的补贴单位先垫，财政能补回多少？要是实习完签了合同，还有别的补贴吗？')).toEqual(['实习生的补贴单位先垫，财政能补回多少？', '要是实习完签了合同，还有别的补贴吗？']);
    // A short tail after the comma is no ask of its own.
    expect(askSegments('研发补多少钱，还有吗')).toEqual([]);
  });

  it('leaves several asks of one measure, and a short ask, with the ask before them', () => {
    expect(askSegments('留用补贴有没有？条件是啥？')).toEqual([]);
    expect(askSegments('一是研发补多少？大概多少钱？')).toEqual([]);
    expect(askSegments('研发补助最高多少')).toEqual([]);
  });
});
