import { describe, expect, it } from 'vitest';
import { extractMeta, statusAsOf } from '../../src/ingest/extract-meta.js';
import { findDates, periodEnd } from '../../src/ingest/meta/chinese-date.js';
import { findDocNumbers, normaliseDocNumber } from '../../src/ingest/meta/doc-number.js';
import { splitOrgs } from '../../src/ingest/meta/issuers.js';

// A notice carrying its policy as an attachment, in the usual layout (own fixture text).
const NOTICE = [
  '温州市瓯海区经济和信息化局　温州市瓯海区财政局文件',
  '温瓯经信〔２０２４〕 9 号',
  '温州市瓯海区经济和信息化局 温州市瓯海区财政局',
  '关于印发《瓯海区支持制造业企业数字化改造',
  '若干政策》的通知',
  '各街道办事处、镇人民政府，区级各部门：',
  '现将《瓯海区支持制造业企业数字化改造若干政策》印发给你们，请认真贯彻执行。',
  '温州市瓯海区经济和信息化局　　温州市瓯海区财政局',
  '2024年5月20日',
  '瓯海区支持制造业企业数字化改造若干政策',
  '第一条 对实施数字化改造的规上工业企业，按设备投资额的10%给予补助。',
  '第二条 本政策自2024年6月1日起施行，有效期至2026年12月31日。原《瓯海区智能化改造补助办法》（温瓯经信〔2021〕3号）同时废止。',
].join('\n');

const meta = (text: string, asOf = '2025-01-01') => extractMeta(text, { asOf });
const spanText = (text: string, f: { span: { start: number; end: number; text: string } } | null) => {
  expect(f).not.toBeNull();
  expect(text.slice(f!.span.start, f!.span.end)).toBe(f!.span.text);
  return f!.span.text;
};

describe('文号', () => {
  it.each([
    ['穗人社规字〔2019〕6号', '穗人社规字〔2019〕6号'],
    ['京人社调发[2018]38号', '京人社调发〔2018〕38号'],
    ['浙政办发﹝2022﹞15号', '浙政办发〔2022〕15号'],
    ['泰委办发【2023】15号', '泰委办发〔2023〕15号'],
    ['粤府(2021)7号', '粤府〔2021〕7号'],
    ['杭政函（2020）88号', '杭政函〔2020〕88号'],
    ['温政办 〔2024〕 11 号', '温政办〔2024〕11号'],
    ['温政办〔２０２４〕１１号', '温政办〔2024〕11号'],
    ['国家税务总局公告2014年第23号', '国家税务总局公告2014年第23号'],
    ['财政部 税务总局公告2023年第12号', '财政部 税务总局公告2023年第12号'],
  ])('%s → %s', (raw, normalised) => {
    expect(normaliseDocNumber(raw)).toBe(normalised);
  });

  it('trims words before the issuer code', () => {
    expect(findDocNumbers('根据穗府规〔2018〕19号和财税〔2014〕34号文件').map((n) => n.value)).toEqual(['穗府规〔2018〕19号', '财税〔2014〕34号']);
  });

  it('takes the document’s own number from its own line, not a cited one', () => {
    const m = meta(NOTICE);
    expect(m.docNumber?.value).toBe('温瓯经信〔2024〕9号');
    expect(spanText(NOTICE, m.docNumber)).toBe('温瓯经信〔２０２４〕 9 号');
    const cited = meta('关于做好就业工作的通知\n各区：\n根据《实施意见》（穗府规〔2018〕19号），现通知如下。');
    expect(cited.docNumber).toBeNull();
  });
});

