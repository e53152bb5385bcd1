import { describe, expect, it } from 'vitest';
import { checksQualifying, pointsBack, replacesCondition, withoutAcknowledgement, isFollowUpQuestion, resolveFollowUp, startsNewTopic, turnsToAnother, withoutOpener } from '../../src/chat/follow-up.js';
import { topicWords } from '../../src/chat/topic-words.js';
import type { ChatTurn } from '../../src/domain/chat.js';

const history: ChatTurn[] = [
  { role: 'user', content: '做服务业的刚升规，给不给奖' },
  { role: 'assistant', content: '有，给予5万元奖励〔第29条〕', refs: ['29'] },
];

describe('follow-up resolution', () => {
  it('joins an elliptical question with the earlier one and carries its refs', () => {
    const r = resolveFollowUp('那去哪个部门办？', history);
    expect(r.isFollowUp).toBe(true);
    expect(r.query).toContain('升规');
    expect(r.contextRefs).toEqual(['29']);
  });

  it('leaves self-contained questions alone', () => {
    const r = resolveFollowUp('规上企业研发费用补助最高能拿多少钱', history);
    expect(r.isFollowUp).toBe(false);
    expect(r.query).toBe('规上企业研发费用补助最高能拿多少钱');
  });

  it('reads whether the asker qualifies, or which of two ways it works, against the earlier turn', () => {
    for (const q of ['我们厂去年才招了十二个人，这样够不够格？', '要先交钱再报销还是直接减免？', '我没有本地户口，这种情况能申请吗']) {
      expect(isFollowUpQuestion(q, history), q).toBe(true);
    }
    // Long and with nothing pointing back: a question of its own.
    expect(isFollowUpQuestion('制造业规上企业的研发投入补贴封顶给多少', history)).toBe(false);
  });

  it('never treats the first question as a follow-up', () => {
    expect(isFollowUpQuestion('封顶多少？', [])).toBe(false);
  });

  it('anchors chains of follow-ups on the last self-contained question', () => {
    const chain: ChatTurn[] = [...history, { role: 'user', content: '那去哪个部门办？' }, { role: 'assistant', content: '市发展改革委', refs: ['29'] }];
    expect(resolveFollowUp('封顶多少？', chain).query).toBe('做服务业的刚升规，给不给奖 封顶多少？');
  });
});

const w = (word: string, weight = 3) => ({ word, weight, alternatives: [] as string[] });

