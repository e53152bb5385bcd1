// Record documents (fixtures written for these tests): a compilation of policy cards set as
// two-column tables in PDF text (pdftotext's layout, and pdf.js's, where a label and the value
// beside it share a line), a list of policies by 服务对象 without numbering, and an application
// guide with 补贴条件/补贴对象/补贴标准/补贴期限 fields and ①②③ items.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import { unitLabel } from '../../src/corpus/labels.js';
import { splitTableRows } from '../../src/corpus/segment-table-rows.js';
import type { PolicyUnit } from '../../src/domain/types.js';
import { canonicalForMatch } from '../../src/text/canonical.js';
import { expectCleanText } from './segment-helpers.js';

/**
 * A card's labels are set beside their values in the source (and a label may stand mid-value),
 * so the text is not a subsequence of its span as a whole: each line, label removed, is.
 */
function expectLinesTraceable(raw: string, u: PolicyUnit): void {
  const slice = canonicalForMatch(raw.slice(u.source.start, u.source.end));
  for (const line of u.text.split('\n')) {
    const value = canonicalForMatch(line.replace(/^[\p{Script=Han}/]{2,8}：/u, ''));
    let j = 0;
    for (const ch of slice) if (j < value.length && ch === value[j]) j++;
    expect(j, `${u.ref}: ${line}`).toBe(value.length);
  }
}

function load(name: string) {
  const raw = readFileSync(new URL(`../fixtures/segment/${name}`, import.meta.url), 'utf8');
  const result = segmentDocument(raw);
  const get = (ref: string): PolicyUnit => {
    const u = result.units.find((x) => x.ref === ref);
    if (u === undefined) throw new Error(`${name}: missing unit ${ref}`);
    return u;
  };
  return { raw, result, get, of: (kind: PolicyUnit['kind']) => result.units.filter((u) => u.kind === kind) };
}

describe('a compilation of policy cards (PDF text: form feeds, page numbers, table of contents, labels mid-text)', () => {
  const { raw, result, get, of } = load('policy-cards.txt');

  it('finds one unit per card, numbered across the compilation because printed numbers restart', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', 's1', 'card1', 'card2', 'card3', 's2', 's2.1', 'card4', 'card5', 's2.2', 'card6']);
    expect(of('clause').map((u) => u.kind)).toEqual(Array(6).fill('clause'));
    expect(new Set(result.units.map((u) => u.ref)).size).toBe(result.units.length);
    expect(result.warnings).toEqual([]);
  });

  it('groups cards under 篇 chapters and （一） sub-chapters', () => {
    expect(of('section').map((s) => [s.ref, s.title, s.section, s.parent])).toEqual([
      ['s1', '综合篇', 1, undefined],
      ['s2', '现代服务业篇', 2, undefined],
      ['s2.1', '金融服务业', 2, 's2'],
      ['s2.2', '商务服务业', 2, 's2'],
    ]);
    expect(of('clause').map((c) => [c.section, c.parent])).toEqual([[1, 's1'], [1, 's1'], [1, 's1'], [2, 's2.1'], [2, 's2.1'], [2, 's2.2']]);
  });

  it('takes the card heading as title, joining a heading wrapped over two lines but not the subtitle', () => {
    expect(of('clause').map((c) => c.title)).toEqual([
      '某市老旧厂房改造资金支持',
      '某市中小企业数字化转型券实施方案',
      '某市关于支持专精特新中小企业开展技术攻关并给予研发费用补助的措施',
      '某市融资担保费用补贴',
      '某市科技保险保费补贴',
      '某市商业品牌首店奖励',
    ]);
    expect(get('card3').text.split('\n')[1]).toBe('关于支持专精特新中小企业开展技术攻关的若干措施');
  });

  it('keeps the fields in order, each value under its own label, across the page break', () => {
    expect(get('card1').text).toBe(
      [
        '某市老旧厂房改造资金支持',
        '关于老旧厂房改造资金支持的实施方案',
        '依据文件：《关于印发某市老旧厂房改造利用促进产业发展实施方案的通知》',
        '发文机构：某市发展和改革委员会',
        '发文字号：某发改规〔2024〕8号',
        '发布日期：2024-03-18',
        '工具分类：资金支持',
        '服务对象：全市范围',
        '服务内容：1.改造目标',
        '改造后项目入驻率应不低于70%。',
        '2.支持标准',
        '按照固定资产投资总额30%的比例给予补助，最高不超过3000万元。',
        '条件要求：改造项目需产权清晰，并满足以下条件：',
        '1.改造后引入的业态应为高精尖产业；',
        '2.项目综合节能率达到15%以上。',
        '时间/频度：从2024年3月起',
        '联络方式：某市发展和改革委员会：12345678',
      ].join('\n'),
    );
  });

  it('does not let a label set in the middle of its value start a unit or split a sentence', () => {
    const text = get('card2').text;
    expect(text).toContain('发布日期：2024-05-06\n服务内容：1.转型券额度');
    expect(text).toContain('加快推进中小企业数字化转型。');
    expect(text).not.toMatch(/\n化转型/u);
  });

  it('records each card’s own source document', () => {
    expect(of('clause').map((c) => c.basis)).toEqual([
      { title: '关于印发某市老旧厂房改造利用促进产业发展实施方案的通知', docNumber: '某发改规〔2024〕8号' },
      { title: '某市中小企业数字化转型券实施方案（2024—2026年）', docNumber: null },
      { title: '关于支持专精特新中小企业开展技术攻关的若干措施', docNumber: '某经信发〔2023〕21号' },
      { title: '某市融资担保业务补贴资金管理办法', docNumber: '某金发〔2024〕3号' },
      { title: '某市科技保险保费补贴办法', docNumber: '某科发〔2022〕17号' },
      { title: '关于鼓励发展商业品牌首店的若干措施', docNumber: '某商消促字〔2023〕19号' },
    ]);
  });

  it('drops the table of contents (a wrapped entry included) and page numbers; labels survive as fields', () => {
    expect(get('preamble').text).toBe('某市产业政策汇编（2025年版）\n某市发展和改革委员会二〇二五年\n前言\n为便于企业查找和使用政策，我们梳理了市级出台的产业政策，编制本汇编，共6条政策卡片。');
    for (const u of result.units) {
      expect(u.text).not.toMatch(/\.{4}|目录|^\d+$/mu);
      expectCleanText(u);
      expectLinesTraceable(raw, u);
    }
    // 联络方式 stands next to a page number on every page: it is a label, not a running header.
    expect(of('clause').every((c) => /\n联络方式：/u.test(c.text))).toBe(true);
  });

  it('labels cards and sub-chapters in Chinese', () => {
    expect(unitLabel(get('card4'))).toBe('第4项 某市融资担保费用补贴');
    expect(unitLabel(get('s2.1'))).toBe('第二部分第一节 金融服务业');
    expect(unitLabel(get('s2'))).toBe('第二部分 现代服务业篇');
  });
});

