// Synthetic corpora for benchmarks: new units recombined from the sentences of real clauses
// with a seeded generator, so sizes of 10k or 100k units keep realistic vocabulary (pure).
import type { Corpus, CorpusUnit } from '../domain/types.js';
import { splitSentences } from '../retrieval/sentences.js';

/** Mulberry32: small, fast, seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCorpus(real: Corpus, size: number, seed = 7): Corpus {
  const random = seededRandom(seed);
  const clauses = real.units.filter((u) => u.kind === 'clause');
  const sentences = clauses.flatMap((u) => splitSentences(u.text));
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const units: CorpusUnit[] = [];
  for (let i = 0; i < size; i++) {
    const base = pick(clauses);
    const n = 2 + Math.floor(random() * 4);
    const text = Array.from({ length: n }, () => pick(sentences)).join('');
    units.push({
      ...base,
      ref: String(i + 1),
      key: `syn:${i + 1}`,
      label: `第${i + 1}条`,
      number: i + 1,
      title: splitSentences(text)[0]!.replace(/。$/, '').slice(0, 30),
      text,
      docId: 'syn',
    });
  }
  return { documents: real.documents, units, hash: `syn-${size}-${seed}` };
}