describe('new topic or follow-up', () => {
  const base = { threshold: 0.19, confidence: 0.4 };

  it('a message made only of form words (多少, 部门, 上限) has no topic of its own and stays a follow-up', () => {
    expect(topicWords([w('上限'), w('多少'), w('那')])).toEqual([]);
    // "到哪里去办" asks where, about the measure just given.
    expect(topicWords([w('到'), w('哪里'), w('去'), w('办')])).toEqual([]);
    expect(topicWords([w('要'), w('交'), w('哪些'), w('东西')])).toEqual([]);
    expect(startsNewTopic({ ...base, words: [w('找'), w('哪个'), w('部门')], ownCoverage: 1, contextCoverage: 0 })).toBe(false);
  });

  it('a message with its own answerable topic that the earlier clause does not cover starts a new topic', () => {
    expect(startsNewTopic({ ...base, words: [w('电车'), w('购置税')], ownCoverage: 1, contextCoverage: 0 })).toBe(true);
  });

  it('keeps the topic when the earlier clause speaks to the new words as well, or the message alone is not answerable', () => {
    expect(startsNewTopic({ ...base, words: [w('国企'), w('采购')], ownCoverage: 0.8, contextCoverage: 0.8 })).toBe(false);
    expect(startsNewTopic({ ...base, confidence: 0.1, words: [w('电车')], ownCoverage: 1, contextCoverage: 0 })).toBe(false);
  });

  it('covering the message equally, the earlier clause keeps it only if it ranks nearly as high for it', () => {
    // The earlier clause mentions 老字号 in passing; the message alone ranks the 老字号 measure far above it.
    expect(startsNewTopic({ ...base, words: [w('老字号', 5.2)], ownCoverage: 1, contextCoverage: 1, contextScoreShare: 0.5 })).toBe(true);
    expect(startsNewTopic({ ...base, words: [w('老字号', 5.2)], ownCoverage: 1, contextCoverage: 1, contextScoreShare: 0.9 })).toBe(false);
    // A light word (一年) names no other measure; a message turning to another matter (对了，) does.
    expect(startsNewTopic({ ...base, words: [w('一年', 2)], ownCoverage: 1, contextCoverage: 1, contextScoreShare: 0.5 })).toBe(false);
    expect(startsNewTopic({ ...base, words: [w('见习', 2)], ownCoverage: 1, contextCoverage: 1, contextScoreShare: 0.5, turns: true })).toBe(true);
    expect(turnsToAnother('对了，见习补贴怎么算')).toBe(true);
    expect(turnsToAnother('那老字号呢')).toBe(false);
    // After an acknowledgement, however long ("好的，明白了。另外…").
    expect(turnsToAnother('好的，明白了。另外问个家里的事')).toBe(true);
    // Saying outright that this is another matter ("换个事儿问：", "问个别的").
    expect(turnsToAnother('换个事儿问：厂里买的货车能补吗')).toBe(true);
    expect(turnsToAnother('行。问个别的，民宿有没有补贴')).toBe(true);
    expect(withoutAcknowledgement('嗯，知道了。那上限多少')).toBe('那上限多少');
  });

  it('saying outright that this is another matter (换个问题) is a new topic; 这个补助 points back', async () => {
    const { switchesTopic } = await import('../../src/chat/follow-up.js');
    expect(switchesTopic('换个问题，厂房能不能先租后买')).toBe(true);
    expect(switchesTopic('好的。问个别的，民宿有补贴吗')).toBe(true);
    expect(switchesTopic('对了，见习补贴怎么算')).toBe(false);
    expect(pointsBack('那要怎么申请才能拿到这个补助')).toBe(true);
  });

  it('a message none of whose topic words the best unit for it says stays with the earlier clause', () => {
    expect(topicWords([w('好'), w('一点')]).map((x) => x.word)).toEqual(['好']);
    expect(startsNewTopic({ ...base, words: [w('干得好', 6.8)], ownCoverage: 0, contextCoverage: 0, contextScoreShare: 0.3 })).toBe(false);
    // Turning to another matter outright still reads it alone.
    expect(startsNewTopic({ ...base, words: [w('干得好', 6.8)], ownCoverage: 0, contextCoverage: 0, contextScoreShare: 0.3, turns: true })).toBe(true);
  });

  it('a changed condition ("那要是…呢") the earlier clause says as well as any unit stays with it', () => {
    const changed = { ...base, words: [w('单笔', 4.6)], ownCoverage: 1, contextCoverage: 1, contextScoreShare: 0.5 };
    expect(replacesCondition('那要是单笔担保到600万呢')).toBe(true);
    expect(startsNewTopic({ ...changed, replaces: true })).toBe(false);
    expect(startsNewTopic(changed)).toBe(true);
    // Its best unit saying clearly more of its words than the earlier clause is still a new topic;
    // a little more is not ("那要是办公室不在园区里呢": 办公室 said by a contact line elsewhere).
    expect(startsNewTopic({ ...changed, replaces: true, contextCoverage: 0.4 })).toBe(true);
    expect(startsNewTopic({ ...changed, replaces: true, ownCoverage: 0.56, contextCoverage: 0.48 })).toBe(false);
    expect(startsNewTopic({ ...changed, ownCoverage: 0.56, contextCoverage: 0.48 })).toBe(true);
  });

  it('a message turning to another matter is a new question when its best unit says more of its words, even if not answerable alone', () => {
    const low = { ...base, confidence: 0.1, words: [w('生娃'), w('补贴')] };
    expect(startsNewTopic({ ...low, ownCoverage: 0.6, contextCoverage: 0.1, turns: true })).toBe(true);
    expect(startsNewTopic({ ...low, ownCoverage: 0.6, contextCoverage: 0.1 })).toBe(false);
    expect(startsNewTopic({ ...low, ownCoverage: 0.3, contextCoverage: 0.3, turns: true })).toBe(false);
  });
});

describe('form words', () => {
  it('a token made of form words is a form word; a topic word is not', async () => {
    const { isFormWord } = await import('../../src/chat/topic-words.js');
    expect(isFormWord('能拿')).toBe(true);
    expect(isFormWord('最多能')).toBe(true);
    expect(isFormWord('电费')).toBe(false);
    expect(isFormWord('能源')).toBe(false);
    // The asker's figures in words are what they have, not the topic; a span like 一年 stays a word.
    expect(isFormWord('八百万')).toBe(true);
    expect(isFormWord('三十万元')).toBe(true);
    expect(isFormWord('一年')).toBe(false);
    // A rate's period (每个月给多少) says what kind of figure is asked, not about what.
    expect(isFormWord('每个月')).toBe(true);
    expect(isFormWord('每个')).toBe(true);
  });
});

describe('generic verbs', () => {
  it('走, 弄, 搞 name no topic', async () => {
    const { isFormWord } = await import('../../src/chat/topic-words.js');
    for (const w of ['走', '弄', '搞', '帮忙']) expect(isFormWord(w)).toBe(true);
    expect(isFormWord('注销')).toBe(false);
  });
});

