// Composition of every service the server, the CLI and the eval runner need, from a Config.
import { documentName } from '../corpus/document-name.js';
import { addPlaceAliases, contains, placesInText, resolveRegion } from '../ingest/divisions.js';
import { parsePlaceAliases, parseThesaurus } from '../text/dictionaries.js';
import { readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { ChatService } from '../domain/chat.js';
import { loadSearchServices, type SearchServices } from './search-services.js';
import { createDirectResolver } from '../retrieval/direct-ref.js';
import { createChatService } from '../chat/chat-service.js';
import { createMemorySessionStore, type SessionStore } from '../chat/session-store.js';
import { parseRegions, scopeRestatements, scopeTermsBesideThesaurus, type GuardContext } from '../chat/guard.js';
import { parseAlternatives } from '../chat/alternatives.js';
import { createLlmAnswerer, type LlmAnswerer, type StructuredMethod } from '../chat/llm-answerer.js';
import { loadAnswerPrompts, loadExtractionPrompt, loadRewritePrompt } from '../chat/prompts.js';
import { createChatModel } from '../llm/openai-adapter.js';
import type { RetrievalMode } from '../retrieval/hybrid-retriever.js';
import type { ProgressFn } from '../indexing/index-store.js';
import { createMatchService, type MatchService } from '../matching/match-service.js';
import { loadFactFiles, loadRules } from '../rules/load-rules.js';
import { createFileRuleStore, type RuleStore } from '../rules/rule-store.js';
import type { FactFile } from '../rules/fact-registry.js';
import type { DocumentStore } from '../domain/ports.js';
import { createLlmExtractor, createOfflineExtractor, type ProfileExtractor } from '../matching/llm-extract.js';
import { createProfileExtraction } from '../matching/extract-profile.js';
import { summarizeProfile } from '../matching/summarize-profile.js';
import { createQuestionEstimator } from './question-estimates.js';
import { createLlmQueryRewriter, type QueryRewriter } from '../chat/query-rewriter.js';
import type { CompanyProfile } from '../matching/profile.js';
import type { CompanyMatch } from '../chat/company-answer.js';

export interface AppServices {
  config: Config;
  search: SearchServices;
  chat: ChatService;
  match: MatchService;
  sessions: SessionStore;
  llm?: LlmAnswerer;
  now: () => Date;
  startedAt: Date;
}

export interface AppServiceOptions {
  now?: () => Date;
  log?: (msg: string) => void;
  onProgress?: ProgressFn;
  retrievalMode?: RetrievalMode;
  answerer?: 'offline' | 'llm';
  sessions?: SessionStore;
  /** The document registry and its rules (default: the corpus folder); see storage/open-registry.ts. */
  registry?: { documents: DocumentStore; rules: RuleStore; factFiles(): Promise<FactFile[]> };
  /** 'never' on a replica following another's published index (see loadSearchServices). */
  indexBuild?: 'allow' | 'never';
}

export function guardContext(search: SearchServices, corpusDir: string): GuardContext {
  const regionsFile = join(corpusDir, 'dict', 'regions.txt');
  const scopeFile = join(corpusDir, 'dict', 'out-of-scope.txt');
  const alternativesFile = join(corpusDir, 'dict', 'alternatives.txt');
  const thesaurusFile = join(corpusDir, 'dict', 'thesaurus.txt');
  const corpusText = search.corpus.units.map((u) => u.text).join('\n');
  const thesaurus = existsSync(thesaurusFile) ? parseThesaurus(readFileSync(thesaurusFile, 'utf8')) : [];
  const outOfScope = existsSync(scopeFile) ? scopeTermsBesideThesaurus(parseRegions(readFileSync(scopeFile, 'utf8')), thesaurus, corpusText) : [];
  return {
    alternatives: existsSync(alternativesFile) ? parseAlternatives(readFileSync(alternativesFile, 'utf8')) : [],
    outOfScope,
    scopeRestatements: scopeRestatements(outOfScope, thesaurus),
    documents: search.corpus.documents,
    corpusText,
    regions: existsSync(regionsFile) ? parseRegions(readFileSync(regionsFile, 'utf8')) : [],
    maxClause: Math.max(0, ...search.corpus.units.filter((u) => u.kind === 'clause').map((u) => u.number ?? 0)),
  };
}

export function createLlm(config: Config, docTitles: string): LlmAnswerer | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return createLlmAnswerer({
    model: createChatModel(config),
    modelName: config.OPENAI_MODEL,
    prompts: loadAnswerPrompts(resolve(config.PROMPTS_DIR)),
    timeoutMs: config.LLM_TIMEOUT_MS,
    method: config.LLM_STRUCTURED_METHOD as StructuredMethod,
    docTitles,
    streaming: config.LLM_STREAMING,
  });
}

/** The query rewriter when a model is configured (prompts/rewrite-query.v1.md). */
export function createRewriter(config: Config): QueryRewriter {
  return createLlmQueryRewriter({
    model: createChatModel(config, { streaming: false }),
    instructions: loadRewritePrompt(resolve(config.PROMPTS_DIR)) ?? '把用户的问题改写成政策文件中的正式说法，只输出检索短语。',
    timeoutMs: config.LLM_TIMEOUT_MS,
    method: config.LLM_STRUCTURED_METHOD as StructuredMethod,
  });
}

