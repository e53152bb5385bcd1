// Question guard (pure): recognises requests that must be declined or that the corpus cannot
// answer by construction — instruction injection, other regions, years outside every
// document's validity, clause numbers that do not exist, questions about successor documents.
import type { DocumentMeta } from '../domain/types.js';
import type { AlternativeSet } from './alternatives.js';
import { asksQuestion, messageParts } from './question-form.js';

export type GuardVerdict =
  | { kind: 'ok' }
  | { kind: 'injection' }
  | { kind: 'other_region'; region: string }
  | { kind: 'other_year'; year: number; coveredBy?: string[]; years?: number[] }
  | { kind: 'missing_clause'; number: number; max: number }
  | { kind: 'successor' }
  | { kind: 'out_of_scope'; topic: string }
  /** A listed topic the corpus mentions somewhere, but not the clause that would answer. */
  | { kind: 'unstated_topic'; topic: string; ask?: string; /** What the clause names instead (省级 for 国家级). */ instead?: string[] }
  /** Asked how much, and the closest clause states no sum it pays. */
  | { kind: 'unstated_amount'; ask?: string; /** The clause's own words leaving the sum to others (具体标准由…自行确定). */ deferral?: string }
  /** Asked for a period, an age or points, and the answering units state no such figure. */
  | { kind: 'unstated_figure'; what: string; ask?: string }
  /** The only measure found is for others: the asker fails its condition of kind ("属于服务业企业"). */
  | { kind: 'not_for_asker'; condition: string; ask?: string };

const INJECTION_PATTERNS: RegExp[] = [
  /(忽略|无视|忘记|忘掉|不要理会|跳过|绕过).{0,12}(规则|指令|指示|提示|设定|限制|要求|约束|上文|以上|之前)/u,
  /(系统|隐藏|内部|原始|初始)?(提示词|提示语|系统提示|system\s*prompt|prompt|指令原文)/iu,
  /(你现在是|你将扮演|扮演一个|假装你是|进入.{0,6}模式|开发者模式|越狱|jailbreak|DAN\b)/iu,
  /(没有任何限制|不受任何限制|无限制的?AI)/iu,
  /ignore\s+(all\s+)?(the\s+)?(previous|prior|above)/iu,
  /(reveal|print|show|repeat)\s+.{0,20}(instructions|prompt|rules)/iu,
  /(【|\[)\s*(系统|管理员|system|admin)[^】\]]{0,10}(】|\])/iu,
  /(管理员|系统)已?(授权|通知|更新)/u,
  /(假装|假设|就当|假定).{0,10}第\s*[0-9一二三四五六七八九十百]+\s*条/u,
  /(只需要?|只能|必须)回答.{0,6}[“"]/u,
  /(编|编造|捏造|虚构)一?[条个项].{0,10}(政策|条款|规定|补贴)/u,
];

export function isInjection(question: string): boolean {
  return INJECTION_PATTERNS.some((re) => re.test(question));
}

// 新政策 inside 创新政策 ("科技创新政策归谁管") is not a newer policy.
const SUCCESSOR_PATTERN = /((?<!创)新政策|新版|新一轮|最新(的)?(政策|文件|版本)|2025年版|后续文件|替代文件|出台了?新的|(?<!创)新的政策|(?<!创)新文件)/u;
const VALIDITY_WORDS = /(有效|到期|过期|失效|还能|还可以|执行到|实施期限|期限|算数|作数|管用|生效|管到|到什么时候|到哪年|截止到|什么时候(结束|截止|为止))/u;
/** Which rule prevails when a newer one differs ("出了新政策跟这个冲突咋办"): the document's own closing says. */
const PRECEDENCE_WORDS = /(冲突|不一致|矛盾|抵触|以哪个为准|按哪个|听哪个|哪个优先|从其规定)/u;

export interface GuardContext {
  documents: DocumentMeta[];
  /** All unit texts concatenated: names occurring here are never "other regions". */
  corpusText: string;
  /** Place names to watch for (see corpus/dict/regions.txt). */
  regions: string[];
  /** Topics outside policy support (see corpus/dict/out-of-scope.txt). */
  outOfScope?: string[];
  /** Thesaurus forms holding such a topic, with the term each is read as (see scopeRestatements). */
  scopeRestatements?: Restatement[];
  /** Mutually exclusive alternatives (see corpus/dict/alternatives.txt). */
  alternatives?: AlternativeSet[];
  /** Highest clause number per document. */
  maxClause: number;
}

/** Whether a topic occurs in a corpus text, remembered per text (megabytes at scale; one per scope). */
const known = new Map<string, Map<string, boolean>>();
function inCorpusText(text: string, topic: string): boolean {
  let topics = known.get(text);
  if (!topics) {
    if (known.size >= 16) known.delete(known.keys().next().value as string);
    known.set(text, (topics = new Map()));
  }
  let hit = topics.get(topic);
  if (hit === undefined) topics.set(topic, (hit = text.includes(topic)));
  return hit;
}

