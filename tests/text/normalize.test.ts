import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collapseLetterSpacing,
  isWideChar,
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

// The previous implementation (one mark widened per pass: quadratic on long runs), kept as an
// oracle: the linear normaliser must give the same output on ordinary text.
const ORACLE_WIDE = String.raw`\p{Script=Han}\u3000-\u303f\uff01-\uff60\u2014\u2015\u2026\u201c\u201d\u2018\u2019\u00b7\u2e3a`;
const ORACLE_SPACE_NEXT_TO_WIDE = new RegExp(`(?<=[${ORACLE_WIDE}]) +| +(?=[${ORACLE_WIDE}])`, 'gu');
function oracleWiden(s: string): string {
  let out = s.replace(/\(([^()]*)\)/g, (m, inner: string, offset: number) => {
    const wide = isWideChar(s[offset - 1]) || isWideChar(s[offset + m.length]) || [...inner].some((c) => isWideChar(c));
    return wide ? `（${inner}）` : m;
  });
  for (let changed = true; changed; ) {
    const next = out.replace(/[(),;:]/g, (c, offset: number, whole: string) => {
      if (!isWideChar(whole[offset - 1]) && !isWideChar(whole[offset + 1])) return c;
      if (c === ':' && /^\/\//.test(whole.slice(offset + 1))) return c;
      return ({ '(': '（', ')': '）', ',': '，', ';': '；', ':': '：' } as Record<string, string>)[c] ?? c;
    });
    changed = next !== out;
    out = next;
  }
  return out;
}
function oracleNormalizeInline(input: string): string {
  let s = toHalfWidth(input).replace(/\s+/g, ' ').trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = oracleWiden(s.replace(ORACLE_SPACE_NEXT_TO_WIDE, ''));
  }
  return s.replace(/(?<=\d) +(?=[%‰])/g, '').replace(/(?<=\d) +(?=\.\d)/g, '');
}

describe('normalizeInline equals the previous (quadratic) implementation on ordinary text', () => {
  const alphabet = [...'温州市政府资金亿元（）()，,；;：:。 　１２3４.．ABcd%D类and-—“”〈〉、\t/'];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((a) => a.join(''));
  it('on random short strings', () => {
    fc.assert(fc.property(text, (s) => {
      expect(normalizeInline(s)).toBe(oracleNormalizeInline(s));
    }), { numRuns: Number(process.env.SEGMENT_RUNS ?? 3000) });
  });
  it('on the seed document, line by line', () => {
    const seed = readFileSync(new URL('../../corpus/raw/wzzb-2024-11.txt', import.meta.url), 'utf8');
    for (const line of seed.split('\n')) expect(normalizeInline(line)).toBe(oracleNormalizeInline(line));
  });
  it('on the cases that used to take one pass per character', () => {
    for (const s of ['温,,,,,;;::', '温 , , , ,', '(a(a(温)a)a)', ',,,温', '见 https://x.cn 网站 a: b']) {
      expect(normalizeInline(s)).toBe(oracleNormalizeInline(s));
    }
  });
});
