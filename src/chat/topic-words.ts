// Which of a question's words name its topic (pure). Words that only say what kind of answer is
// wanted (多少, 上限, 哪个部门, 申请, 补贴…) or who asks (我们, 公司) are not a topic: a message made of
// them alone is elliptical ("那封顶呢？") and belongs to the conversation's topic; and a unit
// that matches a question only through them does not answer it.
import type { QueryWord } from '../retrieval/hybrid-retriever.js';
import { canonicalForMatch } from '../text/canonical.js';

const FORM_WORDS = [
  // asking
  '多少', '几个', '几年', '几成', '几折', '哪个', '哪些', '哪里', '哪儿', '什么', '怎么', '怎样', '如何', '咋', '咋样', '啥', '谁', '何', '何种', '哪种', '哪类', '什么样', '啥样', '是否', '能否', '可否',
  '有没有', '能不能', '可不可以', '是不是', '算不算', '要不要', '不要', '会不会', '行不行', '吗', '呢', '吧', '么', '呀', '啊',
  '请问', '问下', '问一下', '想问', '想知道', '了解', '咨询', '告诉', '说说', '讲讲', '介绍', '听说', '听讲', '听人说', '据说', '几多', '的话',
  // kinds of answer
  '上限', '下限', '最高', '最多', '最少', '最低', '封顶', '标准', '比例', '额度', '金额', '数额', '多大', '具体', '规定', '要求', '条件', '门槛', '流程', '程序', '材料',
  '部门', '单位', '负责', '牵头', '主管', '管', '找', '办', '办理', '申请', '申报', '领', '领取', '拿', '给', '发', '补', '奖', '报',
  '准备', '手续', '资料', '东西', '交', '报备', '交到', '交给', '哪办', '电话', '联系', '联系方式', '地址', '窗口', '渠道', '入口', '网上', '线上', '网址',
  '政策', '措施', '文件', '条款', '这条', '内容', '支持', '扶持', '补贴', '补助', '奖励', '奖补', '优惠', '好处', '照顾', '待遇', '钱', '资金',
  '有效期', '期限', '到期', '时候', '时间', '多长', '长时间', '多长时间', '多久', '每个', '每月', '每个月', '每年', '每次', '今年', '明年', '去年', '现在', '目前',
  '市级', '省级', '县级', '区级', '国家级', '国家', '省里', '市里', '县里', '区里', '政府', '当地', '本地',
  // who asks, and glue
  '我', '我们', '我家', '咱们', '公司', '企业', '单位', '厂', '厂里', '那', '那么', '那个', '这个', '这', '该', '其', '它', '另外', '还有', '然后', '也', '都', '还', '再',
  // everyday verbs that carry no topic (走流程, 搞个, 弄一下)
  '走', '弄', '搞', '干', '做', '用', '去', '到', '来', '让', '把', '帮', '帮忙', '问问', '看看', '一下子', '开', '开了', '最', '更', '很', '太', '才', '就', '又', '挺',
  '一点', '一些', '一点儿', '有点', '有些',
  '能', '可以', '会', '要', '想', '需要', '应该', '得', '还得', '算下来', '算起来', '加起来', '下来', '总共', '一共', '有', '没有', '是', '的', '了', '在', '和', '与', '及', '对', '按', '按照', '一下', '一样', '适用', '享受', '可', '多',
];
const FORM = new Set(FORM_WORDS);

const NUMBERISH = /^[\d.%万亿元个年月日号]+$/u;
/** A figure in words with a magnitude (九百万, 三十万元): what the asker has, not what they ask about; 一年 is not one. */
const NUMERAL_WORDS = /^[零〇一二三四五六七八九两]*[十百千万亿][零〇一二三四五六七八九十百千万亿两]*[元块个]?$/u;

/** True when the word is a run of form words ("能拿" = 能 + 拿, "最多能" = 最多 + 能). */
function composedOfFormWords(word: string): boolean {
  // ok[i]: word.slice(0, i) splits into form words (longest form word has 4 characters).
  const ok = [true, ...Array<boolean>(word.length).fill(false)];
  for (let i = 1; i <= word.length; i++) {
    for (let len = 1; len <= Math.min(4, i) && !ok[i]; len++) ok[i] = ok[i - len]! && FORM.has(word.slice(i - len, i));
  }
  return ok[word.length]!;
}

/** True when the word says what kind of answer is wanted rather than what it is about. */
export function isFormWord(word: string): boolean {
  return word.length === 0 || FORM.has(word) || NUMBERISH.test(word) || NUMERAL_WORDS.test(word) || composedOfFormWords(word);
}

/** True for a form word as listed, not one composed of them (补办 = 补 + 办 is not listed). */
export function isListedFormWord(word: string): boolean {
  return FORM.has(word);
}

/** A single character that only glues or asks (的, 能, 吗, 补), or a digit: not part of a content bigram. */
export function isFormChar(ch: string): boolean {
  return FORM.has(ch) || /^[\d.%]$/u.test(ch);
}

/** The question's own topic words (with their retrieval weights). */
export function topicWords(words: QueryWord[]): QueryWord[] {
  return words.filter((w) => !isFormWord(w.word));
}

/** idf-weighted share of the topic words that `has` finds, each by itself or an alternative. */
export function topicCoverage(words: QueryWord[], has: (term: string) => boolean): number {
  const topic = topicWords(words);
  const total = topic.reduce((s, w) => s + w.weight, 0);
  if (total <= 0) return 0;
  const hit = topic.reduce((s, w) => s + (has(w.word) || w.alternatives.some(has) ? w.weight : 0), 0);
  return hit / total;
}

/** Topic coverage by a unit's text (title included), compared without spaces or width. */
export function topicCoverageOfText(words: QueryWord[], text: string): number {
  const hay = canonicalForMatch(text);
  return topicCoverage(words, (t) => t.length > 0 && hay.includes(canonicalForMatch(t)));
}
