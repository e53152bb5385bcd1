// mergeProfiles: later statements override earlier ones, lists accumulate.
import { describe, expect, it } from 'vitest';
import { extractAndMerge } from '../../src/matching/extract-profile.js';
import { mergeProfiles } from '../../src/matching/merge-profiles.js';

describe('mergeProfiles', () => {
  it('later scalar values override earlier ones', () => {
    const p = mergeProfiles({ revenue: 1, aboveScale: true }, { revenue: 2 });
    expect(p).toEqual({ revenue: 2, aboveScale: true });
  });

  it('an explicit negation overrides an earlier positive', () => {
    const p = mergeProfiles({ aboveScale: true, exporting: true }, { aboveScale: false });
    expect(p.aboveScale).toBe(false);
    expect(p.exporting).toBe(true);
  });

  it('moves a qualification between held and lacking', () => {
    const a = mergeProfiles({ qualifications: ['high_tech', 'tech_sme'] }, { lacksQualifications: ['high_tech'] });
    expect(a.qualifications).toEqual(['tech_sme']);
    expect(a.lacksQualifications).toEqual(['high_tech']);
    const b = mergeProfiles(a, { qualifications: ['high_tech'] });
    expect(b.qualifications).toEqual(['tech_sme', 'high_tech']);
    expect(b.lacksQualifications).toEqual([]);
  });

  it('accumulates industries', () => {
    expect(mergeProfiles({ industries: ['manufacturing'] }, { industries: ['foreign_trade'] }).industries)
      .toEqual(['manufacturing', 'foreign_trade']);
  });

  it('a Wenzhou region replaces an earlier other city', () => {
    const p = mergeProfiles({ region: 'other', cityName: '杭州', inWenzhou: false }, { region: 'ruian' });
    expect(p).toEqual({ region: 'ruian', inWenzhou: true });
  });

  it('not above scale withdraws first-time above scale', () => {
    const p = mergeProfiles({ aboveScale: true, firstTimeAboveScale: true }, { aboveScale: false });
    expect(p.firstTimeAboveScale).toBe(false);
  });

  it('accumulates across chat turns through extraction', () => {
    let p = extractAndMerge(undefined, '我们是瑞安的汽配企业，是规上，已经认定高新');
    expect(p.aboveScale).toBe(true);
    expect(p.qualifications).toEqual(['high_tech']);
    p = extractAndMerge(p, '不好意思说错了，其实还不是规上，高新也还没认定下来');
    expect(p.aboveScale).toBe(false);
    expect(p.qualifications).toEqual([]);
    expect(p.lacksQualifications).toEqual(['high_tech']);
    p = extractAndMerge(p, '去年研发费用300万');
    expect(p.region).toBe('ruian');
    expect(p.rdExpenseLastYear).toBe(3_000_000);
    expect(p.aboveScale).toBe(false);
  });
});
