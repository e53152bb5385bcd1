import { describe, expect, it } from 'vitest';
import { unitsStatingAskedDetail } from '../../src/chat/asked-detail.js';
import type { CorpusUnit } from '../../src/domain/types.js';

const unit = (ref: string, text: string, docId = 'd'): CorpusUnit =>
  ({ docId, ref, key: `${docId}:${ref}`, label: `第${ref}条`, title: '', text, kind: 'clause', units: [] }) as unknown as CorpusUnit;

describe('a detail of a measure another unit of its document states', () => {
  const rule = unit('2', '固定资产投资1000万元及以上的，按投资额的5%给予奖励。');
  const stages = unit('21', '奖励分三个阶段，分别按应奖励额的30%、30%和40%兑现。');
  const annual = unit('12', '鼓励企业逐年增加地方财政贡献。');
  const papers = unit('6', '申请认定基地，应当提交下列材料：申请表、岗位信息表。');
  const elsewhere = unit('6', '申请时提交下列材料。', 'other');

  it('finds how the money is paid out, not a unit that merely says 逐年', () => {
    expect(unitsStatingAskedDetail('这笔奖金一次性到位，还是分年发', rule, [annual, stages])).toEqual([stages]);
  });
  it('finds the materials, only in the same document', () => {
    expect(unitsStatingAskedDetail('那要交哪些材料', rule, [elsewhere, papers])).toEqual([papers]);
  });
  it('keeps the earlier unit when it states the detail, or when no detail is asked', () => {
    expect(unitsStatingAskedDetail('分几次给', stages, [rule])).toEqual([]);
    expect(unitsStatingAskedDetail('最高多少', rule, [stages])).toEqual([]);
  });
});
