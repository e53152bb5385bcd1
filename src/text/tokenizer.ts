// Tokenizer contract shared by BM25, local embeddings and sentence scoring.

export interface Tokenizer {
  /** Stable id, recorded in index manifests (changes when dictionaries change). */
  readonly id: string;
  /** Words for indexing and querying: normalised, stop words and punctuation removed. */
  tokenize(text: string): string[];
  /** Offsets in `text` where a word of its plain segmentation starts or ends (word boundaries for phrase matching). */
  wordStarts?(text: string): Set<number>;
  /** Words of the text the segmenter tags as glue rather than content (pronouns, adverbs, particles,
   * measure words, idioms: 自己, 再, 那块, 没得说), by part of speech. */
  fillerWords?(text: string): Set<string>;
}

/** True for tokens made only of punctuation, symbols or whitespace. */
export function isPunctuation(token: string): boolean {
  return !/[\p{L}\p{N}]/u.test(token);
}

/** Joins runs of single digits / decimal points that a word segmenter split apart ("5","0","0" → "500"). */
export function mergeDigitRuns(tokens: string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /^[0-9.]+$/.test(t) && /^[0-9.]+$/.test(prev)) {
      out[out.length - 1] = prev + t;
    } else {
      out.push(t);
    }
  }
  return out;
}
