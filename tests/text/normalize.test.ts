import { describe, expect, it } from 'vitest';
import {
  collapseLetterSpacing,
  displayWidth,
  endsSentence,
  joinFragments,
  normalizeInline,
  toHalfWidth,
} from '../../src/text/normalize.js';

describe('toHalfWidth', () => {
  it('converts full-width digits, letters, space, ％ and ． but keeps Chinese punctuation', () => {
    expect(toHalfWidth('１１．ＡＢｃ　５０％（一）：，')).toBe('11.ABc 50%（一）：，');
  });
});

describe('normalizeInline', () => {
  it.each([
    ['2024 年', '2024年'],
    ['6 亿元', '6亿元'],
    ['D 类企业', 'D类企业'],
    ['资金 2.22 亿元', '资金2.22亿元'],
    ['达到 4% 以上', '达到4%以上'],
    ['温州市 进一步推动', '温州市进一步推动'],
    ['国家 5A 级旅游景区', '国家5A级旅游景区'],
    ['山区 5 县 GDP 平均增速', '山区5县GDP平均增速'],
    ['综合性扶持政策 and 政府性融资担保', '综合性扶持政策and政府性融资担保'],
    ['Hello   World 测试', 'Hello World测试'],
    ['１１．支持　企业', '11.支持企业'],
    ['按 5 % 计', '按5%计'],
    ['1 000 元', '1 000元'],
  ])('%j → %j', (input, output) => {
    expect(normalizeInline(input)).toBe(output);
  });

  it('widens ASCII ( ) , ; : next to CJK', () => {
    expect(normalizeInline('(一)加大支持')).toBe('（一）加大支持');
    expect(normalizeInline('(1) 申报条件')).toBe('（1）申报条件');
    expect(normalizeInline('(责任单位: 市财政局, 市税务局; 配合: 市商务局)')).toBe('（责任单位：市财政局，市税务局；配合：市商务局）');
    expect(normalizeInline('市自然资源和规划局)')).toBe('市自然资源和规划局）');
    expect(normalizeInline('方案(2023—2027 年)')).toBe('方案（2023—2027年）');
  });

  it('leaves ASCII punctuation between latin words and numbers alone', () => {
    expect(normalizeInline('f(x) = 1,000; a:b')).toBe('f(x) = 1,000; a:b');
    expect(normalizeInline('见 https://www.wenzhou.gov.cn 网站')).toBe('见https://www.wenzhou.gov.cn网站');
  });

  it('is idempotent', () => {
    const once = normalizeInline('（责任单位：市科技局 、市财政局） 2024 年 D 类 (一)');
    expect(normalizeInline(once)).toBe(once);
  });
});

describe('collapseLetterSpacing', () => {
  it('collapses letter-spaced lines only', () => {
    expect(collapseLetterSpacing('温 州 市 人 民 政 府')).toBe('温州市人民政府');
    expect(collapseLetterSpacing('一 、 总 则')).toBe('一、总则');
    expect(collapseLetterSpacing('温　州　市　财　政　局')).toBe('温州市财政局');
    expect(collapseLetterSpacing('资金 2.22 亿元')).toBe('资金 2.22 亿元');
    expect(collapseLetterSpacing('D 类')).toBe('D 类');
  });
});

describe('joinFragments', () => {
  it('joins a number split from its unit by a page break', () => {
    expect(joinFragments('重大教育设施领域资金5.47', '亿元，重大医疗')).toBe('重大教育设施领域资金5.47亿元，重大医疗');
    expect(joinFragments('对省重大建设项目使用林地实行“边占边补”，2024', '年全市保障')).toBe('对省重大建设项目使用林地实行“边占边补”，2024年全市保障');
  });

  it('keeps a space between wrapped latin words', () => {
    expect(joinFragments('World Trade', 'Organization')).toBe('World Trade Organization');
  });
});

describe('endsSentence', () => {
  it.each([
    ['制定以下政策。', true],
    ['各县（市、区）人民政府，市政府直属各单位：', true],
    ['一定激励。（责任单位：市发展改革委）', true],
    ['（此件公开发布）', true],
    ['“房住不炒”。”', true],
    ['他说：“好。”', true],
    ['重大教育设施领域资金5.47', false],
    ['加大首台（套）', false],
    ['支持推进“劳有所得”', false],
    ['一、扩大有效投资政策', false],
    ['', false],
  ])('%j → %s', (s, final) => {
    expect(endsSentence(s)).toBe(final);
  });
});

describe('displayWidth', () => {
  it('counts CJK as 2 and ASCII as 1', () => {
    expect(displayWidth('2024年')).toBe(6);
  });
});
