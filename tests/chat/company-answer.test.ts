import { describe, expect, it } from 'vitest';
import { composeCompanyAnswer, isCompanyDescription, type CompanyMatch } from '../../src/chat/company-answer.js';

describe('isCompanyDescription', () => {
  it('matches general asks about the speaker’s own company', () => {
    expect(isCompanyDescription('我们是规上制造企业，去年研发费用500万，能享受什么？', ['aboveScale', 'industries', 'rdExpenseLastYear'])).toBe(true);
    expect(isCompanyDescription('我们是软件企业，有哪些政策', ['industries'])).toBe(true);
  });
  it('matches plain descriptions, also in the third person', () => {
    expect(isCompanyDescription('瑞安市的汽摩配制造企业，规上，去年研发费用500万', ['region', 'industries', 'aboveScale', 'rdExpenseLastYear'])).toBe(true);
    expect(isCompanyDescription('我们在鹿城做外贸', ['region', 'exporting'])).toBe(true);
  });
  it('leaves a bare topic naming its benefit to the clause answer, even when it implies facts', () => {
    // 升规 implies both "above scale" and "first upgrade", yet the message looks up one reward.
    expect(isCompanyDescription('首次升规奖励', ['aboveScale', 'firstUpgrade'])).toBe(false);
    expect(isCompanyDescription('外贸企业出口信保补贴', ['exporting', 'industries'])).toBe(false);
    // A loan or its rate is what is looked up too (科技型中小企业 implies a size and a title).
    expect(isCompanyDescription('科技型中小企业 贷款利率', ['sme', 'qualifications'])).toBe(false);
    // Without a benefit word it is a description; with a known profile a new fact still updates it.
    expect(isCompanyDescription('规上制造企业', ['aboveScale', 'industries'])).toBe(true);
    expect(isCompanyDescription('首次升规奖励', ['aboveScale', 'firstUpgrade'], 0, { knownProfile: true })).toBe(true);
  });
  it('leaves keywords of a place and one title to the clause answer: a place describes no company', () => {
    expect(isCompanyDescription('瑞安 专精特新', ['registrationRegion', 'qualifications', 'lacksQualifications'])).toBe(false);
    expect(isCompanyDescription('鹿城 高企', ['region', 'qualifications'])).toBe(false);
    // Two facts about the company itself still describe it.
    expect(isCompanyDescription('瑞安 规上 制造企业', ['registrationRegion', 'aboveScale', 'industries'])).toBe(true);
  });
  it('leaves specific questions to the clause answer', () => {
    expect(isCompanyDescription('我做外贸的，出口信保的保费谁来掏', ['exporting', 'industries'])).toBe(false);
    // A general ask narrowed to a topic asks about that topic.
    expect(isCompanyDescription('我们厂用电量大，电费这块有什么优惠', ['industries'])).toBe(false);
    expect(isCompanyDescription('我家开农家乐的，税上面有啥优惠没', ['industries'])).toBe(false);
    expect(isCompanyDescription('我家开农家乐的，有啥优惠', ['industries'])).toBe(true);
    // "…有补贴没" asks as much as "…有补贴吗".
    expect(isCompanyDescription('我们厂刚招了三个毕业生，社保有补贴没', ['employees', 'industries'])).toBe(false);
    expect(isCompanyDescription('我们厂刚招了三个毕业生，社保有补贴没有', ['employees', 'industries'])).toBe(false);
    expect(isCompanyDescription('搞物流的运费高，集卡过路费和海铁联运能补点啥', ['industries', 'usesContainerTrucks'])).toBe(false);
    expect(isCompanyDescription('我们是规上企业，研发补助怎么算', ['aboveScale'], 0.2)).toBe(false);
    // How long, how big, why, how: questions too, without a question mark.
    expect(isCompanyDescription('开面馆的个体户办卫生许可要多久', ['industries', 'entityType', 'smallMicro'])).toBe(false);
    expect(isCompanyDescription('做外贸的小厂出口退税如何办理', ['exporting', 'industries'])).toBe(false);
  });
  it('defers to retrieval when it ties the message firmly to one measure', () => {
    expect(isCompanyDescription('我们是做外贸的小微企业，汇率避险有啥支持', ['exporting', 'smallMicro'], 0.5)).toBe(false);
  });
  it('needs at least one fact beyond being an enterprise', () => {
    expect(isCompanyDescription('我们是一家企业', ['entityType'])).toBe(false);
  });
});

