// Regression tests for the adversarial probe (issue 10), defects 2 and 6: keywords read across
// word boundaries (规划 read as 上规), signed or absurd figures read as positive amounts, and
// extraction time that grew with the square of the input length.
import { describe, expect, it } from 'vitest';
import { createProfileExtraction, extractProfile } from '../../src/matching/extract-profile.js';
import { createOfflineExtractor } from '../../src/matching/llm-extract.js';
import { contains, resolveRegion } from '../../src/ingest/divisions.js';
import { createMatchService } from '../../src/matching/match-service.js';
import { loadTestCorpus, loadTestTokenizer } from './matching-setup.js';

const tokenizer = loadTestTokenizer();
const extract = (t: string) => extractProfile(t, { tokenizer }).profile;
const { rules, units, meta, registry } = loadTestCorpus();
const seedSets = [{ file: rules, doc: meta }];
const divisions = { contains, resolveRegion };
const atSeedTime = () => new Date('2024-06-30T00:00:00Z');
const matcher = createMatchService({ ruleSets: seedSets, registry, units, divisions, now: atSeedTime, extractor: createOfflineExtractor({ tokenizer }) });

const WAN = 10_000;
const YI = 100_000_000;

describe('probe defect 2: 规 inside another word is not 规上 or 上规', () => {
  it.each([
    '我们是龙湾的个体户，晚上规划一下开第二家店',
    '我们公司还在提升规范化管理，属于小微企业',
    '对以上规则不太了解，我们是小微企业',
    '我们是正规上市公司的配套小厂',
    '老板说马上规定好交货时间，我们是个体户',
    '今年引进规划师两名',
    '我们是小微企业，网上规定看不明白',
    '个体户，加上规费每年几千块',
  ])('%s → no 规上, no 小升规', (text) => {
    const p = extract(text);
    expect(p.aboveScale).not.toBe(true);
    expect(p.firstTimeAboveScale).not.toBe(true);
  });

  it.each([
    ['我们是规上企业', false],
    ['今年刚上规', true],
    ['去年小升规', true],
    ['规模以上工业企业', false],
    ['今年上规了', true],
    ['刚刚纳入规上统计', true],
    ['我们厂去年升规', true],
    ['我们是规上海鲜加工厂', false],
  ] as const)('%s still reads as 规上 (first time: %s)', (text, firstTime) => {
    const p = extract(text);
    expect(p.aboveScale).toBe(true);
    if (firstTime) expect(p.firstTimeAboveScale).toBe(true);
    else expect(p.firstTimeAboveScale).toBeUndefined();
  });

  it('keeps words inside compounds findable (研发 in 研发费用, 集装箱车 in 集装箱车队)', () => {
    expect(extract('研发费用三百万').doesRnd).toBe(true);
    expect(extract('自有国际标准集装箱车队').usesContainerTrucks).toBe(true);
    expect(extract('拿到了首台（套）认定').qualifications).toEqual(['first_set']);
  });

  it('a small shop planning to expand is not offered measures for 规上 firms', async () => {
    const r = await matcher.match({ description: '我是鹿城的个体户，开了家小吃店，马上规划扩大经营' });
    expect(r.profile.aboveScale).toBeUndefined();
    expect(r.profile.firstTimeAboveScale).toBeUndefined();
    const eligible = r.measures.filter((m) => m.status === 'eligible');
    for (const m of eligible) expect(m.reasons.join(), m.ref).not.toMatch(/规模以上|规上|小升规/);
  });

  it.each([
    ['研发费用-500万', 'rdExpenseLastYear'],
    ['去年研发费用负300万元', 'rdExpenseLastYear'],
    ['研发费用1000000000000000元', 'rdExpenseLastYear'],
    ['研发费用0.0.5万', 'rdExpenseLastYear'],
    ['营收－2000万', 'revenue'],
    ['员工-30人', 'employees'],
    ['研发费用占营收-3%', 'rdRatio'],
    ['种了-50亩水稻', 'plantedAreaMu'],
  ] as const)('%s: a negative or absurd figure is ignored', (text, field) => {
    expect(extract(text)[field]).toBeUndefined();
  });

  it('keeps ordinary and range figures', () => {
    expect(extract('研发费用500万').rdExpenseLastYear).toBe(500 * WAN);
    expect(extract('研发费用300-500万').rdExpenseLastYear).toBe(500 * WAN);
    expect(extract('研发费用1000亿元').rdExpenseLastYear).toBe(1000 * YI);
    expect(extract('研发费用同比增长-5%').rdGrowth).toBe(-5);
  });
});

