// Segmenter on hand-written fixture documents covering the numbering and layout forms of
// government policy documents (tests/fixtures/segment/*.txt).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentDocument, type SegmentResult } from '../../src/corpus/segment.js';
import type { PolicyUnit } from '../../src/domain/types.js';
import { unitLabel } from '../../src/corpus/labels.js';
import { expectCleanText, expectTraceable } from './segment-helpers.js';

function load(name: string): { raw: string; result: SegmentResult; get: (ref: string) => PolicyUnit; of: (kind: PolicyUnit['kind']) => PolicyUnit[] } {
  const raw = readFileSync(new URL(`../fixtures/segment/${name}`, import.meta.url), 'utf8');
  const result = segmentDocument(raw);
  const get = (ref: string): PolicyUnit => {
    const u = result.units.find((x) => x.ref === ref);
    if (u === undefined) throw new Error(`${name}: missing unit ${ref}`);
    return u;
  };
  return { raw, result, get, of: (kind) => result.units.filter((u) => u.kind === kind) };
}

function expectAllClean(raw: string, units: PolicyUnit[]): void {
  for (const u of units) {
    expectCleanText(u);
    expectTraceable(raw, u);
  }
}

describe('（一） clauses under 一、 sections with （责任单位：…） and （牵头单位：…；配合单位：…）', () => {
  const { raw, result, get, of } = load('sections-cn-paren.txt');

  it('finds 3 sections and 12 clauses numbered continuously up to （十二）', () => {
    expect(result.units.map((u) => u.ref)).toEqual([
      'preamble', 's1', '1', '2', '3', 's2', '4', '5', '6', '7', 's3', '8', '9', '10', '11', '12', 'closing',
    ]);
    expect(of('clause').map((c) => c.section)).toEqual([1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3]);
    expect(of('section').map((s) => s.title)).toEqual(['强化创新驱动', '优化要素保障', '完善服务体系']);
    expect(of('section').map((s) => s.units)).toEqual([['市科技局'], ['市自然资源和规划局', '市发展改革委'], ['市经信局']]);
  });

  it('keeps a restarted （一）（二） sub-list inside clause 4 and warns about it', () => {
    expect(get('4').title).toBe('保障工业用地');
    expect(get('4').text).toContain('（一）新增工业用地项目');
    expect(get('4').text).toContain('（二）存量用地技改项目');
    expect(get('4').units).toEqual(['市自然资源和规划局', '各县（市、区）人民政府']);
    expect(result.warnings.some((w) => w.includes('（一）新增工业用地项目'))).toBe(true);
  });

  it('parses titles and both responsibility forms', () => {
    expect(get('2').title).toBe('鼓励首台（套）产品推广应用');
    expect(get('2').units).toEqual(['市经信局', '市财政局', '市市场监管局']);
    expect(get('6').units).toEqual(['市委组织部〈市委人才办〉', '市人力社保局']);
    expect(get('11').title).toBe('健全政企沟通机制');
    expect(get('11').units).toEqual(['市工商联']);
    expect(get('s1').text).toContain('3.2%以上');
  });

  it('separates the closing from the issuer footer', () => {
    expect(get('closing').text).toBe('本意见自2024年5月1日起施行，有效期至2026年12月31日。');
    expect(get('preamble').title).toBe('温州市人民政府关于加快推进制造业高质量发展的若干意见');
    expect(get('preamble').text).toContain('现提出如下意见。');
    for (const u of result.units) expect(u.text).not.toContain('此件公开发布');
    expectAllClean(raw, result.units);
  });
});

describe('第一条 articles under 第一章 chapters', () => {
  const { raw, result, get, of } = load('articles-chapters.txt');

  it('treats chapters as sections and articles as clauses', () => {
    expect(of('section').map((s) => [s.ref, s.title])).toEqual([
      ['s1', '总则'], ['s2', '补助对象和标准'], ['s3', '申报和审核'], ['s4', '附则'],
    ]);
    expect(of('clause').map((c) => c.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(of('clause').map((c) => c.section)).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4]);
    expect(of('clause').every((c) => c.units.length === 0)).toBe(true);
    expect(of('closing')).toHaveLength(0); // 第九条 is itself the validity article
  });

  it('keeps （一）（二）（三） items and a paragraph starting 第三条第（二）项 inside their articles', () => {
    expect(get('3').title).toBe('同时符合下列条件的企业，可以申请研发费用补助');
    expect(get('3').text).toContain('（二）研发费用占营业收入比重不低于3%；');
    expect(get('5').text).toContain('第三条第（二）项所称营业收入');
    expect(get('1').title).toBe('为鼓励科技型中小企业加大研发投入，根据《温州市进一步推动经济高质量发展若干政策》（温政办〔2024〕11号），制定本办法');
    expect(get('9').text).toBe('本办法自2024年7月1日起施行，有效期至2026年12月31日。');
  });

  it('drops the issuer and date footer', () => {
    for (const u of result.units) {
      expect(u.text).not.toContain('温州市科学技术局');
      expect(u.text).not.toContain('2024年6月1日');
    }
    expect(get('preamble').text).toBe('温州市科技型中小企业研发费用补助管理办法');
    expectAllClean(raw, result.units);
  });
});