/** Well-known areas that are not divisions (corpus/dict/place-aliases.txt), read as the division they lie in. */
export function loadPlaceAliases(corpusDir: string, log?: (msg: string) => void): void {
  const file = join(corpusDir, 'dict', 'place-aliases.txt');
  if (!existsSync(file)) return;
  const unresolved = addPlaceAliases(parsePlaceAliases(readFileSync(file, 'utf8')));
  if (unresolved.length) log?.(`地名别称：以下行政区划未找到，已跳过：${unresolved.join('；')}`);
}

export async function createAppServices(config: Config, opts: AppServiceOptions = {}): Promise<AppServices> {
  const now = opts.now ?? (() => new Date());
  loadPlaceAliases(resolve(config.CORPUS_DIR), opts.log);
  const search = await loadSearchServices(config, { log: opts.log, onProgress: opts.onProgress, documents: opts.registry?.documents, indexBuild: opts.indexBuild });
  const docTitles = search.corpus.documents.map((d) => documentName(d)).join('、');
  const useLlm = opts.answerer ? opts.answerer === 'llm' : Boolean(config.OPENAI_API_KEY);
  if (useLlm && !config.OPENAI_API_KEY) throw new Error('使用大模型答复需要设置 OPENAI_API_KEY');
  const llm = useLlm ? createLlm(config, docTitles) : undefined;
  const sessions =
    opts.sessions ??
    createMemorySessionStore({
      ttlMs: config.SESSION_TTL_MINUTES * 60_000,
      maxSessions: config.MAX_SESSIONS,
      maxTurns: config.MAX_TURNS_PER_SESSION,
      now: () => now().getTime(),
    });
  // Rules of every document, checked against its units as they load; a document without a rule
  // file (a new ingest) gets offline drafts, shown as 待核实 until staff review them.
  const corpusDir = resolve(config.CORPUS_DIR);
  const rules = await loadRules({
    store: opts.registry?.rules ?? createFileRuleStore(join(corpusDir, 'rules')),
    factFiles: opts.registry ? await opts.registry.factFiles() : await loadFactFiles(join(corpusDir, 'facts')),
    documents: search.corpus.documents,
    units: search.corpus.units,
    places: placesInText,
    contains,
    log: opts.log,
  });
  // Keywords match on word boundaries; each chat message is extracted once for all its callers.
  const home = resolveRegion(config.DEFAULT_REGION);
  const extraction = createProfileExtraction({
    tokenizer: search.text.tokenizer,
    registry: rules.registry,
    places: { placesInText, resolveRegion },
    ...(home ? { regionContext: home.code } : {}),
    heldRegions: search.corpus.documents.filter((d) => d.regionCode && d.regionCode !== '000000').map((d) => ({ code: d.regionCode!, name: d.region })),
    contains,
    today: now().toISOString().slice(0, 10),
  });
  const offlineExtractor = createOfflineExtractor({ extract: extraction });
  const extractor: ProfileExtractor = llm
    ? createLlmExtractor({
        model: createChatModel(config, { streaming: false }),
        instructions: loadExtractionPrompt(resolve(config.PROMPTS_DIR)),
        fallback: offlineExtractor,
        onFallback: () => opts.log?.('画像抽取：大模型出错，已改用离线规则') })
    : offlineExtractor;
  const match = createMatchService({
    ruleSets: rules.ruleSets,
    registry: rules.registry,
    units: search.corpus.units,
    divisions: { resolveRegion, contains },
    extractor,
    defaultRegion: config.DEFAULT_REGION,
    now,
  });
  const describeCompany = async (message: string, previous?: Record<string, unknown>, region?: string): Promise<CompanyMatch | null> => {
    const found = extraction(message).found;
    if (found.length === 0) return null;
    const r = await match.match({ profile: previous ?? {}, description: message, ...(region ? { region } : {}) });
    return {
      profile: r.profile,
      found,
      summary: summarizeProfile(r.profile as CompanyProfile),
      measures: r.measures.map((m) => ({ ...m, key: m.key })),
      questions: r.questions,
    };
  };
  const chat = createChatService({
    corpus: search.corpus,
    retriever: search.retriever,
    guard: guardContext(search, resolve(config.CORPUS_DIR)),
    sessions,
    resolveDirect: createDirectResolver(search.corpus.units),
    llm,
    now,
    topK: config.RETRIEVAL_TOP_K,
    abstainThreshold: config.ABSTAIN_THRESHOLD,
    retrievalMode: opts.retrievalMode,
    describeCompany,
    companyFacts: (message) => extraction(message).found,
    estimateFor: createQuestionEstimator({ match, statedFields: (message) => extraction(message).found }),
    ...(llm ? { rewriter: createRewriter(config) } : {}),
    divisions: { contains, placesInText, resolveRegion },
    defaultRegion: config.DEFAULT_REGION,
  });
  return { config, search, chat, match, sessions, llm, now, startedAt: now() };
}