describe('titles', () => {
  it('joins a wrapped title and finds the attached policy', () => {
    const m = meta(NOTICE);
    expect(m.title?.value).toBe('关于印发《瓯海区支持制造业企业数字化改造若干政策》的通知');
    expect(m.attachedTitle?.value).toBe('瓯海区支持制造业企业数字化改造若干政策');
    // The attached title's span is its own heading line after the notice.
    expect(m.attachedTitle!.span.start).toBeGreaterThan(NOTICE.indexOf('2024年5月20日'));
    expect(m.shortTitle?.value).toBe('瓯海区支持制造业企业数字化改造若干政策');
  });

  it('keeps the issuer in 国务院关于… titles and shortens after 关于', () => {
    const m = meta('国务院关于进一步优化营商环境\n更好服务市场主体的实施意见\n国发〔2020〕24号\n各省、自治区、直辖市人民政府：\n……\n国务院\n2020年7月21日');
    expect(m.title?.value).toBe('国务院关于进一步优化营商环境更好服务市场主体的实施意见');
    expect(m.shortTitle?.value).toBe('进一步优化营商环境更好服务市场主体的实施意见');
    expect(m.attachedTitle).toBeNull();
  });

  it('takes a plain first line with a qualifier line as the title of a guide', () => {
    const m = meta('杭州市惠企政策汇编\n（2024年版）\n杭州市经济和信息化局\n一、综合篇');
    expect(m.title?.value).toBe('杭州市惠企政策汇编（2024年版）');
  });
});

describe('issuers, level and region', () => {
  it('reads a joint masthead and signature', () => {
    const m = meta(NOTICE);
    expect(m.issuers.map((i) => i.value)).toEqual(['温州市瓯海区经济和信息化局', '温州市瓯海区财政局']);
    expect(m.level?.value).toBe('district-county');
    expect(m.region?.value).toEqual({ code: '330304', name: '浙江省温州市瓯海区' });
    expect(spanText(NOTICE, m.region)).toBe('温州市瓯海区');
  });

  it('splits organisations written without a separator', () => {
    expect(splitOrgs('广州市人力资源和社会保障局广州市财政局')).toEqual(['广州市人力资源和社会保障局', '广州市财政局']);
    expect(splitOrgs('国务院办公厅')).toEqual(['国务院办公厅']);
  });

  it('takes issuers from the title prefix and names national documents', () => {
    const m = meta('国务院办公厅关于促进平台经济规范健康发展的指导意见\n国办发〔2019〕38号\n各省、自治区、直辖市人民政府：\n……');
    expect(m.issuers.map((i) => i.value)).toEqual(['国务院办公厅']);
    expect(m.level?.value).toBe('national');
    expect(m.region?.value).toEqual({ code: '000000', name: '全国' });
  });

  it('uses the division table for provinces, cities and counties', () => {
    expect(meta('浙江省人民政府关于某事项的通知\n……').level?.value).toBe('provincial');
    expect(meta('温州市人民政府关于某事项的通知\n……').region?.value.code).toBe('330300');
    const county = meta('中共泰顺县委 泰顺县人民政府\n关于支持民宿发展的若干意见\n……');
    expect(county.issuers.map((i) => i.value)).toEqual(['中共泰顺县委', '泰顺县人民政府']);
    expect(county.level?.value).toBe('district-county');
    expect(county.region?.value.name).toBe('浙江省温州市泰顺县');
  });

  it('disambiguates a district name by the places the text mentions', () => {
    // 朝阳区 exists in Beijing and Changchun.
    const m = meta('长春市朝阳区就业政策清单\n朝阳区人社局\n服务对象：高校毕业生');
    expect(m.region?.value.code).toBe('220104');
  });

  it('reads the issuer from a labelled source line when nothing else names one', () => {
    const m = meta('广州市稳岗补贴申领指南\n发布日期：2025-03-01 10:00:00\n文章来源：市人力资源社会保障局官网\n1、补贴条件');
    expect(m.issuers.map((i) => i.value)).toEqual(['市人力资源社会保障局']);
    expect(m.level?.value).toBe('municipal');
    expect(m.region?.value.code).toBe('440100');
    expect(m.issueDate?.value).toBe('2025-03-01');
  });
});

