// Loads the corpus from the document registry (I/O edge): every document not withdrawn, with the
// units stored at ingest. A document whose stored units are missing or were made by another
// segmenter version, or from another text, is segmented again in memory and reported, so the
// caller (the CLI) can store the fresh units; start-up normally segments nothing.
import { createHash } from 'node:crypto';
import type { Corpus, PolicyUnit } from '../domain/types.js';
import type { DocumentStore, StoredUnits } from '../domain/ports.js';
import { AppError } from '../domain/errors.js';
import { segmentDocument } from './segment.js';
import { SEGMENTER_VERSION } from './segmenter-version.js';
import { buildCorpus, type SegmentedDocument } from './build-corpus.js';
import { duplicateUnitWarnings } from './duplicate-units.js';
import { createFileDocumentStore } from '../storage/files/file-document-store.js';

export interface LoadedCorpus extends Corpus {
  warnings: string[];
  /** Documents segmented at load (their stored units were missing or stale), with fresh units. */
  resegmented: Array<{ docId: string; units: StoredUnits }>;
}

export const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Units for a text: the stored ones when they are current, else a fresh segmentation. */
export function unitsFor(text: string, stored: StoredUnits | null): { units: StoredUnits; fresh: boolean } {
  const textSha256 = sha256Text(text);
  if (stored && stored.segmenterVersion === SEGMENTER_VERSION && stored.textSha256 === textSha256) return { units: stored, fresh: false };
  const { units, warnings } = segmentDocument(text);
  return { units: { segmenterVersion: SEGMENTER_VERSION, textSha256, units, warnings }, fresh: true };
}

export async function loadCorpusFrom(store: DocumentStore): Promise<LoadedCorpus> {
  const metas = (await store.list()).filter((m) => !m.withdrawnAt);
  if (metas.length === 0) throw new AppError('CORPUS_INVALID', '语料库中没有可用的文件：请先用 npm run cli -- ingest <文件> 添加文件。');
  const warnings: string[] = [];
  const resegmented: LoadedCorpus['resegmented'] = [];
  const docs: SegmentedDocument[] = [];
  for (const meta of metas) {
    const stored = await store.get(meta.id);
    if (!stored) continue;
    const { units, fresh } = unitsFor(stored.text, stored.units);
    if (fresh) resegmented.push({ docId: meta.id, units });
    warnings.push(...[...units.warnings, ...duplicateUnitWarnings(units.units)].map((w) => `${meta.id}: ${w}`));
    docs.push({ meta: stored.meta, raw: stored.text, units: units.units as PolicyUnit[] });
  }
  return { ...buildCorpus(docs), warnings, resegmented };
}

/** The corpus of a corpus folder (corpus/meta, raw, text, units). */
export function loadCorpus(corpusDir: string): Promise<LoadedCorpus> {
  return loadCorpusFrom(createFileDocumentStore(corpusDir));
}