describe('withoutOpener', () => {
  it('drops the connective that only links a message to the conversation', () => {
    expect(withoutOpener('那么给茶园上保险，财政补吗？')).toBe('给茶园上保险，财政补吗？');
    expect(withoutOpener('对了，电动车能免税吗')).toBe('电动车能免税吗');
    expect(withoutOpener('另外 出口信保呢')).toBe('出口信保呢');
    expect(withoutOpener('换个话题问问：电动车能免税吗')).toBe('电动车能免税吗');
  });
  it('keeps a message that is nothing but its connective', () => {
    expect(withoutOpener('那么')).toBe('那么');
    expect(withoutOpener('还有呢')).toBe('还有呢');
  });
});

describe('acknowledgements, corrections and changed conditions', () => {
  const h = [{ role: 'user' as const, content: '小微企业预缴能享受优惠吗' }, { role: 'assistant' as const, content: '可以〔第3条〕' }];
  it('an acknowledgement is read past; a correction is always a follow-up', () => {
    expect(withoutAcknowledgement('行，那要交哪些材料？')).toBe('那要交哪些材料？');
    expect(withoutAcknowledgement('行业协会有补贴吗')).toBe('行业协会有补贴吗');
    expect(isFollowUpQuestion('不好意思说错了，公司其实是今年刚开的，没有去年的数据', h)).toBe(true);
  });
  it.each(['那要是今年才开的公司呢', '说错了，是去年注册的', '如果是个体户呢'])('%s changes a condition', (m) => {
    expect(replacesCondition(m)).toBe(true);
  });
  it.each(['那找哪个部门办', '对了，见习补贴怎么算'])('%s does not', (m) => {
    expect(replacesCondition(m)).toBe(false);
  });
});

describe('checking whether the asker qualifies', () => {
  it.each(['我家才种了30亩，够不够格', '就十来个员工，达标吗', '这样符合条件吗'])('%s stays with the earlier topic', (m) => {
    expect(checksQualifying(m)).toBe(true);
  });
  it.each(['对了，见习补贴我们够不够格', '研发补助多少'])('%s is not (an opener turns away; no check)', (m) => {
    expect(checksQualifying(m)).toBe(false);
  });
});

describe('words that only ask or tally', () => {
  it.each(['算下来', '算起来', '加起来', '一共', '总共', '还得', '交到'])('%s names no topic', (w) => {
    expect(topicWords([{ word: w, weight: 6, alternatives: [] }])).toEqual([]);
  });
});

describe('the anchor of a follow-up after a change of topic', () => {
  const stored = (q1: string, refs1: string[], q2: string, refs2: string[]): ChatTurn[] => [
    { role: 'user', content: q1 },
    { role: 'assistant', content: 'a1', refs: refs1 },
    { role: 'user', content: q2 },
    { role: 'assistant', content: 'a2', refs: refs2 },
  ];

  it('is the turn that opened like a follow-up but was answered on other units', () => {
    const h = stored('我们厂想买设备搞技改，有补助吗', ['d:18'], '另外我们出口多，出口信保有支持吗', ['d:44']);
    const r = resolveFollowUp('上限多少', h);
    expect(r.previousQuestion).toBe('另外我们出口多，出口信保有支持吗');
  });

  it('stays the earlier question when that turn was answered on the same units', () => {
    const h = stored('我们厂想买设备搞技改，有补助吗', ['d:18'], '那要投多少才能申请', ['d:18']);
    expect(resolveFollowUp('上限多少', h).previousQuestion).toBe('我们厂想买设备搞技改，有补助吗');
  });
});

describe('asking only where to go', () => {
  it('names no topic, however the segmenter cuts it (到/哪办, 去/哪儿)', async () => {
    const { isFormWord } = await import('../../src/chat/topic-words.js');
    for (const w of ['哪办', '哪儿', '哪里']) expect(isFormWord(w), w).toBe(true);
  });
});

describe('pointing back at what was just said', () => {
  it('asks it again for someone the message names, unless the message turns to another matter', () => {
    for (const q of ['硕士也是这个要求吗', '个体户也一样吗', '外地企业也是这样吗']) expect(pointsBack(q), q).toBe(true);
    expect(pointsBack('对了，这个政策之外还有租房补贴吗')).toBe(false);
    // A part opening with 也是 asks whether the same holds; 也是 inside a description does not.
    for (const q of ['也是一次性发吗', '那也是按季度拨付？', '商贸企业呢？也是分三年给？']) expect(pointsBack(q), q).toBe(true);
    expect(pointsBack('我们也是制造企业，有没有人才补贴')).toBe(false);
    expect(pointsBack('硕士有什么补贴')).toBe(false);
  });
});