describe('1、 numbering restarting per section with [..] / 【..】 responsibility', () => {
  const { raw, result, get, of } = load('arabic-dun-brackets.txt');

  it('keeps the printed numbers, refs s<section>.<n>, and says so', () => {
    expect(of('clause').map((c) => c.ref)).toEqual(['s1.1', 's1.2', 's1.3', 's2.1', 's2.2', 's2.3', 's2.4']);
    expect(of('clause').map((c) => c.number)).toEqual([1, 2, 3, 1, 2, 3, 4]);
    expect(of('clause').map((c) => c.section)).toEqual([1, 1, 1, 2, 2, 2, 2]);
    expect(of('clause').map((c) => unitLabel(c))).toEqual(['第一部分第1项', '第一部分第2项', '第一部分第3项', '第二部分第1项', '第二部分第2项', '第二部分第3项', '第二部分第4项']);
    expect(result.warnings.some((w) => w.includes('重新从1开始') && w.includes('s2.3'))).toBe(true);
    expect(of('section').map((s) => s.title)).toEqual(['支持企业开拓国际市场', '优化外贸发展环境']);
  });

  it('reads square-bracket responsibility and strips it from the text', () => {
    expect(get('s1.1').units).toEqual(['市商务局', '市财政局']);
    expect(get('s1.2').units).toEqual(['市商务局', '市财政局', '中国信保温州办事处']);
    expect(get('s2.1').units).toEqual(['温州海关', '市商务局']);
    expect(get('s2.2').units).toEqual(['市金融办', '人行温州市分行', '国家金融监督管理总局温州监管分局']);
    expect(get('s2.4').units).toEqual(['市商务局', '各县（市、区）人民政府']);
    expect(get('s1.1').text.endsWith('单个展位最高5万元。')).toBe(true);
    for (const c of of('clause')) expect(c.text).not.toMatch(/[[\]【】]/u);
    expect(get('s1.2').title).toBe('扩大出口信用保险覆盖面');
  });

  it('finds the closing and drops the footer', () => {
    expect(get('closing').text).toBe('以上措施自印发之日起施行，由市商务局负责解释。');
    expectAllClean(raw, result.units);
  });
});

describe('PDF-extracted text: page markers, running headers, hard wraps, full-width digits, letter spacing', () => {
  const { raw, result, get, of } = load('pdf-extracted.txt');

  it('finds the structure through the page furniture', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', 's1', '1', '2', '3', 's2', '4', '5', '6', 'closing']);
    expect(of('section').map((s) => [s.title, s.units])).toEqual([
      ['强化梯度培育', ['市经信局']],
      ['强化要素支撑', ['市金融办', '市科技局']],
    ]);
    expect(of('clause').map((c) => c.title)).toEqual(['建立优质企业培育库', '加大奖励力度', '支持企业上规升级', '拓宽融资渠道', '加强人才保障', '强化技术创新']);
    expect(result.warnings).toEqual([]);
  });

  it('excludes the cover letter from the preamble', () => {
    expect(get('preamble').title).toBe('温州市支持中小企业专精特新发展若干措施');
    expect(get('preamble').text).toBe('温州市支持中小企业专精特新发展若干措施\n为进一步激发中小企业创新活力，推动中小企业走“专精特新”发展之路，结合我市实际，制定以下措施。');
  });

  it('joins hard wraps and page breaks, including a year split from 年 and split responsibility notes', () => {
    expect(get('s1').text).toBe('到2025年，全市累计培育省级专精特新中小企业1500家以上，国家级专精特新“小巨人”企业100家以上。');
    expect(get('3').text).toBe('支持企业上规升级。对首次纳入规模以上统计的工业企业，给予10万元奖励。2024年起，对连续两年营业收入增长20%以上的企业，再给予5万元奖励。');
    expect(get('2').units).toEqual(['市经信局', '市财政局']);
    expect(get('3').units).toEqual(['市经信局', '市统计局', '市财政局']);
    expect(get('4').units).toEqual(['市金融办', '人行温州市分行']);
    expect(get('5').units).toEqual(['市委组织部〈市委人才办〉', '市人力社保局']);
    expect(get('5').text).toContain('按D类人才享受购房补贴');
    expect(get('closing').text).toBe('本措施自2024年6月1日起施行，有效期至2026年5月31日。');
  });

  it('drops page markers and running headers', () => {
    for (const u of result.units) {
      expect(u.text).not.toMatch(/规范性文件|—|第5页|-3-|- 4 -|抄送|印发/u);
    }
    expectAllClean(raw, result.units);
  });
});

