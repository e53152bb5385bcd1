// Reads corpus/raw (*.meta.json + the text each names), validates metadata, segments (I/O edge).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus, DocumentMeta } from '../domain/types.js';
import { AppError } from '../domain/errors.js';
import { DocumentMetaSchema } from './document-meta.js';
import { segmentDocument } from './segment.js';
import { buildCorpus, type SegmentedDocument } from './build-corpus.js';

export interface LoadedCorpus extends Corpus {
  warnings: string[];
}

export function loadCorpus(corpusDir: string): LoadedCorpus {
  const rawDir = join(corpusDir, 'raw');
  if (!existsSync(rawDir)) throw new AppError('CORPUS_INVALID', `语料目录不存在：${rawDir}`);
  const metaFiles = readdirSync(rawDir).filter((f) => f.endsWith('.meta.json')).sort();
  if (metaFiles.length === 0) throw new AppError('CORPUS_INVALID', `语料目录中没有 *.meta.json 元数据文件：${rawDir}`);
  const warnings: string[] = [];
  const docs: SegmentedDocument[] = metaFiles.map((file) => {
    const parsed = DocumentMetaSchema.safeParse(JSON.parse(readFileSync(join(rawDir, file), 'utf8')));
    if (!parsed.success) {
      throw new AppError('CORPUS_INVALID', `元数据文件 ${file} 无效：${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`);
    }
    const meta: DocumentMeta = parsed.data;
    const raw = readFileSync(join(rawDir, meta.file), 'utf8');
    const { units, warnings: w } = segmentDocument(raw);
    warnings.push(...w.map((x) => `${meta.id}: ${x}`));
    return { meta, raw, units };
  });
  return { ...buildCorpus(docs), warnings };
}