describe('dates', () => {
  it.each([
    ['2024年2月23日', '2024-02-23'],
    ['二〇一九年十月九日', '2019-10-09'],
    ['二〇二三年十二月三十一日', '2023-12-31'],
    ['2019-10-09', '2019-10-09'],
    ['2019.10.9', '2019-10-09'],
    ['２０２３年９月８日', '2023-09-08'],
    ['2023 年 2 月 8 日', '2023-02-08'],
  ])('%s → %s', (raw, iso) => {
    expect(findDates(raw).map((d) => d.iso)).toEqual([iso]);
  });

  it('rejects impossible dates', () => {
    expect(findDates('2023年2月30日')).toEqual([]);
  });

  it('ends N-year periods the day before the anniversary', () => {
    expect(periodEnd('2023-09-08', { years: 3 })).toBe('2026-09-07');
    expect(periodEnd('2024-02-29', { years: 1 })).toBe('2025-02-28');
    expect(periodEnd('2024-01-31', { months: 1 })).toBe('2024-02-29');
  });

  it('takes the issue date from the signature block', () => {
    const m = meta(NOTICE);
    expect(m.issueDate?.value).toBe('2024-05-20');
    expect(spanText(NOTICE, m.issueDate)).toBe('2024年5月20日');
  });

  it('takes a parenthesised date under the title', () => {
    expect(meta('中共某县委 某县人民政府\n关于支持重点产业发展的实施意见\n(2023年2月8日)\n为……').issueDate?.value).toBe('2023-02-08');
  });
});

describe('validity', () => {
  const doc = (closing: string, date = '2024年3月1日') => `某市人民政府关于某事项的通知\n某政发〔2024〕1号\n各区：\n一、内容。\n${closing}\n某市人民政府\n${date}`;
  const v = (closing: string, date?: string) => {
    const m = meta(doc(closing, date));
    return [m.effectiveFrom?.value ?? null, m.effectiveTo?.value ?? null];
  };

  it.each([
    ['本办法自2025年5月1日起施行，有效期至2027年12月31日。', ['2025-05-01', '2027-12-31']],
    ['本办法自2023年9月8日起施行，有效期3年。', ['2023-09-08', '2026-09-07']],
    ['本办法自2023年9月8日起施行，有效期三年。', ['2023-09-08', '2026-09-07']],
    ['本通知自2019年1月1日起执行，暂定三年。', ['2019-01-01', '2021-12-31']],
    ['本意见自印发之日起施行。', ['2024-03-01', null]],
    ['本政策自发布之日起施行，暂定三年有效期。', ['2024-03-01', '2027-02-28']],
    ['本办法自发布之日起30日后施行。', ['2024-03-31', null]],
    ['以上政策除标明具体实施期限外，均为2024年全年有效。', ['2024-01-01', '2024-12-31']],
    ['本意见实施期限为2016年至2018年。', ['2016-01-01', '2018-12-31']],
    ['本措施有效期为2024年1月1日至2025年12月31日。', ['2024-01-01', '2025-12-31']],
  ])('%s', (closing, expected) => {
    expect(v(closing)).toEqual(expected);
  });

  it('ignores durations that are not about the document', () => {
    expect(v('对违规者不良信息进行有效期为5年的记录。本办法自发布之日起施行。')).toEqual(['2024-03-01', null]);
  });

  it('ignores start dates of individual measures', () => {
    expect(v('从2019年1月1日起，将见习补贴范围调整为离校2年内未就业的高校毕业生。')).toEqual([null, null]);
  });

  it('explains a start relative to an issue date it cannot find', () => {
    const m = meta('关于某事项的通知\n本办法自印发之日起施行，有效期5年。');
    expect(m.effectiveFrom).toBeNull();
    expect(m.effectiveTo).toBeNull();
    expect(m.warnings.join()).toContain('没有找到起始日期');
  });

  it('prefers a web page’s registry dates and says when they differ from the text', () => {
    const text = '某市某局关于印发某办法的通知\n文号：某人社规字〔2019〕6号\n实施日期：2019年10月16日\n失效日期：2024年10月15日\n各区：\n本办法自印发之日起施行，有效期5年。\n某市某局\n2019年10月9日';
    const m = meta(text);
    expect(m.effectiveFrom?.value).toBe('2019-10-16');
    expect(m.effectiveTo?.value).toBe('2024-10-15');
    expect(m.warnings.join()).toContain('网页标注的实施日期');
  });

  it('reads a date wrapped over two PDF lines', () => {
    expect(v('本细则自2024年4月1日起施行，有效期至2026年12月\n31日。')).toEqual(['2024-04-01', '2026-12-31']);
  });
});

