// The chat use case: session → follow-up resolution → guard → retrieval → answer (offline or
// LLM) → citation verification → validity notices → events. Pure orchestration over injected parts.
import { boundHistory } from './history-bounds.js';
import { documentsInContext, documentsNamed, documentsNamedExactly, scopeDirect } from './document-scope.js';
import { heldCodes, isNational, scopeRegion, type DivisionTable, type Place } from './region-scope.js';
import { documentName, documentTag, zhDate } from '../corpus/document-name.js';
import type { AnswerEvent, ChatRequest, ChatResponse, ChatService, ChatTurn } from '../domain/chat.js';
import type { Citation, Corpus, CorpusUnit, RetrievedUnit } from '../domain/types.js';
import { AppError } from '../domain/errors.js';
import type { QueryWord, Retriever, RetrievalResult } from '../retrieval/hybrid-retriever.js';
import { parseDirectRefs } from '../retrieval/direct-ref.js';
import { idfOf } from '../indexing/bm25.js';
import { smallTalk, smallTalkReply } from './small-talk.js';
import { shortName } from '../text/place-names.js';
import { escapeRegExp } from '../text/regexp.js';
import { checkQuestion, uncoveredYears, unstatedScopeTopic, yearCoveredByUnit, type GuardContext, type GuardVerdict } from './guard.js';
import { definitionsBehind } from './definitions.js';
import { checksQualifying, pointsBack, replacesCondition, resolveFollowUp, startsNewTopic, switchesTopic, turnsToAnother, withoutAcknowledgement, withoutOpener } from './follow-up.js';
import { isFormWord, isListedFormWord, topicCoverage, topicCoverageOfText, topicWords } from './topic-words.js';
import { detectIntent } from './intent.js';
import { askedFeeWords, askedShareWords, asksSum, statesFigureOf, composeOffline, estimateSentence, unstatedShare, unstatedSum, type QuestionEstimate } from './offline-answerer.js';
import { alternativeGap } from './alternatives.js';
import { abstainAnswer, unstatedClaimAnswer } from './abstain.js';
import { unstatedClaims, unstatedFigure, unstatedRate } from './claimed-figures.js';
import { unstatedBenefitObject, unstatedConditionSubject, unstatedQuantity, unstatedBenefitKind } from './benefit-object.js';
import { detailText, unitsStatingAskedDetail, unstatedLoneDetail } from './asked-detail.js';
import { DROP_REASON_ZH, checkFigureGrounding, groundingFallbackReason, verifyCitations, type ProposedCitation } from './verify-citations.js';
import { conversationNotes, expiredFirst, validityNotices } from './validity.js';
import { responseEvents } from './answer-stream.js';
import { splitSentences } from '../retrieval/sentences.js';
import type { SessionStore } from './session-store.js';
import { markOwnTurns, type LlmAnswerer } from './llm-answerer.js';
import type { QueryRewriter } from './query-rewriter.js';
import { asksForMatching, composeCompanyAnswer, isCompanyDescription, type CompanyMatch } from './company-answer.js';
import { askSegments, splitConjunction } from './split-question.js';
import { referencedUnit } from './cross-reference.js';
import { fromMainland } from './asker-origin.js';
import { statedAge, statesAgeLimit } from './asker-age.js';
import { askingPart, askingText, asksEligibility, asksQuestion, isLocatedQuestion, messageParts } from './question-form.js';
import { asMandarin } from '../text/spoken-chinese.js';

export interface ChatServiceDeps {
  corpus: Corpus;
  retriever: Retriever;
  guard: GuardContext;
  sessions: SessionStore;
  resolveDirect: (query: string) => CorpusUnit[];
  llm?: LlmAnswerer;
  now?: () => Date;
  newId?: () => string;
  topK?: number;
  /** Below this retrieval confidence the answer abstains. */
  abstainThreshold?: number;
  /** Unused: a follow-up with its own answerable topic starts a new topic (see follow-up.ts). */
  newTopicThreshold?: number;
  /** Above this, a question about validity or totals that names a measure is about that measure. */
  documentTopicThreshold?: number;
  /** A sentence of a long message answered by the message's own best unit at this confidence makes it answerable. */
  partThreshold?: number;
  /** How much less confident the most local document's best unit may be and still lead (see preferLocal). */
  localMargin?: number;
  /** Optional (a model configured): rewrites questions the corpus vocabulary misses into document terms. */
  rewriter?: QueryRewriter;
  retrievalMode?: 'hybrid' | 'bm25' | 'vector';
  /** Optional: company descriptions are matched against measures (see matching). */
  describeCompany?: (message: string, previousProfile?: Record<string, unknown>, region?: string) => Promise<CompanyMatch | null>;
  /** Profile fields a message states, found cheaply offline; decides whether to run matching. */
  companyFacts?: (message: string) => string[];
  /** The division table: which documents apply where (see region-scope). Without it, all apply. */
  divisions?: DivisionTable;
  /** DEFAULT_REGION: the region of questions that neither state nor send one. */
  defaultRegion?: string;
  /**
   * Optional: amounts of the given measures computed from figures the asker stated (in the message
   * or the session's profile), by unit key; only estimates that read one of those figures.
   */
  estimateFor?: (message: string, keys: string[], opts: { region?: string; profile?: Record<string, unknown> }) => Promise<ReadonlyMap<string, QuestionEstimate>>;
}

interface EstimateContext {
  region?: string;
  profile?: Record<string, unknown>;
}

interface Draft {
  answer: string;
  proposed: ProposedCitation[];
  abstained: boolean;
  suggestions: ChatResponse['suggestions'];
  mode: ChatResponse['mode'];
  fallbackReason?: string;
}

/** Asking whether a measure still applies now ("今年还能申请吗", "现在还有吗"). */
const ASKS_STILL = /(还能申请|还能不能申请|还能享受|还能不能享受|还能拿|还能领|还有吗|还有没有|还在吗|还算数|还执行|还管用|还有效|现在还|今年还|目前还|如今还)/u;

/** Words of an ask that point back to what was said before it. */
const BACK_REFERENCE = /(他|她|它|也像|像[^，。？?]{0,8}那样|同样)/u;
/** How much more a follow-up's own words count in picking the sentence when it changes a condition. */
const REPLACING_WEIGHT = 3;
/** "那乡下呢": a follow-up narrowing the earlier topic to a part of it. */
const NARROWS = /^(?:那么|那)[^，,。？?]{1,8}呢/u;
/** Ranks of the whole search within which a local unit leads a national one. */
const LOCAL_NEAR_TOP = 2;
/** How many units either side of the earlier one a follow-up's asked detail (materials) is looked for in. */
const DETAIL_NEIGHBOURS = 3;
/** Asking what the nation provides ("国家有没有规定", "国家层面的文件"), not naming a national title (国家级, 国家高新技术企业). */
const ASKS_NATION = /(国家|中央|全国)(?!级|高新|重点|标准|税务|统计|发展|科技|知识产权|认定|中小|安全|战略|专精|示范|现代|融资担保基金)(那个|这个|的|有|层面|政策|规定|文件|对|说|关于|出台|这边|那边|补贴|给|性)/u;
/** Characters a unit's title needs for an earlier answer naming it to count as naming that unit. */
const TITLE_NAMED_MIN = 4;
/** Units of its document searched for the unit a clause points at. */
const REFERENCE_K = 30;
/** Share of the best unit's matched word weight a runner-up needs to answer a share the best unit does not state. */
const RUNNER_UP_MATCH = 0.6;
/** A preamble stating how long the document is in force. */
const STATES_TERM = /(有效期|实施期限|政策期限|执行期限|有效至|执行至|施行至)/u;
/** How many more units of the best unit's document may state the share or fee asked. */
const DOCUMENT_RUNNERS_UP = 6;

/** Characters too common to tie an ask to a topic (燃气费 and 费用). */
const GENERIC_CHARS = '费金人的补';

