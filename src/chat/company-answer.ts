// When a user describes their company, the chat answers with the matched measures (pure):
// eligible ones first, each cited with a verbatim quote from its clause, then what to confirm.
// Drafted rules show as 待核实 and an expired document's measures say so.
import type { ProposedCitation } from './verify-citations.js';
import { WHERE_FIELDS } from './question-form.js';

/** The parts of a matching result the chat needs (see src/matching/engine.ts). */
export interface MeasureSummary {
  key: string;
  label: string;
  title: string;
  status: 'eligible' | 'possible' | 'not_eligible';
  reasons: string[];
  missing: Array<{ question: string }>;
  estimate?: { text: string };
  quotes: string[];
  benefits: Array<{ text: string; quote: string; conditional: boolean }>;
  responsibleUnits: string[];
  docTitle?: string;
  docNumber?: string | null;
  /** false: the document is not in force on the as-of date (shown after current measures). */
  inForce?: boolean;
  validityLabel?: string;
  /** false: drafted rule nobody reviewed yet (待核实). */
  reviewed?: boolean;
}

export interface CompanyMatch {
  profile: Record<string, unknown>;
  /** Fields the latest message stated. */
  found: string[];
  /** Chinese summary of the profile facts (规上、制造业、研发费用500万元…). */
  summary: string;
  measures: MeasureSummary[];
  questions: Array<{ question: string }>;
  /** Measures the message itself is about (its best retrieved units): shown first within a status. */
  related?: string[];
}

const SELF = /(我们|我司|我公司|本公司|我们公司|我们厂|我厂|本企业|我家|咱们|我是|我开|我在|我有)/u;

const GENERIC_ASK = /(能享受|可以享受|享受什么|享受哪些|有什么政策|有啥政策|有哪些政策|哪些政策|什么政策|能申请什么|可以申请什么|能拿什么|能拿哪些|适用哪些|适用什么|有什么支持|有啥支持|有哪些支持|有什么扶持|有啥扶持|有什么优惠|有啥优惠|有什么好处|帮我看看|帮我匹配|政策体检)/u;
const EXPLICIT_MATCH = /(帮我匹配|帮我看看.{0,6}(政策|措施)|政策体检|能享受哪些政策|可以享受哪些政策|能享受什么政策|可以享受什么政策|适用哪些政策)/u;
/** A benefit named in a message: "小升规奖励" looks up that reward, it does not describe a company. */
/** Profile fields that only say where the asker is (a registration region too). */
const PLACE_FACTS = new Set([...WHERE_FIELDS, 'registrationRegion']);
const NAMES_BENEFIT = /(奖励|奖补|奖金|补贴|补助|资助|贴息|减免|优惠|扶持|政策|贷款|利率|融资|担保)/u;
const SPECIFIC_ASK = /[？?]|吗|呢|么|什么|怎么|咋|啥|多少|多久|多长|多大|几|哪|谁|为何|为啥|如何|怎样|是否|能否|可否|有没有|能不能|可不可以|行不行|会不会|要不要|算不算|[补给拿]不[补给拿]?[。！!]?$|不$|没[？?！!。]?$|没有[？?！!。]?$/u;

/** A topic marked before a general ask: "税上面有啥优惠", "社保这块有什么补贴", "用电方面有什么支持". */
const TOPIC_NARROWED = /\p{Script=Han}(上面|方面|这块|这一块|那块)(还)?(有|能|可以)?(享受)?(什么|啥|哪些)/u;

/** Asking outright for matching ("帮我匹配", "能享受哪些政策"), whatever else the message names. */
export function asksForMatching(message: string): boolean {
  return EXPLICIT_MATCH.test(message);
}

/**
 * A message asks for matching when it speaks about the company, states profile facts, and either
 * asks in general what applies ("能享受什么") or asks nothing specific (a plain description).
 * A specific question ("我是外贸企业，出口信保保费补多少") is answered from the clause instead.
 */
