// Segmenter on extraction damage seen in real documents (fixtures written for these tests):
// Founder-font glyphs and form feeds in PDF text, a web page that lost its paragraph breaks to
// private-use glyphs, and spaced article labels under 一、 sections with NBSPs and stray spaces.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import type { PolicyUnit } from '../../src/domain/types.js';
import { repairGlyphs, repairSpacedNumbers } from '../../src/corpus/segment-repair.js';
import { expectCleanText, expectTraceable } from './segment-helpers.js';

function load(name: string) {
  const raw = readFileSync(new URL(`../fixtures/segment/${name}`, import.meta.url), 'utf8');
  const result = segmentDocument(raw);
  const get = (ref: string): PolicyUnit => {
    const u = result.units.find((x) => x.ref === ref);
    if (u === undefined) throw new Error(`${name}: missing unit ${ref}`);
    return u;
  };
  return { raw, result, get };
}

describe('repairGlyphs', () => {
  it('maps Founder-font punctuation, guillemets, the private-use decimal point and ﹝﹞', () => {
    expect(repairGlyphs('根据«条例»ꎬ制定本办法ꎮ')).toBe('根据《条例》，制定本办法。');
    expect(repairGlyphs('方式ꎺ奖补ꎻ贴息')).toBe('方式：奖补；贴息');
    expect(repairGlyphs('利率的５\u{1001b0} ５％')).toBe('利率的５.５％');
    expect(repairGlyphs('某委发﹝2024﹞5号')).toBe('某委发〔2024〕5号');
    expect(repairGlyphs('« hello »')).toBe('« hello »');
    expect(repairGlyphs('ꀀꎬꀁ')).toBe('ꀀꎬꀁ'); // real Yi text is left alone
  });

  it('joins spaced digits in numbering labels only', () => {
    expect(repairSpacedNumbers('第1 0条')).toBe('第10条');
    expect(repairSpacedNumbers('按第2 6条执行')).toBe('按第26条执行');
    expect(repairSpacedNumbers('1 000元')).toBe('1 000元');
  });
});

describe('PDF text with Founder-font glyphs, form feeds, roman page numbers and a table of contents', () => {
  const { raw, result, get } = load('pdf-glyphs.txt');

  it('drops the table of contents and finds 3 chapters and 5 articles', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', 's1', '1', '2', 's2', '3', '4', 's3', '5']);
    expect(get('preamble').text).toBe('某市中小企业数字化转型专项资金管理办法');
    expect(result.warnings).toEqual([]);
  });

  it('repairs punctuation, the decimal glyph and full-width digits, and joins across the page break', () => {
    expect(get('1').text).toBe('为加快中小企业数字化转型，根据《某市促进中小企业发展条例》，制定本办法。');
    expect(get('3').text).toBe('专项资金采取以下方式：事后奖补、贷款贴息。对企业上云项目，按实际投入的30%给予补助，最高不超过50万元。');
    expect(get('4').text).toContain('贷款市场报价利率的5.5%给予补贴');
    for (const u of result.units) {
      expectCleanText(u);
      // Spans point into the raw text; compare with its glyph-repaired slice.
      const slice = repairGlyphs(raw.slice(u.source.start, u.source.end));
      expectTraceable(slice, { ...u, source: { start: 0, end: slice.length } }, { contiguousEnds: false });
      expect(u.text).not.toMatch(/[ꎬꎮꎻꎺ«»\f]|\.{4}/u);
    }
  });
});

describe('an announcement whose paragraph breaks survive only as private-use glyphs and indents', () => {
  const { raw, result, get } = load('one-line-notice.txt');

  it('splits the single line into the opening and four items', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', '1', '2', '3', '4']);
    expect(get('preamble').title).toBe('关于延续实施个体工商户减半征收个人所得税有关事项的公告');
    expect(get('1').text).toBe('对个体工商户年应纳税所得额不超过200万元的部分，减半征收个人所得税。\n个体工商户在预缴税款时即可享受。');
    expect(get('2').text).toBe('个体工商户不区分征收方式，均可享受。'); // split at the indent alone
    expect(get('3').text).toContain('\n（一）查账征收的');
    for (const u of result.units) {
      expect(u.text).not.toMatch(/[\ue000-\uf8ff]/u);
      expectTraceable(raw, u, { contiguousEnds: false });
    }
  });
});

describe('spaced article labels under 一、 sections, NBSPs, letter spacing and ( 一) sub-headings', () => {
  const { raw, result, get } = load('spaced-articles.txt');

  it('reads 第 1 0 条 and nests articles under the 一、 headings', () => {
    const clauses = result.units.filter((u) => u.kind === 'clause');
    expect(clauses.map((u) => u.ref)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(clauses.map((u) => u.section)).toEqual([1, 2, 2, 2, 3, 3, 3, 3, 3, 4]);
    expect(result.units.filter((u) => u.kind === 'section').map((u) => u.title)).toEqual(['资金支持', '支持范围', '要素保障', '其他']);
    expect(result.warnings).toEqual([]);
  });

  it('repairs spacing, keeps （一） sub-headings out of article text, and reads 第六条 alone on its line', () => {
    expect(get('1').text).toContain('文旅产业发展引导资金');
    expect(get('2').text).toMatch(/^对新建文旅项目，固定资产投资1000万元/u);
    expect(get('3').text).not.toContain('品牌创建奖励');
    expect(get('6').text).toBe('对符合条件的文旅企业，优先保障用地指标。');
    expect(get('preamble').text).toContain('某委发〔2024〕5号');
    for (const u of result.units) {
      expectCleanText(u);
      expectTraceable(raw, u, { contiguousEnds: false });
    }
  });
});

describe('an annex form flattened one table cell per line', () => {
  const { raw, result, get } = load('annex-forms.txt');

  it('keeps the articles intact and the form as one annex unit, with a warning', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', '1', '2', '3', 'annex']);
    expect(get('3').text).toBe('本办法自印发之日起施行，有效期5年。');
    expect(get('annex').kind).toBe('annex');
    expect(get('annex').title).toBe('某市就业见习基地申请表');
    expect(get('annex').text).toContain('统一社会信用代码');
    expect(result.warnings.some((w) => w.includes('附件含表格'))).toBe(true);
    expectTraceable(raw, get('annex'), { contiguousEnds: false });
  });
});
