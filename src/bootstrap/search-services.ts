// Composes corpus, text tools, index and retriever from a Config (shared by server, CLI, eval).
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import type { Corpus } from '../domain/types.js';
import { loadCorpus, loadCorpusFrom, type LoadedCorpus } from '../corpus/load-corpus.js';
import { attachExpansions, parseExpansionFile, type ExpansionFile } from '../corpus/unit-expansions.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { DocumentStore } from '../domain/ports.js';
import { AppError } from '../domain/errors.js';
import { loadTextTools, type TextTools } from '../text/load-tokenizer.js';
import { ensureSearchIndex, loadSearchIndex, type EnsureUpdate, type IndexChanges, type ProgressFn, type SearchIndex } from '../indexing/index-store.js';
import { localEmbedderProvider, langchainEmbedderProvider, type EmbedderProvider } from '../indexing/embedder.js';
import { createHybridRetriever, type Retriever } from '../retrieval/hybrid-retriever.js';
import { createDirectResolver } from '../retrieval/direct-ref.js';
import { createOpenAIEmbeddings } from '../llm/openai-adapter.js';

export interface SearchServices {
  corpus: LoadedCorpus;
  text: TextTools;
  index: SearchIndex;
  retriever: Retriever;
  rebuilt: boolean;
  /** Documents added, replaced and withdrawn since the stored index (applied incrementally unless rebuilt). */
  indexChanges?: IndexChanges;
  rebuildReason?: string;
}

export function embedderProviderFor(config: Config, text: TextTools): EmbedderProvider {
  if (config.EMBEDDINGS === 'openai') {
    if (!config.OPENAI_API_KEY) throw new Error('EMBEDDINGS=openai 需要设置 OPENAI_API_KEY');
    return langchainEmbedderProvider(createOpenAIEmbeddings(config), `openai:${config.OPENAI_EMBEDDING_MODEL}`);
  }
  return localEmbedderProvider(text.tokenizer, config.EMBEDDING_DIMENSION);
}

export function createRetriever(corpus: Corpus, text: TextTools, index: SearchIndex): Retriever {
  return createHybridRetriever({
    units: corpus.units,
    tokenizer: text.tokenizer,
    expand: text.expand,
    bm25: index.bm25,
    vectors: index.vectors,
    embedQuery: (q, tokens) => index.embedder.embedQuery(q, tokens),
    resolveDirect: createDirectResolver(corpus.units),
  });
}

export interface SearchLoadOptions {
  log?: (m: string) => void;
  onProgress?: ProgressFn;
  force?: boolean;
  /** The document registry (default: the corpus folder CORPUS_DIR). */
  documents?: DocumentStore;
  /**
   * 'never': load the local index only if it matches the registry, else fail (the caller keeps
   * what it serves) — for a replica following an index another one publishes. Default 'allow'.
   */
  indexBuild?: 'allow' | 'never';
}

const corpusOf = async (config: Config, documents?: DocumentStore): Promise<LoadedCorpus> => {
  const corpus = await (documents ? loadCorpusFrom(documents) : loadCorpus(resolve(config.CORPUS_DIR)));
  const { units, warnings } = attachExpansions(corpus.units, readExpansionFiles(join(resolve(config.CORPUS_DIR), 'expansions'), corpus.warnings));
  return { ...corpus, units, warnings: [...corpus.warnings, ...warnings] };
};

/** corpus/expansions/*.json (everyday words per unit); broken files become warnings. */
function readExpansionFiles(dir: string, warnings: string[]): ExpansionFile[] {
  if (!existsSync(dir)) return [];
  const out: ExpansionFile[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const { file, warning } = parseExpansionFile(name, readFileSync(join(dir, name), 'utf8'));
    if (file) out.push(file);
    if (warning) warnings.push(warning);
  }
  return out;
}

export async function loadSearchServices(config: Config, { log = () => {}, onProgress, force = false, documents, indexBuild = 'allow' }: SearchLoadOptions = {}): Promise<SearchServices> {
  const corpus = await corpusOf(config, documents);
  for (const w of corpus.warnings) log(`语料警告：${w}`);
  const text = loadTextTools(resolve(config.CORPUS_DIR));
  const provider = embedderProviderFor(config, text);
  if (indexBuild === 'never') {
    const loaded = loadSearchIndex({ dataDir: resolve(config.DATA_DIR), corpus, tokenizer: text.tokenizer, provider });
    if (!loaded.ok) throw new AppError('UNAVAILABLE', `本副本的索引与文件库不一致（${loaded.reason}）：等待发布与之对应的索引，本副本不自行构建。`);
    return { corpus, text, index: loaded.index, retriever: createRetriever(corpus, text, loaded.index), rebuilt: false };
  }
  const { index, rebuilt, reason, changed } = await ensureSearchIndex({
    dataDir: join(resolve(config.DATA_DIR)),
    corpus,
    tokenizer: text.tokenizer,
    provider,
    force,
    log,
    onProgress,
  });
  return { corpus, text, index, retriever: createRetriever(corpus, text, index), rebuilt, rebuildReason: reason, indexChanges: changed };
}

/**
 * Brings the stored index up to date with the corpus and publishes it, without loading it (no BM25
 * build, no HNSW reads): for the CLI, whose process ends here; a running server loads on reload.
 */
export async function updateSearchIndex(
  config: Config,
  { log = () => {}, onProgress, force = false, documents }: Omit<SearchLoadOptions, 'indexBuild'> = {},
): Promise<{ corpus: LoadedCorpus; update: EnsureUpdate }> {
  const corpus = await corpusOf(config, documents);
  for (const w of corpus.warnings) log(`语料警告：${w}`);
  const text = loadTextTools(resolve(config.CORPUS_DIR));
  const provider = embedderProviderFor(config, text);
  const update = await ensureSearchIndex({
    dataDir: join(resolve(config.DATA_DIR)),
    corpus,
    tokenizer: text.tokenizer,
    provider,
    force,
    log,
    onProgress,
    load: false,
  });
  return { corpus, update };
}
