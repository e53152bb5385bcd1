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
  const units: CorpusUnit[] = docs.flatMap(({ meta, units: us }) =>
    us.map((u) => ({ ...u, docId: meta.id, key: unitKey(meta.id, u.ref), label: unitLabel(u) })),
  );
  const hash = createHash('sha256');
  for (const { meta, raw } of docs) hash.update(JSON.stringify(meta)).update('\0').update(raw).update('\0');
  return { documents: docs.map((d) => d.meta), units, hash: hash.digest('hex').slice(0, 16) };
}

/**
 * Finds a unit by its key "<docId>:<ref>". An unqualified ref is read within `docId` when one is
 * given, else accepted only when exactly one document holds it (see unitsNamed for the choices).
 */
export function findUnit(corpus: Corpus, key: string, docId?: string): CorpusUnit | undefined {
  const exact = corpus.units.find((u) => u.key === key);
  if (exact) return exact;
  if (key.includes(':')) return undefined;
  const matches = unitsNamed(corpus, key).filter((u) => docId === undefined || u.docId === docId);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Every unit whose unqualified ref is `ref`, one per document that has it. */
export function unitsNamed(corpus: Corpus, ref: string): CorpusUnit[] {
  return corpus.units.filter((u) => u.ref === ref);
}

export function documentOf(corpus: Corpus, unit: CorpusUnit): DocumentMeta {
  const doc = corpus.documents.find((d) => d.id === unit.docId);
  if (!doc) throw new Error(`unit ${unit.key} has no document`);
  return doc;
}
