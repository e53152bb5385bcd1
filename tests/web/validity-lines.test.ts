// One validity line per document for a conversation: the document's own status first, clause
// periods that differ as exceptions of that line, never a second contradicting notice; and the
// welcome's coverage sentence from the corpus summary.
import { describe, expect, it } from 'vitest';
import { coverageLine, validityLines, zhDate } from '../../src/web/shared/validity-lines.js';
import type { DocumentSummary, ValidityInfo } from '../../src/web/shared/types.js';

const doc: DocumentSummary = {
  id: 'wzzb-2024-11',
  title: '温州市进一步推动经济高质量发展若干政策',
  shortTitle: '温州若干政策',
  docNumber: '温政办〔2024〕11号',
  issuer: '温州市人民政府办公室',
  level: 'municipal',
  region: '浙江省温州市',
  regionCode: '330300',
  issueDate: '2024-02-23',
  validity: { from: '2024-01-01', to: '2024-12-31' },
  status: 'expired',
  successor: { title: '温州市推动经济高质量发展若干政策（2025年版）', docNumber: '温政发〔2025〕2号', issueDate: '2025-02-08', held: false },
  unitPeriods: [{ ref: 'wzzb-2024-11:25', from: '2024-01-01', to: '2027-12-31', status: 'in_force' }],
  sourceUrl: null,
  units: 76,
};

const expired: ValidityInfo = {
  docId: doc.id,
  docTitle: doc.title,
  docNumber: doc.docNumber,
  refs: ['第11条'],
  period: { from: '2024-01-01', to: '2024-12-31' },
  status: 'expired',
  successor: doc.successor,
  message: '提示：《温州市进一步推动经济高质量发展若干政策》（温政办〔2024〕11号）的实施期限为2024年1月1日至2024年12月31日，现已届满，相关措施可能已调整或被替代；请以最新文件为准。',
};
const clause25: ValidityInfo = {
  ...expired,
  refs: ['第25条'],
  period: { from: '2024-01-01', to: '2027-12-31' },
  status: 'current',
  message: '提示：第25条所述措施的实施期限为2024年1月1日至2027年12月31日，目前仍在实施期内。',
};

describe('validityLines', () => {
  it('gives one line per document however many answers carried its notice', () => {
    const lines = validityLines([expired, { ...expired, refs: ['第44条'] }, expired], [doc]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ docId: doc.id, status: 'expired', state: '已届满' });
    expect(lines[0]!.summary).toBe('《温州若干政策》已于2024年12月31日届满');
    // A long title gives way to the 文号, so the line stays one line on a phone.
    expect(validityLines([expired], [{ ...doc, shortTitle: null }])[0]!.summary).toBe('温政办〔2024〕11号已于2024年12月31日届满');
  });

  it('states a clause with its own current period as an exception of the expired line, not as a green notice beside it', () => {
    const lines = validityLines([expired, clause25], [doc]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.status).toBe('expired');
    expect(lines[0]!.summary).toBe('《温州若干政策》已于2024年12月31日届满（其中第25条仍在实施期内）');
    expect(lines[0]!.details[0]).toMatch(/^《温州市/u);
    expect(lines[0]!.details[1]).toMatch(/^其中：第25条所述措施/u);
  });

  it('uses the clause period alone when only that clause was cited', () => {
    const lines = validityLines([clause25], [doc]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 'current', state: '有效' });
    expect(lines[0]!.summary).toBe('第25条实施期至2027年12月31日，目前有效');
  });

  it('tells document periods from clause periods by the message when the corpus summary is not loaded', () => {
    const lines = validityLines([clause25, expired]);
    expect(lines[0]!.status).toBe('expired');
    expect(lines[0]!.summary).toContain('其中第25条仍在实施期内');
  });

  it('keeps documents apart', () => {
    const other: ValidityInfo = { ...expired, docId: 'gz-2025-1', docTitle: '广州若干措施', status: 'current', period: { from: '2025-01-01', to: '2027-12-31' }, message: '提示：《广州若干措施》的实施期限为2025年1月1日至2027年12月31日，目前仍在实施期内。' };
    expect(validityLines([expired, other], [doc]).map((l) => [l.docId, l.status])).toEqual([
      ['wzzb-2024-11', 'expired'],
      ['gz-2025-1', 'current'],
    ]);
  });
});

describe('coverageLine', () => {
  it('names the one document, its region, that it expired and its successor', () => {
    expect(coverageLine({ total: 1, region: null, documents: [doc] })).toBe(
      '本助手依据温州市《温州市进一步推动经济高质量发展若干政策》（温政办〔2024〕11号）作答，该文件已于2024年12月31日届满，仅供了解政策，后续文件为温政发〔2025〕2号。',
    );
  });

  it('counts many documents, their regions and the expired ones, and names the widget region', () => {
    const docs = [doc, { ...doc, id: 'a', region: '全国', status: 'in_force' as const }, { ...doc, id: 'b', region: '浙江省', status: 'unknown' as const }];
    expect(coverageLine({ total: 3, region: { name: '浙江省温州市瑞安市' }, documents: docs })).toBe(
      '本助手依据已收录的 3 份政策文件作答（温州市、全国、浙江省；适用于浙江省温州市瑞安市），其中 1 份已届满，仅供了解。',
    );
  });

  it('says when nothing applies to the region', () => {
    expect(coverageLine({ total: 0, region: { name: '北京市' }, documents: [] })).toContain('没有收录适用于北京市');
    expect(coverageLine(null)).toBe('');
  });

  it('formats dates in Chinese', () => {
    expect(zhDate('2027-01-05')).toBe('2027年1月5日');
  });
});
