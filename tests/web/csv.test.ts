// CSV export of the 政策体检单: BOM, quoting, the header block and the checklist rows.
import { describe, expect, it } from 'vitest';
import { BOM, buildCsv, csvCell } from '../../src/web/shared/csv.js';
import { checklistCsvRows, compareVisits, comparisonText, CSV_HEADER, documentNotice } from '../../src/web/console/checklist-model.js';
import type { MatchedMeasure } from '../../src/web/shared/types.js';

const measure = (over: Partial<MatchedMeasure>): MatchedMeasure => ({
  ref: 'wzzb-2024-11:11',
  key: 'wzzb-2024-11:11',
  label: '第11条',
  title: '推动企业加大研发投入',
  status: 'eligible',
  actionability: 'apply',
  audience: '规上企业',
  reasons: ['符合“为规模以上企业”——原文：“对录入统计联网直报平台的规模以上企业”', '可享受：研发费用补助'],
  missing: [],
  benefits: [],
  estimates: [],
  quotes: [],
  responsibleUnits: ['市科技局', '市财政局'],
  value: 5,
  ...over,
});

const doc = {
  id: 'wzzb-2024-11',
  title: '温州市进一步推动经济高质量发展若干政策',
  docNumber: '温政办〔2024〕11号',
  issuer: '温州市人民政府办公室',
  issueDate: '2024-02-23',
  validity: { from: '2024-01-01', to: '2024-12-31' },
  successor: { title: '温州市推动经济高质量发展若干政策（2025年版）', docNumber: '温政发〔2025〕2号', issueDate: '2025-02-08', held: false },
};

describe('csvCell / buildCsv', () => {
  it('quotes commas, quotes and newlines; doubles quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('说“是”')).toBe('说“是”');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('一\n二')).toBe('"一\n二"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3.5)).toBe('3.5');
  });

  it('neutralises cells that spreadsheets would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell(-5)).toBe('-5');
  });

  it('starts with a UTF-8 BOM and uses CRLF', () => {
    const csv = buildCsv([['条款', '标题'], ['第11条', '研发']]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toBe(`${BOM}条款,标题\r\n第11条,研发\r\n`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});

describe('checklistCsvRows', () => {
  const rows = checklistCsvRows(
    [
      measure({ status: 'not_eligible', ref: 'wzzb-2024-11:44', label: '第44条', title: '外贸', failed: { description: '有出口业务（未提及，按不具备处理）', quote: '出口信用保险', assumed: true } }),
      measure({ missing: [{ field: 'sme', question: '是否属于中小企业？' }], estimate: { text: '约15万元至40万元（仅供参考）', disclaimer: '仅供参考。', steps: [], assumptions: [], missing: [], formula: 'rd_subsidy', kind: 'subsidy' } as never }),
    ],
    { date: '2026-11-29', documents: [doc], notices: ['2025年起请以后续文件为准。'], profile: [{ label: '注册所在县（市、区）', value: '鹿城区' }] },
  );

  it('has the document, date, validity notice and profile before the table', () => {
    const head = rows.slice(0, rows.findIndex((r) => r[0] === '条款'));
    expect(head.map((r) => r[0])).toEqual(['政策体检单（仅供参考，以主管部门审核为准）', '依据文件', '生成日期', '有效期提示', '提示', '企业画像', undefined]);
    expect(head[1]![1]).toContain('温政办〔2024〕11号');
    expect(head[3]![1]).toContain('现已届满');
    expect(head[5]![1]).toBe('注册所在县（市、区）：鹿城区');
  });

  it('has the nine columns and one row per measure, eligible first, with one clean reason phrase', () => {
    const i = rows.findIndex((r) => r[0] === '条款');
    expect(rows[i]).toEqual(['条款', '标题', '状态', '理由', '待核实问题', '可享受金额/测算', '申报方式', '责任单位', '依据（文件与条款）']);
    expect(rows[i]).toEqual([...CSV_HEADER]);
    expect(rows[i + 1]).toEqual([
      '第11条',
      '推动企业加大研发投入',
      '符合',
      '符合“为规模以上企业”——原文：“对录入统计联网直报平台的规模以上企业”',
      '是否属于中小企业？',
      '约15万元至40万元（仅供参考）',
      '需申报',
      '市科技局、市财政局',
      '《温州市进一步推动经济高质量发展若干政策》（温政办〔2024〕11号）第11条',
    ]);
    // Not "不符合：不满足：…": the status column already says 不符合.
    expect(rows[i + 2]!.slice(0, 4)).toEqual(['第44条', '外贸', '不符合', '不满足：有出口业务（未提及，按不具备处理）']);
    expect(rows[i + 2]![5]).toBe('');
  });

  it('names the applicant, code, contact, counter and region when given', () => {
    const r = checklistCsvRows([], { date: '2026-12-01', documents: [], notices: [], profile: [], applicant: { name: '甲公司', creditCode: '91350100M000100Y43', contact: '张三', counter: '3号窗口' }, region: '鹿城区' });
    expect(r.slice(1, 6)).toEqual([
      ['申请单位', '甲公司'],
      ['统一社会信用代码', '91350100M000100Y43'],
      ['经办人', '张三'],
      ['受理窗口', '3号窗口'],
      ['适用地区', '鹿城区'],
    ]);
  });
});

describe('compareVisits', () => {
  const m = (ref: string, status: 'eligible' | 'possible' | 'not_eligible') => ({ ref, label: `第${ref}条`, title: `措施${ref}`, status });
  it('counts newly eligible, no longer eligible and newly possible measures', () => {
    const c = compareVisits([m('1', 'eligible'), m('2', 'possible'), m('3', 'eligible')], [m('1', 'eligible'), m('2', 'eligible'), m('4', 'eligible'), m('3', 'not_eligible'), m('5', 'possible')], '2026-10-01');
    expect(c.newlyEligible.map((x) => x.ref)).toEqual(['2', '4']);
    expect(c.noLongerEligible.map((x) => x.ref)).toEqual(['3']);
    expect(c.newlyPossible.map((x) => x.ref)).toEqual(['5']);
    expect(comparisonText(c)).toBe('与上次（2026-10-01）相比：新增可享受 2 项（第2条 措施2、第4条 措施4）；不再符合 1 项（第3条 措施3）；新增可能符合 1 项。');
    expect(comparisonText(compareVisits([m('1', 'eligible')], [m('1', 'eligible')], '2026-10-01'))).toBe('与上次（2026-10-01）相比：可享受的措施没有变化。');
  });
});

describe('documentNotice', () => {
  it('says expired, current or not yet in force depending on the date', () => {
    expect(documentNotice(doc, '2026-01-01')).toContain('现已届满');
    expect(documentNotice(doc, '2026-01-01')).toContain('温政发〔2025〕2号');
    expect(documentNotice(doc, '2024-06-01')).toContain('目前在有效期内');
    expect(documentNotice(doc, '2023-06-01')).toContain('尚未施行');
    expect(documentNotice({ ...doc, validity: undefined }, '2026-01-01')).toBeNull();
  });
});
