// A corpus folder with a synthetic corpus beside the real documents, for benchmarks of the real
// server: `units` clause-like units in documents of `perDoc` units (syntheticDocument), each
// stored through the DocumentStore with its units, so that start-up segments nothing.
import { cpSync } from 'node:fs';
import type { PolicyUnit } from '../domain/types.js';
import { loadCorpus, sha256Text } from '../corpus/load-corpus.js';
import { SEGMENTER_VERSION } from '../corpus/segmenter-version.js';
import { createFileDocumentStore } from '../storage/files/file-document-store.js';
import { syntheticDocument } from './synthetic-corpus.js';

export async function writeSyntheticCorpusDir({ from, to, units, perDoc = 1000 }: { from: string; to: string; units: number; perDoc?: number }): Promise<number> {
  cpSync(from, to, { recursive: true });
  const real = await loadCorpus(from);
  const store = createFileDocumentStore(to);
  const template = (await store.get(real.documents[0]!.id))!.meta;
  let written = 0;
  for (let d = 0; written < units; d++) {
    const docId = `syn-${String(d + 1).padStart(4, '0')}`;
    const count = Math.min(perDoc, units - written);
    let offset = 0;
    const parts: string[] = [];
    const stored: PolicyUnit[] = syntheticDocument(real, docId, count, 100 + d).map((u) => {
      const start = offset;
      parts.push(u.text);
      offset += u.text.length + 1;
      return { ref: u.ref, kind: 'clause', number: u.number, section: null, title: u.title, text: u.text, units: u.units, source: { start, end: start + u.text.length } };
    });
    const text = parts.join('\n');
    await store.put({
      meta: { ...template, id: docId, title: `合成政策文件第${d + 1}号`, shortTitle: `合成文件${d + 1}`, docNumber: null, file: `text/${docId}.txt`, supersedes: [], successor: null, withdrawnAt: null },
      original: { bytes: Buffer.from(text, 'utf8'), extension: 'txt' },
      text,
      units: { segmenterVersion: SEGMENTER_VERSION, textSha256: sha256Text(text), units: stored, warnings: [] },
    });
    written += count;
  }
  return written;
}
