// Local, offline embeddings behind LangChain's Embeddings interface: hashed TF-IDF over
// jieba words and character n-grams, L2-normalised. No network, no model download.
import { Embeddings } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import type { Tokenizer } from '../text/tokenizer.js';
import { computeIdf, DEFAULT_FEATURES, extractFeatures, hashToVector, type FeatureOptions } from './hashed-features.js';

export interface LocalEmbeddingsState {
  dimension: number;
  features?: FeatureOptions;
  /** Exponent applied to idf (>1 favours rare, topical features). */
  idfPower?: number;
  docCount: number;
  idf: Record<string, number>;
}

export class LocalHashEmbeddings extends Embeddings {
  readonly dimension: number;
  readonly id: string;
  private readonly tokenizer: Tokenizer;
  private readonly state: LocalEmbeddingsState;
  private readonly unknownIdf: number;

  constructor({ tokenizer, state }: { tokenizer: Tokenizer; state: LocalEmbeddingsState }) {
    super({});
    this.tokenizer = tokenizer;
    this.state = state;
    this.dimension = state.dimension;
    // Features never seen in the corpus carry no shared signal; weight them like the rarest seen.
    this.unknownIdf = Math.log(state.docCount + 1) + 1;
    const digest = createHash('sha1').update(JSON.stringify(state.idf)).digest('hex').slice(0, 10);
    this.id = `local-hash-v2:d${state.dimension}:${tokenizer.id}:${digest}`;
  }

  /** Learns idf weights from the corpus texts. */
  static fit({
    tokenizer,
    texts,
    dimension = 512,
    features = DEFAULT_FEATURES,
    idfPower = 0.75,
    tokens,
  }: {
    tokenizer: Tokenizer;
    texts: string[];
    /** The texts' words from `tokenizer`, when the caller has them already. */
    tokens?: readonly string[][];
    dimension?: number;
    features?: FeatureOptions;
    idfPower?: number;
  }): LocalHashEmbeddings {
    const feats = texts.map((t, i) => extractFeatures(tokens?.[i] ?? tokenizer.tokenize(t), t));
    const { idf, docCount } = computeIdf(feats);
    return new LocalHashEmbeddings({ tokenizer, state: { dimension, docCount, idf, features, idfPower } });
  }

  exportState(): LocalEmbeddingsState {
    return this.state;
  }

  /** Embeds text; pass `tokens` when the caller already tokenised it with the same tokenizer. */
  embedSync(text: string, tokens?: readonly string[]): Float32Array {
    const feats = extractFeatures(tokens ?? this.tokenizer.tokenize(text), text);
    const power = this.state.idfPower ?? 1;
    return hashToVector(feats, this.dimension, (k) => (this.state.idf[k] ?? this.unknownIdf) ** power, this.state.features ?? DEFAULT_FEATURES);
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => Array.from(this.embedSync(d)));
  }

  async embedQuery(document: string): Promise<number[]> {
    return Array.from(this.embedSync(document));
  }
}
