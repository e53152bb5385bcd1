import { describe, expect, it } from 'vitest';
import { normalizeRef, verifyCitations } from '../../src/chat/verify-citations.js';
import type { CorpusUnit, DocumentMeta } from '../../src/domain/types.js';

const doc = { id: 'd', title: '测试政策', docNumber: '测〔2024〕1号' } as DocumentMeta;
const unit = (ref: string, text: string, units: string[] = ['市财政局']): CorpusUnit => ({
  ref, key: ref, label: `第${ref}条`, kind: 'clause', number: Number(ref), section: 1,
  title: '标题', text, units, source: { start: 0, end: 0 }, docId: 'd',
});
const u11 = unit('11', '对规模以上企业按存量部分的3%和增量部分的8%给予最高300万元补助。');
const u29 = unit('29', '对首次“小升规”服务业企业给予5万元奖励。', ['市发展改革委', '市财政局']);
const u2 = unit('2', '市级财政2024年预算安排资金32.11亿元。');
const all = [u11, u29, u2];

describe('verifyCitations', () => {
  it('keeps a verbatim quote from a retrieved unit', () => {
    const r = verifyCitations([{ ref: '11', quote: '给予最高300万元补助' }], [u11, u29], all, [doc]);
    expect(r.valid).toEqual([{ ref: '11', label: '第11条', quote: '给予最高300万元补助', docTitle: '测试政策' }]);
    expect(r.dropped).toEqual([]);
  });

  it('accepts quotes that differ only in spacing and character width', () => {
    const r = verifyCitations([{ ref: '第十一条', quote: '给予最高 ３００ 万元补助' }], [u11], all, [doc]);
    expect(r.valid).toHaveLength(1);
    expect(r.valid[0]!.ref).toBe('11');
  });

  it('rejects a clause number that does not exist', () => {
    const r = verifyCitations([{ ref: '99', quote: '给予最高300万元补助' }], [u11], all, [doc]);
    expect(r.valid).toEqual([]);
    expect(r.dropped[0]!.reason).toBe('unknown_ref');
  });

  it('rejects a real clause that was not retrieved for this question', () => {
    const r = verifyCitations([{ ref: '2', quote: '32.11亿元' }], [u11, u29], all, [doc]);
    expect(r.dropped[0]!.reason).toBe('not_retrieved');
  });

  it('rejects a forged or altered quote', () => {
    const r = verifyCitations(
      [
        { ref: '11', quote: '给予最高3000万元补助' },
        { ref: '29', quote: '给予5万元奖励' },
        { ref: '29', quote: '' },
      ],
      [u11, u29],
      all,
      [doc],
    );
    expect(r.valid.map((c) => c.ref)).toEqual(['29']);
    expect(r.dropped.map((d) => d.reason)).toEqual(['quote_not_found', 'empty_quote']);
  });

  it('accepts quotes of the responsibility line', () => {
    const r = verifyCitations([{ ref: '29', quote: '责任单位：市发展改革委、市财政局' }], [u29], all, [doc]);
    expect(r.valid).toHaveLength(1);
  });
});

describe('normalizeRef', () => {
  it('reads refs as models write them', () => {
    expect(normalizeRef('〔第11条〕')).toBe('11');
    expect(normalizeRef('第二十九条')).toBe('29');
    expect(normalizeRef('第二部分 科技创新政策')).toBe('s2');
    expect(normalizeRef('序言')).toBe('preamble');
    expect(normalizeRef('closing')).toBe('closing');
  });
});
