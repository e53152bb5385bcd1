// Follow-up resolution (pure): a short or elliptical question ("那找哪个部门办？", "封顶多少？")
// is read against the conversation's earlier turns before retrieval, unless it has its own topic.
import type { ChatTurn } from '../domain/chat.js';
import type { QueryWord } from '../retrieval/hybrid-retriever.js';
import { topicWords } from './topic-words.js';

export interface ResolvedQuestion {
  /** Text used for retrieval. */
  query: string;
  isFollowUp: boolean;
  /** Refs cited in the previous assistant turn, preferred when the follow-up names no topic. */
  contextRefs: string[];
  /** The earlier user question the follow-up was joined with. */
  previousQuestion?: string;
}

const LEADING = /^(那|那么|那个|那这个|还有|另外|然后|这个|这|它|其|该|此|上述|如果|要是|假如|所以|并且|而且|再问|顺便)/u;
const ANAPHORA = /(这个|这项|这条|该项|该政策|该条|上面|刚才|前面|上述|它的|其中|这些|那些|同样|也能|也可以|呢[？?]?$)/u;

/** Discourse openers that only link a message to the conversation ("那", "对了，", "另外"). */
const OPENER = /^(?:那么|那|对了|另外|还有|然后|换个(?:事儿?|事情|话题|问题|别的)(?:问一下|问问|问)?|再问一下|再问|顺便问一下|顺便问下|顺便)[，,、：:\s]*/u;

/** The message without its opening connective, for retrieving on its own words. */
export function withoutOpener(message: string): string {
  const m = withoutAcknowledgement(message);
  const rest = m.replace(OPENER, '');
  return rest.length >= 2 ? rest : m;
}

/**
 * Asking whether the asker qualifies for what was just said ("我们只有二十来个员工，这样够格吗？"), or which
 * of two ways it works ("先垫付再报销还是直接减免？").
 */
const QUALIFIES = /(够不够|够格|够资格|符合吗|符不符合|行不行|才行吗|可以吗|能申请吗|能不能申请|算不算|有份吗|能享受吗|^(是|要)?[^，,。？?]{1,8}还是)/u;

/** A reply that only acknowledges the last answer before asking on ("行，", "好的。", "哦说错了，"), once or more ("行，知道了。"). */
const ACK = '(?:好的|好吧|好|行|嗯嗯|嗯|哦哦|哦|噢|明白了|明白|知道了|了解了|懂了|谢谢|多谢|OK|ok)';
/** Correcting what the asker said before ("说错了，是今年才开的"): the same conversation, always. */
const CORRECT = '(?:说错了|搞错了|弄错了|不好意思|更正一下|纠正一下)';
const ACKNOWLEDGE = new RegExp(`^(?:(?:${ACK}[，,。.！!、\\s]*)+${CORRECT}?|${CORRECT})[，,。.！!、\\s]+`, 'u');
const CORRECTION = new RegExp(`^(?:${ACK}[，,。.！!、\\s]*)?${CORRECT}`, 'u');

/** The message without a leading acknowledgement of the last answer. */
export function withoutAcknowledgement(message: string): string {
  const m = message.trim();
  const rest = m.replace(ACKNOWLEDGE, '');
  return rest.length >= 2 ? rest : m;
}

/** The asker checking whether they qualify for what was just said ("才40亩，够不够格"): never a new topic by itself. */
const CHECKS_QUALIFYING = /(够不够|够格|够资格|符不符合|符合吗|符合条件吗|有份吗|达不达标|达标吗|能不能算上|算得上吗)/u;

export function checksQualifying(message: string): boolean {
  return CHECKS_QUALIFYING.test(message) && !turnsToAnother(message);
}

/** A follow-up that changes a condition of the earlier question ("那要是今年才开的呢", "说错了，…"). */
const REPLACING = /^(?:那么|那)?(?:要是|如果|假如|假设|换成|换作)|^(?:那么|那)?(?:我们|我)?(?:是|属于)?[^，,。？?]{0,12}的话|说错了|搞错了|弄错了|更正一下|纠正一下/u;

/** Naming what was just said as what is asked about ("博士也是这个要求吗", "个体户也一样吗"). */
const POINTS_BACK = /(这个要求|这个条件|这个标准|这个政策|这项政策|这条政策|这个补贴|这个补助|这个奖励|这项补贴|这项补助|这项奖励|这笔补贴|这笔补助|这笔钱|该政策|也是这样|也一样|也是这个)/u;
/** "也是一次性给吗", "服务业的呢？也是按季度发？": a part opening with 也是 asks whether the same holds for what was said. */
const OPENS_WITH_ALSO = /(^|[，,。？?！!；;\s])(那|那么|那这个)?也是/u;

/** The message asks about what was just said, for someone or something it names: never a new topic. */
export function pointsBack(message: string): boolean {
  return (POINTS_BACK.test(message) || OPENS_WITH_ALSO.test(message)) && !turnsToAnother(message);
}

export function replacesCondition(message: string): boolean {
  return REPLACING.test(message.trim());
}

/** A message this short (punctuation aside) may lean on the conversation ("评下来以后还有钱拿吗？能拿多少？"); whether it does is startsNewTopic's call. */
const SHORT_FOLLOW_UP = 14;

export function isFollowUpQuestion(message: string, history: ChatTurn[]): boolean {
  if (!history.some((t) => t.role === 'user')) return false;
  const m = withoutAcknowledgement(message);
  const bare = m.replace(/[\s？?！!。，,]/gu, '');
  return CORRECTION.test(message.trim()) || bare.length <= SHORT_FOLLOW_UP || LEADING.test(m) || ANAPHORA.test(m) || QUALIFIES.test(m);
}

