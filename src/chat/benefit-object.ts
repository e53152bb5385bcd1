// What a benefit the question asks for is for (pure): "开业补贴", "租金补贴", "装修补贴". A clause
// that never says what the benefit is for (nor any alternative word for it) grants something else,
// even when it shares the general word 补贴: the question is about a measure the corpus lacks.
import type { QueryWord } from '../retrieval/hybrid-retriever.js';
import { canonicalForMatch } from '../text/canonical.js';
import { isFormChar, isFormWord } from './topic-words.js';

const BENEFIT = /(补贴|补助|资助|奖励|津贴|贴息|奖金)/gu;
const BENEFIT_WORD = new RegExp(BENEFIT.source, 'u');
/** Words before a benefit that are not what it is for: a quantity (一亩), a basis (按亩), a contrast (除了贴息). */
const NOT_OBJECT = /^([\d一二两三四五六七八九十百千万几每]|按(?!揭|摩)|除了|除去|包括|还是|或者)/u;

/** How or from whom a benefit is paid (现金补助, 一部分补助, 额外奖励, 财政补贴): not what it is for. */
const MANNER = /^(现金|现钱|部分|一部分|直接|财政|政府|国家|经济|适当|相应|一定)$/u;

/** Verbs that start an ask rather than a thing (拿到, 领到, 有些). */
const LIGHT_VERB = /^[拿领给发有是能要想在把帮让去来得]/u;

/** A word that can say what a benefit is for: not a fragment ending in a form character (点有),
 * an ask (拿到), a quantity (一亩), a contrast (除了) or a manner of payment (现金). */
function canBeObject(word: string): boolean {
  return word.length >= 2 && !isFormWord(word) && !MANNER.test(word) && !LIGHT_VERB.test(word) && !isFormChar(word.at(-1)!) && !NOT_OBJECT.test(word);
}

/** Objects too general to name what a benefit is for by being mentioned somewhere. */
const GENERAL_OBJECT = /^(建设|费用|项目|资金|经费|成本|开支|支出|运营|日常|相关|专项)$/u;
const PAID = '(补贴|补助|资助|奖励|奖补|贴息|津贴)';
/** The object and a payment within a few characters of one clause sentence ("建设给予补助", "补助建设"). */
function paidNear(hay: string, word: string): boolean {
  const w = word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`${w}[^。；;]{0,8}${PAID}|${PAID}[^。；;]{0,8}${w}`, 'u').test(hay);
}

const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
/** A two-character word said in other words: both characters close together (购车 in 车辆购置税). */
function nearby(hay: string, word: string): boolean {
  if ([...word].length !== 2) return false;
  const [a, b] = [...word].map(escape) as [string, string];
  return new RegExp(`${a}.{0,2}${b}|${b}.{0,2}${a}`, 'u').test(hay);
}

/**
 * The "<object><benefit>" the question asks for whose object no text states, or undefined. The
 * object is the question's topic word written right before the benefit word; a word `skip` names
 * (a place) is not an object.
 */
export function unstatedBenefitObject(
  question: string,
  words: readonly QueryWord[],
  texts: readonly string[],
  skip: (word: string) => boolean = () => false,
): string | undefined {
  // "摊位费市里能补贴吗": who pays and a modal may stand between the object and the benefit.
  return unstatedBefore(question, words, texts, skip, BENEFIT, /(的|有|有没有|(政府|财政|市里|县里|区里|国家|上面)?(能|会|可以|可|给|有没有|能不能)?(给|有)?)$/u, (object, anchor) => `${object}${anchor}`);
}

/** "注册资本至少多少", "缴费基数有几档": the quantity asked for, named right before the ask. */
const QUANTITY = /(最低|至少|是多少|要多少|几档)/gu;

/** The quantity the question asks the value of ("注册资本至少多少") when no text states it, or undefined. */
export function unstatedQuantity(
  question: string,
  words: readonly QueryWord[],
  texts: readonly string[],
  skip: (word: string) => boolean = () => false,
): string | undefined {
  return unstatedBefore(question, words, texts, skip, QUANTITY, /(的|要|能|有|一般|大概)$/u, (object) => object);
}

/** "入户要什么条件", "纳入名录，要满足哪些条件": the conditions of something, named right before the ask. */
const CONDITIONS = /(什么条件|哪些条件|啥条件|什么要求|哪些要求|啥要求|条件是什么|要求是什么)/gu;

/** What the question asks the conditions of ("入户要什么条件") when no text states it, or undefined. */
export function unstatedConditionSubject(
  question: string,
  words: readonly QueryWord[],
  texts: readonly string[],
  skip: (word: string) => boolean = () => false,
): string | undefined {
  return unstatedBefore(question, words, texts, skip, CONDITIONS, /[，,、\s]*(需要|需|要|得|应当|应该)?(满足|符合|具备|达到|有)?$/u, (object) => object);
}

function unstatedBefore(
  question: string,
  words: readonly QueryWord[],
  texts: readonly string[],
  skip: (word: string) => boolean,
  anchor: RegExp,
  gap: RegExp,
  name: (object: string, anchor: string) => string,
): string | undefined {
  const hay = canonicalForMatch(texts.join('\n'));
  const stated = (t: string) => t.length > 0 && (hay.includes(canonicalForMatch(t)) || nearby(hay, canonicalForMatch(t)));
  const objects = words.filter((w) => canBeObject(w.word) && !skip(w.word));
  for (const m of question.matchAll(anchor)) {
    // "律师费有补贴吗", "装修的补贴": a light word between the object and the benefit.
    const before = question.slice(0, m.index).replace(gap, '');
    // "展位费": the object may be split from a fee character the segmenter keeps apart.
    const bare = before.replace(/费$/u, '');
    const object = objects.filter((w) => before.endsWith(w.word) || bare.endsWith(w.word)).sort((a, b) => b.word.length - a.word.length)[0];
    if (!object) continue;
    // The whole phrase may be said in other words as a whole (房租补贴 → 租金补贴; not its parts 补贴, 创业).
    const phrase = words.find((w) => w.word === `${object.word}${m[0]}`);
    const restated = (phrase?.alternatives ?? []).filter((a) => BENEFIT_WORD.test(a) && a.replace(BENEFIT_WORD, '').length >= 2);
    // Its own parts (注册资本 → 注册, 资本) are not other words for it.
    const others = object.alternatives.filter((a) => !object.word.includes(a));
    // A general object (建设补贴, 费用有补贴吗) says little alone: the text must pay for it, close by.
    if (GENERAL_OBJECT.test(object.word)) {
      if (anchor === BENEFIT && !paidNear(hay, canonicalForMatch(object.word))) return name(object.word, m[0]);
      continue;
    }
    if (!stated(object.word) && !others.some(stated) && !restated.some(stated)) return name(object.word, m[0]);
  }
  return undefined;
}

/** Kinds of benefit specific enough that a clause granting another kind is not about them: asked, and how a text states each. */
const SPECIFIC_KINDS: Array<{ name: string; asked: RegExp; stated: RegExp }> = [
  { name: '贷款贴息', asked: /(贴息|利息[^，。？?]{0,3}(补|贴|减|免)|贴利息)/u, stated: /(贴息|利息|息费)/u },
];

/**
 * "园区青年创业团队的贷款贴息" answered from a clause on 经费 for a service centre: the question asks for a
 * specific kind of benefit (an interest subsidy) that none of the nearest units mentions.
 */
export function unstatedBenefitKind(question: string, texts: readonly string[]): string | undefined {
  const hay = texts.join('\n');
  return SPECIFIC_KINDS.find((k) => k.asked.test(question) && !k.stated.test(hay))?.name;
}
