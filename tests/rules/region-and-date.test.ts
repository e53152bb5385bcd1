// Matching across jurisdictions and dates: containment (national ⊃ province ⊃ city ⊃ district),
// no measure from a region that does not contain the company's, a region the corpus lacks gets
// national measures only, and the as-of date decides inForce (a unit's own period only for its sentence).
import { describe, expect, it } from 'vitest';
import { contains, resolveRegion } from '../../src/ingest/divisions.js';
import { documentApplies, EXPIRED_LABEL, matchMeasures } from '../../src/matching/engine.js';
import { evaluateCondition } from '../../src/rules/condition.js';
import { CLAUSE, doc, registry, ruleFile, unit } from './rules-fixtures.js';

const code = (name: string) => resolveRegion(name)!.code;

describe('region containment', () => {
  it('national ⊃ province ⊃ city ⊃ district, and not the other way round', () => {
    const chain = ['000000', code('广东省'), code('广州市'), code('广州市天河区')];
    for (let i = 0; i < chain.length; i++) {
      for (let j = i; j < chain.length; j++) expect(contains(chain[i]!, chain[j]!), `${chain[i]} ⊃ ${chain[j]}`).toBe(true);
      for (let j = 0; j < i; j++) expect(contains(chain[i]!, chain[j]!), `${chain[i]} ⊅ ${chain[j]}`).toBe(false);
    }
    expect(contains(code('广州市'), code('成都市'))).toBe(false);
  });

  it('the within operator reads the division table', () => {
    const leaf = { fact: 'registrationRegion', op: 'within' as const, value: code('广州市'), description: '在广州', quote: 'x' };
    const at = (c: string) => evaluateCondition(leaf, { facts: { registrationRegion: c }, contains }).value;
    expect(at(code('广州市天河区'))).toBe('true');
    expect(at(code('成都市'))).toBe('false');
    expect(evaluateCondition(leaf, { facts: {}, contains }).value).toBe('unknown');
  });

  it('a document applies where its jurisdiction contains the region; national ones everywhere', () => {
    const district = doc('d', code('广州市天河区'), 'district-county');
    const national = doc('n', '000000', 'national');
    expect(documentApplies(district, code('广州市天河区'), contains)).toBe(true);
    expect(documentApplies(district, code('广州市越秀区'), contains)).toBe(false);
    expect(documentApplies(district, code('广州市'), contains)).toBe(false);
    expect(documentApplies(national, code('柳河县'), contains)).toBe(true);
  });
});

describe('matching by region', () => {
  const sets = [
    { file: ruleFile('gz-doc'), doc: doc('gz-doc', code('广州市'), 'municipal') },
    { file: ruleFile('nat-doc'), doc: doc('nat-doc', '000000', 'national') },
  ];
  const units = [unit('gz-doc', '1', CLAUSE), unit('nat-doc', '1', CLAUSE)];
  const facts = { entityType: 'enterprise', revenue: 20_000_000 };
  const run = (regionCode: string | null) => matchMeasures({ facts, ruleSets: sets, units, registry, regionCode, asOf: '2024-05-01', contains });

  it('a company inside the city gets the city and the national measure, with keys, title and 文号', () => {
    const ms = run(code('广州市海珠区')).measures;
    expect(ms.map((m) => m.ref).sort()).toEqual(['gz-doc:1', 'nat-doc:1']);
    expect(ms[0]).toMatchObject({ docTitle: expect.stringContaining('标题'), docNumber: expect.stringContaining('〔2024〕1号'), inForce: true });
  });

  it('another region abstains from the city document: only national measures (成都 holds nothing local)', () => {
    expect(run(code('成都市')).measures.map((m) => m.ref)).toEqual(['nat-doc:1']);
  });
});

describe('as-of date', () => {
  const file = ruleFile('dated');
  const d = doc('dated', code('温州市'), 'municipal', { from: '2024-01-01', to: '2024-12-31' });
  const units = [unit('dated', '1', CLAUSE)];
  const current = { file: ruleFile('now'), doc: doc('now', code('温州市'), 'municipal') };
  const run = (asOf: string, sets = [{ file, doc: d }]) =>
    matchMeasures({ facts: { entityType: 'enterprise', revenue: 2e7 }, ruleSets: sets, units: [...units, unit('now', '1', CLAUSE)], registry, regionCode: code('温州市'), asOf, contains });

  it('inside the period the measure is in force', () => {
    const m = run('2024-07-01').measures[0]!;
    expect(m).toMatchObject({ inForce: true, status: 'eligible' });
    expect(m.validityLabel).toBeUndefined();
  });

  it('outside it, the measure is still returned, after current ones, labelled for retroactive claims', () => {
    const ms = run('2025-03-01', [{ file, doc: d }, current]).measures;
    expect(ms.map((m) => m.ref)).toEqual(['now:1', 'dated:1']);
    expect(ms[1]).toMatchObject({ inForce: false, validityLabel: EXPIRED_LABEL, status: 'eligible' });
  });

  it("a unit's own period governs only the sentence that states it", () => {
    const text = '本条措施2024—2027年实施，营业收入达到1000万元的企业，奖励20万元。另对企业培训给予支持';
    const twoBenefits = ruleFile('own', true, '营业收入达到1000万元的企业，奖励20万元');
    twoBenefits.rules[0]!.benefits.push({ text: '培训支持', quote: '另对企业培训给予支持' });
    const own = doc('own', code('温州市'), 'municipal', { from: '2024-01-01', to: '2024-12-31' }, {
      unitValidity: { '1': { from: '2024-01-01', to: '2027-12-31', quote: '本条措施2024—2027年实施' } },
    });
    const r = matchMeasures({ facts: { entityType: 'enterprise', revenue: 2e7 }, ruleSets: [{ file: twoBenefits, doc: own }], units: [unit('own', '1', text)], registry, regionCode: null, asOf: '2026-01-01', contains });
    const m = r.measures[0]!;
    expect(m.inForce).toBe(true);
    expect(m.benefits.map((b) => b.inForce)).toEqual([true, false]);
  });
});
