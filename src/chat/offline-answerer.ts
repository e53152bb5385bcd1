// Deterministic extractive answerer (pure): picks the sentences that answer the question from
// the retrieved units, keeps their wording and numbers exact, and cites each unit it uses.
import { asksDefinition, definesTerms } from './definitions.js';
import type { CorpusUnit, RetrievedUnit } from '../domain/types.js';
import type { ProposedCitation } from './verify-citations.js';
import type { Intent } from './intent.js';
import { responsibilityLine } from './citable-text.js';
import type { QueryWord } from '../retrieval/hybrid-retriever.js';
import { isFormChar, isFormWord, topicWords } from './topic-words.js';
import { detectIntent } from './intent.js';
import { subAsks } from './sub-asks.js';
import { unstatedAskedDetail } from './asked-detail.js';
import { asksEligibility } from './question-form.js';
import { tierFit } from './tier-fit.js';
import { statedAge, statesAgeLimit } from './asker-age.js';
import { escapeRegExp } from '../text/regexp.js';

export interface ComposeOptions {
  /** Most units cited in one answer. */
  maxUnits: number;
  /** Share of the query weight a further unit must add (terms no chosen unit covers). */
  minGain: number;
  /** Share of the query weight a further unit must cover by itself. */
  minCoverage: number;
  /** Most sentences quoted per unit. */
  maxSentences: number;
}

export const DEFAULT_COMPOSE: ComposeOptions = { minGain: 0.3, minCoverage: 0.4, maxUnits: 3, maxSentences: 3 };

/** When the question asks about several measures at once, further units need less evidence. */
export const MULTIPLE_COMPOSE: Partial<ComposeOptions> = { minGain: 0.1, minCoverage: 0.25 };

export interface ComposedAnswer {
  text: string;
  citations: ProposedCitation[];
  units: CorpusUnit[];
}

export interface ComposeInput {
  hits: RetrievedUnit[];
  /** The user's words with weights; a word is matched by itself or one of its alternatives. */
  words: QueryWord[];
  intent: Intent;
  /** Units named directly or carried over from the previous turn: always cited first. */
  pinned?: CorpusUnit[];
  /** Units named by number ("第11条讲什么"): summarised rather than matched sentence by sentence. */
  summarize?: CorpusUnit[];
  /** The question as asked, for the answer word ("有。", "可以。"). */
  question?: string;
  /** Estimates from the asker's own figures, by unit key (see QuestionEstimate). */
  estimates?: ReadonlyMap<string, QuestionEstimate>;
}

/** A measure's amount computed from figures the asker gave ("研发花了500来万，能拿多少"). */
export interface QuestionEstimate {
  /** "前年度数额未知，研发补助约在15万元至40万元之间（仅供参考）" */
  text: string;
  /** The benefit sentence the formula reads: it leads the answer. */
  quote?: string;
  /** The asker's figures in words: "研发费用500万元". */
  given: string;
}

/** "按您说的研发费用500万元测算：预计研发补助40万元（仅供参考）。" */
export function estimateSentence(e: QuestionEstimate): string {
  return `按您说的${e.given}测算：${e.text.replace(/[。；;]+$/u, '')}。`;
}

function wordsMatched(hit: RetrievedUnit, words: QueryWord[]): Set<string> {
  const matched = new Set(hit.matched);
  return new Set(words.filter((w) => matched.has(w.word) || w.alternatives.some((a) => matched.has(a))).map((w) => w.word));
}

function wordsInText(hit: RetrievedUnit, matched: Set<string>, words: QueryWord[]): Set<string> {
  const text = `${hit.unit.title}${hit.unit.text}${hit.passages.map((p) => p.text).join("")}`;
  return new Set(words.filter((w) => matched.has(w.word) && [w.word, ...w.alternatives].some((t) => text.includes(t))).map((w) => w.word));
}

function weightOf(words: QueryWord[], pick: (w: QueryWord) => boolean): number {
  return words.reduce((s, w) => s + (pick(w) ? w.weight : 0), 0);
}

/** Greedy set cover over query terms: the top unit, then units that add what it misses. */
export function chooseUnits(input: ComposeInput, opts: ComposeOptions = DEFAULT_COMPOSE): RetrievedUnit[] {
  const { hits, words } = input;
  const pinned = input.pinned ?? [];
  const chosen: RetrievedUnit[] = hits.filter((h) => pinned.includes(h.unit));
  // A section that is only its heading ("见习基地管理") states no measure: a clause under it answers.
  const lead = hits.find((h) => !isBareHeading(h.unit)) ?? hits[0];
  if (chosen.length === 0 && lead) chosen.push(lead);
  if (pinned.length > 0) return chosen.slice(0, opts.maxUnits);
  // Only topic words earn a further unit its place: a unit that shares just "最高" or "奖励" with the
  // question does not answer it (see topic-words.ts). Questions made only of such words use all words.
  const topic = topicWords(words).length ? topicWords(words) : words;
  const total = weightOf(topic, () => true) || 1;
  const covered = new Set(chosen.flatMap((h) => [...wordsMatched(h, topic)]));
  for (const hit of hits.slice(1, 5)) {
    if (chosen.length >= opts.maxUnits || chosen.includes(hit)) continue;
    // A document's preamble or a section heading shares the words of the document's name, not a
    // measure: it joins only when the question is about the document itself.
    if (hit.unit.kind !== 'clause' && !input.intent.documentPart) continue;
    // A clause defining the document's terms says who counts, not a measure: only when that is asked.
    if (definesTerms(hit.unit.text) && !asksDefinition(input.question ?? '')) continue;
    // A further unit earns its place by its own text, not by its indexed everyday words.
    const own = wordsInText(hit, wordsMatched(hit, topic), topic);
    const gain = weightOf(topic, (w) => own.has(w.word) && !covered.has(w.word)) / total;
    if (gain >= opts.minGain && weightOf(topic, (w) => own.has(w.word)) / total >= opts.minCoverage) {
      chosen.push(hit);
      for (const w of own) covered.add(w);
    }
  }
  return chosen;
}

/** A section unit whose text says nothing beyond its heading. */
function isBareHeading(unit: RetrievedUnit['unit']): boolean {
  return unit.kind === 'section' && unit.text.replace(/\s/gu, '').length <= unit.title.replace(/\s/gu, '').length;
}

/** A title this long that states figures and a benefit is the measure's first sentence, not a heading. */
const LONG_TITLE = 40;
const HAS_NUMBER = /[0-9０-９]|[一二三四五六七八九十百千万亿两][万亿元%个家条项亩]|六五折|三分之二/u;
/** Sentences that state what a business gets: preferred when summarising a unit. */
const BENEFIT = /(给予|奖励|补助|补贴|优惠|减免|贴息|免征|享受|支持|不再|参照执行|[0-9０-９.]+\s*[%％]执行|折(执行|收取))/u;