describe('a list of policies by 服务对象, without numbering', () => {
  const { raw, result, get, of } = load('policy-list.txt');

  it('makes each titled block a unit and each 服务对象 a section', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', 's1', 'card1', 'card2', 's2', 'card3', 'card4']);
    expect(of('section').map((s) => s.title)).toEqual(['服务对象：高校毕业生', '服务对象：企业（用人单位）']);
    expect(of('clause').map((c) => [c.title, c.section])).toEqual([['一次性求职补贴', 1], ['灵活就业社保补贴', 1], ['稳岗返还', 2], ['就业扶贫基地补贴', 2]]);
    expect(get('preamble').text).toBe('某区就业创业政策\n某区人力资源和社会保障局');
    expect(result.warnings).toEqual([]);
  });

  it('keeps worked formulas intact and reads the basis from 文件依据', () => {
    expect(get('card2').text).toContain('计算公式：（4800元/人月×16%+4800元/人月×6%）×30%=316.8元/人月。');
    expect(get('card3').text).toContain('1300元/人月×6月×40人=312000元');
    expect(get('card3').basis).toEqual({ title: '某市人民政府办公厅关于印发某市稳就业工作方案的通知', docNumber: '某政办发〔2022〕30号' });
  });

  it('opens a record at a title even when its first field has no label', () => {
    expect(get('card4').text).toBe(
      '就业扶贫基地补贴\n对吸纳脱贫劳动力稳定就业的就业扶贫基地，根据吸纳人数给予一次性奖补。\n文件依据：《某市人民政府关于做好当前和今后一个时期促进就业工作的实施意见》（某政发〔2021〕12号）\n申请渠道：街道公共服务窗口',
    );
    for (const u of result.units) expectLinesTraceable(raw, u);
  });
});

describe('an application guide with 补贴条件/补贴对象/补贴标准/补贴期限 and ①②③ items', () => {
  const { raw, result, get, of } = load('subsidy-guide.txt');

  it('makes each numbered subsidy one unit with its fields and items inside', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', '1', '2', '3']);
    expect(of('clause').map((c) => c.title)).toEqual(['一次性创业资助', '创业租金补贴', '创业带动就业补贴']);
    expect(get('1').text).toBe(
      [
        '一次性创业资助',
        '补贴条件：（1）初创企业的法定代表人符合以下条件之一：',
        '①普通高等学校学生（在校及毕业5年内）；',
        '②退役军人；',
        '③登记失业人员。',
        '（2）初创企业登记注册满6个月，且正常缴纳社会保险费。',
        '补贴对象：符合条件的创业者。',
        '补贴标准：10000元。',
        '补贴期限：一次性。',
      ].join('\n'),
    );
    expect(result.warnings).toEqual([]);
  });

  it('keeps page chrome out of the opening and takes the page title, not the breadcrumbs', () => {
    expect(get('preamble').title).toBe('某市高校毕业生创业补贴申请指南');
    expect(get('preamble').text).not.toMatch(/字体大小|A\+/u);
    for (const u of result.units) {
      expectCleanText(u);
      expectLinesTraceable(raw, u);
    }
  });
});

