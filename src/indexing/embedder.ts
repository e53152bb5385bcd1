// Embedder providers: how to create an embedder for a corpus and restore it from an index.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Tokenizer } from '../text/tokenizer.js';
import { LocalHashEmbeddings, type LocalEmbeddingsState } from './local-embeddings.js';

export interface QueryEmbedder {
  /** Full id, recorded in the manifest. */
  readonly id: string;
  readonly dimension: number;
  /** `tokens`, when given, are the text's words from the shared tokenizer (saves a pass). */
  embedQuery(text: string, tokens?: string[]): ArrayLike<number> | Promise<ArrayLike<number>>;
  /** `tokens[i]`, when given, are texts[i]'s words from the shared tokenizer (saves a pass). */
  embedDocuments(texts: string[], tokens?: readonly string[][]): Promise<ArrayLike<number>[]>;
  /** Serialisable state to restore the same embedder (local idf tables). */
  exportState(): unknown;
}

export interface EmbedderProvider {
  /** Configuration id: a stored index built with another config id is stale. */
  readonly configId: string;
  /** `tokens[i]`, when given, are texts[i]'s words from the shared tokenizer (saves a pass). */
  fit(texts: string[], tokens?: readonly string[][]): Promise<QueryEmbedder>;
  restore(state: unknown, dimension: number): QueryEmbedder;
}

export function localEmbedderProvider(tokenizer: Tokenizer, dimension = 1024): EmbedderProvider {
  const wrap = (e: LocalHashEmbeddings): QueryEmbedder => ({
    id: e.id,
    dimension: e.dimension,
    embedQuery: (t, tokens) => e.embedSync(t, tokens),
    embedDocuments: async (ts, tokens) => ts.map((t, i) => e.embedSync(t, tokens?.[i])),
    exportState: () => e.exportState(),
  });
  return {
    configId: `local-hash-v2:d${dimension}:${tokenizer.id}`,
    fit: async (texts, tokens) => wrap(LocalHashEmbeddings.fit({ tokenizer, texts, dimension, tokens })),
    restore: (state) => wrap(new LocalHashEmbeddings({ tokenizer, state: state as LocalEmbeddingsState })),
  };
}

/** Any LangChain Embeddings (e.g. OpenAIEmbeddings); the dimension is learned from the first batch. */
export function langchainEmbedderProvider(embeddings: Embeddings, modelId: string, batchSize = 64): EmbedderProvider {
  const make = (dimension: number): QueryEmbedder => ({
    id: modelId,
    dimension,
    embedQuery: (t) => embeddings.embedQuery(t),
    embedDocuments: async (ts) => {
      const out: number[][] = [];
      for (let i = 0; i < ts.length; i += batchSize) out.push(...(await embeddings.embedDocuments(ts.slice(i, i + batchSize))));
      return out;
    },
    exportState: () => null,
  });
  return {
    configId: modelId,
    fit: async (texts) => {
      const probe = await embeddings.embedQuery(texts[0] ?? '政策');
      return make(probe.length);
    },
    restore: (_state, dimension) => make(dimension),
  };
}
