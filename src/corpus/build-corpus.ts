// Assembles segmented documents into one Corpus with canonical keys and labels (pure).
import { createHash } from 'node:crypto';
import type { Corpus, CorpusUnit, DocumentMeta, PolicyUnit } from '../domain/types.js';
import { unitKey, unitLabel } from './labels.js';

export interface SegmentedDocument {
  meta: DocumentMeta;
  raw: string;
  units: PolicyUnit[];
}

export function buildCorpus(docs: SegmentedDocument[]): Corpus {
  const multi = docs.length > 1;
  const units: CorpusUnit[] = docs.flatMap(({ meta, units: us }) =>
    us.map((u) => ({ ...u, docId: meta.id, key: unitKey(meta.id, u.ref, multi), label: unitLabel(u) })),
  );
  const hash = createHash('sha256');
  for (const { meta, raw } of docs) hash.update(JSON.stringify(meta)).update('\0').update(raw).update('\0');
  return { documents: docs.map((d) => d.meta), units, hash: hash.digest('hex').slice(0, 16) };
}

/** Finds a unit by canonical key; accepts an unqualified ref when only one document holds it. */
export function findUnit(corpus: Corpus, key: string): CorpusUnit | undefined {
  const exact = corpus.units.find((u) => u.key === key);
  if (exact) return exact;
  const sep = key.lastIndexOf(':');
  if (sep > 0) {
    const docId = key.slice(0, sep);
    const ref = key.slice(sep + 1);
    return corpus.units.find((u) => u.docId === docId && u.ref === ref);
  }
  const matches = corpus.units.filter((u) => u.ref === key);
  return matches.length === 1 ? matches[0] : undefined;
}

export function documentOf(corpus: Corpus, unit: CorpusUnit): DocumentMeta {
  const doc = corpus.documents.find((d) => d.id === unit.docId);
  if (!doc) throw new Error(`unit ${unit.key} has no document`);
  return doc;
}
