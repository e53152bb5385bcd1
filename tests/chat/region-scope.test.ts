// Region and document scoping, on the real division table: containment (national ⊃ province ⊃
// city ⊃ district), the places a question names, which documents apply, a place the corpus has
// nothing local for, and 第N条 read within the right document.
import { describe, expect, it } from 'vitest';
import { applicable, heldRegions, scopeRegion } from '../../src/chat/region-scope.js';
import { documentsInContext, documentsNamed, scopeDirect } from '../../src/chat/document-scope.js';
import { contains, placesInText, resolveRegion } from '../../src/ingest/divisions.js';
import type { CorpusUnit, DocumentMeta } from '../../src/domain/types.js';

const divisions = { contains, placesInText, resolveRegion };

const doc = (id: string, regionCode: string, region: string, level: DocumentMeta['level'], extra: Partial<DocumentMeta> = {}): DocumentMeta => ({
  id, title: `${region}某某政策${id}`, docNumber: null, issuer: '某机关', issueDate: null, region, regionCode, level, file: `${id}.txt`,
  validity: null, unitValidity: {}, successor: null, ...extra,
});
const DOCS = [
  doc('nation', '000000', '全国', 'national'),
  doc('zj', '330000', '浙江省', 'provincial'),
  doc('wz', '330300', '浙江省温州市', 'municipal', { docNumber: '温政办〔2031〕7号', title: '温州市促进制造业发展若干政策' }),
  doc('lc', '330302', '浙江省温州市鹿城区', 'district-county'),
  doc('bj', '110000', '北京市', 'provincial'),
];
const unit = (docId: string, ref: string): CorpusUnit => ({ docId, ref, key: `${docId}:${ref}`, label: `第${ref}条`, kind: 'clause', number: Number(ref), section: null, title: 't', text: 't', units: [], source: { start: 0, end: 1 } });

describe('region containment', () => {
  it('national ⊃ province ⊃ city ⊃ district, and not across', () => {
    expect(contains('000000', '330302')).toBe(true);
    expect(contains('330000', '330302')).toBe(true);
    expect(contains('330300', '330302')).toBe(true);
    expect(contains('330302', '330300')).toBe(false);
    expect(contains('330100', '330302')).toBe(false);
    expect(contains('110000', '110108')).toBe(true);
  });

  it('a company in a district gets national, provincial, city and district documents, and nothing from another province', () => {
    const ids = applicable(DOCS, resolveRegion('鹿城区'), divisions).map((d) => d.id);
    expect(ids).toEqual(['nation', 'zj', 'wz', 'lc']);
    expect(applicable(DOCS, resolveRegion('330300'), divisions).map((d) => d.id)).toEqual(['nation', 'zj', 'wz']);
    expect(applicable(DOCS, resolveRegion('北京'), divisions).map((d) => d.id)).toEqual(['nation', 'bj']);
    expect(applicable(DOCS, null, divisions)).toHaveLength(DOCS.length);
  });
});

