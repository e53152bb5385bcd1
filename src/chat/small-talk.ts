// Messages that are not questions about policy — a greeting, thanks, asking for a person — get
// a short reply of their own instead of "no document answers this" with unrelated nearest clauses
// (pure). Only a whole message counts: "你好，小升规有奖励吗" is a question. A request to write
// something ("帮我写段开业祝福") is a task, not a description of the asker's business to match.

export type SmallTalk = 'greeting' | 'thanks' | 'human' | 'goodbye' | 'ack' | 'task';

/** Asks the assistant to compose or translate a text: 帮我写一段…, 给我编个…, 翻译一下…. */
const COMPOSE = /(帮我|给我|替我|帮忙|麻烦|请你?|能不能|可以)?(写|编|起草|拟|创作|润色|改写|翻译)(一下|一|个|段|篇|首|份|封|条|句|几)/u;
/** …unless what is to be written is about policy: "帮我写个研发补助申报要准备的材料清单" is asked of the documents. */
const POLICY_WORD = /(政策|补贴|补助|奖励|扶持|优惠|申报|申请|减免|贴息|资助|条件|文件|第[一二三四五六七八九十百\d]+条)/u;

const FILLER = /[\s,.!?~，。！？、…～:：;；'"“”‘’()（）【】\[\]😊🙂👍🙏🤝❤️]+|[啊呀呢哈吧嘛啦哦噢喔呐]+$/gu;
const PATTERNS: Array<[SmallTalk, RegExp]> = [
  ['greeting', /^(你好|您好|你们好|大家好|hi|hello|hey|哈喽|嗨|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早|你是谁|你是什么|你能做什么|你会什么|你可以做什么)$/iu],
  ['thanks', /^(谢谢|谢谢你|谢谢您|多谢|感谢|非常感谢|太感谢了|谢了|谢啦|辛苦了|好的谢谢|好谢谢|明白了谢谢|知道了谢谢|thanks|thankyou|thx)$/iu],
  ['human', /^(转人工|人工|人工客服|人工服务|找人工|我要人工|接人工|真人|客服|联系客服|找客服|有没有人工|能转人工吗|转接人工)$/iu],
  ['goodbye', /^(再见|拜拜|拜|bye|下次再聊|先这样|没有了|没了|不用了)$/iu],
  ['ack', /^(好的|好|嗯|嗯嗯|哦|知道了|明白了|了解了|收到|ok|okay|行|可以)$/iu],
];

export function smallTalk(message: string): SmallTalk | null {
  if (COMPOSE.test(message) && !POLICY_WORD.test(message)) return 'task';
  const core = message.replace(FILLER, '').toLowerCase();
  if (core.length === 0 || core.length > 12) return null;
  return PATTERNS.find(([, re]) => re.test(core))?.[0] ?? null;
}

const REPLIES: Record<SmallTalk, string> = {
  greeting:
    '您好！我是政策通，帮您查找适用的扶持政策，每个回答都注明文件和条款依据。您可以直接问具体事项，例如“首次小升规有什么奖励”“研发投入能补多少”；也可以介绍企业情况（所在地区、行业、规模、研发投入、是否出口等），我来帮您逐条匹配。',
  thanks: '不客气！还有其他政策问题，随时可以继续问我。',
  human: '这里是智能问答，暂不能转接人工。需要人工咨询的，可以拨打 12345 政务服务便民热线，或到政务服务大厅窗口办理；也可以把问题说具体些，我先帮您查文件依据。',
  goodbye: '好的，再见！需要时随时回来问。',
  ack: '好的。还有什么想了解的，直接问我就行。',
  task: '抱歉，我只能根据收录的政策文件回答扶持政策方面的问题，并注明条款依据，不能代写文案或完成其他任务。您可以问具体事项，例如“首次小升规有什么奖励”，或介绍企业情况让我帮您匹配政策。',
};

export function smallTalkReply(kind: SmallTalk): string {
  return REPLIES[kind];
}