export function resolveFollowUp(message: string, history: ChatTurn[]): ResolvedQuestion {
  const lastAssistant = [...history].reverse().find((t) => t.role === 'assistant');
  const contextRefs = lastAssistant?.refs ?? [];
  if (!isFollowUpQuestion(message, history)) return { query: message, isFollowUp: false, contextRefs: [] };
  // Join with the latest user question that was itself not a follow-up, so chains stay anchored.
  const users = history.filter((t) => t.role === 'user').map((t) => t.content);
  let anchor = users[users.length - 1] ?? '';
  for (let i = users.length - 1; i >= 0; i--) {
    const at = history.findIndex((t) => t.role === 'user' && t.content === users[i]);
    const earlier = history.slice(0, at);
    if (!isFollowUpQuestion(users[i]!, earlier) || changedTopic(history, at)) {
      anchor = users[i]!;
      break;
    }
  }
  return { query: `${anchor} ${message}`.trim(), isFollowUp: true, contextRefs, previousQuestion: anchor };
}

/**
 * Whether the user turn at `at` was answered on other units than the turn before it: a message that
 * looked like a follow-up ("另外，出口信保有支持吗") but was read as a new topic anchors what follows.
 * Only a stored conversation knows (its assistant turns carry refs); a client-sent one does not.
 */
function changedTopic(history: ChatTurn[], at: number): boolean {
  const reply = history.slice(at + 1).find((t) => t.role === 'assistant');
  const before = [...history.slice(0, at)].reverse().find((t) => t.role === 'assistant');
  const now = reply?.refs ?? [];
  const then = before?.refs ?? [];
  return now.length > 0 && then.length > 0 && !now.some((r) => then.includes(r));
}

export interface TopicDecisionInput {
  /** The message's own words, as the retriever weighed them. */
  words: QueryWord[];
  /** Retrieval confidence of the message alone. */
  confidence: number;
  /** Below this the message alone is not answerable (the abstention threshold). */
  threshold: number;
  /** How much of the message's topic the best unit for the message alone covers (0..1). */
  ownCoverage: number;
  /** How much of it the units the conversation was about cover (0..1; 0 without them). */
  contextCoverage: number;
  /** The best of those units' retrieval score for the message alone over the best unit's (0 when not retrieved). */
  contextScoreShare?: number;
  /** The message opens by turning to something else ("对了，", "另外"). */
  turns?: boolean;
  /** The message changes a condition of the earlier question ("那要是…呢"). */
  replaces?: boolean;
}

/** Openers that turn to another matter, unlike 那 which also continues one. */
const TURN = /^(?:对了|另外|还有个事|还有件事|还有|顺便问一下|顺便问下|顺便|换个(?:事儿?|事情|话题|问题|别的)|(?:再)?问个别的|另一件事|再问一下|再问)/u;

/** Whether a message opens by turning to another matter ("对了，见习补贴怎么算"), after any acknowledgement ("行，另外…"). */
export function turnsToAnother(message: string): boolean {
  return TURN.test(withoutAcknowledgement(message));
}

/** Saying outright that this is another matter ("换个问题，…", "问个别的："), not only turning (对了, 另外). */
const SWITCH = /^(?:换个(?:事儿?|事情|话题|问题|别的)|(?:再)?问个别的|另一件事|说个别的|另外一个问题|另一个问题)/u;

/** The message says outright that it asks about another matter: it is read on its own, whatever it shares with the earlier turn. */
export function switchesTopic(message: string): boolean {
  return SWITCH.test(withoutAcknowledgement(message));
}

/** How much more of a changed condition's words ("那要是…呢") another unit must say to start a new topic. */
const REPLACING_MARGIN = 0.25;
/** Covering the message equally, the earlier unit must score nearly as well for it to keep the topic. */
const CONTEXT_SCORE_SHARE = 0.8;
/** The idf a word needs to name a measure of its own (老字号, 见习; not 一年, 材料). */
const NAMING_WEIGHT = 4;

/**
 * A message that looked like a follow-up keeps the conversation's topic only when it lacks a topic
 * of its own: it has no topic words ("那封顶呢？", "去哪办？"), or the message alone is not
 * answerable, or the earlier units speak to its words at least as well as the best unit for the
 * message alone and rank nearly as high for it (a state firm asking whether procurement rules
 * apply to it, after a turn on 政府采购). Otherwise it is a new question.
 */
export function startsNewTopic({ words, confidence, threshold, ownCoverage, contextCoverage, contextScoreShare = 1, turns = false, replaces = false }: TopicDecisionInput): boolean {
  if (topicWords(words).length === 0) return false;
  // "那做得好一点的呢": the best unit for the message alone says none of its topic words either.
  if (ownCoverage === 0 && !turns) return false;
  // "另外问个家里的事…生了娃有没有补贴": turning to another matter whose best unit says more of
  // its words than the earlier units do is a new question, even when not answerable as a whole.
  if (confidence < threshold) return turns && ownCoverage > contextCoverage;
  // "对了，见习补贴怎么算" after 公益性岗位补贴: the earlier card says 见习 too, but the message alone
  // ranks another unit well above it.
  // "那要是工位不在园区里呢": a changed condition moves on only for a unit saying clearly more of it.
  if (ownCoverage > contextCoverage + (replaces && !turns ? REPLACING_MARGIN : 0)) return true;
  // "那要是单笔担保到600万呢": a changed condition the earlier units say as well as any unit is asked of them.
  if (replaces && !turns) return false;
  // Only a message turning to another matter, or a word of weight, names another measure this way (not 一年).
  const named = turns || topicWords(words).some((w) => w.weight >= NAMING_WEIGHT && [...w.word].length >= 2);
  return ownCoverage === contextCoverage && named && contextScoreShare < CONTEXT_SCORE_SHARE;
}