export function createChatService(deps: ChatServiceDeps): ChatService {
  const {
    corpus,
    guard,
    sessions,
    resolveDirect,
    now = () => new Date(),
    newId = () => crypto.randomUUID(),
    topK = 5,
    abstainThreshold = 0.16,
    documentTopicThreshold = 0.35,
    partThreshold = 0.25,
    localMargin = 0.05,
    retrievalMode = 'hybrid',
  } = deps;

  const unitByKey = new Map(corpus.units.map((u) => [u.key, u]));
  /** The titles and texts of the units `refs` name, each once. */
  const wholeUnitsText = (refs: readonly string[]) =>
    [...new Set(refs)].map((r) => unitByKey.get(r)).map((u) => (u ? `${u.title}\n${u.text}` : '')).join('\n');
  /** The retrieval weight (BM25 idf) of a term that at most two units hold. */
  const rareTermWeight = idfOf(corpus.units.length, 2);
  // Per request these would be scans of the whole corpus (100k units in the load bench).
  const unitsByKind = new Map<CorpusUnit['kind'], CorpusUnit[]>();
  const maxClauseByDoc = new Map<string, number>();
  for (const u of corpus.units) {
    const list = unitsByKind.get(u.kind);
    if (list) list.push(u);
    else unitsByKind.set(u.kind, [u]);
    if (u.kind === 'clause') maxClauseByDoc.set(u.docId, Math.max(maxClauseByDoc.get(u.docId) ?? 0, u.number ?? 0));
  }
  // A topic is out of scope for an asker when no document that applies to them mentions it (契税
  // in a Beijing guide does not make it a Wenzhou topic): the applicable documents' text, per scope.
  const scopedTexts = new Map<string, string>();
  const scopedText = (docIds: ReadonlySet<string>): string => {
    const key = [...docIds].sort().join('|');
    let text = scopedTexts.get(key);
    if (text === undefined) {
      text = corpus.units.filter((u) => docIds.has(u.docId)).map((u) => u.text).join('\n');
      if (scopedTexts.size >= 16) scopedTexts.delete(scopedTexts.keys().next().value as string);
      scopedTexts.set(key, text);
    }
    return text;
  };
  /** How local a document is: a district's own document before the city's, the province's, the nation's. */
  const LEVEL_RANK = { national: 0, provincial: 1, municipal: 2, 'district-county': 3 } as const;
  const localRank = (docId: string) => {
    const level = corpus.documents.find((d) => d.id === docId)?.level;
    return level ? LEVEL_RANK[level] : 0;
  };
  /** The rank of the most local document in scope (every document without one). */
  const mostLocalRank = (docIds?: ReadonlySet<string>) => Math.max(0, ...corpus.documents.filter((d) => !docIds || docIds.has(d.id)).map((d) => localRank(d.id)));
  // Place words scope a question (region-scope.ts); within the scope they do not rank units.
  const retriever = withQuietWords(recentlyRetrieved(deps.retriever), (w) => isHomePlaceWord(w));
  /** Issuers' names ("按国务院那个文件"): they point at documents, and earn no further unit its place. */
  const issuerNames = new Set(corpus.documents.flatMap((d) => [d.issuer, ...(d.issuers ?? [])]).flatMap((n) => [n, n.replace(/办公厅$/u, '')]).filter((n) => [...n].length >= 2));

  async function retrieveFor(message: string, history: ChatTurn[], scopeIds?: ReadonlySet<string>) {
    // "广州市高校毕业生创业补贴这份通知是哪天发布的": a document named by its title or 文号 is the one asked about.
    const named = documentsNamedExactly(message, scopeIds ? corpus.documents.filter((d) => scopeIds.has(d.id)) : corpus.documents);
    const docIds = named.length === 1 ? new Set([named[0]!.id]) : scopeIds;
    const resolved = resolveFollowUp(message, history);
    const inScope = (u: CorpusUnit) => !docIds || docIds.has(u.docId);
    const documents = docIds ? corpus.documents.filter((d) => docIds.has(d.id)) : corpus.documents;
    const scope = scopeDirect(resolveDirect(message).filter(inScope), documentsNamed(message, documents).map((d) => d.id), documentsInContext(history), localRank);
    const direct = scope.kind === 'scoped' ? scope.units : [];
    const ambiguous = scope.kind === 'ambiguous' ? scope.units : [];
    // The message's own retrieval reads its words, not the connective that links it to the conversation.
    const ownAll = await preferLocal(message, await retriever.retrieve(resolved.isFollowUp ? withoutOpener(message) : message, { k: topK, mode: retrievalMode, docIds }), docIds, await conversationDocuments(history, docIds));
    // "第11条" of another document than the one in scope is not what was asked for.
    const own = scope.kind === 'scoped' ? { ...ownAll, hits: ownAll.hits.filter((h) => !h.scores.direct || scope.docIds.includes(h.unit.docId)) } : ownAll;
    if (ambiguous.length) return { resolved: { ...resolved, query: message }, retrieval: own, pinned: [], ambiguous };
    if (!resolved.isFollowUp && direct.length === 0 && (own.confidence < abstainThreshold || !answersATopicWord(own))) {
      // "听说改完还能免费记账？" after a turn on 个转企: not answerable alone, but the earlier unit says its words.
      const read = await readWithConversation(message, history, own, docIds);
      if (read) return read;
    }
    if (!resolved.isFollowUp || direct.length > 0) return { resolved: { ...resolved, query: message }, retrieval: own, pinned: direct };
    const context = await conversationUnits(history, resolved.previousQuestion, docIds);
    const top = own.hits[0]?.unit;
    // "那温州呢": a place alone asks the same thing somewhere else, it is not a topic.
    const places = placeWordsIn(message);
    const ownTopic = own.words.filter((w) => !places.has(w.word));
    const switched = !!top && (switchesTopic(message) || (!context.includes(top) && !checksQualifying(message) && !pointsBack(message) && startsNewTopic({
      words: ownTopic,
      confidence: own.confidence,
      threshold: abstainThreshold,
      ownCoverage: topicCoverageOfText(own.words, `${top.title}${top.text}`),
      contextCoverage: Math.max(0, ...context.map((u) => topicCoverageOfText(own.words, `${u.title}${u.text}`))),
      contextScoreShare: Math.max(0, ...own.hits.filter((h) => context.includes(h.unit)).map((h) => h.score / (own.hits[0]!.score || 1))),
      turns: turnsToAnother(message),
      replaces: replacesCondition(message),
    })));
    if (switched && NARROWS.test(withoutAcknowledgement(message))) {
      // "那乡下呢？农村这块有规划吗" after 公共充电桩: the earlier topic narrowed to a part of its own, a
      // unit saying both the earlier question's words and the message's, as much of them as the unit
      // the message alone finds.
      const joined = await retriever.retrieve(resolved.query, { k: topK, mode: retrievalMode, docIds });
      const lead = joined.hits[0]?.unit;
      const earlierWords = (await retriever.retrieve(resolved.previousQuestion ?? '', { k: 1, mode: retrievalMode, docIds })).words;
      const says = (u: CorpusUnit, words: QueryWord[]) => topicCoverageOfText(words, `${u.title}${u.text}`);
      if (lead && lead !== top && !context.includes(lead) && says(lead, own.words) >= says(top, own.words) && says(lead, earlierWords) > says(top, earlierWords)) {
        return { resolved: { ...resolved, isFollowUp: false }, retrieval: joined, pinned: [] };
      }
    }
    if (switched) return { resolved: { ...resolved, query: message, isFollowUp: false }, retrieval: own, pinned: [] };
    // Asking it for another place: the earlier question without its places, in the new place's documents.
    const placeOnly = places.size > 0 && topicWords(ownTopic).length === 0;
    const joined = await retriever.retrieve(placeOnly ? withoutPlaces(resolved.query) : resolved.query, { k: topK, mode: retrievalMode, docIds });
    const pinned = joined.hits.map((h) => h.unit).filter((u) => context.includes(u));
    // "那要交哪些材料": a detail the earlier unit does not state, which another unit of its document does.
    const candidates = [...own.hits, ...joined.hits];
    // The earlier unit itself, when the joined reading ranks it out (the message was not read as a new topic).
    const asked = pinned[0] ?? context[0];
    // The earlier unit's neighbours in its document first, nearest first (the procedure after the
    // conditions is about the same measure), then the ranked units.
    const at = asked ? corpus.units.indexOf(asked) : -1;
    const neighbours = at < 0 ? [] : Array.from({ length: DETAIL_NEIGHBOURS }, (_, i) => [corpus.units[at - i - 1], corpus.units[at + i + 1]]).flat().filter((u): u is CorpusUnit => !!u && u.docId === asked!.docId);
    const detailed = asked ? unitsStatingAskedDetail(message, asked, [...neighbours, ...candidates.map((h) => h.unit)])[0] : undefined;
    const hit = !detailed ? undefined : candidates.find((h) => h.unit === detailed) ?? (await retriever.retrieve(resolved.query, { k: 50, mode: retrievalMode, docIds: new Set([detailed.docId]) })).hits.find((h) => h.unit === detailed);
    if (detailed && hit) {
      return { resolved, retrieval: { ...joined, hits: [hit, ...joined.hits.filter((h) => h.unit !== detailed)] }, pinned: [detailed] };
    }
    // "要满足啥条件" has no topic of its own: the earlier question finds the units, the message says what is asked of them.
    if (placeOnly || topicWords(ownTopic).length === 0) return { resolved, retrieval: joined, pinned, asksOnly: !placeOnly };
    return { resolved, retrieval: await focusSentences(message, joined, pinned, own), pinned, focused: true };
  }

  /**
   * "那今年刚成立的企业呢" after a question on the same clause: the sentence the follow-up's own words
   * point at ((三)本年度新办的…) is read first, the earlier question's words only break ties.
   */
  async function focusSentences(message: string, joined: RetrievalResult, pinned: CorpusUnit[], own: RetrievalResult): Promise<RetrievalResult> {
    const hits = await Promise.all(
      joined.hits.map(async (h) => {
        if (!pinned.includes(h.unit)) return h;
        const alone = own.hits.find((x) => x.unit === h.unit) ?? (await retriever.retrieve(message, { k: 50, mode: retrievalMode, docIds: new Set([h.unit.docId]) })).hits.find((x) => x.unit === h.unit);
        if (!alone) return h;
        // A changed condition ("那要是今年才开的呢", "说错了，是今年注册的") replaces the earlier one: its words lead.
        const weight = replacesCondition(message) ? REPLACING_WEIGHT : 1;
        const byText = new Map(alone.passages.map((p) => [p.text, p.score]));
        return { ...h, passages: h.passages.map((p) => ({ ...p, score: p.score + weight * (byText.get(p.text) ?? 0) })) };
      }),
    );
    return { ...joined, hits };
  }

  /**
   * A history the client sent carries no refs: the earlier topic is the best unit for the earlier
   * question, or the one of its top units the earlier answer's 〔第N条〕 markers name.
   */
  async function contextFromText(history: ChatTurn[], previousQuestion: string | undefined, docIds?: ReadonlySet<string>): Promise<CorpusUnit[]> {
    if (!previousQuestion) return [];
    // Read as the earlier question itself was: a local document first where it names the place.
    const asked = await retriever.retrieve(previousQuestion, { k: topK, mode: retrievalMode, docIds });
    const earlier = placeWordsIn(previousQuestion).size ? await preferLocal(previousQuestion, asked, docIds) : asked;
    const lastAnswer = [...history].reverse().find((t) => t.role === 'assistant')?.content ?? '';
    const labels = new Set([...lastAnswer.matchAll(/〔([^〕]+)〕/gu)].flatMap((m) => m[1]!.split(/[、，,]/u)).map((l) => l.trim()));
    // "根据《…实施办法》第8条，…": a clause the answer names in prose is named too.
    const inProse = new Set(parseDirectRefs(lastAnswer).clauses);
    // Of the document the answer names by its title, in or out of this message's scope (天河区's
    // document named, the message asking about 广州): its 第五条, not another document's.
    const answered = inProse.size ? documentsNamedExactly(lastAnswer, corpus.documents) : [];
    if (answered.length === 1) {
      const clauses = corpus.units.filter((u) => u.docId === answered[0]!.id && u.kind !== 'section' && u.number !== null && inProse.has(u.number));
      if (clauses.length) return clauses;
    }
    const named = earlier.hits.map((h) => h.unit).filter((u) => labels.has(u.label.split(' ')[0]!) || (u.kind !== 'section' && u.number !== null && inProse.has(u.number)));
    if (named.length) return named;
    // An answer without markers may still name the measure by its title ("根据一次性创业资助，…").
    const titled = earlier.hits.map((h) => h.unit).filter((u) => u.title.length >= TITLE_NAMED_MIN && lastAnswer.includes(u.title));
    return titled.length ? titled.slice(0, 1) : earlier.hits.slice(0, 1).map((h) => h.unit);
  }

  /**
   * A message not answerable alone, read with the conversation's earlier question: kept when the
   * joined reading's best unit is one the conversation was about and it says the message's own words.
   */
  async function readWithConversation(message: string, history: ChatTurn[], own: RetrievalResult, docIds?: ReadonlySet<string>) {
    if (!history.some((t) => t.role === 'assistant') || switchesTopic(message)) return null;
    const ownTopic = topicWords(withoutPlaceWords(own.words));
    if (ownTopic.length === 0) return null;
    const users = history.filter((t) => t.role === 'user');
    const previousQuestion = users.at(-1)?.content;
    if (!previousQuestion) return null;
    const context = await conversationUnits(history, previousQuestion, docIds);
    const query = `${previousQuestion} ${message}`;
    const joined = await retriever.retrieve(query, { k: topK, mode: retrievalMode, docIds });
    const lead = joined.hits[0]?.unit;
    if (!lead || !context.includes(lead) || topicCoverageOfText(ownTopic, `${lead.title}${lead.text}`) === 0) return null;
    return { resolved: { query, isFollowUp: true, contextRefs: context.map((u) => u.key), previousQuestion }, retrieval: await focusSentences(message, joined, [lead], own), pinned: [lead], focused: true };
  }

  /** The units the conversation so far is about: the last answer's refs, or for a history the client sent, its topic's. */
  async function conversationUnits(history: ChatTurn[], previousQuestion: string | undefined, docIds?: ReadonlySet<string>): Promise<CorpusUnit[]> {
    const refs = [...history].reverse().find((t) => t.role === 'assistant')?.refs ?? [];
    const stored = refs.map((r) => unitByKey.get(r)).filter((u): u is CorpusUnit => !!u);
    return stored.length ? stored : await contextFromText(history, previousQuestion, docIds);
  }

  /** The documents the conversation so far is about (see conversationUnits). */
  async function conversationDocuments(history: ChatTurn[], docIds?: ReadonlySet<string>): Promise<string[]> {
    const stored = documentsInContext(history);
    if (stored.length || !history.some((t) => t.role === 'assistant')) return stored;
    const previousQuestion = [...history].reverse().find((t) => t.role === 'user')?.content;
    return [...new Set((await conversationUnits(history, previousQuestion, docIds)).map((u) => u.docId))];
  }

  /** Place names a text uses, full and short (温州市, 温州). */
  function placeWordsIn(text: string): Set<string> {
    return new Set((deps.divisions?.placesInText(text) ?? []).flatMap((p) => [p.name, shortName(p.name)]));
  }
  /** The message names the place of the document's jurisdiction (广州 for a 广州市 or 天河区 document). */
  function namesPlaceOf(message: string, docId: string): boolean {
    const doc = corpus.documents.find((d) => d.id === docId);
    const code = doc && !isNational(doc) ? doc.regionCode : undefined;
    return !!code && !!deps.divisions && deps.divisions.placesInText(message).some((p) => deps.divisions!.contains(p.code, code) || deps.divisions!.contains(code, p.code));
  }
  function withoutPlaces(text: string): string {
    return [...placeWordsIn(text)].sort((a, b) => b.length - a.length).reduce((t, p) => t.split(p).join(''), text);
  }

  function offlineDraft(retrieval: RetrievalResult, pinned: CorpusUnit[], question: string, summarize: CorpusUnit[] = [], estimates?: ReadonlyMap<string, QuestionEstimate>, asked?: string): Draft {
    // A second measure is not cited for repeating the place the question names (温州 in 温州市…), nor
    // the issuer it names (国务院 in "按国务院那个文件").
    const places = placeWordsIn(question);
    const issuers = [...issuerNames].filter((n) => question.includes(n));
    const words = retrieval.words.filter((w) => !places.has(w.word) && !issuers.some((n) => n.includes(w.word) && [...w.word].length >= 2));
    // "那要是只留下两成呢" after "补贴咋算": the earlier ask (an amount) under the new condition.
    const own = detectIntent(question);
    const intent = asked ? { ...own, amount: own.amount || detectIntent(asked).amount } : own;
    const composed = composeOffline({ hits: retrieval.hits, words, intent, pinned, summarize, question, estimates });
    return { answer: composed.text, proposed: composed.citations, abstained: false, suggestions: [], mode: 'offline' };
  }

  /** A place the corpus holds no local documents for: say so, and which places it holds. */
  function notHeldDraft(place: string, held: string[]): Draft {
    const list = held.length ? `目前收录的地方政策来自：${held.slice(0, 12).join('、')}${held.length > 12 ? '等' : ''}。` : '';
    return {
      answer: `本平台暂未收录${place}的政策，无法据此回答。${list}国家层面的政策各地适用，可以直接询问具体事项。`,
      proposed: [],
      abstained: true,
      suggestions: [],
      mode: 'offline',
    };
  }

  /** A message with no topic of its own and none before it: ask what it is about, offering the parts of the documents here. */
  function whichTopicDraft(docIds?: ReadonlySet<string>): Draft {
    const parts = (unitsByKind.get('section') ?? [])
      .filter((u) => !docIds || docIds.has(u.docId))
      .sort((a, b) => localRank(b.docId) - localRank(a.docId))
      .slice(0, 6);
    const names = parts.map((u) => u.title.replace(/政策$/u, ''));
    return {
      answer: `请具体说说想了解哪方面的政策：可以说事项${names.length ? `（如${names.slice(0, 4).join('、')}）` : ''}，也可以介绍企业情况（所在地区、行业、规模、研发投入、是否出口等），我来逐条查找依据。`,
      proposed: [],
      abstained: true,
      suggestions: parts.map((u) => ({ ref: u.key, label: u.label, title: u.title })),
      mode: 'offline',
    };
  }

  /** Several documents have the clause the question names: ask which one. */
  function whichDocumentDraft(units: CorpusUnit[]): Draft {
    const docs = corpus.documents;
    const name = (u: CorpusUnit) => {
      const d = docs.find((x) => x.id === u.docId);
      return d ? `${documentName(d)}${u.label}` : u.label;
    };
    const list = units.slice(0, 6).map((u) => `${name(u)}（${u.title}）`);
    return {
      answer: `本平台收录的多份文件都有这一条，请问您指的是哪份文件？${list.join('；')}。可以说出文件名称、文号或发文地区，例如“${documentName(docs.find((x) => x.id === units[0]!.docId)!)}${units[0]!.label}”。`,
      proposed: [],
      abstained: false,
      suggestions: units.slice(0, 6).map((u) => ({ ref: u.key, label: name(u), title: u.title })),
      mode: 'offline',
    };
  }

  /** Years, clause numbers and out-of-scope topics are judged against the documents that apply here. */
  function scopeOf(docIds?: ReadonlySet<string>): GuardContext {
    if (!docIds) return guard;
    return {
      ...guard,
      documents: guard.documents.filter((d) => docIds.has(d.id)),
      corpusText: scopedText(docIds),
      maxClause: Math.max(0, ...[...docIds].map((d) => maxClauseByDoc.get(d) ?? 0)),
    };
  }

  function abstainDraft(verdict: GuardVerdict, hits: RetrievedUnit[], docIds?: ReadonlySet<string>): Draft {
    const documents = docIds ? corpus.documents.filter((d) => docIds.has(d.id)) : corpus.documents;
    const a = abstainAnswer({ verdict, documents, hits });
    return { answer: a.text, proposed: [], abstained: true, suggestions: a.suggestions, mode: 'offline' };
  }

  /**
   * "养老和托育分别有啥扶持": each conjunct is retrieved on its own and its best unit cited, when
   * both are confident and different; otherwise null and the whole question is answered as usual.
   */
  async function splitRetrieval(message: string, whole: RetrievalResult, docIds?: ReadonlySet<string>): Promise<{ retrieval: RetrievalResult; pinned: CorpusUnit[] } | null> {
    const conjuncts = splitConjunction(message);
    // Asks in turn: each must be answered confidently by a unit matching a word of its own.
    const asks = conjuncts.length >= 2 ? [] : askSegments(message);
    const parts = conjuncts.length >= 2 ? conjuncts : asks;
    if (parts.length < 2) return null;
    const tops: RetrievedUnit[] = [];
    const wholeTop = whole.hits[0]?.unit;
    let another = false;
    for (const part of parts) {
      const r = await retriever.retrieve(part, { k: topK, mode: retrievalMode, docIds });
      const top = r.hits[0];
      if (!top || r.confidence < abstainThreshold || (asks.length && !answersATopicWord(r))) return null;
      if (!tops.some((t) => t.unit === top.unit)) tops.push(top);
      // An ask the whole message's best unit already speaks to is one more ask of that measure
      // (how much, then where to apply): only an ask it leaves mostly unsaid is another measure.
      if (!wholeTop || topicCoverageOfText(withoutPlaceWords(r.words), `${wholeTop.title}${wholeTop.text}`) < ASK_COVERED) another = true;
    }
    if (asks.length && !another) return null;
    if (tops.length < 2) return null;
    const rest = whole.hits.filter((h) => !tops.some((t) => t.unit === h.unit));
    return { retrieval: { ...whole, hits: [...tops, ...rest] }, pinned: tops.map((t) => t.unit) };
  }

  /**
   * A preamble outranks its own measures when the document's title repeats the question's words
   * ("广州市高校毕业生创业补贴" for "毕业生创业补贴多少钱"); unless the question is about the document
   * itself, the best of its measures among the hits leads instead (it says what the title promises).
   */
  async function measureOverPreamble(message: string, retrieval: RetrievalResult, intent: ReturnType<typeof detectIntent>): Promise<RetrievalResult> {
    const top = retrieval.hits[0];
    if (!top || top.unit.kind !== 'preamble' || retrieval.direct || intent.documentPart) return retrieval;
    const isMeasure = (h: RetrievedUnit) => h.unit.docId === top.unit.docId && (h.unit.kind === 'clause' || h.unit.kind === 'section') && h.matched.length > 0;
    // Its measures among the hits, else the best of them retrieved within the document alone.
    const own = retrieval.hits.filter(isMeasure);
    const measures = own.length ? own : (await retriever.retrieve(message, { k: topK, mode: retrievalMode, docIds: new Set([top.unit.docId]) })).hits.filter(isMeasure);
    if (measures.length === 0) return retrieval;
    // "有哪些" asks for the document's measures; otherwise the best one leads.
    const lead = intent.list || intent.multiple ? measures.slice(0, 3) : measures.slice(0, 1);
    const hits = [...lead, ...retrieval.hits.filter((h) => !lead.some((l) => l.unit === h.unit))];
    return { ...retrieval, hits: hits.slice(0, Math.max(topK, retrieval.hits.length)) };
  }

  /** Questions about the document itself cite its preamble or closing (and a clause that fits well). */
  function withDocumentPart(retrieval: RetrievalResult, pinned: CorpusUnit[], intent: ReturnType<typeof detectIntent>, docIds?: ReadonlySet<string>) {
    if (!intent.documentPart || pinned.length > 0) return { retrieval, pinned };
    // The part of the document the question is about: the best hit's document when the question
    // is clearly about it, else the most local document in scope ("这政策" on a city's portal).
    const topDoc = retrieval.hits[0]?.unit.docId;
    // A document without a closing that states its term in the preamble ("政策期限为2016年至2018年")
    // answers how long it is in force from there.
    const kind = intent.documentPart;
    const hasPart = (docId: string) => (unitsByKind.get(kind) ?? []).some((u) => u.docId === docId);
    const termInPreamble = kind === 'closing' ? (unitsByKind.get('preamble') ?? []).filter((u) => !hasPart(u.docId) && STATES_TERM.test(u.text)) : [];
    const candidates = [...(unitsByKind.get(kind) ?? []), ...termInPreamble].filter((u) => !docIds || docIds.has(u.docId));
    const clear = retrieval.confidence >= documentTopicThreshold;
    // Clearly about a document without such a part, no other document's part answers for it; nor
    // does a national document's when the most local one in scope (a county's) has none.
    const mostLocal = mostLocalRank(docIds);
    const part = clear
      ? candidates.find((u) => u.docId === topDoc)
      : [...candidates]
          .filter((u) => u.docId === topDoc || localRank(u.docId) === mostLocal)
          .sort((a, b) => localRank(b.docId) - localRank(a.docId) || Number(b.docId === topDoc) - Number(a.docId === topDoc))[0];
    if (!part) return { retrieval, pinned };
    const hits = retrieval.hits.some((h) => h.unit === part) ? retrieval.hits : [...retrieval.hits, syntheticHit(part)];
    const top = retrieval.hits[0];
    // A question that also names a specific measure ("研发补助政策有效期") is about that measure.
    if (top && top.unit !== part && top.unit.kind === 'clause' && retrieval.confidence >= documentTopicThreshold) return { retrieval, pinned };
    return { retrieval: { ...retrieval, hits, direct: true }, pinned: [part] };
  }

  /**
   * On a portal with a region, a measure of the most local document leads when it answers the
   * question nearly as well as the best (national) unit: 温州's own graduate-hiring support before
   * the State Council's general line on it.
   */
  /** `own` led by the best unit of `ids` alone, when that search is about as sure and answers a topic word. */
  async function ledFrom(message: string, own: RetrievalResult, ids: ReadonlySet<string>): Promise<RetrievalResult | null> {
    const kept = await retriever.retrieve(message, { k: topK, mode: retrievalMode, docIds: ids });
    const lead = kept.hits[0];
    if (!lead || kept.confidence < own.confidence - localMargin || !answersATopicWord(kept)) return null;
    return { ...own, hits: [lead, ...own.hits.filter((h) => h.unit !== lead.unit)].slice(0, topK) };
  }

  async function preferLocal(message: string, own: RetrievalResult, docIds?: ReadonlySet<string>, conversation: readonly string[] = []): Promise<RetrievalResult> {
    const top = own.hits[0];
    if (!top || !docIds || own.direct) return own;
    // The document the conversation is about leads when nearly as sure: the asker told us it is theirs.
    if (conversation.includes(top.unit.docId)) return own;
    const inConversation = conversation.filter((d) => docIds.has(d));
    if (inConversation.length) {
      const led = await ledFrom(message, own, new Set(inConversation));
      if (led) return led;
    }
    // "国家有没有上限规定": asked of the nation, a national document's unit about as sure leads.
    if (ASKS_NATION.test(message)) {
      const national = new Set(corpus.documents.filter((d) => docIds.has(d.id) && isNational(d)).map((d) => d.id));
      if (!national.size || national.has(top.unit.docId)) return own;
      return (await ledFrom(message, own, national)) ?? own;
    }
    const most = mostLocalRank(docIds);
    if (localRank(top.unit.docId) >= most) return own;
    const localIds = new Set([...docIds].filter((id) => localRank(id) === most));
    const local = await retriever.retrieve(message, { k: topK, mode: retrievalMode, docIds: localIds });
    const lead = local.hits[0];
    // Asked of a place the message names ("广州开店…") and answered from a document of no place it
    // names, a local unit the whole search also ranks near the top leads even when the local search
    // alone is less sure: its words are rarer within the local documents (小生意, which the national
    // clause's expansions say).
    const nearTop = lead !== undefined && namesPlaceOf(message, lead.unit.docId) && !namesPlaceOf(message, top.unit.docId) && own.hits.slice(0, LOCAL_NEAR_TOP).some((h) => h.unit === lead.unit);
    if (!lead || (!nearTop && local.confidence < own.confidence - localMargin) || !answersATopicWord(local)) return own;
    return { ...own, hits: [lead, ...own.hits.filter((h) => h.unit !== lead.unit)].slice(0, topK) };
  }

  /**
   * With a model configured, a question the corpus vocabulary misses is rewritten into document
   * terms; the original question is kept in the query, and a rewrite counts only when what it
   * retrieves is confident and answers a topic word (else the answer still abstains).
   */
  async function rewrittenRetrieval(message: string, docIds?: ReadonlySet<string>, signal?: AbortSignal): Promise<{ retrieval: RetrievalResult; query: string } | null> {
    for (const rewrite of await deps.rewriter!.rewrite(message, signal)) {
      const query = `${message} ${rewrite}`;
      const r = await retriever.retrieve(query, { k: topK, mode: retrievalMode, docIds });
      if (r.hits.length && r.confidence >= abstainThreshold && answersATopicWord(r)) return { retrieval: r, query };
    }
    return null;
  }

  /** The best unit states a rare policy term that an everyday phrase of what the asker means to do stands for. */
  function namesMeasure(retrieval: RetrievalResult, message: string): boolean {
    const top = retrieval.hits[0];
    if (!top) return false;
    const matched = new Set(top.matched);
    const weight = new Map(retrieval.terms.map((t) => [t.term, t.weight]));
    // A part of the word (规上 in 规上企业) is the same thing said shorter, not another term.
    const stands = (word: string, a: string) => !word.includes(a) && !a.includes(word) && matched.has(a) && (weight.get(a) ?? 0) >= MEASURE_TERM_WEIGHT;
    // Only a phrase the asker means to do (想转成公司), not one describing what they are (我们是高企).
    const intended = (word: string) => new RegExp(`(想|打算|准备|计划|要)[^，。？！?!]{0,6}${escapeRegExp(word)}`, 'u').test(message);
    return retrieval.words.some((w) => !matched.has(w.word) && intended(w.word) && w.alternatives.some((a) => stands(w.word, a)));
  }

  /** The best unit states one of the question's own words (3+ characters) that at most two units of the corpus have. */
  function namesRareTerm(retrieval: RetrievalResult): boolean {
    const top = retrieval.hits[0];
    if (!top) return false;
    const own = new Set(retrieval.words.map((w) => w.word));
    const text = `${top.unit.title}${top.unit.text}`;
    return retrieval.terms.some((t) => own.has(t.term) && [...t.term].length >= 3 && !isFormWord(t.term) && !isPlaceWord(t.term) && t.weight >= rareTermWeight && top.matched.includes(t.term) && text.includes(t.term));
  }

  /** Everything a unit is found by: its title, text and everyday words. */
  const unitWords = (u: CorpusUnit) => [u.title, u.text, u.everyday ?? '', ...(u.sentenceWords ?? []).map((s) => s.words)];
  /** The best unit matches at least one of the question's topic words (not only 公司, 走, 多少). */
  function answersATopicWord(retrieval: RetrievalResult): boolean {
    const top = retrieval.hits[0];
    // A place is not a topic: a unit that matches only 温州 in "我在温州开了个小饭馆" does not answer it.
    const words = withoutPlaceWords(retrieval.words);
    if (!top || topicWords(words).length === 0) return true;
    const matched = new Set(top.matched);
    return topicCoverage(words, (t) => matched.has(t)) > 0;
  }
  // Short county names count at home (乐清 on a Wenzhou portal), as the region scope reads them.
  const homeCode = deps.defaultRegion ? deps.divisions?.resolveRegion(deps.defaultRegion)?.code : undefined;
  /** The places a word names by itself (鹿城 → 鹿城区, 柳河 → 柳河县 when the corpus holds it), cached. */
  const placeCache = new Map<string, Place[]>();
  function placesNamedBy(word: string): Place[] {
    let named = placeCache.get(word);
    if (named === undefined) {
      const places = deps.divisions?.placesInText(word, homeCode, heldCodes(corpus.documents)) ?? [];
      named = places.filter((p) => p.name === word || shortName(p.name) === word);
      if (placeCache.size > 10_000) placeCache.clear();
      placeCache.set(word, named);
    }
    return named;
  }
  const isPlaceWord = (word: string) => placesNamedBy(word).length > 0;
  const withoutPlaceWords = <W extends { word: string }>(words: W[]): W[] => words.filter((w) => !isPlaceWord(w.word));
  /** 温州, 鹿城 on a Wenzhou portal: the home region or a place inside it. */
  const isHomePlaceWord = (word: string) => !!homeCode && placesNamedBy(word).some((p) => p.code === homeCode || deps.divisions!.contains(homeCode, p.code));

  /**
   * A long message that tells a story before it asks ("家里老人卧床多年…长护险能不能用") is
   * answerable when one of its sentences is confidently answered by the same unit the whole
   * message found: the story's words the corpus never uses do not make the question off-topic.
   */
  async function confidentPart(message: string, whole: RetrievalResult, docIds?: ReadonlySet<string>): Promise<boolean> {
    const top = whole.hits[0]?.unit;
    if (!top) return false;
    const parts = messageParts(message);
    if (parts.length < 2) return false;
    for (const part of parts) {
      const r = await retriever.retrieve(part, { k: 1, mode: retrievalMode, docIds });
      // The sentence must say what it is about in at least two words of its own.
      if (topicWords(r.words).length < 2) continue;
      if (r.hits[0]?.unit === top && r.confidence >= partThreshold && answersATopicWord(r)) return true;
    }
    return false;
  }

  /**
   * The retrieval of the one part of a longer message that asks something, when that part alone is
   * answered confidently (partThreshold) by a unit matching a topic word of its own; else null.
   */
  async function askedAlone(message: string, docIds?: ReadonlySet<string>): Promise<RetrievalResult | null> {
    const ask = askingPart(message);
    if (!ask) return null;
    const r = await retriever.retrieve(ask, { k: topK, mode: retrievalMode, docIds });
    if (topicWords(withoutPlaceWords(r.words)).length < 2) return null;
    return r.hits.length && r.confidence >= partThreshold && answersATopicWord(r) ? r : null;
  }

  /**
   * The message without its parts that name a listed topic and do not ask ("去年给工人补缴了社保"),
   * when an ask remains and what remains is answered confidently on its own.
   */
  async function withoutTopicParts(message: string, topic: string, docIds?: ReadonlySet<string>): Promise<{ query: string; retrieval: RetrievalResult } | null> {
    // Short asks count ("有补助吗"); the topic may sit in a part too short to read alone ("算了工伤"):
    // it is set aside all the same.
    const parts = messageParts(message, 3).filter((p) => [...p].length >= 6 || asksQuestion(p));
    const kept = parts.filter((p) => !p.includes(topic));
    const asks = kept.filter((p) => asksQuestion(p));
    const told = messageParts(message, 1).filter((p) => p.includes(topic));
    if (told.length === 0 || asks.length === 0 || told.some((p) => asksQuestion(p))) return null;
    // The ask must be about something else: not pointing back (给他交社保, 也像小微企业那样), not
    // sharing a character with the topic (养殖保险 → 保费补不补, 考公务员 → 能报考吗).
    const shared = [...topic].filter((ch) => /\p{Script=Han}/u.test(ch) && !GENERIC_CHARS.includes(ch));
    if (asks.some((p) => BACK_REFERENCE.test(p) || shared.some((ch) => p.includes(ch)))) return null;
    // …and the parts after the last one dropped must name a topic of their own: "在天河怎么申请",
    // "政府给报销点吗" right after it ask about nothing, "现在想引进一个工程师，有补助吗" does.
    const after = parts.slice(parts.findLastIndex((p) => p.includes(topic)) + 1);
    const own = await retriever.retrieve(after.join('，'), { k: 1, mode: retrievalMode, docIds });
    const ownTopic = topicWords(withoutPlaceWords(own.words));
    if (ownTopic.length === 0) return null;
    // An ask whose own word belongs to an out-of-scope phrase ("身份证丢了，外地人能补办吗": 补办 of
    // 补办身份证) still asks about that topic: its object is the story's.
    // The phrase must be of the topic's own kind (shares two characters in a row with it). 补办 is
    // made of form characters (补, 办), so any word of the ask but a listed form word counts.
    const bigrams = (t: string) => [...t].slice(1).map((ch, i) => `${[...t][i]}${ch}`);
    const kin = (guard.outOfScope ?? []).filter((t) => t !== topic && bigrams(topic).some((b) => t.includes(b)));
    const pointsBack = (w: string) => [...w].length >= 2 && !isListedFormWord(w) && !isPlaceWord(w) && kin.some((t) => t.includes(w));
    if (own.words.some((w) => pointsBack(w.word))) return null;
    // What remains is read whole; when the other parts left blur it ("老婆上个月生了二宝"), the asks alone.
    for (const query of new Set([kept.join('，'), asks.join('，')])) {
      const r = await retriever.retrieve(query, { k: topK, mode: retrievalMode, docIds });
      if (topicWords(withoutPlaceWords(r.words)).length < 2) continue;
      if (!r.hits.length || r.confidence < partThreshold || !answersATopicWord(r)) continue;
      // A match on a word of its own, not on a stray character ("报销点" matching 点).
      const matched = new Set(r.hits[0]!.matched);
      if (topicWords(withoutPlaceWords(r.words)).some((w) => [...w.word].length >= 2 && (matched.has(w.word) || w.alternatives.some((a) => matched.has(a))))) return { query, retrieval: r };
    }
    return null;
  }

  /** The units of one document, read for the message (to find a unit the best one needs beside it). */
  async function documentHits(message: string, docId: string): Promise<RetrievedUnit[]> {
    return (await retriever.retrieve(message, { k: REFERENCE_K, mode: retrievalMode, docIds: new Set([docId]) })).hits;
  }

  /**
   * Asked by someone giving their age, the unit of the best unit's document that states an age limit
   * the best does not: the best of them for the message among the document's units.
   */
  async function ageLimitHit(message: string, retrieval: RetrievalResult): Promise<RetrievedUnit | null> {
    const top = retrieval.hits[0]!.unit;
    if (statedAge(message) === null || statesAgeLimit(`${top.title}${top.text}`)) return null;
    const near = retrieval.hits.slice(1).find((h) => h.unit.docId === top.docId && statesAgeLimit(h.unit.text));
    if (near) return near;
    return (await documentHits(message, top.docId)).find((h) => h.unit !== top && statesAgeLimit(h.unit.text)) ?? null;
  }

  /** The hit, read for the message, of the unit of its document the best unit points at ("享受第5条政策"). */
  async function referencedHit(message: string, retrieval: RetrievalResult, docIds?: ReadonlySet<string>): Promise<RetrievedUnit | null> {
    const top = retrieval.hits[0]!.unit;
    const target = referencedUnit(top, corpus.units);
    if (!target || (docIds && !docIds.has(target.docId))) return null;
    return retrieval.hits.find((h) => h.unit === target) ?? (await documentHits(message, top.docId)).find((h) => h.unit === target) ?? null;
  }

  /** Amount questions with the asker's own figures get the computed amount of the measures found. */
  async function questionEstimates(message: string, retrieval: RetrievalResult, pinned: CorpusUnit[], ctx: EstimateContext): Promise<ReadonlyMap<string, QuestionEstimate> | undefined> {
    // Asked how much, or whether the asker qualifies ("研发费才150万，能申请吗"): the figures decide.
    if (!deps.estimateFor || !(detectIntent(message).amount || asksEligibility(message))) return undefined;
    const keys = [...new Set([...pinned, ...retrieval.hits.slice(0, 3).map((h) => h.unit)].map((u) => u.key))];
    const found = await deps.estimateFor(message, keys, ctx);
    return found.size ? found : undefined;
  }

  async function draftAnswer(
    message: string,
    given: GuardVerdict,
    history: ChatTurn[],
    signal?: AbortSignal,
    historyFromClient = false,
    docIds?: ReadonlySet<string>,
    estimateCtx: EstimateContext = {},
  ): Promise<{ draft: Draft; retrieval: RetrievalResult | null; query: string; estimates?: ReadonlyMap<string, QuestionEstimate> }> {
    let verdict = given;
    if (verdict.kind === 'injection' || verdict.kind === 'missing_clause' || verdict.kind === 'successor') {
      return { draft: abstainDraft(verdict, [], docIds), retrieval: null, query: message };
    }
    const found = await retrieveFor(message, history, docIds);
    const { resolved } = found;
    if (found.ambiguous?.length) return { draft: whichDocumentDraft(found.ambiguous), retrieval: found.retrieval, query: resolved.query };
    // "补贴" / "有什么政策" with nothing before it: no topic to answer, so ask which.
    const intent = detectIntent(message);
    const topicBefore = historyFromClient || history.some((t) => t.role === 'assistant' && (t.refs?.length ?? 0) > 0);
    if (!topicBefore && found.pinned.length === 0 && !found.retrieval.direct && !intent.documentPart && !intent.validity && topicWords(withoutPlaceWords(found.retrieval.words)).length === 0) {
      return { draft: whichTopicDraft(docIds), retrieval: null, query: resolved.query };
    }
    const split = found.pinned.length === 0 ? await splitRetrieval(message, found.retrieval, docIds) : null;
    const chosen = split ?? withDocumentPart(await measureOverPreamble(message, found.retrieval, intent), found.pinned, intent, docIds);
    const { pinned } = chosen;
    let { retrieval } = chosen;
    // "我是香港人，今年32岁…租金能补多少": the story matches the clause defining who counts; unless asked
    // what something is, the best measure among the next hits leads.
    if (!retrieval.direct && !pinned.length) retrieval = definitionsBehind(retrieval, message);
    // "去年给工人补缴了社保。今年想评专精特新，有奖励吗": a listed topic told only in a part of the
    // story that does not ask, before an ask answered on its own, is context, not the topic.
    const context = async (topic: string) => (resolved.isFollowUp || pinned.length ? null : await withoutTopicParts(message, topic, docIds));
    if (verdict.kind === 'out_of_scope') {
      const asked = await context(verdict.topic);
      if (asked && checkQuestion(asked.query, scopeOf(docIds)).kind === 'ok') {
        verdict = { kind: 'ok' };
        retrieval = asked.retrieval;
      }
    }
    if (verdict.kind !== 'ok' && !yearCoveredByUnit(verdict, retrieval.hits[0]?.unit.key, retrieval.hits[0]?.unit.text)) return { draft: abstainDraft(verdict, retrieval.hits, docIds), retrieval, query: resolved.query };
    let confident = retrieval.direct || pinned.length > 0 || (retrieval.confidence >= abstainThreshold && answersATopicWord(retrieval)) || namesMeasure(retrieval, message) || (await confidentPart(message, retrieval, docIds));
    // A story before one clear ask ("家里老人卧床多年…温州的长护险能不能用"): when the whole message is
    // not answered, the ask alone is. (Overriding a confident whole message this way cost two dev cases.)
    if (!confident && !resolved.isFollowUp && pinned.length === 0) {
      const asked = await askedAlone(message, docIds);
      if (asked) {
        retrieval = asked;
        confident = true;
      }
    }
    // "柳河县企业上市奖励多少": the place named matched the clause that lists it (柳河县…引导资金), not the
    // measure; within that place's documents the place says nothing, so the question is read without it.
    if (!confident && !resolved.isFollowUp && pinned.length === 0 && placeWordsIn(message).size > 0) {
      const r = await retriever.retrieve(message, { k: topK, mode: retrievalMode, docIds, quiet: isPlaceWord });
      // A second reading must be as sure as any other (partThreshold, like a part read alone).
      if (r.hits.length && r.confidence >= partThreshold && answersATopicWord(r)) {
        retrieval = r;
        confident = true;
      }
    }
    if (!confident && deps.rewriter && !resolved.isFollowUp) {
      const rescued = await rewrittenRetrieval(message, docIds, signal);
      if (rescued) {
        ({ retrieval } = rescued);
        resolved.query = rescued.query;
        confident = true;
      }
    }
    // "社保停了两年能补缴吗" landing on a clause about 社保费率: a listed topic the clause never says.
    const nearestOfTop = (r: RetrievalResult) => r.hits.slice(0, 2).filter((h) => h.unit.docId === r.hits[0]!.unit.docId).flatMap((h) => [h.unit.title, h.unit.text]);
    const unstatedTopic = retrieval.direct || pinned.length || retrieval.hits.length === 0 ? undefined : unstatedScopeTopic(message, guard.outOfScope ?? [], nearestOfTop(retrieval), guard.scopeRestatements);
    if (!confident || retrieval.hits.length === 0) {
      // Declined either way: the listed topic no near clause says is the reason to give.
      return { draft: abstainDraft(unstatedTopic ? { kind: 'unstated_topic', topic: unstatedTopic } : { kind: 'ok' }, retrieval.hits, docIds), retrieval, query: resolved.query };
    }
    if (unstatedTopic) {
      const asked = await context(unstatedTopic);
      const still = asked && unstatedScopeTopic(asked.query, guard.outOfScope ?? [], nearestOfTop(asked.retrieval), guard.scopeRestatements);
      if (!asked || still) return { draft: abstainDraft({ kind: 'unstated_topic', topic: unstatedTopic }, retrieval.hits, docIds), retrieval, query: resolved.query };
      retrieval = asked.retrieval;
    }
    const top = retrieval.hits[0]!.unit;
    // "2025年还按200元一人补吗" answered from a document in force until 2024: another document in scope
    // covers 2025, the one answering does not.
    const topDoc = corpus.documents.find((d) => d.id === top.docId);
    const docYears = retrieval.direct || !topDoc ? undefined : uncoveredYears(message, [topDoc]);
    if (docYears?.kind === 'other_year' && !yearCoveredByUnit(docYears, top.key, top.text)) return { draft: abstainDraft(docYears, retrieval.hits, docIds), retrieval, query: resolved.query };
    // "有没有开业补贴" answered from a clause on 养老服务资金补助: the benefit is for something the clause never says.
    const nearest = retrieval.hits.slice(0, 2).flatMap((h) => unitWords(h.unit));
    const object = retrieval.direct || pinned.length ? undefined : unstatedBenefitObject(message, retrieval.words, nearest, isPlaceWord) ?? unstatedBenefitKind(message, nearest) ?? unstatedQuantity(message, retrieval.words, nearest, isPlaceWord) ?? unstatedConditionSubject(message, retrieval.words, nearest, isPlaceWord);
    if (object) return { draft: abstainDraft({ kind: 'unstated_topic', topic: object }, retrieval.hits, docIds), retrieval, query: resolved.query };
    // "听说每辆还能补5000块": an amount the best unit does not state is a measure the corpus does not have.
    const unstated = retrieval.direct || pinned.length ? [] : unstatedClaims(message, [top.title, top.text]);
    if (unstated.length) {
      const a = unstatedClaimAnswer(unstated.map((f) => f.text), retrieval.hits);
      return { draft: { answer: a.text, proposed: [], abstained: true, suggestions: a.suggestions, mode: 'offline' }, retrieval, query: resolved.query };
    }
    // "每瓦补多少": a rate per unit the best clause never states is not a measure the corpus has.
    const rate = retrieval.direct || pinned.length ? null : unstatedRate(message, [top.title, top.text]);
    if (rate) {
      const a = abstainDraft({ kind: 'ok' }, retrieval.hits, docIds);
      return { draft: { ...a, answer: `抱歉，相关条款没有按每${rate}计算的补助标准。${a.answer.replace(/^抱歉，/u, '')}` }, retrieval, query: resolved.query };
    }
    // "申请后多少个工作日能批下来": a detail asked alone that the nearest clauses of the measure's document never give.
    // A follow-up ("那几月截止申报") asks it of the measure just given.
    const detailUnits = resolved.isFollowUp && pinned.length ? pinned : retrieval.hits.slice(0, 2).map((h) => h.unit).filter((u) => u.docId === top.docId);
    const detail = retrieval.direct || (pinned.length && !resolved.isFollowUp) ? null : unstatedLoneDetail(message, detailUnits.map(detailText));
    if (detail) return { draft: abstainDraft({ kind: 'unstated_topic', topic: detail, ...(top.units[0] ? { ask: top.units[0] } : {}) }, retrieval.hits, docIds), retrieval, query: resolved.query };
    const estimates = await questionEstimates(message, retrieval, pinned, estimateCtx);
    // A follow-up with words of its own is answered by its sentences: it is read alone for them.
    const ownAsk = (found.focused || found.asksOnly) && retrieval === found.retrieval;
    // "享受第5条政策": the clause pointed at is quoted beside the one that points at it.
    // "我舅今年48了，这岁数还行吗": the asker's age, and the age limit a near unit of the document states.
    const pointedAt = retrieval.direct || pinned.length ? null : (await referencedHit(message, retrieval, docIds)) ?? (await ageLimitHit(message, retrieval));
    if (pointedAt) retrieval = { ...retrieval, hits: [retrieval.hits[0]!, pointedAt, ...retrieval.hits.slice(1).filter((h) => h.unit !== pointedAt.unit)] };
    const answering = pointedAt ? [retrieval.hits[0]!.unit, pointedAt.unit] : pinned;
    const earlierAsk = resolved.isFollowUp && replacesCondition(message) ? resolved.previousQuestion : undefined;
    let offline = offlineDraft(retrieval, answering, ownAsk ? message : resolved.query, retrieval.direct ? pinned : [], estimates, earlierAsk);
    // "托位补多少" answered from a clause that only supports 普惠托育, or a follow-up "那一亩地到底补多少" on a
    // measure stating no rate: asked how much, no sentence the answer quotes pays a sum, so there is no
    // amount to give.
    const sumChecked = !retrieval.direct && offline.proposed.length > 0 && (resolved.isFollowUp || !pinned.length);
    const quotesOf = (d: Draft) => d.proposed.map((c) => c.quote).join('。');
    const unstatedIn = (d: Draft) => unstatedSum(message, quotesOf(d)) || unstatedShare(message, quotesOf(d));
    const shareWords = askedShareWords(message);
    // "担保费一般收多少": a fee asked, and the best unit's quotes state no figure at all.
    const feeWords = shareWords ? null : askedFeeWords(message);
    const figureMissing = (shareWords && unstatedIn(offline)) || (feeWords && !statesFigureOf([], quotesOf(offline)));
    if (sumChecked && !resolved.isFollowUp && figureMissing) {
      // "银行至少扛多少比例的风险" landing first on the document's principles, the share in the next
      // unit: a runner-up about as well matched whose quotes state the share (or the fee) asked, named
      // as asked, answers instead.
      const weight = new Map(retrieval.words.map((w) => [w.word, w.weight]));
      const matched = (h: RetrievedUnit) => h.matched.reduce((sum, m) => sum + (weight.get(m) ?? 0), 0);
      const bar = RUNNER_UP_MATCH * matched(retrieval.hits[0]!);
      // The runners-up, then the best unit's document searched alone ("担保费率" stated three clauses down).
      const near = retrieval.hits.slice(1, 3);
      const inDocument = (await documentHits(ownAsk ? message : resolved.query, retrieval.hits[0]!.unit.docId)).filter((h) => h.unit !== retrieval.hits[0]!.unit && !near.some((n) => n.unit === h.unit)).slice(0, DOCUMENT_RUNNERS_UP);
      // A unit found only in the document alone must match the question as well as the best one.
      const top = matched(retrieval.hits[0]!);
      for (const hit of [...near.filter((h) => matched(h) >= bar), ...inDocument.filter((h) => matched(h) >= top)]) {
        const reordered = { ...retrieval, hits: [hit, ...retrieval.hits.filter((h) => h !== hit)] };
        const draft = offlineDraft(reordered, pinned, ownAsk ? message : resolved.query, [], estimates);
        const said = quotesOf(draft);
        const states = shareWords ? !unstatedIn(draft) && shareWords.every((w) => said.includes(w)) : statesFigureOf(feeWords!, said);
        if (draft.proposed.length && states) {
          retrieval = reordered;
          offline = draft;
          break;
        }
      }
    }
    const quotes = quotesOf(offline);
    const ask = offline.proposed[0] ? unitByKey.get(offline.proposed[0].ref)?.units[0] : undefined;
    if (sumChecked && unstatedIn(offline)) {
      const deferral = quotes.match(DEFERS_SUM)?.[0];
      return { draft: abstainDraft({ kind: 'unstated_amount', ...(ask ? { ask } : {}), ...(deferral ? { deferral } : {}) }, retrieval.hits, docIds), retrieval, query: resolved.query };
    }
    // "最长贴几年" answered from a clause that gives no period: the figure asked for is not written.
    // Judged on the whole units, not only the quoted sentences: a period the unit states is one to quote.
    const figure = sumChecked ? unstatedFigure(message, wholeUnitsText(offline.proposed.map((c) => c.ref))) : null;
    if (figure) return { draft: abstainDraft({ kind: 'unstated_figure', what: figure, ...(ask ? { ask } : {}) }, retrieval.hits, docIds), retrieval, query: resolved.query };
    if (!retrieval.direct && !pinned.length && !resolved.isFollowUp && offline.proposed.length) {
      // "做五金的厂升规有奖吗" answered only by a measure for 服务业企业: the asker's own kind is not
      // among those it is for, so the corpus has no such measure for them.
      const units = [...new Set(offline.proposed.map((c) => c.ref))];
      const notFor = units.length === 1 ? estimates?.get(units[0]!)?.text.match(/^未满足“(属于[^”]{1,40})”/u)?.[1] : undefined;
      // Only when the answer says so (the estimate is shown: it read the asker's own words).
      if (notFor && (asksSum(message) || asksEligibility(message)) && offline.answer.includes(`未满足“${notFor}”`)) {
        return { draft: abstainDraft({ kind: 'not_for_asker', condition: notFor, ...(ask ? { ask } : {}) }, retrieval.hits, docIds), retrieval, query: resolved.query };
      }
      // "国家级的奖多少" answered with 省级、市级…: the quotes name only other members of its set.
      // "我是温州人，…港澳青年之家的实习补贴能拿吗": an asker from the mainland is not one of the 港澳 the
      // quotes name, whatever else the message names.
      const mainland = fromMainland(message, (t) => deps.divisions?.placesInText(t) ?? []) ? alternativeGap('内地', quotes, guard.alternatives ?? []) : undefined;
      const other = mainland ?? alternativeGap(message, quotes, guard.alternatives ?? []);
      if (other) return { draft: abstainDraft({ kind: 'unstated_topic', topic: other.asked, instead: other.instead, ...(ask ? { ask } : {}) }, retrieval.hits, docIds), retrieval, query: resolved.query };
    }
    // "这个文件哪天印发的": the date is the document's record, stated before its opening.
    const issued = pinned[0]?.kind === 'preamble' && ASKS_ISSUE_DATE.test(message) ? corpus.documents.find((d) => d.id === pinned[0]!.docId) : undefined;
    if (issued?.issueDate) offline.answer = `${documentName(issued)}的印发日期为${zhDate(issued.issueDate)}（据文件信息）。\n${offline.answer}`;
    if (!deps.llm) return { draft: offline, retrieval, query: resolved.query, estimates };
    try {
      // Only assistant turns this server produced reach the model as its own words.
      const llmHistory = markOwnTurns(history, historyFromClient ? 'client' : 'session');
      const out = await deps.llm.answer({ question: message, resolvedQuestion: resolved.query, history: llmHistory, hits: retrieval.hits, signal });
      if (out.abstain) {
        return { draft: { ...abstainDraft({ kind: 'ok' }, retrieval.hits, docIds), mode: 'llm' }, retrieval, query: resolved.query };
      }
      return {
        draft: { answer: out.answer, proposed: out.citations, abstained: false, suggestions: [], mode: 'llm' },
        retrieval,
        query: resolved.query,
        estimates,
      };
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' || /timeout|timed out|abort/i.test(String((err as Error).message))
        ? '大模型服务响应超时，已改用离线答复'
        : '大模型服务暂时不可用，已改用离线答复';
      return { draft: { ...offline, fallbackReason: reason }, retrieval, query: resolved.query, estimates };
    }
  }

  /** Runs matching when the message describes the company; the session keeps the profile. */
  async function matchCompany(message: string, verdict: GuardVerdict, sessionId: string, given?: Record<string, unknown>, docIds?: ReadonlySet<string>, region?: string): Promise<CompanyMatch | null> {
    if (!deps.describeCompany) return null;
    if (verdict.kind !== 'ok') return null;
    const previous = (await sessions.get(sessionId))?.profile ?? given;
    const facts = deps.companyFacts?.(message) ?? [];
    if (facts.length === 0 || isLocatedQuestion(message, facts)) return null;
    const topic = await retriever.retrieve(message, { k: topK, mode: retrievalMode, docIds });
    const knownProfile = !!previous && Object.keys(previous).length > 0;
    // "想转成公司，有啥扶持": the message names a measure in everyday words (转成公司 → 个转企) that its
    // best clause states: a question about that measure, not a description to match.
    if (namesMeasure(topic, message)) return null;
    // A message naming 产业首席专家 and asking its 待遇: a measure named by a term few units state, which the
    // best unit states, is asked about, whatever the message says of the asker.
    if (!asksForMatching(message) && namesRareTerm(topic)) return null;
    if (!isCompanyDescription(message, facts, topic.direct ? 1 : topic.confidence, { knownProfile })) return null;
    const found = await deps.describeCompany(message, previous, region);
    if (!found) return null;
    if (await sessions.get(sessionId)) await sessions.setProfile(sessionId, found.profile);
    // The measures among the message's best retrieved units come first, in the engine's order
    // ("想在天河创业" → the district's start-up support before nationwide job-retention rules).
    const near = await retriever.retrieve(message, { k: MATCH_RELATED, mode: retrievalMode, docIds });
    // Only units that match one of the message's own topic words (民宿, 研发), not its form words.
    const topics = topicWords(near.words);
    const related = near.hits.filter((h) => topics.some((w) => h.matched.includes(w.word) || w.alternatives.some((a) => h.matched.includes(a)))).map((h) => h.unit.key);
    const measures = [...found.measures].sort((a, b) => Number(!related.includes(a.key)) - Number(!related.includes(b.key)));
    return { ...found, measures, related };
  }

  function companyDraft(match: CompanyMatch, message: string) {
    const composed = composeCompanyAnswer(match);
    const allowed = match.measures.map((m) => unitByKey.get(m.key)).filter((u): u is CorpusUnit => !!u);
    const draft: Draft = composed
      ? { answer: composed.text, proposed: composed.citations, abstained: false, suggestions: [], mode: 'offline' }
      : {
          answer: `根据您介绍的情况（${match.summary}），暂未找到明确适用的措施。${match.questions.length ? `可以补充：${match.questions.slice(0, 2).map((q) => q.question).join(' ')}` : ''}`,
          proposed: [],
          abstained: false,
          suggestions: [],
          mode: 'offline',
        };
    return { draft, retrieval: null as RetrievalResult | null, query: message, allowed };
  }

  async function answerTurn(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    // Written Cantonese ("有冇补贴") is read as Mandarin; the asker's own words are what is stored.
    const spoken = request.message.trim();
    const message = asMandarin(spoken);
    let sessionId = request.sessionId;
    if (sessionId && !request.history && !(await sessions.get(sessionId))) {
      throw new AppError('NOT_FOUND', '会话不存在或已过期，请不带 sessionId 重新开始对话。');
    }
    // Stateless requests (OpenAI wire format) keep their conversation client-side: nothing stored.
    const stateless = request.stateless === true;
    if (stateless) sessionId = newId();
    else if (!sessionId || !(await sessions.get(sessionId))) {
      sessionId = (await sessions.create(sessionId ?? newId())).id;
      // A new session started with history (e.g. after the old one expired) continues from it.
      if (request.history?.length) await sessions.append(sessionId, ...boundHistory(request.history));
    }
    if (request.profile && !stateless) await sessions.setProfile(sessionId!, request.profile);
    const history = (request.history ? boundHistory(request.history) : ((await sessions.get(sessionId))?.turns ?? [])).map((t) => (t.role === 'user' ? { ...t, content: asMandarin(t.content) } : t));

    const regionOf = (text: string) =>
      deps.divisions ? scopeRegion({ message: text, requested: request.region, fallback: deps.defaultRegion, documents: corpus.documents, divisions: deps.divisions }) : null;
    let region = regionOf(message);
    // "最多补几年？" after a question about 广州's subsidy is still about 广州, and so is a new topic
    // in the same conversation ("对了，建大棚能补多少" after a Beijing question): the place the
    // conversation last named holds until a message names another.
    if (region?.kind === 'scoped' && !region.stated) {
      const earlier = history.filter((t) => t.role === 'user').slice(-3).reverse();
      for (const turn of earlier) {
        const carried = regionOf(turn.content);
        if (carried?.kind === 'scoped' && carried.stated) {
          region = carried;
          break;
        }
      }
    }
    // Every document applies (nationwide, or all held documents contain the region): no filter.
    const docIds = region?.kind === 'scoped' && region.docIds.size < corpus.documents.length ? region.docIds : undefined;
    const verdict = checkQuestion(message, scopeOf(docIds), parseDirectRefs(message).clauses);
    const talk = smallTalk(message);
    // "我们家就种了30亩，够不够格": the asker checks a figure against what was just answered, not a profile to match.
    const checking = checksQualifying(message) && history.some((t) => t.role === 'assistant');
    const company = region?.kind === 'not_held' || talk || checking ? null : await matchCompany(message, verdict, sessionId!, request.profile, docIds, region?.kind === 'scoped' ? region.region?.code : undefined);
    const estimateCtx: EstimateContext = {
      ...(region?.kind === 'scoped' && region.region ? { region: region.region.code } : {}),
      ...(stateless ? {} : { profile: (await sessions.get(sessionId!))?.profile ?? request.profile }),
    };
    const none = undefined as ReadonlyMap<string, QuestionEstimate> | undefined;
    const { draft, retrieval, query, allowed, estimates } = talk
      ? { draft: { answer: smallTalkReply(talk), proposed: [], abstained: true, suggestions: [], mode: 'offline' } as Draft, retrieval: null, query: message, allowed: [] as CorpusUnit[], estimates: none }
      : region?.kind === 'not_held'
        ? { draft: notHeldDraft(region.region.name, region.held), retrieval: null, query: message, allowed: [] as CorpusUnit[], estimates: none }
        : company
          ? { ...companyDraft(company, message), estimates: none }
          : { ...(await draftAnswer(message, verdict, history, signal, !!request.history, docIds, estimateCtx)), allowed: [] as CorpusUnit[] };
    if (region?.kind === 'scoped' && region.stated && region.region && !draft.abstained && deps.defaultRegion) {
      const home = deps.divisions!.resolveRegion(request.region ?? deps.defaultRegion);
      // A place inside the home region (乐清 for a Wenzhou portal) is answered from the same documents.
      const related = deps.divisions!.contains(region.region.code, home?.code ?? '') || deps.divisions!.contains(home?.code ?? '', region.region.code);
      if (home && home.code !== region.region.code && !related) {
        // Name the places of the documents the answer cites (北京市 for a question about 海淀), not the
        // place asked about; an answer from national documents alone needs no such line.
        const cited = new Set(draft.proposed.map((c) => c.ref.split(':')[0]));
        const places = [...new Set(corpus.documents.filter((d) => cited.has(d.id) && !isNational(d)).map((d) => d.region.replace(/^.*?(省|自治区)/u, '')))];
        if (places.length) draft.answer = `以下依据${places.join('、')}的政策文件回答：\n${draft.answer}`;
      } else if (APPLIES_HERE.test(message)) {
        // "我们是瑞安的，也行吗": a place inside a cited document's region is covered by it; say so first.
        const asked = region.region;
        const cited = new Set(draft.proposed.map((c) => c.ref.split(':')[0]));
        const covering = corpus.documents.find((d) => cited.has(d.id) && d.regionCode && d.regionCode !== asked.code && deps.divisions!.contains(d.regionCode, asked.code));
        if (covering) draft.answer = `${asked.name}在${covering.region.replace(/^.*?(省|自治区)/u, '')}范围内，${documentTag(covering)}对其适用。\n${draft.answer}`;
      }
    }
    const hits = retrieval?.hits ?? [];
    const verifiable = [...hits.map((h) => h.unit), ...allowed];
    let { answer, mode, fallbackReason } = draft;
    let verified = verifyCitations(draft.proposed, verifiable, corpus.units, corpus.documents);
    // Every amount, percentage and date in an LLM answer must be stated by a verified quote.
    const ungrounded = draft.mode === 'llm' && !draft.abstained ? checkFigureGrounding(answer, verified.valid).ungrounded : [];
    if (draft.mode === 'llm' && !draft.abstained && (verified.valid.length === 0 || ungrounded.length > 0) && retrieval) {
      // An LLM answer with no verifiable support (or an ungrounded figure) is replaced by the offline answer.
      const unsupported = verified.valid.length === 0;
      const offline = offlineDraft(retrieval, [], query, [], estimates);
      const dropped = verified.dropped;
      verified = verifyCitations(offline.proposed, hits.map((h) => h.unit), corpus.units, corpus.documents);
      verified.dropped = dropped;
      answer = offline.answer;
      mode = 'offline';
      fallbackReason = unsupported ? '大模型答案缺少可核验的条款引用，已改用离线答复' : groundingFallbackReason(ungrounded);
    } else if (verified.dropped.length > 0) {
      answer = stripMarkers(answer, verified.dropped.map((d) => d.ref), verified.valid);
    }
    // The model's answer is followed by the amounts computed for the measures it cites.
    if (mode === 'llm' && estimates) {
      const lines = [...new Set(verified.valid.map((c) => c.ref))].map((ref) => estimates.get(ref)).filter((e): e is QuestionEstimate => !!e).map(estimateSentence);
      if (lines.length) answer = `${answer}\n${lines.join('')}`;
    }

    const citedUnits = uniqueUnits(verified.valid, unitByKey);
    const notices = citedUnits.length ? validityNotices(citedUnits, corpus.documents, now()) : [];
    // Asked whether it still applies ("今年还能申请吗"), an ended period is the answer's first words,
    // and the closing line would only repeat it.
    const still = !draft.abstained && ASKS_STILL.test(message);
    if (still) answer = expiredFirst(answer, notices);
    const expiredNotes = conversationNotes(still ? notices.filter((n) => n.status !== 'expired') : notices, history.filter((t) => t.role === 'assistant').map((t) => t.content));
    const finalAnswer = [answer, ...(fallbackReason ? [`（${fallbackReason}）`] : []), ...expiredNotes].join('\n');

    const turnId = newId();
    const response: ChatResponse = {
      answer: finalAnswer,
      citations: verified.valid,
      abstained: draft.abstained,
      sessionId: sessionId!,
      turnId,
      validity: notices.length ? notices : undefined,
      droppedCitations: verified.dropped.map((d) => ({ ...d, reasonText: DROP_REASON_ZH[d.reason] })),
      mode,
      fallbackReason,
      suggestions: draft.suggestions,
      retrieved: hits.map((h) => ({ ref: h.unit.key, label: h.unit.label, score: h.score })),
      resolvedQuestion: query,
      match: company ? { profile: company.profile, measures: company.measures, questions: company.questions } : undefined,
    };
    if (!stateless) {
      await sessions.append(
        sessionId!,
        { role: 'user', content: spoken },
        {
          role: 'assistant',
          content: finalAnswer,
          refs: [...new Set(verified.valid.map((c) => c.ref))],
          turnId,
          citations: verified.valid,
          retrievedRefs: hits.map((h) => h.unit.key),
        },
      );
    }
    return response;
  }

  return {
    async *answerStream(request, signal): AsyncGenerator<AnswerEvent> {
      const response = await answerTurn(request, signal);
      const measures = (response.match as { measures?: unknown[] } | undefined)?.measures ?? [];
      for (const measure of measures) yield { type: 'measure', measure };
      yield* responseEvents(response);
    },
    async answer(request, signal) {
      return answerTurn(request, signal);
    },
  };
}

