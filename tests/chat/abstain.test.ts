import { describe, expect, it } from 'vitest';
import { abstainAnswer } from '../../src/chat/abstain.js';
import type { CorpusUnit, DocumentMeta, RetrievedUnit } from '../../src/domain/types.js';

const doc = (id: string, docNumber: string | null, title: string) => ({ id, docNumber, title, shortTitle: title }) as unknown as DocumentMeta;
const hit = (docId: string, ref: string, title: string): RetrievedUnit => ({
  unit: { docId, ref, key: `${docId}:${ref}`, label: `第${ref}条`, kind: 'clause', number: Number(ref), section: null, title, text: title, units: [], source: { start: 0, end: 1 } } as CorpusUnit,
  score: 1, scores: {}, sentences: [], passages: [], matched: [],
});

describe('abstainAnswer', () => {
  const docs = [doc('a', '甲发〔2031〕1号', '甲文件'), doc('b', null, '乙办法')];
  it('names the document of each closest clause when they come from several', () => {
    const r = abstainAnswer({ verdict: { kind: 'ok' }, documents: docs, hits: [hit('a', '15', '奖补'), hit('b', '15', '担保')] });
    expect(r.text).toContain('甲发〔2031〕1号第15条（奖补）、乙办法第15条（担保）');
  });
  it('keeps the bare label when they come from one document', () => {
    const r = abstainAnswer({ verdict: { kind: 'ok' }, documents: docs, hits: [hit('a', '15', '奖补'), hit('a', '16', '贴息')] });
    expect(r.text).toContain('最接近的内容是第15条（奖补）、第16条（贴息）');
  });
});