/**
 * Out-of-scope terms less those the thesaurus reads as a term the corpus uses: 高速费 means 通行费,
 * which a document gives a discount on, so a question about it is one to retrieve for.
 */
export function scopeTermsBesideThesaurus(terms: string[], thesaurus: ReadonlyArray<{ target: string; colloquial: string[] }>, corpusText: string): string[] {
  const covered = new Set(thesaurus.filter((e) => corpusText.includes(e.target)).flatMap((e) => e.colloquial));
  return terms.filter((t) => !covered.has(t));
}

export function parseRegions(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.split(/\s+/))
    .filter(Boolean);
}

const spans = (from: string, to: string, year: number) => Number(from.slice(0, 4)) <= year && year <= Number(to.slice(0, 4));

/** Years some document's own period covers. A clause's own longer period (2024—2027) does not make
 * the whole document speak for those years: see `coveredBy` and `yearCoveredByUnit`. */
function yearsCovered(docs: DocumentMeta[]): Set<number> {
  const years = new Set<number>();
  for (const d of docs) {
    if (!d.validity) continue;
    for (let y = Number(d.validity.from.slice(0, 4)); y <= Number(d.validity.to.slice(0, 4)); y++) years.add(y);
  }
  return years;
}

/** Unit keys ("<docId>:<ref>") whose own period covers the year. */
function unitsCovering(docs: DocumentMeta[], year: number): string[] {
  return docs.flatMap((d) => Object.entries(d.unitValidity).filter(([, v]) => spans(v.from, v.to, year)).map(([ref]) => `${d.id}:${ref}`));
}

/** Words after a year that make it a date in the asker's own history. */
const OWN_HISTORY = /^(就|已|已经|便)?(成立|注册|开业|开办|办的|入职|毕业|参保|出生|建成|投产|认定|开始|搬|来|拿|取得|获得|评上|评为|办了|领了|买了|建了)/u;

/**
 * A question about a year only a clause's own period covers is answerable from that clause, and so
 * is one whose years the clause itself names ("2019年至2023年连续五年没有失信记录的…").
 */
export function yearCoveredByUnit(verdict: GuardVerdict, unitKey: string | undefined, unitText?: string): boolean {
  if (verdict.kind !== 'other_year' || !unitKey) return false;
  if ((verdict.coveredBy ?? []).includes(unitKey)) return true;
  // As a year of its own ("2019年至2023年"), not inside a document number ("温政办〔2023〕88号").
  return !!unitText && (verdict.years ?? [verdict.year]).every((y) => new RegExp(`(?<!〔)${y}\\s*(年|—|-|至|到)`, 'u').test(unitText));
}

/**
 * "我没买房", "还没交过个税", "我是退役军人，想开个小公司": the term only says who the asker is or what
 * they lack, it is not the topic — at every place it occurs.
 */
function describesAsker(question: string, term: string): boolean {
  for (let at = question.indexOf(term); at >= 0; at = question.indexOf(term, at + 1)) {
    const before = question.slice(Math.max(0, at - 5), at);
    // 没买房, 没交过个税, 未婚: a lack right before the term or before its verb (不 is left out: 不知道个税…).
    if (/(没|没有|未|无)\p{Script=Han}{0,2}$/u.test(before)) continue;
    // 我是退役军人, 我们是一家残疾人…, 我爸是老年人, 作为老年人: who the asker (or their family) is.
    if (/(我|我们|本人|家里|我家|我爸|我妈|父母|孩子|老人|他|她|本身)是\p{Script=Han}{0,2}$|(作为|身为|属于)\p{Script=Han}{0,2}$/u.test(before)) continue;
    return false;
  }
  return true;
}

/**
 * A listed out-of-scope topic the question asks about that the answering clauses never state
 * ("社保断了几年还能补缴吗" answered from a clause on 社保费率): some document says the word, so the
 * guard let it through, but this answer would be about something else.
 */
export function unstatedScopeTopic(question: string, topics: readonly string[], texts: readonly string[], restated: readonly Restatement[] = []): string | undefined {
  const says = (t: string) => texts.some((x) => x.includes(t));
  // "走人才引进落户": the question says the topic inside an everyday form the thesaurus reads as a term
  // (引进落户 → 人才引进); a clause saying that term speaks of it.
  const saysInOtherWords = (t: string) => restated.some((r) => r.form.includes(t) && question.includes(r.form) && says(r.target));
  return topics.find((t) => asksAbout(question, t) && !says(t) && !saysInOtherWords(t));
}

/** An everyday form of the thesaurus and the document term it is read as. */
export interface Restatement {
  form: string;
  target: string;
}

/** The thesaurus forms that hold a listed out-of-scope topic (引进落户 holds 落户), each with its term. */
export function scopeRestatements(terms: readonly string[], thesaurus: ReadonlyArray<{ target: string; colloquial: string[] }>): Restatement[] {
  return thesaurus.flatMap((e) => e.colloquial.filter((c) => terms.some((t) => c !== t && c.includes(t))).map((form) => ({ form, target: e.target })));
}