describe('a compilation of policy cards as pdf.js extracts it (label and value on one line, no blank lines)', () => {
  const { raw, result, get, of } = load('pdfjs-cards.txt');
  const fieldNames = (u: PolicyUnit): string[] => u.text.split('\n').flatMap((l) => /^([\p{Script=Han}/]{2,8})：/u.exec(l)?.[1] ?? []);
  const card = ['依据文件', '发文机构', '发文字号', '发布日期', '工具分类', '服务对象', '服务内容', '条件要求'];

  it('finds every card, under its chapter, with its title', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', 's1', 'card1', 'card2', 'card3', 's2', 'card4']);
    expect(of('clause').map((c) => [c.title, c.parent])).toEqual([
      ['某市老旧厂房更新改造支持', 's1'],
      ['某市中小企业数字化转型补贴', 's1'],
      ['某市科技型企业研发费用补助', 's1'],
      ['某市商业品牌首店奖励', 's2'],
    ]);
    expect(get('preamble').text).toBe('某市产业政策导引（2025年版）某市发展和改革委员会二〇二五年\n前言为便于企业查找政策，我们把市级产业政策整理成政策卡片，共4条。');
    expect(result.warnings).toEqual([]);
  });

  it('reads `label value` lines and four-column rows as fields, in the order of the table', () => {
    expect(of('clause').map(fieldNames)).toEqual([
      [...card, '时间/频度', '联络方式'],
      [...card, '服务流程', '时间/频度', '联络方式'],
      [...card.filter((f) => f !== '条件要求'), '服务流程', '时间/频度', '联络方式'],
      [...card, '服务流程', '时间/频度', '联络方式'],
    ]);
    expect(get('card1').text).toBe(
      [
        '某市老旧厂房更新改造支持',
        '关于老旧厂房更新改造支持的实施方案',
        '依据文件：《关于印发某市老旧厂房更新改造促进产业升级实施方案的通知》',
        '发文机构：某市发展和改革委员会',
        '发文字号：某发改规〔2024〕5号',
        '发布日期：2024-04-12',
        '工具分类：资金支持',
        '服务对象：全市范围',
        '服务内容：1.支持标准',
        '按照固定资产投资总额30%的比例给予补助，最高不超过2000万元。',
        '2.支持方式',
        '采取投资补助方式，项目竣工验收后一次性拨付资金。',
        '条件要求：改造项目需产权清晰，并满足以下条件：',
        '1.改造后引入的业态应为高精尖产业；',
        '2.项目综合节能率达到15%以上。',
        '时间/频度：从2024年4月起',
        '联络方式：某市发展和改革委员会：12345678',
      ].join('\n'),
    );
  });

  it('puts a value wrapped around its row, or around a label split over two lines, back together', () => {
    expect(get('card2').text).toContain('\n工具分类：资金支持\n服务对象：在本市注册、具有独立法人资格的中小企业\n服务内容：1.对企业购买数字化转型服务的，按照合同金额的50%给予补贴，单个企业最高不超过50万元。\n');
    expect(get('card3').text).toContain('\n工具分类：资金支持\n服务对象：注册在本市的国家高新技术企业和科技型中小企业，以及高等学校、科研机构等创新主体\n服务内容：1.');
  });

  it('records each card’s own source document', () => {
    expect(of('clause').map((c) => c.basis)).toEqual([
      { title: '关于印发某市老旧厂房更新改造促进产业升级实施方案的通知', docNumber: '某发改规〔2024〕5号' },
      { title: '某市中小企业数字化转型补贴实施细则', docNumber: null },
      { title: '某市科技型企业研发费用补助管理办法', docNumber: '某科发〔2023〕12号' },
      { title: '关于鼓励发展商业品牌首店的若干措施', docNumber: '某商发〔2023〕19号' },
    ]);
  });

  it('keeps page numbers out and every line traceable to its source', () => {
    for (const u of result.units) {
      expect(u.text).not.toMatch(/^\d+$/mu);
      expectCleanText(u);
      expectLinesTraceable(raw, u);
    }
  });

  it('leaves lines that merely begin with a label word alone where no label stands on its own line', () => {
    const text = '服务对象 企业\n服务对象 个人\n服务对象 社会组织\n';
    const lines = [0, 8, 16].map((start, i) => ({ text: ['服务对象企业', '服务对象个人', '服务对象社会组织'][i] ?? '', start, end: start + [7, 7, 9][i]!, gap: false }));
    expect(splitTableRows(text, lines, (w) => w === '服务对象', 3)).toEqual(lines);
  });
});
