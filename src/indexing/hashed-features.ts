// Sparse hashed feature vectors: jieba words plus CJK character n-grams (pure).

export interface FeatureOptions {
  /** Weight of word features relative to character n-grams. */
  wordWeight: number;
  bigramWeight: number;
  trigramWeight: number;
}

export const DEFAULT_FEATURES: FeatureOptions = { wordWeight: 1, bigramWeight: 0.3, trigramWeight: 0.1 };

/** 32-bit FNV-1a hash of a string. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Feature keys with occurrence counts: "w:研发费用", "b:研发", "t:研发费". */
export function extractFeatures(words: readonly string[], text: string): Map<string, number> {
  const feats = new Map<string, number>();
  const add = (key: string) => feats.set(key, (feats.get(key) ?? 0) + 1);
  for (const w of words) add(`w:${w}`);
  // Character n-grams over runs of CJK / alphanumerics only, so punctuation never joins grams.
  const runs = text.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}a-z0-9%.]+/gu) ?? [];
  for (const run of runs) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i++) {
      add(`b:${chars[i]}${chars[i + 1]}`);
      if (i + 2 < chars.length) add(`t:${chars[i]}${chars[i + 1]}${chars[i + 2]}`);
    }
  }
  return feats;
}

/** Weight of a feature kind, read from its key prefix. */
export function featureWeight(key: string, opts: FeatureOptions = DEFAULT_FEATURES): number {
  if (key.startsWith('w:')) return opts.wordWeight;
  if (key.startsWith('b:')) return opts.bigramWeight;
  return opts.trigramWeight;
}

/**
 * Projects counted features into a dense L2-normalised vector by signed hashing:
 * each feature adds weight × (1 + ln count) × idf to its bucket.
 */
export function hashToVector(
  feats: Map<string, number>,
  dimension: number,
  idf: (key: string) => number,
  opts: FeatureOptions = DEFAULT_FEATURES,
): Float32Array {
  const v = new Float32Array(dimension);
  for (const [key, count] of feats) {
    const h = fnv1a(key);
    const sign = h & 0x80000000 ? -1 : 1;
    v[h % dimension]! += sign * featureWeight(key, opts) * (1 + Math.log(count)) * idf(key);
  }
  let norm = 0;
  for (let i = 0; i < dimension; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dimension; i++) v[i]! /= norm;
  return v;
}

/** Smoothed idf table from document feature sets. */
export function computeIdf(docFeatures: Iterable<Map<string, number>>): { idf: Record<string, number>; docCount: number } {
  const df = new Map<string, number>();
  let n = 0;
  for (const feats of docFeatures) {
    n++;
    for (const key of feats.keys()) df.set(key, (df.get(key) ?? 0) + 1);
  }
  const idf: Record<string, number> = {};
  for (const [key, d] of df) idf[key] = Math.log((n + 1) / (d + 1)) + 1;
  return { idf, docCount: n };
}