describe('composeCompanyAnswer', () => {
  const match: CompanyMatch = {
    profile: {},
    found: [],
    summary: '规上，制造业',
    measures: [
      { key: '11', label: '第11条', title: '推动企业加大研发投入', status: 'eligible', reasons: [], missing: [], estimate: { text: '预计研发补助20万元（仅供参考）' }, quotes: ['给予最高300万元补助'], benefits: [{ text: '研发费用补助。', quote: '按存量部分的3%和增量部分的8%给予最高300万元补助', conditional: false }], responsibleUnits: [] },
      { key: '44', label: '第44条', title: '外贸', status: 'possible', reasons: [], missing: [{ question: '贵企业是否有出口业务？' }], quotes: ['不低于70%'], benefits: [], responsibleUnits: [] },
    ],
    questions: [{ question: '贵企业是否有出口业务？' }],
  };
  it('lists eligible measures with estimates, cites each, and asks what is missing', () => {
    const r = composeCompanyAnswer(match)!;
    expect(r.text).toContain('第11条（推动企业加大研发投入）');
    expect(r.text).toContain('预计研发补助20万元');
    expect(r.text).not.toContain('预计：预计');
    expect(r.text).toContain('另有1项措施可能适用');
    expect(r.text).toContain('还需要确认：贵企业是否有出口业务？');
    expect(r.citations).toEqual([{ ref: '11', quote: '按存量部分的3%和增量部分的8%给予最高300万元补助' }]);
  });
  it('shows what the message is about first, then reviewed rules, then measures in force', () => {
    const possible = (key: string, extra: Partial<CompanyMatch['measures'][number]>) => ({
      key, label: `第${key}条`, title: `措施${key}`, status: 'possible' as const, reasons: [], missing: [], quotes: [`原文${key}`], benefits: [], responsibleUnits: [], ...extra,
    });
    const m: CompanyMatch = {
      ...match,
      measures: [possible('1', { reviewed: false }), possible('2', {}), possible('3', { inForce: false }), possible('4', { inForce: false, reviewed: false })],
    };
    const labels = (x: CompanyMatch) => composeCompanyAnswer(x)!.keys;
    expect(labels(m)).toEqual(['2', '3', '1', '4']);
    // An expired measure the message is about comes before unrelated ones in force, and an
    // unreviewed draft the message is not about is counted, not listed.
    expect(labels({ ...m, related: ['4'] })).toEqual(['4', '2', '3']);
    expect(composeCompanyAnswer({ ...m, related: ['4'] })!.text).toContain('另有1项措施可能适用');
    // Beside measures that apply, a possible one the message is about is shown too, marked so.
    const withEligible: CompanyMatch = { ...m, measures: [{ ...possible('9', {}), status: 'eligible' }, ...m.measures], related: ['9', '3'] };
    const r = composeCompanyAnswer(withEligible)!;
    expect(r.keys).toEqual(['9', '3']);
    expect(r.text).toContain('第3条（措施3）【可能适用】');
    expect(composeCompanyAnswer({ ...withEligible, related: [] })!.keys).toEqual(['9']);
    // What is unknown about the measures listed is asked first.
    const asking: CompanyMatch = { ...withEligible, measures: withEligible.measures.map((x) => (x.key === '3' ? { ...x, missing: [{ question: '贵企业是否为规上企业？' }] } : x)), questions: [{ question: '单户担保金额是多少？' }] };
    expect(composeCompanyAnswer(asking)!.text).toContain('还需要确认：贵企业是否为规上企业？ 单户担保金额是多少？');
  });
  it('falls back to possible measures, marked as such, and returns null when nothing applies', () => {
    const onlyPossible = { ...match, measures: match.measures.slice(1) };
    expect(composeCompanyAnswer(onlyPossible)!.text).toContain('【可能适用】');
    expect(composeCompanyAnswer({ ...match, measures: [] })).toBeNull();
  });
});
