// Offline profile extraction: amounts, negations, regions, qualifications, year references.
import { describe, expect, it } from 'vitest';
import { extractProfile } from '../../src/matching/extract-profile.js';
import { formatYuan, parseAmount, parseChineseNumeral } from '../../src/matching/parse-amount.js';
import { loadTestTokenizer } from './matching-setup.js';

const tokenizer = loadTestTokenizer();
const extract = (t: string) => extractProfile(t, { tokenizer }).profile;

describe('parseAmount', () => {
  it.each([
    ['500万', 5_000_000],
    ['五百万', 5_000_000],
    ['两百万', 2_000_000],
    ['1.2亿', 120_000_000],
    ['3000万元', 30_000_000],
    ['两千五百万', 25_000_000],
    ['3千万', 30_000_000],
    ['1,200,000元', 1_200_000],
    ['十二万', 120_000],
  ])('%s → %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it('parses bare Chinese numerals', () => {
    expect(parseChineseNumeral('一百零五')).toBe(105);
    expect(parseChineseNumeral('十')).toBe(10);
    expect(parseChineseNumeral('abc')).toBeNull();
  });

  it('formats 元 for display', () => {
    expect(formatYuan(200_000)).toBe('20万元');
    expect(formatYuan(3e8)).toBe('3亿元');
    expect(formatYuan(1234.5)).toBe('1234.5元');
  });
});

describe('extractProfile amounts and years', () => {
  it('reads R&D expense by year and revenue', () => {
    const p = extract('我们去年研发费用500万，前年400万，今年预计600万，营收1.2亿元。');
    expect(p.rdExpenseLastYear).toBe(5_000_000);
    expect(p.rdExpenseYearBefore).toBe(4_000_000);
    expect(p.rdExpenseThisYear).toBe(6_000_000);
    expect(p.revenue).toBe(120_000_000);
    expect(p.doesRnd).toBe(true);
  });

  it('reads 上年度 and Chinese numerals', () => {
    const p = extract('上年度研发投入五百万元，营业收入3000万元');
    expect(p.rdExpenseLastYear).toBe(5_000_000);
    expect(p.revenue).toBe(30_000_000);
  });

  it('maps explicit years relative to the policy year 2024', () => {
    const p = extract('研发费用2023年260万，2022年两百万');
    expect(p.rdExpenseLastYear).toBe(2_600_000);
    expect(p.rdExpenseYearBefore).toBe(2_000_000);
    const q = extractProfile('研发费用2024年260万', { referenceYear: 2025, tokenizer }).profile;
    expect(q.rdExpenseLastYear).toBe(2_600_000);
  });

  it('reads percentages as R&D ratio and growth', () => {
    const p = extract('研发费用占营收4.5%，研发费用同比增长25%');
    expect(p.rdRatio).toBe(4.5);
    expect(p.rdGrowth).toBe(25);
  });

  it('reads premiums, FX settlement, tolls, staff and planted area', () => {
    const p = extract('出口信用保险保费每年20万，结汇总额1000万元，员工有两百人');
    expect(p.exportCreditInsurancePremium).toBe(200_000);
    expect(p.fxSettlementAmount).toBe(10_000_000);
    expect(p.employees).toBe(200);
    expect(p.exporting).toBe(true);
    expect(extract('集装箱车队每年高速通行费80万').containerTollFee).toBe(800_000);
    expect(extract('种了300亩水稻').plantedAreaMu).toBe(300);
  });

  it('reads the chat shorthand w (万) and k (千), but not units such as kW', () => {
    expect(extract('研发投了50w').rdExpenseLastYear).toBe(500_000);
    expect(extract('营收3000W左右').revenue).toBe(30_000_000);
    expect(parseAmount('8k')).toBe(8000);
    expect(parseAmount('5kW')).toBeNull();
  });

  it('reads colloquial approximations: 来, 多, 两百五十万, 高可供电费', () => {
    expect(extract('一百来亩水田种水稻').plantedAreaMu).toBe(100);
    expect(extract('研发费用两百五十万').rdExpenseLastYear).toBe(2_500_000);
    expect(extract('营收两千多万').revenue).toBe(20_000_000);
    expect(extract('二十来个人的小厂').employees).toBe(20);
    expect(extract('高可供电费要交80万').highReliabilitySupplyFee).toBe(800_000);
  });

  it('does not take a threshold for the amount: 150万左右，还没到200万', () => {
    expect(extract('去年研发费用150万左右，还没到200万').rdExpenseLastYear).toBe(1_500_000);
  });

  it('ignores years, US dollars and head counts as money', () => {
    const p = extract('2023年出口2000万美元，公司有50人');
    expect(p.exportAmount).toBeUndefined();
    expect(p.revenue).toBeUndefined();
  });
});

