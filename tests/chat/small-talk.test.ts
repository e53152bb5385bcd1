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
