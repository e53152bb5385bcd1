import { describe, expect, it } from 'vitest';
import { smallTalk, smallTalkReply } from '../../src/chat/small-talk.js';

describe('small talk', () => {
  it.each([
    ['您好！', 'greeting'],
    ['hello~', 'greeting'],
    ['有人吗？？', 'greeting'],
    ['太感谢了😊', 'thanks'],
    ['好的 谢谢', 'thanks'],
    ['我要人工', 'human'],
    ['拜拜', 'goodbye'],
    ['嗯嗯', 'ack'],
  ])('"%s" is %s', (message, kind) => {
    expect(smallTalk(message)).toBe(kind);
  });

  it.each(['你好，研发投入能补多少', '谢谢，那找哪个部门', '人工智能企业有什么扶持', '好的，上限是多少', '补贴'])('"%s" is a question, not small talk', (message) => {
    expect(smallTalk(message)).toBeNull();
  });

  it('points a request for a person to the hotline', () => {
    expect(smallTalkReply('human')).toContain('12345');
  });
});

describe('requests to write something', () => {
  it.each(['帮我写一段新店开张的祝福语', '给我编个公司年会的主持词', '麻烦翻译一下这封英文邮件'])('"%s" is a task, not a question or a company description', (m) => {
    expect(smallTalk(m)).toBe('task');
    expect(smallTalkReply('task')).toContain('不能代写');
  });
  it.each(['帮我写个研发补助申报要准备的材料清单', '能不能写一下首次小升规奖励的条件'])('"%s" asks about policy and is answered from the documents', (m) => {
    expect(smallTalk(m)).toBeNull();
  });
});