describe('extractProfile negations and scale', () => {
  it('reads negated qualifications and scale', () => {
    const p = extract('我们还没有认定高新，不是规上，没有出口');
    expect(p.lacksQualifications).toContain('high_tech');
    expect(p.qualifications).toBeUndefined();
    expect(p.aboveScale).toBe(false);
    expect(p.exporting).toBe(false);
    expect(p.industries ?? []).not.toContain('foreign_trade');
  });

  it('treats an application in progress as not held yet', () => {
    const p = extract('准备申请高新，目前是科技型中小企业');
    expect(p.lacksQualifications).toEqual(['high_tech']);
    expect(p.qualifications).toEqual(['tech_sme']);
  });

  it('reads qualifications that are held', () => {
    const p = extract('已经是国家高新技术企业，也是省级专精特新企业，有首台（套）产品');
    expect(p.qualifications).toEqual(expect.arrayContaining(['high_tech', 'specialized_new', 'first_set']));
    expect(p.specializedNewLevel).toBe('provincial');
  });

  it.each(['刚刚小升规', '今年首次上规', '今年首次小升规'])('%s → first time above scale', (t) => {
    const p = extract(t);
    expect(p.firstTimeAboveScale).toBe(true);
    expect(p.aboveScale).toBe(true);
  });

  it('争取小升规 means not above scale yet', () => {
    const p = extract('我们争取今年小升规');
    expect(p.aboveScale).toBe(false);
    expect(p.firstTimeAboveScale).toBe(false);
  });

  it('reads 尚未 and 规下', () => {
    expect(extract('尚未认定高新技术企业').lacksQualifications).toEqual(['high_tech']);
    expect(extract('规下小微企业').aboveScale).toBe(false);
    expect(extract('规下小微企业').smallMicro).toBe(true);
  });
});

describe('extractProfile regions and entities', () => {
  it.each([
    ['瑞安的汽车零部件企业', 'ruian'],
    ['乐清柳市的电气公司', 'yueqing'],
    ['鹿城区一家餐馆', 'lucheng'],
    ['龙港的印刷厂', 'longgang'],
    ['苍南灵溪的公司', 'cangnan'],
  ] as const)('%s → %s', (t, region) => {
    const p = extract(t);
    expect(p.region).toBe(region);
    expect(p.inWenzhou).toBe(true);
  });

  it('温州市区 is in Wenzhou without a county', () => {
    const p = extract('我们在温州市区做外贸');
    expect(p.inWenzhou).toBe(true);
    expect(p.region).toBeUndefined();
  });

  it.each(['杭州', '宁波', '上海'])('%s is outside Wenzhou', (city) => {
    const p = extract(`${city}的一家软件公司`);
    expect(p.inWenzhou).toBe(false);
    expect(p.region).toBe('other');
    expect(p.cityName).toBe(city);
  });

  it('a Wenzhou county wins over a branch elsewhere', () => {
    expect(extract('总部在瑞安，在上海有分公司').inWenzhou).toBe(true);
  });

  it('不在温州 is outside Wenzhou', () => {
    expect(extract('我们不在温州').inWenzhou).toBe(false);
  });

  it('reads entity types', () => {
    expect(extract('鹿城的个体户，开小吃店').entityType).toBe('individual_business');
    expect(extract('平阳的家庭农场').entityType).toBe('agricultural_entity');
    expect(extract('我们是一家农民专业合作社').entityType).toBe('cooperative');
    expect(extract('我们和温州大学合作，是一家印刷厂').entityType).toBe('enterprise');
    expect(extract('我们是温州一家职业足球俱乐部').entityType).toBe('club');
    expect(extract('新认定的省级现代服务业创新发展区管理机构').entityType).toBe('park_operator');
    // A company that runs a park is its operator, not only a company.
    expect(extract('我们公司负责一个产业园区的运营管理，是园区的运营方').entityType).toBe('park_operator');
    expect(extract('我们公司是这个园区的管理单位').entityType).toBe('park_operator');
  });

  it('reads ownership', () => {
    expect(extract('中外合资企业').ownership).toBe('foreign_invested');
    expect(extract('中外合资企业').hasForeignInvestment).toBe(true);
    expect(extract('我们是民营企业').ownership).toBe('private');
    expect(extract('市属国企').ownership).toBe('state_owned');
  });
});

describe('extractProfile industries', () => {
  it.each([
    ['汽车零部件', 'manufacturing'],
    ['鞋服', 'manufacturing'],
    ['泵阀', 'manufacturing'],
    ['电气', 'manufacturing'],
    ['软件开发', 'software_it'],
    ['跨境电商', 'cross_border_ecommerce'],
    ['外贸', 'foreign_trade'],
    ['集装箱车队', 'logistics_port'],
    ['货运物流', 'logistics_port'],
    ['餐饮', 'retail_catering'],
    ['文旅', 'tourism'],
    ['民宿', 'tourism'],
    ['养老院', 'elderly_care'],
    ['种粮', 'grain'],
    ['水稻', 'grain'],
    ['芯片设计', 'integrated_circuit'],
    ['管理咨询', 'other_profit_services'],
  ] as const)('%s → %s', (t, industry) => {
    expect(extract(`我们做${t}`).industries).toContain(industry);
  });

  it('民宿 also marks rural tourism', () => {
    expect(extract('在文成开民宿').ruralTourism).toBe(true);
  });

  it('reports which fields were found', () => {
    const r = extractProfile('瑞安规上企业', { tokenizer });
    expect(r.found).toEqual(expect.arrayContaining(['region', 'inWenzhou', 'aboveScale', 'entityType']));
  });
});