/** Money, shares and counts a benefit is stated in (not ages or dates). */
const HAS_AMOUNT = /([0-9０-９.]+|[一二三四五六七八九十百千万两]+)(元|万元|亿元|%|％|折|个月|年)|[一二三四五六七八九十]成|最高|不超过|上限/u;
/** A figure in money or a share: what a money ask is answered with. */
const HAS_MONEY_AMOUNT = /([0-9０-９.]+|[一二三四五六七八九十百千万两]+)(元|万元|亿元|%|％|折)|[一二三四五六七八九十]成|最高|不超过|上限|全额|减半/u;
/** A sentence no query word matches still answers when it is the field asked for. */
const FIELD_ALONE = 0.2;
/** A labelled field of a guide or card ("补贴标准：10000元。"): which fields answer which kind of question. */
const FIELD = /^[（(]?[^：:，。；]{2,10}[：:]/u;
const AMOUNT_FIELD = /(标准|金额|额度|数额|服务内容|支持内容|扶持内容|资助|奖励)/u;
/** "补贴测算：…具体补贴金额为248.8元/人月": the figure computed from the rule, stated beside it. */
const COMPUTED_FIELD = /测算/u;
/** A field saying how long a benefit is paid (补贴期限：累计不超过3年), and how short it must be to go with the amount. */
const PERIOD_FIELD = /(期限|年限)/u;
const SHORT_FIELD = 40;
/** "标准测算：以一家50人的企业为例…": a sentence illustrating the rule with made-up figures. */
const isWorkedExample = (text: string) => /(以[^，。；]{2,40}为例|举例|例如)/u.test(text);
const DURATION_ASK = /(几年|多久|多长时间|期限|年限|几个月|到什么时候|到啥时候|到哪年|领多久|补多久)/u;
const DURATION_TEXT = /(期限|最长|为期|延长至|不超过\d+年|累计不超过|\d+个月|\d+年内)/u;
const WHERE_ASK = /(去哪|到哪|哪里|哪儿|在哪|找谁|向谁)/u;
const WHERE_TEXT = /(向|在|到|由)[^，。；]{1,14}(申请|申领|申报|办理|提出|登记)/u;
/** Bonus for the sentence stating the tier the asker's figure is in, when the amount or eligibility is asked. */
const TIER_WEIGHT = 0.8;
/** The same bonus when something else is asked. */
const TIER_ASIDE = 0.1;
const CONDITION_ASK = /(条件|要求|门槛|符合|够不够|能不能|可以吗|能吗|资格|哪些人|什么人|谁能)/u;

/**
 * What a sentence adds beyond its word coverage: a stated amount for amount questions, the guide
 * field the question asks for, and character overlap with the question's rare words (先租后买 ~ 先租后让).
 */
export function sentenceBonus(text: string, intent: Intent, question = '', siblings: readonly string[] = [text]): number {
  let bonus = 0;
  // Asked for money (多少钱, 补多少) or the standard it is paid at, a span of time (提前1个月) is not the figure asked for.
  if (intent.amount && HAS_NUMBER.test(text)) bonus += HAS_AMOUNT.test(text) && !((MONEY_ASK.test(question) || STANDARD_ASK.test(question)) && !HAS_MONEY_AMOUNT.test(text)) ? 0.15 : 0.05;
  const field = FIELD.exec(text)?.[0];
  if (field) {
    // The field that states the figure asked for answers the question (补贴标准：10000元).
    // A worked example ("标准测算：以一家50人的企业为例…") illustrates the rule; the rule answers.
    if (intent.amount && AMOUNT_FIELD.test(field)) bonus += isWorkedExample(text) ? 0.1 : HAS_AMOUNT.test(text) ? 0.5 : 0.2;
    if (DURATION_ASK.test(question) && /期限|年限/u.test(field)) bonus += 0.5;
    // The field of conditions before the one naming who (补贴条件 over 补贴对象：符合条件的创业者).
    if (CONDITION_ASK.test(question) && /(条件|对象|要求)/u.test(field)) bonus += /(条件|要求)/u.test(field) ? 0.2 : 0.1;
    // "要什么材料", "电话多少": the field that lists them.
    if (PROCEDURE_ASK.test(question) && /(材料|流程|程序|渠道|方式|电话)/u.test(field)) bonus += 0.5;
  }
  // A guide card's record of its source (依据文件：《…办法》, 发文机构：…) names the measure but grants
  // nothing: it never leads unless the question asks about the document itself.
  if (isUnaskedRecord(text, question)) bonus -= RECORD_PENALTY;
  // "国企采购也适用吗": the sentence that extends the measure to others answers it.
  if (APPLIES_ASK.test(question) && APPLIES_TEXT.test(text)) bonus += 0.3;
  // "这政策什么时候到期": the sentence saying how long it is in force.
  // The end of the document it replaces says nothing of this one's: asked whether this one is in force, it never leads.
  if (intent.validity) bonus += statesOwnValidity(text) ? FIELD_ALONE : REPEALS_OTHER.test(text) ? -FIELD_ALONE : 0;
  const unit = askedUnit(question);
  if (unit && unit.test(text)) bonus += 0.3;
  // "我今年47了还能办吗": the sentence stating the age limit answers it, not the one naming the measure.
  if (statedAge(question) !== null && statesAgeLimit(text)) bonus += AGE_LIMIT_BONUS;
  // "按什么标准给": the sentence that says what the standard is (补贴标准为当地最低工资标准).
  if (STANDARD_ASK.test(question) && STANDARD_TEXT.test(text)) bonus += STANDARD_BONUS;
  // "新建了600亩": the tier the asker's figure lies in, before the one beside it. A threshold the
  // figure misses is not pushed down: it answers "能申请吗" (no, and why).
  // Asked something else about it ("师资有什么要求" from a school three years in), the tier only breaks ties.
  bonus += tierBonus(text, intent, question);
  // "去哪领": the sentence naming where to apply.
  if (WHERE_ASK.test(question) && WHERE_TEXT.test(text)) bonus += 0.2;
  // "能领到什么时候": the sentence stating how long.
  if (DURATION_ASK.test(question) && DURATION_TEXT.test(text)) bonus += 0.2;
  // "交通补贴能领多少" in a clause granting 实习补贴, 住房补贴 and 交通补贴: the sentence naming the benefit asked.
  // Asked how much, only a sentence stating a sum (the benefit's name alone answers nothing).
  if (namesAskedBenefit(question, text, siblings) && (!intent.amount || HAS_AMOUNT.test(text))) bonus += NAMED_BENEFIT_BONUS;
  return bonus + 0.3 * bigramOverlap(question, text, siblings);
}

/** What a sentence stating an age limit gains when the asker gives their age. */
const AGE_LIMIT_BONUS = 0.5;

/** Asking what standard a benefit is paid at, and a sentence stating it. */
const STANDARD_ASK = /(什么|啥|哪个|哪种)标准|标准(是|为)?(多少|什么|啥)/u;
const STANDARD_TEXT = /标准(为|是|按|：|:)/u;
const STANDARD_BONUS = 0.6;

/** A benefit named by what it is for: two characters before the benefit word (交通补贴, 住房补贴). */
const BENEFIT_COMPOUND = /\p{Script=Han}{2}(?:补贴|补助|奖励|资助|津贴|贴息)/gu;
const NAMED_BENEFIT_BONUS = 0.3;

/** True when the text names a benefit the question names (交通补贴) and not every sentence beside it does. */
function namesAskedBenefit(question: string, text: string, siblings: readonly string[]): boolean {
  return [...question.matchAll(BENEFIT_COMPOUND)].some(([c]) => text.includes(c) && !siblings.every((t) => t.includes(c)));
}

/** Fields of a guide card that record where the measure comes from, not what it gives. */
const RECORD_FIELD = /^[（(]?(依据文件|政策依据|文件名称|发文机构|发文单位|发文字号|发文时间|发布日期|发布时间|印发日期|工具分类|时间\/频度)[：:]/u;
/** Asking about the document, its issuer or its date. */
const RECORD_ASK = /(文件|依据|出处|文号|哪个部门(发|出|印)|谁发|发布|印发|发文|出台)/u;
const RECORD_PENALTY = 0.5;
const isUnaskedRecord = (text: string, question: string) => RECORD_FIELD.test(text) && !RECORD_ASK.test(question);

/** What a sentence gains for stating the tier the asker's figure lies in. */
function tierBonus(text: string, intent: Intent, question: string): number {
  return (intent.amount || asksEligibility(question) ? TIER_WEIGHT : TIER_ASIDE) * Math.max(0, tierFit(question, text));
}

const VALIDITY_TEXT = /(实施有效|有效期|实施期限|政策期限|执行期限|施行|起实施|起执行|执行至|执行到|废止|失效|截至|截止)/u;
/** "《…办法》（穗人社发〔2015〕27号）同时废止": the end of the document it replaces, not of this one. */
const REPEALS_OTHER = /》[^。；]{0,30}(同时)?(废止|失效)/u;
const statesOwnValidity = (text: string) => VALIDITY_TEXT.test(text) && !REPEALS_OTHER.test(text);
const APPLIES_ASK = /(也适用|适用吗|适不适用|也能享受|也可以享受|也算|算不算|包不包括|包括不包括|也行吗|参照)/u;
const APPLIES_TEXT = /(参照执行|参照|适用|同等享受|同样享受|纳入|视同)/u;

/** "多少岁", "几年", "补几个月": the unit the figure asked for is stated in, as a pattern over figures. */
function askedUnit(question: string): RegExp | null {
  // "几个人", "多少名员工": people are counted in 人 or 名.
  if (/(?:多少|几)(?:个|名)?(?:人|员工|职工|工人|学生|见习生)/u.test(question)) return /[0-9０-９一二三四五六七八九十百千两]\s*(?:人|名)/u;
  // "场地要多大", "厂房要多少平": an area.
  if (/(场地|场所|面积|地方|空间|用房|厂房|办公室|店面)[^，。？?]{0,4}(多大|多少平|几平|多少亩|几亩)|(多大|多少平米?|几平米?)的?(场地|场所|面积|地方|空间|用房|厂房|办公室|店面)/u.test(question)) return /[0-9０-９一二三四五六七八九十百千两]\s*(?:平方米|平米|㎡|亩)/u;
  const m = /(?:多少|几)(周岁|岁|年|个月|月|天|个|家|亩|人|次|倍|万|元|块|钱|折)/u.exec(question);
  if (!m) return null;
  const u = m[1]!;
  const units = /[万元块钱]/u.test(u) ? '(?:万元|亿元|元)' : u === '岁' || u === '周岁' ? '(?:周岁|岁)' : u === '月' ? '(?:个月|月)' : u;
  return new RegExp(`[0-9０-９一二三四五六七八九十百千两]\\s*${units}`, 'u');
}

/**
 * Weighted share of the question's content bigrams (Han, outside form words) that occur in the
 * text; a bigram weighs by how few of the unit's sentences have it, so the words that single out
 * one sentence (先租 in 先租后让) count more than the unit's theme (工业用地 in every sentence).
 */
function bigramOverlap(question: string, text: string, siblings: readonly string[]): number {
  const grams = contentBigrams(question);
  if (grams.length === 0) return 0;
  const compact = (t: string) => t.replace(/\s+/gu, '');
  const hays = siblings.map(compact);
  const hay = compact(text);
  let total = 0;
  let hit = 0;
  for (const g of grams) {
    const df = hays.filter((h) => h.includes(g)).length;
    if (df === 0) continue;
    const w = Math.log(1 + hays.length / df);
    total += w;
    if (hay.includes(g)) hit += w;
  }
  return total > 0 ? hit / total : 0;
}

function contentBigrams(question: string): string[] {
  const out = new Set<string>();
  for (const run of question.match(/\p{Script=Han}{2,}/gu) ?? []) {
    for (let i = 0; i + 2 <= run.length; i++) {
      const g = run.slice(i, i + 2);
      // 年费, 月薪, 个人 are content: 年, 月, 个 alone are only form words as units of a figure.
      if (!isFormWord(g) && !isFormChar(g[0]!) && !isFormChar(g[1]!)) out.add(g);
    }
  }
  return [...out];
}

/** Picks up to n sentences, best first by score (numbers preferred when amounts are asked), kept in text order. */
export function pickSentences(hit: RetrievedUnit, intent: Intent, n: number, summary = false, question = ''): string[] {
  if (summary) return summarize(hit, n, intent);
  const texts = hit.passages.map((p) => p.text);
  const ranked = hit.passages
    .map((p, index) => ({ ...p, index, bonus: sentenceBonus(p.text, intent, question, texts) }))
    .filter((p) => p.score > 0 || p.bonus >= FIELD_ALONE)
    .sort((a, b) => b.score + b.bonus - (a.score + a.bonus) || a.index - b.index);
  const picked = ranked.slice(0, n);
  // A second sentence must be nearly as relevant as the first, or the answer gets long for nothing.
  const best = picked[0] ? picked[0].score + picked[0].bonus - tierBonus(picked[0].text, intent, question) : 0;
  const kept = picked.filter((p, i) => i === 0 || p.score + p.bonus >= best * 0.6);
  if (kept.length === 0) return hit.passages.slice(0, n).map((p) => p.text);
  return kept.sort((a, b) => a.index - b.index).map((p) => p.text);
}

/**
 * For "what does clause N say": the sentences with benefits and numbers first, in text order;
 * asked how long it is in force ("这政策什么时候到期"), the sentence saying so first of all.
 */
function summarize(hit: RetrievedUnit, n: number, intent?: Intent): string[] {
  const scored = hit.passages.map((p, index) => ({
    index,
    text: p.text,
    score: (intent?.validity && statesOwnValidity(p.text) ? 4 : 0) + (BENEFIT.test(p.text) ? 2 : 0) + (HAS_NUMBER.test(p.text) ? 1 : 0) + (index === 0 ? 0.5 : 0),
  }));
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, n)
    .sort((a, b) => a.index - b.index)
    .map((p) => p.text);
}

/** Share of the lead sentence's score a supporting sentence needs (tuned on the dev split). */
export const SUPPORT_SHARE = 0.8;

/** How the answer's own note on a detail the clause does not give begins. */
const UNSTATED_NOTE = '条款没有写明';

/** A question asking for materials, procedure or a phone number. */
const PROCEDURE_ASK = /(材料(?!费)|手续(?!费)|资料(?!费)|流程|电话(?!费)|联系方式|怎么联系|怎么申报|如何申报|怎么申请|如何申请|怎么办理|如何办理)/u;

/** Where the text says how to act: application channel, contact, procedure. */
const HOW_TO_ACT = /(申请渠道|申报渠道|受理渠道|联系方式|联系电话|咨询电话|办理程序|申请程序|申报方式)/u;
/** Yes/no questions that the lead sentence answers with "有" or "可以" when it grants something. */
/** Asking for a sum of money (not a count: "今年建多少个充电桩"); the asker may stand before it (补我多少), and a
 * few yuan is a sum too (每顿补几块钱), as is an order of magnitude (到手能有几万, 几千还是几万) or a number at all (金额有没有个数). */
const MONEY_ASK = /((报销|能报|返|补|奖|给|拿|领|贴|发|补贴|补助|奖励|资助)(了|到|得|下来)?(我们|我|咱们|咱|俺)?((多少|几多)(?!个|家|人|名|年|天|次|岁|台|套|户|亩|项|条|批)|几(十|百|千)?(块|毛|元))|(多少|几多)(块)?钱|(补贴|补助|奖励|资助)标准|(能有|能拿|能领|到手|给|补|发)[^，。？?！!]{0,4}几(十|百|千)?[万千](块|元)?|几[百千万](块|元)?还是几[千万]|标准[^，。？?！!]{0,8}几(十|百|千)?[万千](块|元)?|(金额|数额|钱数|标准)[^，。？?！!]{0,6}(个数|数字|具体数))/u;
const MONEY_TEXT = /[0-9０-９.一二三四五六七八九十百千万两]+\s*(元|万元|亿元|%|％|折)|[一二三四五六七八九十]成|全额|减半|免费|免收|免征/u;
/** A word that pays or budgets: a sum near one is what is given or set aside, not a target (新增贷款400亿元). */
const PAYS = /(给予|奖励|补助|补贴|资助|贴息|奖补|补偿|返还|减免|优惠|最高|不超过|上限|封顶|按照?|标准|安排|资金|经费|预算|投入)/u;
/** Words right before a sum that make it the size of a fund (总规模不低于): 每家总额不超过 is still paid. */
const FUND_SIZE = /规模[^，。；0-9０-９]{0,5}$/u;
/** A budget set aside for a field (领域资金1.03亿元, 支持总额为…): no sum paid to an asker who asks what they get. */
const BUDGET_SIZE = /(规模|领域资金|资金总额|支持总额|预算)[^，。；0-9０-９]{0,5}$/u;
/** Asking about a budget itself ("这块市财政安排了多少钱", "领域资金给了多少"). */
const ASKS_BUDGET = /(预算|安排|投了|投入|领域|资金|财政|总额|一共|总共)/u;
/** Characters a paying word and its sum may be apart within one clause part. */
const PAID_WITHIN = 16;

const MONEY_TEXT_ALL = new RegExp(MONEY_TEXT.source, 'gu');

/** "补多少", "奖几多", "补贴标准": the question asks for a sum of money. */
export const asksSum = (question: string) => MONEY_ASK.test(question);

/** What a clause gives without a paying word beside it: free of charge, in full, a share or multiple
 * (2/3, 三分之一, 1倍), a wage standard, a sum in yuan, or "a certain share" of a cost. */
const FREE_OR_SHARE = /(免费|免收|免征|全额|减半|一半|[\d.]+\s*倍|[\d]+\s*\/\s*[\d]+|[一二三四五六七八九十]分之[一二三四五六七八九十]|最低工资标准|[\d.]+\s*(元|块))|(一定|适当)(比例|额度|金额|数额|的?(补助|补贴|奖励|资助))/u;

/**
 * "老年食堂吃饭补多少" answered from a clause that only plans the canteens: asked how much, the text
 * states no sum anywhere it pays, so there is no amount to give.
 */
export function unstatedSum(question: string, text: string): boolean {
  // "给多少现金": a free service or a share of a cost is no cash in hand.
  const sizes = ASKS_BUDGET.test(question) ? FUND_SIZE : BUDGET_SIZE;
  if (CASH_ASK.test(question)) return !statesPaidMoney(text, sizes) && !CASH_TEXT.test(text);
  return asksSum(question) && !statesPaidMoney(text, sizes) && !FREE_OR_SHARE.test(text);
}
/** Asking for cash to be handed over ("给多少现金", "能领多少钱"), not what one pays. */
const CASH_ASK = /(给|补|奖|发|拿|领|返)(了|到|得)?(我们|我)?(多少|几多|点)?现金|现金(奖励|补贴|补助)/u;
const CASH_TEXT = /[\d.一二三四五六七八九十百千万两]+\s*(元|块|万元|亿元)/u;

/** Asking for a share or rate ("比例是多少", "几个点", "打几折"), which only a figure answers. */
const SHARE_ASK = /((多少|什么|啥)比例|(比例|费率|利率|折扣)[^，。？?！!]{0,4}(多少|几|是啥)|几成|几个点|几折)/u;
/** A share stated as a figure: a percentage, 成, 折, a fraction or a multiple. */
const SHARE_TEXT = /([0-9０-９.]+\s*(%|％|‰)|百分之|[一二三四五六七八九十]成|[一二三四五六七八九十]+折|[\d]+\s*\/\s*[\d]+|[一二三四五六七八九十]分之|[\d.]+\s*倍|全额|减半|免费|免收|免征)/u;

/**
 * "失业保险费率是多少" answered from a clause that only says the rate stays lowered, or "补贴比例多少"
 * from one giving "一定比例": asked for a share, no quoted sentence states one as a figure.
 */
export function unstatedShare(question: string, text: string): boolean {
  return SHARE_ASK.test(question) && !SHARE_TEXT.test(text);
}

/** The rate named before the ask ("担保费率封顶收到多少") or the thing after it ("多少比例的风险"). */
const NAMED_RATE = /([\u4e00-\u9fff]{2})(费率|利率|比例|比率)/u;
const RATE_OF = /(多少|什么|啥)(比例|比率)的([\u4e00-\u9fff]{2})/u;
const NAMED_FEE = /([\u4e00-\u9fff]{2}费)[^，。？?！!]{0,6}(几个点|几成|几折)/u;
const NAMED_BENEFIT_SHARE = /(贴息|补贴|补助|奖励|返还|减免|保费)[^，。？?！!]{0,6}(几个点|几成|几折|多少比例|比例[^，。？?！!]{0,4}(多少|几))/u;
const NOT_A_NAME = /^(多少|什么|啥|这个|那个|具体|补贴|补助|奖励|资助|一般|现在|目前|最高|最低|至少)/u;

/**
 * The words a sentence must hold to state the share asked for: the rate as the asker names it
 * (担保费率), the fee or benefit it is of (担保费, 贴息) or the share and what it is of (比例 + 风险).
 * Null when no share is asked or nothing names it.
 */
export function askedShareWords(question: string): string[] | null {
  if (!SHARE_ASK.test(question)) return null;
  const of = question.match(RATE_OF);
  if (of) return [of[2]!, of[3]!];
  const named = question.match(NAMED_RATE);
  if (named && !NOT_A_NAME.test(named[1]!)) return [named[1]! + named[2]!];
  // "担保费一般收几个点": the fee the share is of; "贴息贴几个点": the benefit.
  const fee = question.match(NAMED_FEE) ?? question.match(NAMED_BENEFIT_SHARE);
  return fee ? [fee[1]!] : null;
}

/** Asking how much a fee is ("一般收多少担保费", "担保费大概收多少", "管理费贵不贵"): the fee named. */
const FEE_ASK = /(?:收|交|缴|要)(?:多少|几个点)[^，。？?！!]{0,2}([\u4e00-\u9fff]{2}费)(?!用)|([\u4e00-\u9fff]{2}费)(?!用|率)[^，。？?！!]{0,6}(?:多少|几个点|多高|贵不贵|高不高)/u;

/** The fee a question asks the size of, or null. */
export function askedFeeWords(question: string): string[] | null {
  const m = FEE_ASK.exec(question);
  const fee = m ? (m[1] ?? m[2])! : null;
  return fee ? [fee] : null;
}

/** True when some sentence part states a figure (a share or a sum) and holds every one of the words. */
export function statesFigureOf(words: readonly string[], text: string): boolean {
  return text.split(/[。；;]/u).some((part) => (SHARE_TEXT.test(part) || MONEY_TEXT.test(part)) && words.every((w) => part.includes(w)));
}

/** True when some sentence part states a sum next to a word that pays it. */
function statesPaidMoney(text: string, sizes: RegExp = FUND_SIZE): boolean {
  return text.split(/[。；;]/u).some((part) => {
    for (const m of part.matchAll(MONEY_TEXT_ALL)) {
      // "设立总规模不低于1000万元的…引导资金": the size of a fund is not what anyone is paid.
      if (sizes.test(part.slice(Math.max(0, m.index - 8), m.index))) continue;
      const around = part.slice(Math.max(0, m.index - PAID_WITHIN), m.index + m[0].length + PAID_WITHIN);
      if (PAYS.test(around)) return true;
    }
    return false;
  });
}
/** Asking whether a benefit exists at all ("有租金补贴没", "有没有扶持"), not whether the asker can have it. */
const EXISTENCE_ASK = /(有没有|有无|有啥|有什么|有吗|有[^，。？?！!]{1,12}(没|吗)[？?]?$)/u;
const CAN_ASK = /(能|可以|可不可以|够|符合|资格)/u;
/** Share of the best sentence's match the figure field needs to answer an existence ask first. */
const EXISTENCE_FIELD_SHARE = 0.5;
/** Details of how to act a yes/no ask may be about (有咨询电话吗), not the measure itself. */
const DETAIL_WORD = /(电话|热线|手机号|联系方式|网址|网站|官网|链接|公众号|小程序|窗口|材料|资料|表格|模板)/u;
const ASKS_CAN = /(能不能|可不可以|可以吗|能吗|能否|可否|行不行|行吗|可行吗)/u;
const ASKS_HAS = /(有没有|有吗|有无|有啥|吗[？?]?$|有[^，。？?！!]{1,12}没[？?]?$|[补给拿奖]不[补给拿奖])/u;

const ASKS_MUST_PAY = /(要不要|需不需要|用不用|要|需要|得|还)(自己|自个儿|企业|全额|足额|按全额|照全额)?(补|交|缴|付|出|掏)/u;
const NO_CHARGE = /(不再增收|不再收取|不再征收|不再缴纳|免收|免征|免缴|无需缴纳|不收取)/u;

/** Kinds of benefit a yes/no question names, and how a sentence grants each. */
const BENEFIT_KIND = /(奖励|补贴|补助|贴息|减免|免税|奖金)/gu;
const KIND_STATED: Record<string, RegExp> = {
  奖励: /(奖励|奖补|奖金|以奖代补)/u,
  奖金: /(奖励|奖补|奖金)/u,
  补贴: /(补贴|补助|资助|奖补|津贴)/u,
  补助: /(补贴|补助|资助|奖补)/u,
  贴息: /贴息/u,
  减免: /(减免|免征|减征|减半|免收|免除|降低)/u,
  免税: /(免税|免征|减免)/u,
};

/** "有。" / "可以。" before a lead sentence that grants something, when a yes/no question was asked. */
export function answerWord(question: string, lead: string): string {
  // "要补地价吗" answered by "…不再增收土地价款": no, nothing to pay.
  // Whether one must pay is not answered "有" by a measure that reduces the charge.
  if (ASKS_MUST_PAY.test(question)) return NO_CHARGE.test(lead) ? '不用。' : '';
  if (!BENEFIT.test(lead) || /(不得|不予|不再享受|停止享受)/u.test(lead)) return '';
  // "有奖励吗" is answered "有" only by a sentence granting that kind of benefit, not by one that
  // merely "supports" the topic (支持文化企业对接资本市场 is no listing reward).
  const named = [...question.matchAll(BENEFIT_KIND)].map((m) => m[0]);
  if (named.length && !named.some((k) => KIND_STATED[k]!.test(lead))) return '';
  // "刚注册半年，行吗" against "运营满一年的": the asker's own figure misses the condition, so no yes.
  if (tierFit(question, lead) < 0) return '';
  // "有咨询电话吗", "有没有网址": a yes/no ask only about a detail is not answered by the measure.
  const yesNo = question.split(/[，,。？！?!；;\n]+/u).filter((p) => ASKS_CAN.test(p) || ASKS_HAS.test(p));
  if (yesNo.length && yesNo.every((p) => DETAIL_WORD.test(p))) return '';
  if (ASKS_CAN.test(question)) return '可以。';
  if (ASKS_HAS.test(question)) return '有。';
  return '';
}

/**
 * A form or table flattened into one long run of short cells ("附表1 申请表 （年） 单位名称 单位组织机构代码
 * 工商注册号 …"): hundreds of characters with hardly a comma. It is never quoted in support of an answer.
 */
export function isFlattenedTable(text: string): boolean {
  const n = [...text].length;
  if (n < TABLE_MIN_CHARS) return false;
  const stops = (text.match(/[，。；：,;:！？]/gu) ?? []).length;
  const gaps = (text.match(/\s+/gu) ?? []).length;
  return stops * TABLE_CHARS_PER_STOP < n && gaps * TABLE_CHARS_PER_GAP >= n;
}
const TABLE_MIN_CHARS = 150;
/** Prose has a stop at least every 60 characters; a flattened table has fewer. */
const TABLE_CHARS_PER_STOP = 60;
/** …and a space between cells every 25 characters or so. */
const TABLE_CHARS_PER_GAP = 25;

/** A sentence with its 〔label〕 marker placed before the final punctuation. */
function marked(sentence: string, label: string): string {
  const end = /[。；;]$/u.test(sentence) ? '。' : '';
  return `${sentence.replace(/[。；;]+$/u, '')}〔${label}〕${end}`;
}

export interface MeasureAnswer {
  /** The one sentence that answers (figure and condition), with its marker. */
  lead: string;
  /** At most maxSentences − 1 supporting sentences, in text order. */
  support: string[];
  /** Who to turn to and how, when the text says. */
  act: string;
  quotes: string[];
}

/** The answer for one measure: lead sentence first, then support, then how to act. */
export function measureAnswer(hit: RetrievedUnit, intent: Intent, opts: ComposeOptions, summary: boolean, question = '', given?: QuestionEstimate, words: QueryWord[] = []): MeasureAnswer {
  const u = hit.unit;
  // An estimate speaks for the sentence its rule quotes: in a clause of several measures, a rule on
  // another measure than the one asked about ("新增慈善组织" when asked about hiring disabled people)
  // says nothing about the question, and must not lead.
  const estimate = given && estimateFits(hit, given) ? given : undefined;
  const label = u.label.split(' ')[0]!;
  // The clause title is shown in the basis line; do not repeat it as a sentence — unless the
  // "title" is the measure itself (a first sentence stating the benefit and its amount).
  const dropped = hit.passages.filter((p) => p.text.replace(/[。；]$/u, '') !== u.title);
  // A long title that states a whole rule with its figures ("对…项目，固定资产投资1000万元及以上…给予企业奖励") is a sentence too.
  const titleIsMeasure = HAS_AMOUNT.test(u.title) && BENEFIT.test(u.title) && (!dropped.some((p) => BENEFIT.test(p.text)) || [...u.title].length >= LONG_TITLE);
  // A title cut from the first sentence ("本办法自印发之日起施行，有效期5年") that answers best is said too.
  // A lead-in ("…按以下规定执行：") introduces the answer and is not one.
  const bestOfAll = summary || dropped.length === hit.passages.length ? null : bestSentence(hit, intent, question);
  // A heading-like title ("放宽技术技能提升补贴申领条件") names the measure and is not said.
  const statesRule = /[，,]/u.test(u.title) || HAS_NUMBER.test(u.title);
  const titleAnswers = statesRule && !!bestOfAll && !/[：:]$/u.test(bestOfAll) && bestOfAll.replace(/[。；]$/u, '') === u.title;
  const untitled = titleIsMeasure || titleAnswers ? hit.passages : dropped;
  const source = untitled.length && untitled.length < hit.passages.length ? { ...hit, passages: untitled } : hit;
  const texts = source.passages.map((p) => p.text);
  const sentences = pickSentences(source, intent, opts.maxSentences, summary, question);
  // With an estimate, the sentence stating the formula leads: the computed figure follows it.
  const formulaSentence = estimate?.quote ? source.passages.find((p) => compact(p.text).includes(compact(estimate.quote!)))?.text : undefined;
  // A guide's or card's figure field answers an amount question (补贴标准：…元).
  const isAmountField = (t: string) => {
    const label = FIELD.exec(t)?.[0] ?? '';
    return (AMOUNT_FIELD.test(label) || COMPUTED_FIELD.test(label)) && !isWorkedExample(t) && HAS_AMOUNT.test(t);
  };
  // "有租金补贴没": asked whether there is a benefit, the field stating what it gives answers first.
  const asksWhetherGiven = EXISTENCE_ASK.test(question) && !CAN_ASK.test(question) && !CONDITION_ASK.test(question) && !PROCEDURE_ASK.test(question) && !DURATION_ASK.test(question);
  // Asked whether it exists, the figure field of the part of the card the question is about.
  const bestAmountField = () => {
    const fields = source.passages.filter((p) => isAmountField(p.text));
    const top = Math.max(0, ...source.passages.map((p) => p.score));
    const pick = fields.sort((a, b) => b.score - a.score)[0];
    return pick && pick.score >= EXISTENCE_FIELD_SHARE * top ? pick.text : undefined;
  };
  const amountField = summary ? undefined : intent.amount ? texts.find(isAmountField) : asksWhetherGiven ? bestAmountField() : undefined;
  // Asked how long a document is in force, the sentence saying so leads its summary.
  const validityLead = summary && intent.validity ? sentences.find(statesOwnValidity) : undefined;
  // The document's terms for the asker's own words where the unit does not use those words, said in
  // some sentences and not others.
  const named = words
    .filter((w) => !texts.some((t) => t.includes(w.word)))
    .flatMap((w) => w.alternatives.filter((a) => [...a].length >= 3 && texts.some((t) => t.includes(a)) && !texts.every((t) => t.includes(a))));
  const best = summary ? undefined : bestSentence(source, intent, question, named);
  const leadText = formulaSentence ?? amountField ?? validityLead ?? (summary ? sentences[0]! : (best ?? sentences[0]!));
  // A computed figure that leads ("补贴测算：…248.8元/人月") keeps the rule that answers best beside it
  // ("政策内容：…补贴期限最长不超过2年").
  const besideField = amountField && leadText === amountField && best && best !== amountField ? best : undefined;
  // Support must be nearly as relevant as the lead: at most two more sentences, never the clause.
  const scoreOf = (t: string) => {
    const p = source.passages.find((x) => x.text === t);
    return p ? p.score + sentenceBonus(p.text, intent, question, texts) : 0;
  };
  // Support is judged against the best sentence even when the formula's sentence leads.
  // A lead that won on the asker's tier ("参保1年以上" for one who paid in a year and a half) leaves room
  // for the rule itself: support is judged against what the lead scores without its tier bonus.
  const leadScore = Math.max(scoreOf(leadText) - tierBonus(leadText, intent, question), formulaSentence ? Math.max(0, ...texts.map(scoreOf)) : 0);
  // A field's value split at "；" ("招用3人以下的…；招用4人以上的…") is read to its end.
  // A rate paid per period is read with how long it is paid ("补贴标准：每连续租满1年补贴6000元。补贴期限：累计不超过3年。").
  const periodField = amountField && leadText === amountField ? texts.find((t) => t !== leadText && PERIOD_FIELD.test(FIELD.exec(t)?.[0] ?? '') && [...t].length <= SHORT_FIELD) : undefined;
  // A worked computation's other tiers are part of its figure, not support: they take no support's place.
  const tiers = amountField && leadText === amountField ? computedTiers(texts, leadText) : [];
  const attached = [
    ...fieldContinuation(texts, leadText),
    ...tiers,
    ...(periodField ? [periodField] : []),
    ...(intent.amount && !summary ? breakdownOf(texts, leadText) : []),
    ...(!summary && (CONDITION_ASK.test(question) || PROCEDURE_ASK.test(question)) ? listItems(texts, leadText) : []),
  ];
  const supported = [
    ...(besideField && !attached.includes(besideField) ? [besideField] : []),
    ...sentences.filter((x) => x !== leadText && x !== besideField && !attached.includes(x) && (summary || scoreOf(x) >= SUPPORT_SHARE * leadScore)),
  ].slice(0, Math.max(0, opts.maxSentences - 1 - (attached.length - tiers.length)));
  const extra = summary ? [] : completingSentences(source, leadText, [leadText, ...attached, ...supported], intent, question, words);
  // A quoted sentence split at "；" reads on to the clause after it, like the lead (其中零售企业…；餐饮企业…).
  const readOn = (list: string[], taken: string[]) => list.flatMap((t) => [t, ...fieldContinuation(texts, t).filter((x) => !taken.includes(x) && !list.includes(x))]);
  const continued = readOn(attached, [leadText]);
  // A card's record of its source supports nothing asked about what the measure gives.
  const rest = [...new Set(readOn([...supported, ...extra], [leadText, ...continued]))]
    // A sentence the lead already reads on to is not quoted twice.
    .filter((t) => !continued.includes(t) && !isUnaskedRecord(t, question) && !isFlattenedTable(t))
    .sort((a, b) => texts.indexOf(a) - texts.indexOf(b));
  const who = responsibilityLine(u);
  const channel = texts.find((t) => HOW_TO_ACT.test(t) && t !== leadText && !rest.includes(t) && !isFlattenedTable(t));
  const quotes = [leadText, ...continued, ...rest];
  const actParts: string[] = [];
  if (who && intent.department) {
    actParts.push(`${who}${u.kind === 'clause' && u.units.length > 1 ? '（列第一位的为牵头单位）' : ''}`);
    quotes.push(who);
  } else if (who && u.kind === 'clause' && !summary) {
    // Lead unit only: the full list is one click away in the clause.
    actParts.push(`办理可咨询${u.units[0]}${u.units.length > 1 ? '（牵头单位）' : ''}`);
    quotes.push(who);
  }
  if (channel) {
    actParts.push(channel.replace(/[。；;]+$/u, ''));
    quotes.push(channel);
  } else if (!summary) {
    // Asked for materials or a phone number the clause does not give: say so, and whom to ask.
    const asked = PROCEDURE_ASK.exec(question)?.[1];
    const phone = !!asked && /电话|联系/u.test(asked);
    const stated = phone ? /(电话|联系方式|\d{7,})/u.test(u.text) : /(材料|资料|手续|流程|程序)/u.test(u.text);
    if (asked && !stated) actParts.push(`${UNSTATED_NOTE}${phone ? '联系电话' : '申报材料和手续'}，具体请咨询${u.units[0] ?? '主管部门'}或拨打12345政务服务便民热线`);
    // "多久能到账", "在哪个网站报": a processing time or web address the clause does not give.
    const detail = asked && phone ? null : unstatedAskedDetail(question, `${u.title}${u.text}${texts.join('')}`);
    if (detail && detail !== '联系电话') actParts.push(`${UNSTATED_NOTE}${detail}，具体请咨询${u.units[0] ?? '主管部门'}`);
  }
  // "海外仓补多少" from a clause that sets a target (新增海外仓10个) but no sum: say the sum is not written.
  if (!summary && MONEY_ASK.test(question) && !statesPaidMoney(`${u.title}。${u.text}。${texts.join('。')}`)) {
    actParts.push(`${UNSTATED_NOTE}具体金额或比例，具体请咨询${u.units[0] ?? '主管部门'}`);
  }
  const act = actParts.length ? `${actParts.join('；')}。` : '';
  // A figure below the threshold answers "能申请吗" with no: no "有。" before the rule.
  // A limit quoted for an ask at the measure's edge is no plain yes.
  const limited = EDGE_ASK.test(question) && quotes.some((t) => LIMIT_TEXT.test(t));
  const word = estimate?.text.startsWith('未满足') || limited ? '' : answerWord(question, leadText);
  // Asked what the conditions or materials are, an item led by its list's opening ("提交下列材料：")
  // reads in the document's order: the opening first, then the items.
  const opening = !estimate && (CONDITION_ASK.test(question) || PROCEDURE_ASK.test(question)) && ITEM.test(leadText.replace(FIELD, '').trim())
    ? rest.find((t) => LIST_INTRO.test(t) && texts.indexOf(t) >= 0 && texts.indexOf(t) < texts.indexOf(leadText))
    : undefined;
  if (opening) {
    const items = [leadText, ...continued, ...rest.filter((t) => t !== opening)].sort((a, b) => texts.indexOf(a) - texts.indexOf(b));
    return { lead: `${word}${marked(opening, label)}`, support: items, act, quotes };
  }
  const lead = `${word}${marked(leadText, label)}${continued.join('')}${estimate ? estimateSentence(estimate) : ''}`;
  return { lead, support: rest, act, quotes };
}

const compact = (t: string) => t.replace(/\s+/gu, '').replace(/[。；;，,]+$/u, '');

/** Least share of the best sentence's match a rule's quoted sentence needs for its estimate to be shown. */
const ESTIMATE_FIT = 0.5;

/** True when the estimate's quoted sentence is one the question is about (or it quotes none). */
function estimateFits(hit: RetrievedUnit, estimate: QuestionEstimate): boolean {
  if (!estimate.quote) return true;
  const quote = compact(estimate.quote);
  const best = Math.max(0, ...hit.passages.map((p) => p.score));
  const own = Math.max(0, ...hit.passages.filter((p) => compact(p.text).includes(quote) || quote.includes(compact(p.text))).map((p) => p.score));
  return best === 0 || own >= ESTIMATE_FIT * best;
}

/** "…安排资金22.77亿元。其中，高等教育领域16.84亿元…": the sentence breaking a stated figure down belongs to it. */
function breakdownOf(texts: string[], lead: string): string[] {
  const next = texts[texts.indexOf(lead) + 1];
  if (!texts.includes(lead) || !next || !HAS_AMOUNT.test(next)) return [];
  if (HAS_AMOUNT.test(lead) && /^其中/u.test(next)) return [next];
  // "…投入超过50万元的，给予资金支持。" states only the threshold: the next sentence's grant is the amount.
  return thresholdsOnly(lead) && BENEFIT.test(next) && !thresholdsOnly(next) ? [next] : [];
}

/** Money figures, each with the words just before and after it. */
const MONEY = /([^，。；]{0,4})([0-9０-９.]+|[一二三四五六七八九十百千两]+)\s*(万元|亿元|元|%|％)([^，。；]{0,3})/gu;
const THRESHOLD_BEFORE = /((?<!不)超过|达到|满|不低于|不少于|高于|大于)$/u;
const THRESHOLD_AFTER = /^(以上|及以上|（含）以上)/u;

/** True when a sentence states money only as conditions ("投资超过50万元的"), never as what is granted. */
export function thresholdsOnly(text: string): boolean {
  const figures = [...text.matchAll(MONEY)];
  return figures.length > 0 && figures.every((m) => THRESHOLD_BEFORE.test(m[1]!) || THRESHOLD_AFTER.test(m[4]!));
}

/** "（一）", "一、", "1.": the mark opening an item of a list. */
const ITEM_MARK = '(?:[（(][一二三四五六七八九十\\d]+[）)]|[一二三四五六七八九十]+、|\\d+[.、．])';
/** A sentence that opens an item of a list. */
const ITEM = new RegExp(`^${ITEM_MARK}`, 'u');
/** "按以下规定执行：（一）…": a list's first item joined to the sentence announcing it. */
const ITEM_AFTER_INTRO = new RegExp(`[：:]\\s*${ITEM_MARK}`, 'u');

/** "应同时具备以下条件：", "符合下列条件之一：": a sentence announcing the list that follows. */
const LIST_INTRO = /(以下|如下|下列)[^：:。]{0,12}[：:]/u;
/** Most items of an announced list quoted after it. */
const LIST_ITEMS = 4;

/**
 * Asked what the conditions are, a lead announcing a list ("应同时具备以下基本条件：1.…") is followed by
 * the list's items (a card's "条件要求：2.…" field label aside), up to LIST_ITEMS, with the lines an
 * item split at "；" continues on.
 */
function listItems(texts: string[], lead: string): string[] {
  const at = texts.indexOf(lead);
  if (at < 0 || !LIST_INTRO.test(lead)) return [];
  const out: string[] = [];
  let items = ITEM.test(lead.slice(lead.search(LIST_INTRO)).replace(/^[^：:]*[：:]\s*/u, '')) ? 1 : 0;
  for (let i = at + 1; i < texts.length; i++) {
    const t = texts[i]!;
    const bare = t.replace(FIELD, '').trim();
    const isItem = ITEM.test(bare);
    const continues = out.length > 0 && /[；;]$/u.test(out[out.length - 1]!) && !FIELD.test(t);
    if (!isItem && !continues) break;
    if (isItem && ++items > LIST_ITEMS) break;
    out.push(t);
  }
  return out;
}

/**
 * The sentences after a lead that continue it up to the full stop: a labelled field's value, or a
 * list item split at "；" ("（一）…不超过10万元的，可以享受…；超过10万元的，应停止享受…；…。").
 */
function fieldContinuation(texts: string[], lead: string): string[] {
  const at = texts.indexOf(lead);
  if (at < 0 || !/[；;]$/u.test(lead)) return [];
  // A field's value may list items ("服务内容：1.…；2.…"): it is read across them. Anything else stops
  // at the next item (（三） after （二）); a lead that is not a list item reads on to one clause only
  // (…可在聘用单位的集体户落户；聘用单位无集体户的，…).
  const field = FIELD.test(lead);
  const plain = !field && !ITEM.test(lead) && !ITEM_AFTER_INTRO.test(lead);
  const out: string[] = [];
  for (let i = at + 1; i < texts.length && out.length < 3; i++) {
    const t = texts[i]!;
    if (FIELD.test(t) || (!field && ITEM.test(t))) break;
    out.push(t);
    if (plain || !/[；;]$/u.test(t)) break;
  }
  return out;
}

/** Most sentences and characters of a worked computation quoted whole. */
const COMPUTED_SENTENCES = 4;
const COMPUTED_CHARS = 420;

/**
 * The rest of a short worked computation ("补贴测算：留用率50%以下的…；按见习6个月测算…6980元/人。
 * 对留用率超过50%的…10820元/人。"): its tiers are read together, so the asker's tier is among them.
 */
function computedTiers(texts: string[], lead: string): string[] {
  if (!COMPUTED_FIELD.test(FIELD.exec(lead)?.[0] ?? '')) return [];
  const at = texts.indexOf(lead);
  const rest: string[] = [];
  for (let i = at + 1; i < texts.length && !FIELD.test(texts[i]!); i++) rest.push(texts[i]!);
  const chars = [lead, ...rest].reduce((n, t) => n + [...t].length, 0);
  return rest.length > 0 && rest.length < COMPUTED_SENTENCES && chars <= COMPUTED_CHARS ? rest : [];
}

/** A share or rate a benefit is paid at. */
const RATE = /([0-9０-９.]+\s*[%％]|比例|百分之|元\s*\/)/u;
/** A ceiling in money: 最高300万元, 不超过30万元, 限额为100万元. */
const CAP = /(最高|不超过|上限|封顶|限额|最多)[^，。；]{0,12}?[0-9０-９.一二三四五六七八九十百千]+\s*(万元|亿元|元)/u;
const MOST_ASK = /(最多|最高|上限|封顶|顶多)/u;

/**
 * Sentences an answer needs beyond its lead and support: one for each ask of a two-ask message
 * ("要开满几年才能申请，一家最多能拿多少"), and the cap that goes with a rate ("给予不超过30%的补贴"
 * → "单家当期补贴金额不超过30万元") or with an ask for the most one gets.
 */
/** Asking at a measure's edge: each of several branches, again, twice, at once, stacked. */
const EDGE_ASK = /(各自|每家|每个分|分别都|都能|都可以|再次|再(申请|拿|领|报|享受|申报|评|配套|补)|又(能|可以)|重复|两次|第二次|二次|同时|叠加|几次|多次|还能再(申请|拿|领|享受|报)?|多家|分公司|分厂|子公司)/u;
/** A sentence limiting a measure: once, one per unit, not both, not stacked. */
const LIMIT_TEXT = /(只能|仅限|不得重复|不重复|不可同时|不能同时|不得同时|就高|只配套|只有一家|只享受一次|叠加配套|不叠加)/u;

/** Asking whether a measure covers the whole cost. */
const WHOLE_COST_ASK = /(全部|全额|全包|全报|全免|百分之百|100%)[^，。？?！!]{0,6}(吗|么|不|没|没有)?[？?]?|(能|可以)?(全|都)(抵|报|免|补)(掉|了)?(吗|么|不)/u;
/** A share capped: "不得超过…金额的50%", "最高补贴70%". */
const SHARE_CAP = /(不超过|不得超过|不高于|最高|最多|上限)/u;

/** What a sentence gains for saying the document's term for a word of the asker's (本年度新办 for 今年才成立). */
const NAMED_TERM_BONUS = 0.2;

/** Share of the lead sentence's match a sentence paying the sum asked needs to be quoted beside it. */
const SUM_SHARE = 0.4;

function completingSentences(source: RetrievedUnit, leadText: string, answered: string[], intent: Intent, question: string, words: QueryWord[]): string[] {
  const texts = source.passages.map((p) => p.text);
  const forAsks = askSentences(source, subAsks(question)).filter((t) => !answered.includes(t));
  const quoted = [...answered, ...forAsks];
  // A rate is read with its cap whatever was asked ("按营业额的0.5%补助" → "一个项目最高不超过80万元").
  // A cap quoted for another measure is not this one's: only the lead's own cap makes it complete.
  const wantsCap = (RATE.test(leadText) || (intent.amount && MOST_ASK.test(question))) && !CAP.test(leadText);
  // Only the next sentences of the same measure: a cap further off belongs to another measure.
  const at = texts.indexOf(leadText);
  const cap = wantsCap && at >= 0 ? texts.slice(at + 1, at + 3).find((t) => CAP.test(t) && !quoted.includes(t)) : undefined;
  // "注册快8个月了…能拿多少": the condition stated on the asker's own figure (登记注册满6个月) says
  // whether they qualify, when no quoted sentence states one.
  const condition = quoted.some((t) => tierFit(question, t) !== 0) ? undefined : conditionOnAskerFigure(source, question, [...quoted, ...(cap ? [cap] : [])]);
  // "没裁员，失业保险能返多少" led by the sentence on the period's rule: asked a sum no quoted sentence
  // pays, the unit's best matching sentence that pays one (可返还…的50%).
  const paysSum = (t: string) => statesPaidMoney(t) || FREE_OR_SHARE.test(t);
  const wantsSum = MONEY_ASK.test(question) && !quoted.some(paysSum) && !(cap && paysSum(cap));
  const leadScore = source.passages.find((p) => p.text === leadText)?.score ?? 0;
  /** The best matching sentence not yet quoted that passes the test. */
  const bestUnquoted = (test: (p: { text: string; score: number }) => boolean) =>
    source.passages.filter((p) => !quoted.includes(p.text) && test(p)).sort((a, b) => b.score - a.score)[0]?.text;
  const sum = wantsSum ? bestUnquoted((p) => p.score > 0 && p.score >= SUM_SHARE * leadScore && paysSum(p.text) && !isWorkedExample(p.text) && !isUnaskedRecord(p.text, question)) : undefined;
  // "两家分厂能不能各申请一个", "还能再拿一次吗": asked at the edge of a measure, the sentence that limits it.
  const limited = [...quoted, cap, sum].some((t) => t !== undefined && LIMIT_TEXT.test(t));
  const limit = EDGE_ASK.test(question) && !limited ? bestUnquoted((p) => LIMIT_TEXT.test(p.text)) : undefined;
  // "能抵全部费用吗", "能全额报吗": the sentence capping the share of the cost answers it.
  const capsShare = (t: string) => SHARE_TEXT.test(t) && SHARE_CAP.test(t);
  const share = WHOLE_COST_ASK.test(question) && ![...quoted, cap, sum, limit].some((t) => t !== undefined && capsShare(t)) ? bestUnquoted((p) => capsShare(p.text)) : undefined;
  const completed = [...forAsks, ...[cap, sum, limit, condition, share].filter((t): t is string => t !== undefined)];
  // "独立站和海外仓", "临港津贴，还有交通补贴": each of two things asked together gets its sentence.
  const joined = coordinatedSentences(source, question, words, [...quoted, ...completed]);
  return [...completed, ...joined];
}

/** A word joined to another by 和/与/及/、/还有 in the question ("独立站和海外仓"). */
const COORDINATED = (word: string) => new RegExp(`(?:和|与|及|以及|、|还有)${escapeRegExp(word)}|${escapeRegExp(word)}(?:和|与|及|以及|、)`, 'u');

/** For each coordinated topic word no quoted sentence says, the best sentence that says it (at most two). */
function coordinatedSentences(hit: RetrievedUnit, question: string, words: QueryWord[], quoted: string[]): string[] {
  const said = (w: QueryWord, text: string) => [w.word, ...w.alternatives].some((t) => t.length >= 2 && compact(text).includes(t));
  const out: string[] = [];
  for (const w of topicWords(words)) {
    if (w.word.length < 2 || !COORDINATED(w.word).test(question)) continue;
    if ([...quoted, ...out].some((t) => said(w, t))) continue;
    const best = hit.passages.filter((p) => !quoted.includes(p.text) && !out.includes(p.text) && said(w, p.text)).sort((a, b) => b.score - a.score)[0];
    if (best) out.push(best.text);
    if (out.length >= 2) break;
  }
  return out;
}

/** The best-matching sentence stating a condition on a figure the asker gave, if any. */
function conditionOnAskerFigure(hit: RetrievedUnit, question: string, quoted: string[]): string | undefined {
  return hit.passages
    .filter((p) => p.score > 0 && !quoted.includes(p.text) && tierFit(question, p.text) !== 0)
    .sort((a, b) => b.score - a.score)[0]?.text;
}

/** Least bonus a sentence needs to answer one ask of a two-ask message by itself. */
const ASK_BONUS = 0.15;
/** Share of an ask's best fit a different sentence needs when another ask took the best one. */
const ASK_ALTERNATIVE = 0.8;
/** How much the whole message's coverage counts beside the ask's own fit when choosing its sentence. */
const ASK_SCORE = 0.5;

/**
 * One sentence for each ask, each a different one when the measure has one ("个人封顶能贷多少？公司招了人
 * 又能贷多少？": the individual's ceiling and the firm's, not the firm's twice). The ask that fits its best
 * sentence most firmly chooses first.
 */
function askSentences(hit: RetrievedUnit, asks: string[]): string[] {
  const ranked = asks.map((ask) => rankedForAsk(hit, ask)).filter((r) => r.length > 0);
  // The ask whose best sentence stands out most chooses first ("要是企业新招的人很多，能申请多少" takes
  // the 小微企业 sentence; "自己创业能贷多少", fitting both about equally, takes the other).
  const margin = (r: Array<{ fit: number }>) => r[0]!.fit - (r[1]?.fit ?? 0);
  ranked.sort((a, b) => margin(b) - margin(a) || b[0]!.fit - a[0]!.fit);
  const chosen: string[] = [];
  for (const r of ranked) {
    // Another ask took this one's best sentence: a different one only if it fits nearly as well.
    const pick = r.find((x, i) => !chosen.includes(x.text) && (i === 0 || x.fit >= ASK_ALTERNATIVE * r[0]!.fit));
    if (pick) chosen.push(pick.text);
  }
  return chosen;
}

/** The sentences that could answer one ask of a message, best first (empty when none clearly does). */
function rankedForAsk(hit: RetrievedUnit, ask: string): Array<{ text: string; fit: number }> {
  // "要招几个人" asks for a count, not money: a sentence stating one in that unit answers it.
  const unit = askedUnit(ask);
  const asked = detectIntent(ask);
  const intent = unit && !unit.source.includes('元') ? { ...asked, amount: false } : asked;
  const texts = hit.passages.map((p) => p.text);
  const ranked = hit.passages
    .map((p, index) => ({ text: p.text, index, score: p.score, bonus: sentenceBonus(p.text, intent, ask, texts) }))
    // An amount ask is answered by a sentence that states one (a figure, or a standard it is paid at:
    // 补贴标准为当地最低工资标准), not by an empty figure field.
    .filter((p) => p.bonus >= ASK_BONUS && (!intent.amount || HAS_AMOUNT.test(p.text) || FREE_OR_SHARE.test(p.text) || !!unit?.test(p.text)))
    .sort((a, b) => b.bonus + ASK_SCORE * b.score - (a.bonus + ASK_SCORE * a.score) || a.index - b.index);
  return ranked.map((p) => ({ text: p.text, fit: p.bonus + ASK_SCORE * p.score }));
}

/** The single best sentence for the question (amount questions prefer sentences with figures). */
function bestSentence(hit: RetrievedUnit, intent: Intent, question = '', named: readonly string[] = []): string | null {
  const texts = hit.passages.map((p) => p.text);
  const ranked = hit.passages
    // "今年才成立" for 本年度新办: the sentence saying the document's term for what the asker said.
    .map((p, index) => ({ ...p, index, bonus: sentenceBonus(p.text, intent, question, texts) + (named.some((t) => p.text.includes(t)) ? NAMED_TERM_BONUS : 0) }))
    // A worked example never leads: the rule it illustrates does.
    .map((p) => ({ ...p, s: p.score + p.bonus + (BENEFIT.test(p.text) ? 0.05 : 0) - (isWorkedExample(p.text) ? 0.5 : 0) }))
    .filter((p) => p.score > 0 || p.bonus >= FIELD_ALONE)
    .sort((a, b) => b.s - a.s || a.index - b.index);
  // A flattened form leads only when nothing else matches.
  return (ranked.find((p) => !isFlattenedTable(p.text)) ?? ranked[0])?.text ?? null;
}

function basis(unit: CorpusUnit): string {
  return unit.kind === 'clause' ? `${unit.label.split(' ')[0]}（${unit.title}）` : unit.label;
}

/** Asking what the measure gives or requires, beside whom to see. */
const ASKS_WHAT = /(有什么(?!部门|单位)|有啥(?!部门|单位)|什么支持|啥支持|什么政策|啥政策|好处|怎么算|什么条件|啥条件|要求)/u;

export function composeOffline(input: ComposeInput, base: ComposeOptions = DEFAULT_COMPOSE): ComposedAnswer {
  const opts = input.intent.multiple ? { ...base, ...MULTIPLE_COMPOSE } : base;
  const chosen = chooseUnits(input, opts);
  const citations: ProposedCitation[] = [];
  const parts: string[] = [];
  const question = input.question ?? '';
  for (const hit of chosen) {
    const m = measureAnswer(hit, input.intent, opts, input.summarize?.includes(hit.unit) ?? false, question, input.estimates?.get(hit.unit.key), input.words);
    // Department questions are answered by who is responsible; otherwise the benefit comes first
    // (also when the same message asks how much or what support as well: "能拿多少，找哪个部门",
    // "有什么支持，去哪办").
    // Only a line the clause states leads with its marker: "条款没有写明…" is the answer's own note.
    // "去哪领" of a clause that says where to apply (可在参保地申请): that place answers before who is in charge.
    const saysWhere = WHERE_ASK.test(question) && hit.passages.some((p) => WHERE_TEXT.test(p.text));
    const whoOnly = input.intent.department && !input.intent.amount && !ASKS_WHAT.test(question) && !saysWhere && !m.act.startsWith(UNSTATED_NOTE);
    const body = whoOnly && m.act ? `${m.act.replace(/。$/u, '')}〔${hit.unit.label.split(' ')[0]}〕。${m.lead}` : `${m.lead}${m.support.join('')}${m.act ? `${m.act}` : ''}`;
    parts.push(body);
    for (const q of m.quotes) citations.push({ ref: hit.unit.key, quote: q });
  }
  const bases = chosen.map((h) => basis(h.unit));
  const text =
    parts.length === 1
      ? `${parts[0]}\n依据：${bases[0]}。`
      : `相关规定如下：\n${parts.map((p, i) => `${i + 1}. ${bases[i]}：${p}`).join('\n')}`;
  return { text, citations, units: chosen.map((h) => h.unit) };
}