describe('four levels 一、/（一）/1./（1）: sections are 一、, clauses are （一）', () => {
  const { raw, result, get, of } = load('four-level.txt');

  it('chooses the clause level from heading shape', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', 's1', 's2', '1', '2', '3', 's3', '4', '5']);
    expect(of('section').map((s) => s.title)).toEqual(['总体要求', '主要任务', '保障措施']);
    expect(of('clause').map((c) => [c.title, c.section])).toEqual([
      ['做强数字产业', 2], ['推进产业数字化', 2], ['加快数字基础设施建设', 2], ['加强组织领导', 3], ['加大财政支持', 3],
    ]);
    expect(of('clause').every((c) => c.units.length === 0)).toBe(true);
  });

  it('keeps 1. and （1） levels inside the clause text', () => {
    expect(get('1').text).toContain('1.培育软件和信息服务业。');
    expect(get('1').text).toContain('（2）省内首台（套）产品，最高奖励100万元。');
    expect(get('3').text).toContain('1.建设5G网络。新建5G基站3000个');
    expect(get('s1').text).toContain('1200亿元以上');
    expect(get('s2').text).toBe('主要任务');
    expectAllClean(raw, result.units);
  });
});

describe('a document without sections: 1. clauses with a restarted 1./2. sub-list', () => {
  const { raw, result, get, of } = load('no-sections.txt');

  it('takes the top numbered level as clauses', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', '1', '2', '3', '4', '5', '6', 'closing']);
    expect(of('section')).toHaveLength(0);
    expect(of('clause').every((c) => c.section === null)).toBe(true);
    expect(of('clause').map((c) => c.title)).toEqual(['降低用电成本', '降低物流成本', '降低社保成本', '降低融资成本', '降低用地成本', '降低制度性交易成本']);
  });

  it('keeps the sub-list inside clause 3 and takes its units from the note after the list', () => {
    expect(get('3').text).toContain('1.阶段性降低失业保险费率至1%；');
    expect(get('3').text.endsWith('不超过上年度实际缴纳额的60%。')).toBe(true);
    expect(get('3').units).toEqual(['市人力社保局', '市税务局']);
    expect(get('4').text).toContain('按1.5倍的额度');
    expect(result.warnings).toHaveLength(2);
  });

  it('finds the closing and drops the footer', () => {
    expect(get('closing').text).toContain('有效期至2024年12月31日');
    expect(get('closing').text).not.toContain('温州市人民政府');
    expectAllClean(raw, result.units);
  });
});