describe('the region of a question', () => {
  it('a place the question names wins over the deployment default', () => {
    const s = scopeRegion({ message: '我们是北京的科技企业，能申请什么', fallback: '温州市', documents: DOCS, divisions });
    expect(s.kind).toBe('scoped');
    if (s.kind === 'scoped') expect([...s.docIds].sort()).toEqual(['bj', 'nation']);
  });

  it('a district of the default region is read as that district (short names count only at home)', () => {
    const s = scopeRegion({ message: '鹿城这边的小微企业有什么补贴', fallback: '330300', documents: DOCS, divisions });
    expect(s.kind === 'scoped' && s.region?.code).toBe('330302');
    // Two-character words that are also far-away district names do not move the question.
    const plain = scopeRegion({ message: '今年新建的厂房能申请补助吗', fallback: '温州市', documents: DOCS, divisions });
    expect(plain.kind === 'scoped' && plain.stated).toBe(false);
  });

  it('a district named right after its city is that district, also far from home (广州天河, 温州鹿城)', () => {
    const asked = scopeRegion({ message: '温州鹿城的厂子有什么补贴', fallback: '北京市', documents: DOCS, divisions });
    expect(asked.kind === 'scoped' && asked.region?.code).toBe('330302');
    if (asked.kind === 'scoped') expect([...asked.docIds].sort()).toEqual(['lc', 'nation', 'wz', 'zj']);
    const far = scopeRegion({ message: '在广州天河开了家公司', fallback: '温州市', documents: DOCS, divisions });
    expect(far.kind === 'not_held' && far.region.name).toBe('天河区');
    // Without its city in front, a far-away district's short name is an ordinary word.
    const plain = scopeRegion({ message: '天河这个名字好听吗', fallback: '温州市', documents: DOCS, divisions });
    expect(plain.kind === 'scoped' && plain.stated).toBe(false);
  });

  it('a bare district or county name counts far from home when the corpus holds documents of that place', () => {
    const held = [...DOCS, doc('th', '440106', '广东省广州市天河区', 'district-county'), doc('lh', '220524', '吉林省通化市柳河县', 'district-county')];
    const tianhe = scopeRegion({ message: '天河那边招实习生有补贴吗', fallback: '温州市', documents: held, divisions });
    expect(tianhe.kind === 'scoped' && tianhe.region?.code).toBe('440106');
    if (tianhe.kind === 'scoped') expect(tianhe.docIds.has('th') && !tianhe.docIds.has('wz')).toBe(true);
    const liuhe = scopeRegion({ message: '我在柳河办了个药材种植基地', fallback: '温州市', documents: held, divisions });
    expect(liuhe.kind === 'scoped' && liuhe.region?.code).toBe('220524');
    // A short name the corpus holds nothing for is still an ordinary word.
    const plain = scopeRegion({ message: '今年新建的厂房能申请补助吗', fallback: '温州市', documents: held, divisions });
    expect(plain.kind === 'scoped' && plain.stated).toBe(false);
  });

  it('a place the corpus has no local documents for is declined, naming the places it holds', () => {
    const s = scopeRegion({ message: '我们在成都开了家公司，有哪些扶持', fallback: '温州市', documents: DOCS, divisions });
    expect(s.kind).toBe('not_held');
    if (s.kind === 'not_held') {
      expect(s.region.name).toBe('成都市');
      expect(s.held).toEqual(heldRegions(DOCS));
      expect(s.held).toContain('北京市');
    }
  });

  it('two places compared get the documents of both', () => {
    const s = scopeRegion({ message: '北京和温州的政策有什么不同', documents: DOCS, divisions });
    expect(s.kind === 'scoped' && [...s.docIds].sort()).toEqual(['bj', 'nation', 'wz', 'zj']);
  });
});

describe('第N条 within the right document', () => {
  const direct = [unit('nation', '11'), unit('wz', '11'), unit('lc', '11')];
  const rank = (id: string) => ({ nation: 0, zj: 1, wz: 2, lc: 3, bj: 1 })[id] ?? 0;

  it('the document the question names', () => {
    const named = documentsNamed('温政办〔2031〕7号第十一条讲什么', DOCS).map((d) => d.id);
    expect(named).toEqual(['wz']);
    const s = scopeDirect(direct, named, [], rank);
    expect(s.kind === 'scoped' && s.units.map((u) => u.key)).toEqual(['wz:11']);
  });

  it('else the document the conversation was about', () => {
    const context = documentsInContext([{ role: 'user', content: '问' }, { role: 'assistant', content: '答', refs: ['nation:3'] }]);
    expect(context).toEqual(['nation']);
    expect(scopeDirect(direct, [], context, rank)).toMatchObject({ kind: 'scoped', units: [unit('nation', '11')] });
  });

  it('else the most local document; documents equally local make it ambiguous', () => {
    expect(scopeDirect(direct, [], [], rank)).toMatchObject({ kind: 'scoped', units: [unit('lc', '11')] });
    expect(scopeDirect([unit('zj', '2'), unit('bj', '2')], [], [], rank).kind).toBe('ambiguous');
  });
});