describe('supersedes', () => {
  it.each([
    ['同时废止《某市就业补助办法》（某人社发〔2015〕27号）。', ['某人社发〔2015〕27号']],
    ['原《某市就业补助办法》（某人社发〔2015〕27号）同时废止。', ['某人社发〔2015〕27号']],
    ['某政办〔2020〕8号文件同时停止执行。', ['某政办〔2020〕8号']],
    ['本公告发布之日起，财税〔2009〕69号文件第八条废止。', []],
  ])('%s', (sentence, expected) => {
    expect(meta(`某市人民政府关于某事项的通知\n${sentence}`).supersedes.map((s) => s.value)).toEqual(expected);
  });
});

describe('status', () => {
  it('judges the status on the given date', () => {
    expect(statusAsOf('2024-06-01', '2026-12-31', '2025-01-01')).toBe('in_force');
    expect(statusAsOf('2024-06-01', '2026-12-31', '2027-01-01')).toBe('expired');
    expect(statusAsOf('2024-06-01', '2026-12-31', '2024-05-31')).toBe('not_yet');
    expect(statusAsOf('2024-06-01', null, '2025-01-01')).toBe('in_force');
    expect(statusAsOf(null, null, '2025-01-01')).toBe('unknown');
    expect(statusAsOf('2024-06-01', '2026-12-31', null)).toBe('unknown');
    expect(meta(NOTICE, '2027-01-01').status).toBe('expired');
  });
});

describe('not found → null', () => {
  it('returns nulls and says what is missing', () => {
    const m = meta('一、加大就业补贴力度。\n二、做好服务保障。');
    expect(m.docNumber).toBeNull();
    expect(m.issueDate).toBeNull();
    expect(m.effectiveFrom).toBeNull();
    expect(m.effectiveTo).toBeNull();
    expect(m.issuers).toEqual([]);
    expect(m.level).toBeNull();
    expect(m.region).toBeNull();
    expect(m.supersedes).toEqual([]);
    expect(m.status).toBe('unknown');
    expect(m.warnings).toEqual(expect.arrayContaining(['没有找到发文机关，请人工填写', '没有找到成文（发布）日期']));
  });

  it('every span points at its text', () => {
    const m = meta(NOTICE);
    for (const f of [m.title, m.attachedTitle, m.docNumber, m.issueDate, m.effectiveFrom, m.effectiveTo, m.level, m.region, ...m.issuers, ...m.supersedes]) {
      spanText(NOTICE, f);
    }
  });
});

describe('typesetting found in the seed family', () => {
  it('drops a typesetting space inside the 关于… phrase of a title', () => {
    const m = extractMeta('某某市人民政府办公室关于印发某某市 促进消费若干措施的通知\n\n各县（市、区）人民政府：\n现印发给你们。');
    expect(m.title?.value).toBe('某某市人民政府办公室关于印发某某市促进消费若干措施的通知');
  });

  it('reads 均为2025年全年实施有效 as the whole year', () => {
    const text = '某某市促进消费若干措施\n\n一、支持商贸企业扩大经营。\n\n本文件明确的各项政策除标明具体实施期限外，均为2025年全年实施有效。\n\n某某市人民政府办公室\n2025年3月1日';
    const m = extractMeta(text);
    expect(m.effectiveFrom?.value).toBe('2025-01-01');
    expect(m.effectiveTo?.value).toBe('2025-12-31');
  });
});
