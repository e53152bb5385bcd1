// Synthetic corpora for benchmarks and tests: new units recombined from the sentences of real
// clauses with a seeded generator, so sizes of 10k or 100k units keep realistic vocabulary (pure).
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

/** `count` clause-like units of one document, keys `<docId>:<n>`. */
export function syntheticDocument(real: Corpus, docId: string, count: number, seed = 7): CorpusUnit[] {
  return generate(real, count, seed, () => docId);
}

/**
 * A corpus of `size` units. With `unitsPerDoc` the units form documents `syn-0001`, `syn-0002`, …
 * (keys `<docId>:<n>`); without it they form one document `syn`.
 */
export function syntheticCorpus(real: Corpus, size: number, { seed = 7, unitsPerDoc }: { seed?: number; unitsPerDoc?: number } = {}): Corpus {
  const docOf = unitsPerDoc ? (i: number) => `syn-${String(Math.floor(i / unitsPerDoc) + 1).padStart(4, '0')}` : () => 'syn';
  const units = generate(real, size, seed, docOf);
  return { documents: real.documents, units, hash: `syn-${size}-${seed}${unitsPerDoc ? `-d${unitsPerDoc}` : ''}` };
}

function generate(real: Corpus, size: number, seed: number, docOf: (i: number) => string): CorpusUnit[] {
  const random = seededRandom(seed);
  const clauses = real.units.filter((u) => u.kind === 'clause');
  const sentences = clauses.flatMap((u) => splitSentences(u.text));
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const units: CorpusUnit[] = [];
  const counters = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    const base = pick(clauses);
    const n = 2 + Math.floor(random() * 4);
    const text = Array.from({ length: n }, () => pick(sentences)).join('');
    const docId = docOf(i);
    const number = (counters.get(docId) ?? 0) + 1;
    counters.set(docId, number);
    units.push({
      ...base,
      ref: String(number),
      key: `${docId}:${number}`,
      label: `第${number}条`,
      number,
      title: splitSentences(text)[0]!.replace(/。$/, '').slice(0, 30),
      text,
      docId,
    });
  }
  return units;
}