describe('options', () => {
  const seed = readFileSync(new URL('../../corpus/raw/wzzb-2024-11.txt', import.meta.url), 'utf8');

  it('includeCoverLetter keeps the 通知 in the preamble', () => {
    const preamble = segmentDocument(seed, { includeCoverLetter: true }).units[0]!;
    expect(preamble.kind).toBe('preamble');
    expect(preamble.text).toContain('现印发给你们');
    expect(preamble.text).toContain('为全面贯彻落实');
    expect(preamble.title).toBe('温州市进一步推动经济高质量发展若干政策');
  });

  it('clauseScheme / sectionScheme override the inferred hierarchy', () => {
    const raw = readFileSync(new URL('../fixtures/segment/four-level.txt', import.meta.url), 'utf8');
    const flat = segmentDocument(raw, { sectionScheme: null, clauseScheme: 'cn-dun' });
    expect(flat.units.filter((u) => u.kind === 'section')).toHaveLength(0);
    expect(flat.units.filter((u) => u.kind === 'clause').map((u) => u.title)).toEqual(['总体要求', '主要任务', '保障措施']);
    const items = segmentDocument(raw, { clauseScheme: 'arabic' });
    const clauses = items.units.filter((u) => u.kind === 'clause');
    expect(clauses.map((u) => u.title)).toEqual([
      '培育软件和信息服务业', '发展智能装备产业', '深化企业数字化改造', '建设工业互联网平台', '建设5G网络', '布局算力设施',
    ]);
    expect(clauses.map((u) => u.number)).toEqual([1, 2, 3, 4, 5, 6]);
    // Restarts under （一） sub-headings would repeat s1.1: clauses are numbered across the document.
    expect(clauses.map((u) => u.ref)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(items.warnings.some((w) => w.includes('已按全文顺序编为第1至6条'))).toBe(true);
  });
});

describe('PDF-extracted articles without chapters or blank lines', () => {
  const { raw, result, get, of } = load('pdf-articles.txt');

  it('finds 7 articles and no sections', () => {
    expect(result.units.map((u) => u.ref)).toEqual(['preamble', '1', '2', '3', '4', '5', '6', '7']);
    expect(of('clause').every((c) => c.section === null && c.units.length === 0)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('joins a title set over two lines and leaves the masthead out of the preamble', () => {
    expect(get('preamble').title).toBe('温州市中小企业融资担保风险补偿资金管理办法');
    expect(get('preamble').text).toBe('温州市中小企业融资担保风险补偿资金管理办法');
  });

  it('repairs wraps, a number split from its unit by a page break, and a letter-spaced article', () => {
    expect(get('1').text).toContain('小微企业和“三农”融资担保业务规模');
    expect(get('3').text).toContain('（一）单户担保金额500万元（含）以下的，按年化担保额的1%给予补偿；');
    expect(get('4').text).toBe('担保机构平均担保费率应当控制在1%以下，对担保费率超过1.5%的业务不予补偿。单家担保机构年度补偿金额最高2000万元。');
    expect(get('5').text).toContain('按照本办法第三条规定的标准审核后拨付。');
    expect(get('6').title).toBe('本办法由市财政局负责解释');
    expect(get('7').text).toBe('本办法自2024年4月1日起施行，有效期3年。');
    for (const u of result.units) expect(u.text).not.toMatch(/规范性文件|—|2024年3月1日/u);
    for (const u of result.units) {
      expectCleanText(u);
      expectTraceable(raw, u, { contiguousEnds: false });
    }
  });
});

describe('small inline documents', () => {
  it('reads bare markers on their own line (第一章 / 总则, 第一条 / text)', () => {
    const raw = ['某市促进就业办法', '第一章', '总　则', '第一条', '为促进就业，制定本办法。', '第二条　本办法适用于本市。', '第二章', '附　则', '第三条　本办法自发布之日起施行。'].join('\n');
    const { units } = segmentDocument(raw);
    expect(units.map((u) => [u.ref, u.title])).toEqual([
      ['preamble', '某市促进就业办法'],
      ['s1', '总则'],
      ['1', '为促进就业，制定本办法'],
      ['2', '本办法适用于本市'],
      ['s2', '附则'],
      ['3', '本办法自发布之日起施行'],
    ]);
  });

  it('does not treat inline or out-of-sequence numbers as clauses', () => {
    const raw = [
      '某县稳增长若干措施',
      '',
      '1. 加大技改支持。按设备投资额的10%给予补助，具体标准如下：1. 投资500万元以上；2. 投资1000万元以上。（责任单位：县经信局）',
      '',
      '2. 支持企业上市。对上市企业给予200万元奖励。（责任单位：县金融办）',
      '',
      '5. 本条为排版错误的编号。',
      '',
      '3. 强化要素保障。优先保障用地指标。（责任单位：县自然资源局）',
    ].join('\n');
    const { units, warnings } = segmentDocument(raw);
    expect(units.filter((u) => u.kind === 'clause').map((u) => u.number)).toEqual([1, 2, 3]);
    expect(units.find((u) => u.ref === '2')?.text).toContain('5.本条为排版错误的编号。');
    expect(warnings.some((w) => w.includes('5.本条'))).toBe(true);
  });

  it('returns only a preamble and a warning for text without numbered clauses', () => {
    const { units, warnings } = segmentDocument('关于做好春节期间安全生产工作的通知\n\n各单位要高度重视，认真落实。');
    expect(units.map((u) => u.kind)).toEqual(['preamble']);
    expect(warnings).toContain('未找到编号条款，全文作为序言');
    expect(segmentDocument('').units).toEqual([]);
  });
});