describe('probe defect 6: profile extraction is linear in input length', () => {
  const NORMAL = '我们是瑞安的规上制造企业，去年研发费用500万元，前年400万，员工120人，有高新技术企业认定，准备扩建厂房。';

  /**
   * Milliseconds per call: the fastest of 7 samples, each long enough (≥ 10 ms) to measure. The
   * minimum is the least disturbed by other work on the machine.
   */
  function cost(text: string): number {
    extractProfile(text, { tokenizer });
    let reps = 1;
    for (;;) {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) extractProfile(text, { tokenizer });
      if (performance.now() - t0 >= 10) break;
      reps *= 2;
    }
    const samples: number[] = [];
    for (let k = 0; k < 7; k++) {
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) extractProfile(text, { tokenizer });
      samples.push((performance.now() - t0) / reps);
    }
    return Math.min(...samples);
  }

  const pathological: Array<[string, string]> = [
    ['repeated 一万', '一万'],
    ['repeated 规上', '规上'],
    ['repeated negated keyword', '没有出口'],
    ['repeated city', '温州'],
    ['repeated percentage', '研发5%'],
    ['repeated area', '种粮1亩'],
    ['repeated head count', '员工一万'],
    ['one long numeral', '一'],
    ['one long number', '9'],
  ];
  const sized = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

  it.each(pathological)('%s: 4000 characters cost at most a bounded multiple of a normal description', (_name, unit) => {
    const normal = cost(NORMAL);
    const natural = cost(sized(NORMAL, 4000));
    const patho = cost(sized(unit, 4000));
    // 4000 characters are ~70 normal descriptions; quadratic work made this ratio ~800.
    expect(patho / normal).toBeLessThan(150);
    // As costly as ordinary text of the same length, within a generous factor.
    expect(patho / natural).toBeLessThan(8);
  });

  it.each(pathological)('%s: four times the input costs about four times the time, not sixteen', (_name, unit) => {
    // Both sizes are measured in turn and the fastest of each compared. A factor of four in length
    // separates linear work (~4, up to ~6 with cache effects) from quadratic work (~16) by more
    // than doubling did (2 vs 4: one ratio of linear work reached 3.1 during a parallel test run).
    // Noise only ever fails linear work now and then, while quadratic work fails every attempt,
    // so a failed attempt is measured again, up to four attempts.
    const ratio = () => {
      const t4: number[] = [];
      const t16: number[] = [];
      for (let i = 0; i < 3; i++) {
        t4.push(cost(sized(unit, 4000)));
        t16.push(cost(sized(unit, 16000)));
      }
      return Math.min(...t16) / Math.min(...t4);
    };
    const ratios: number[] = [];
    while (ratios.length < 4 && !ratios.some((r) => r < 9)) ratios.push(ratio());
    expect(Math.min(...ratios)).toBeLessThan(9);
  });

  it('one chat message is extracted once by everyone who asks (shared extraction)', () => {
    let calls = 0;
    const counting = { tokenize: (t: string) => (calls++, tokenizer.tokenize(t)) };
    const extraction = createProfileExtraction({ tokenizer: counting });
    const a = extraction('我们是规上企业，去年研发费用500万');
    a.profile.aboveScale = false;
    const b = extraction('我们是规上企业，去年研发费用500万');
    expect(calls).toBe(1);
    expect(b.profile.aboveScale).toBe(true);
  });
});