/** A clause leaving the sum to others ("具体标准由各区自行确定"): quoted when it is why no amount can be given. */
const DEFERS_SUM = /具体(标准|金额|数额|办法)[^。；;]{0,40}(确定|制定|另行|规定)/u;

/** Share of an ask's topic words the whole message's best unit must say for the ask to be about that measure. */
const ASK_COVERED = 0.5;

/** Asking whether it also applies where the asker is ("我们是瑞安的，也行吗", "县里的也能享受吗"). */
const APPLIES_HERE = /(也行|也可以|也能|也适用|适用吗|适不适用|也算|包不包括)/u;

/** "哪天发布的", "什么时候印发": a question about the document's date. */
const ASKS_ISSUE_DATE = /(发布|印发|出台|下发|发文)/u;

/** A company message's best retrieved units: the measures it is about, shown first. */
const MATCH_RELATED = 10;
/** Least weight (idf × expansion weight) of a thesaurus target that names one measure (个转企). */
const MEASURE_TERM_WEIGHT = 2.5;

/**
 * Remembers the last few retrievals: one turn asks for the same message more than once (company
 * check, answer). Results are immutable and the index never changes under a service instance.
 */
function recentlyRetrieved(inner: Retriever, size = 8): Retriever {
  const cache = new Map<string, Promise<RetrievalResult>>();
  // Words quieted differently are another retrieval: each quiet function gets its own key.
  const quietIds = new WeakMap<(word: string) => boolean, number>();
  let nextQuietId = 1;
  const quietId = (quiet?: (word: string) => boolean) => {
    if (!quiet) return '';
    let id = quietIds.get(quiet);
    if (id === undefined) quietIds.set(quiet, (id = nextQuietId++));
    return String(id);
  };
  return {
    retrieve(query, options = {}) {
      const key = `${options.k ?? ''}|${options.mode ?? ''}|${options.depth ?? ''}|${options.sentences ?? ''}|${quietId(options.quiet)}|${options.docIds ? [...options.docIds].sort().join(',') : '*'}|${query}`;
      let hit = cache.get(key);
      if (hit) {
        cache.delete(key);
      } else {
        hit = inner.retrieve(query, options);
        hit.catch(() => cache.delete(key));
      }
      cache.set(key, hit);
      while (cache.size > size) cache.delete(cache.keys().next().value as string);
      return hit;
    },
  };
}

function withQuietWords(inner: Retriever, quiet: (word: string) => boolean): Retriever {
  return { retrieve: (query, options = {}) => inner.retrieve(query, { quiet, asking: askingText(query), ...options }) };
}

/** A hit for a unit that retrieval did not rank, with neutral sentence scores. */
function syntheticHit(unit: CorpusUnit): RetrievedUnit {
  const passages = splitSentences(unit.text).map((text) => ({ text, score: 0 }));
  return { unit, score: 0, scores: {}, sentences: [], passages, matched: [] };
}

function uniqueUnits(citations: Citation[], byKey: Map<string, CorpusUnit>): CorpusUnit[] {
  const out: CorpusUnit[] = [];
  for (const c of citations) {
    const u = byKey.get(c.ref);
    if (u && !out.includes(u)) out.push(u);
  }
  return out;
}

/** Removes 〔…〕 markers that point at refs whose every citation was dropped. */
function stripMarkers(answer: string, droppedRefs: string[], valid: Citation[]): string {
  const keep = new Set(valid.map((c) => c.label.split(' ')[0]));
  return answer.replace(/〔([^〕]{1,30})〕/gu, (m, label: string) => (keep.has(label) ? m : droppedRefs.length ? '' : m));
}
