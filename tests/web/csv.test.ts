// CSV export of the 政策体检单: BOM, quoting, the header block and the checklist rows.
import { describe, expect, it } from 'vitest';
import { BOM, buildCsv, csvCell } from '../../src/web/shared/csv.js';
import { checklistCsvRows, CSV_HEADER, documentNotice } from '../../src/web/console/checklist-model.js';
import type { MatchedMeasure } from '../../src/web/shared/types.js';

const measure = (over: Partial<MatchedMeasure>): MatchedMeasure => ({
  ref: '11',
  key: '11',
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
      measure({ status: 'not_eligible', ref: '44', label: '第44条', title: '外贸', failed: { description: '有出口业务', quote: '出口信用保险', assumed: true } }),
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

  it('has the seven columns and one row per measure, eligible first', () => {
    const i = rows.findIndex((r) => r[0] === '条款');
    expect(rows[i]).toEqual([...CSV_HEADER]);
    expect(rows[i + 1]).toEqual([
      '第11条',
      '推动企业加大研发投入',
      '符合',
      '符合“为规模以上企业”——原文：“对录入统计联网直报平台的规模以上企业”',
      '是否属于中小企业？',
      '约15万元至40万元（仅供参考）\n仅供参考。',
      '市科技局、市财政局',
    ]);
    expect(rows[i + 2]!.slice(0, 4)).toEqual(['第44条', '外贸', '不符合', '不符合：有出口业务（原文：“出口信用保险”）']);
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
