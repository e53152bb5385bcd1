import { describe, expect, it } from 'vitest';
import { isFollowUpQuestion, resolveFollowUp } from '../../src/chat/follow-up.js';
import type { ChatTurn } from '../../src/domain/chat.js';

const history: ChatTurn[] = [
  { role: 'user', content: '服务业企业小升规有奖励吗' },
  { role: 'assistant', content: '有，给予5万元奖励〔第29条〕', refs: ['29'] },
];

describe('follow-up resolution', () => {
  it('joins an elliptical question with the earlier one and carries its refs', () => {
    const r = resolveFollowUp('那申请找哪个部门？', history);
    expect(r.isFollowUp).toBe(true);
    expect(r.query).toContain('小升规');
    expect(r.contextRefs).toEqual(['29']);
  });

  it('leaves self-contained questions alone', () => {
    const r = resolveFollowUp('规上企业研发费用补助最高能拿多少钱', history);
    expect(r.isFollowUp).toBe(false);
    expect(r.query).toBe('规上企业研发费用补助最高能拿多少钱');
  });

  it('never treats the first question as a follow-up', () => {
    expect(isFollowUpQuestion('上限是多少？', [])).toBe(false);
  });

  it('anchors chains of follow-ups on the last self-contained question', () => {
    const chain: ChatTurn[] = [...history, { role: 'user', content: '那申请找哪个部门？' }, { role: 'assistant', content: '市发展改革委', refs: ['29'] }];
    expect(resolveFollowUp('上限是多少？', chain).query).toBe('服务业企业小升规有奖励吗 上限是多少？');
  });
});