/** The question names the topic other than to say who the asker is or what they lack. */
function asksAbout(question: string, topic: string): boolean {
  const q = topic.startsWith('个') ? question.replace(CLASSIFIER_个, '$1') : question;
  return q.includes(topic) && !describesAsker(q, topic);
}

/** "再问个税的事", "搞个税务登记": 个 counting what follows a verb, not the first character of 个税. */
const CLASSIFIER_个 = /([问说讲聊办搞开做查请教咨询弄找])个/gu;

/**
 * The newer policy is what is asked about: its part of the message asks ("出新政策了吗"), or nothing
 * else does. "听人讲出了新政策，孩子做康复能报多少" only frames the ask that follows.
 */
function asksForSuccessor(question: string): boolean {
  // "是真的吗", "靠谱吗" ask about the hearsay itself.
  const asking = messageParts(question, 1).filter((p) => asksQuestion(p) && !/^(这|那)?(是|是不是)?(真的|真有这事|确实|对|准|靠谱)/u.test(p));
  return asking.length === 0 || asking.some((p) => SUCCESSOR_PATTERN.test(p) && !BENEFIT_AFTER_NEW.test(p));
}

/** "有没有新政策能报", "有啥新政策可以享受": any measure the asker can use, not the newer document. */
const BENEFIT_AFTER_NEW = /新(的)?政策[^，。？?]{0,2}(能|可以|可)?(报|报销|享受|申请|拿|领|补|用|减免|扶持|支持)/u;

export function checkQuestion(question: string, ctx: GuardContext, directClauses: number[] = []): GuardVerdict {
  if (isInjection(question)) return { kind: 'injection' };
  const missing = directClauses.find((n) => n > ctx.maxClause);
  if (missing !== undefined) return { kind: 'missing_clause', number: missing, max: ctx.maxClause };
  if (SUCCESSOR_PATTERN.test(question) && !VALIDITY_WORDS.test(question) && !PRECEDENCE_WORDS.test(question) && asksForSuccessor(question)) return { kind: 'successor' };
  // Places are not judged here: the chat scopes every question to the documents whose
  // jurisdiction contains its region (see chat/region-scope.ts), from the division table.
  // "有残疾证": a listed term holding a shorter listed one the documents say (残疾 in 残疾人) is that
  // topic, in scope; the clause found must still say it (chat-service: unstated topics).
  const listed = ctx.outOfScope ?? [];
  const coveredWithin = (t: string) => listed.some((s) => s !== t && t.includes(s) && inCorpusText(ctx.corpusText, s));
  const topic = listed.find((t) => asksAbout(question, t) && !inCorpusText(ctx.corpusText, t) && !coveredWithin(t));
  if (topic) return { kind: 'out_of_scope', topic };
  return uncoveredYears(question, ctx.documents);
}

/**
 * "25年研发补助标准", "温州24年的政策": a year typed with two digits (16–29), read as 20xx. Not a
 * duration ("干了25年", "满18年以上", "成立20年", "近20年来") nor part of a longer number.
 */
const SHORT_YEAR = /(?<![\d.])(?<!(干|满|了|近|快|约|共|超过|工作|经营|成立|开业|注册|从业|创业|做|住|交|缴|第|每|有|过|前|头|几|十|多|这|那|后|达|已|连续|累计|总共|大概|将近)\p{Script=Han}?)(1[6-9]|2\d)\s*年(?!以上|以内|以下|左右|多|了|内|来|间|期|龄|级|度|时间|以后|后|之内|的时间)/gu;
function withFullYears(question: string): string {
  return question.replace(SHORT_YEAR, (_m, _v, yy: string) => `20${yy}年`);
}

/** The years the question is about that none of `docs` is in force for (nor was issued in). */
export function uncoveredYears(asked: string, docs: DocumentMeta[]): GuardVerdict {
  const question = withFullYears(asked);
  const covered = yearsCovered(docs);
  const uncovered: number[] = [];
  for (const m of question.matchAll(/(20\d\d|19\d\d)\s*年?/gu)) {
    // "2018年就成立了", "2016年毕业": the asker's own history, not the year the question is about.
    const after = question.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (!/年/u.test(m[0]) && !/^\s*(到|至|-|—|~)/u.test(after)) continue;
    if (OWN_HISTORY.test(after)) continue;
    const year = Number(m[1]);
    const issued = docs.some((d) => d.issueDate !== null && Number(d.issueDate.slice(0, 4)) === year);
    if (!covered.has(year) && !issued && !VALIDITY_WORDS.test(question) && !uncovered.includes(year)) uncovered.push(year);
  }
  if (uncovered.length) return { kind: 'other_year', year: uncovered[0]!, years: uncovered, coveredBy: unitsCovering(docs, uncovered[0]!) };
  return { kind: 'ok' };
}