export function isCompanyDescription(
  message: string,
  found: string[],
  topicConfidence = 0,
  { specificThreshold = 0.38, knownProfile = false }: { specificThreshold?: number; knownProfile?: boolean } = {},
): boolean {
  const facts = found.filter((f) => f !== 'entityType' && f !== 'inWenzhou');
  if (facts.length === 0) return false;
  if (asksForMatching(message)) return true;
  // A question that retrieval ties firmly to one measure is answered from that clause.
  if (topicConfidence >= specificThreshold) return false;
  // A plain description ("瑞安的规上制造企业，去年研发费用500万") asks for matching by itself.
  // Once the conversation has a profile, a single new fact ("去年研发费用500万") updates it.
  // A bare topic that names its benefit ("小升规奖励", "规上企业研发补助") asks about that benefit.
  if (!SPECIFIC_ASK.test(message) && !SELF.test(message) && !knownProfile && NAMES_BENEFIT.test(message)) return false;
  // Keywords with a place ("温州 首台套") look a measure up: a place alone describes no company.
  // (A qualification held and one lacked are one fact about the company.)
  const described = new Set(facts.filter((f) => !PLACE_FACTS.has(f)).map((f) => f.replace(/^lacks(\w)/u, (_, c: string) => c.toLowerCase())));
  if (!SPECIFIC_ASK.test(message)) return described.size >= 2 || ((SELF.test(message) || knownProfile) && facts.length >= 1);
  // A general question ("能享受什么") must be about the speaker's own company, and not narrowed to a
  // topic ("税上面有啥优惠", "用电这块有什么支持": asked about that topic, not everything that applies).
  return SELF.test(message) && GENERIC_ASK.test(message) && !TOPIC_NARROWED.test(message);
}

export interface CompanyAnswer {
  text: string;
  citations: ProposedCitation[];
  keys: string[];
}

export function composeCompanyAnswer(match: CompanyMatch, { maxMeasures = 5, maxQuestions = 2 } = {}): CompanyAnswer | null {
  // Within each status: what the message is about first, reviewed rules before drafts nobody checked
  // yet, and measures in force before an expired document's (still claimable for past years).
  const related = new Set(match.related ?? []);
  const rank = (m: MeasureSummary) => (related.has(m.key) ? 0 : 4) + (m.reviewed === false ? 2 : 0) + (m.inForce === false ? 1 : 0);
  const byForce = (ms: MeasureSummary[]) => [...ms].sort((a, b) => rank(a) - rank(b));
  const eligible = byForce(match.measures.filter((m) => m.status === 'eligible'));
  const possible = byForce(match.measures.filter((m) => m.status === 'possible'));
  // With measures that apply, a possible one the message is about still shows ("研发八百万" → the
  // R&D grant with its estimate, pending 规上), after the applying ones it is about.
  const isRelated = (m: MeasureSummary) => related.has(m.key);
  // A draft nobody reviewed that the message is not about is noise beside the rest (an
  // administrative clause drafted as a measure): it is counted, not listed, unless nothing else is.
  const listable = (ms: MeasureSummary[]) => {
    if (!match.related) return ms;
    const kept = ms.filter((m) => m.reviewed !== false || isRelated(m));
    return kept.length ? kept : ms;
  };
  const shown = listable(
    eligible.length ? [...eligible.filter(isRelated), ...possible.filter(isRelated), ...eligible.filter((m) => !isRelated(m))] : possible,
  ).slice(0, maxMeasures);
  if (shown.length === 0) return null;
  const lines: string[] = [];
  const citations: ProposedCitation[] = [];
  const head = eligible.length ? '可以重点关注以下措施' : '以下措施可能适用，还需确认部分条件';
  lines.push(`根据您介绍的情况（${match.summary || '已提供的信息'}），${head}：`);
  // Measures of several documents name their document (national and local measures side by side).
  const manyDocs = new Set(shown.map((m) => m.docTitle ?? '')).size > 1;
  shown.forEach((m, i) => {
    const benefit = m.benefits.find((b) => !b.conditional) ?? m.benefits[0];
    const quote = benefit?.quote ?? m.quotes[0];
    const est = m.estimate ? (m.estimate.text.startsWith('预计') ? m.estimate.text : `预计：${m.estimate.text}`) : '';
    const body = [benefit?.text?.replace(/[。；;]+$/u, ''), est].filter(Boolean).join('；');
    const tags = [
      m.reviewed === false ? '【待核实】' : m.status === 'eligible' ? '' : '【可能适用】',
      m.inForce === false ? `【${m.validityLabel ?? '已到期：仅供追溯申报参考'}】` : '',
    ].join('');
    const doc = manyDocs && m.docTitle ? `《${m.docTitle}》` : '';
    lines.push(`${i + 1}. ${doc}${m.label}（${m.title}）${tags}：${body}〔${m.label}〕`);
    if (quote) citations.push({ ref: m.key, quote });
  });
  const others = eligible.length + possible.length - shown.length;
  if (others > 0) lines.push(`另有${others}项措施可能适用，补充信息后可进一步判断。`);
  // What is still unknown about the measures listed comes first, then what decides the most others.
  const qs = [...new Set([...shown.flatMap((m) => m.missing.map((x) => x.question)), ...match.questions.map((q) => q.question)])].slice(0, maxQuestions);
  if (qs.length) lines.push(`还需要确认：${qs.join(' ')}`);
  lines.push('以上为依据条款原文的初步判断，金额测算仅供参考，具体以主管部门审核为准。');
  return { text: lines.join('\n'), citations, keys: shown.map((m) => m.key) };
}
