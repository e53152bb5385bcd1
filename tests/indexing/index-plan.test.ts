// Pure planning of incremental index updates: document hashes, diffs, tombstones, compaction.
import { describe, expect, it } from 'vitest';
import { compactionReason, corpusDocuments, diffDocuments, liveDocuments, retireDocuments, segmentFor, type Segment } from '../../src/indexing/index-plan.js';
import type { CorpusUnit } from '../../src/domain/types.js';

const unit = (docId: string, ref: string): CorpusUnit => ({ docId, key: `${docId}:${ref}`, ref } as unknown as CorpusUnit);
const units = [unit('a', '1'), unit('b', '1'), unit('a', '2'), unit('c', '1')];
const texts = ['甲一', '乙一', '甲二', '丙一'];
const files = { tokensFile: 't.json', vectorsFile: 'v.hnsw' };

describe('index plan', () => {
  it('groups units into documents in first-appearance order with content hashes', () => {
    const docs = corpusDocuments(units, texts);
    expect(docs.map((d) => [d.docId, d.positions])).toEqual([['a', [0, 2]], ['b', [1]], ['c', [3]]]);
    const edited = corpusDocuments(units, ['甲一', '乙一', '甲二（修订）', '丙一']);
    expect(edited[0]!.hash).not.toBe(docs[0]!.hash);
    expect(edited[1]!.hash).toBe(docs[1]!.hash);
    const rekeyed = corpusDocuments([unit('a', '1'), unit('b', '1'), unit('a', '3'), unit('c', '1')], texts);
    expect(rekeyed[0]!.hash).not.toBe(docs[0]!.hash);
  });

  it('diffs stored and current documents', () => {
    const stored = new Map([['a', 'h1'], ['b', 'h2'], ['x', 'h3']]);
    const current = [{ docId: 'a', hash: 'h1', positions: [] }, { docId: 'b', hash: 'changed', positions: [] }, { docId: 'c', hash: 'h4', positions: [] }];
    expect(diffDocuments(stored, current)).toEqual({ added: ['c'], replaced: ['b'], removed: ['x'] });
  });

  it('tombstones retired documents and drops segments with nothing live', () => {
    const docs = corpusDocuments(units, texts);
    const base = segmentFor('base', files, docs, units);
    expect(base.unitKeys).toEqual(['a:1', 'a:2', 'b:1', 'c:1']);
    const delta = segmentFor('delta-0001', files, docs.slice(1, 2), units);
    const after = retireDocuments([base, delta], ['a', 'b']);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: 'base', tombstones: ['a:1', 'a:2', 'b:1'] });
    expect([...liveDocuments(after).keys()]).toEqual(['c']);
    expect(base.tombstones).toEqual([]); // inputs untouched
  });

  it('asks for compaction past the tombstone ratio or segment count', () => {
    const seg = (n: number, dead: number): Segment => ({ id: 's', ...files, unitKeys: Array.from({ length: n }, (_, i) => String(i)), docs: {}, tombstones: Array.from({ length: dead }, (_, i) => String(i)) });
    expect(compactionReason([seg(100, 30)])).toBeUndefined();
    expect(compactionReason([seg(100, 31)])).toBe('已删除单元占 31%，超过 30%，需要压缩');
    expect(compactionReason(Array.from({ length: 24 }, () => seg(10, 0)))).toBeUndefined();
    expect(compactionReason(Array.from({ length: 25 }, () => seg(10, 0)))).toBe('索引段数 25 超过 24，需要压缩');
  });
});
