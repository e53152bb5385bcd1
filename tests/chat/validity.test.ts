import { describe, expect, it } from 'vitest';
import { expiredFirst, validityNotices } from '../../src/chat/validity.js';
import type { CorpusUnit, DocumentMeta } from '../../src/domain/types.js';

const doc: DocumentMeta = {
  id: 'wz', title: '温州市进一步推动经济高质量发展若干政策', docNumber: '温政办〔2024〕11号', issuer: '温州市人民政府办公室',
  issueDate: '2024-02-23', region: '温州市', file: 'x.txt',
  validity: { from: '2024-01-01', to: '2024-12-31' },
  unitValidity: { '25': { from: '2024-01-01', to: '2027-12-31', quote: '2024—2027年' } },
  successor: { title: '温州市推动经济高质量发展若干政策（2025年版）', docNumber: '温政发〔2025〕2号', issueDate: '2025-02-08', held: false },
};
const clause = (n: number): CorpusUnit => ({
  ref: String(n), key: String(n), label: `第${n}条`, kind: 'clause', number: n, section: 1, title: 't', text: 'x', units: [], source: { start: 0, end: 0 }, docId: 'wz',
});

describe('validityNotices', () => {
  it('warns after the period ended and names the successor', () => {
    const [n] = validityNotices([clause(11)], [doc], new Date('2026-11-29T00:00:00Z'));
    expect(n!.status).toBe('expired');
    expect(n!.message).toContain('2024年1月1日至2024年12月31日');
    expect(n!.message).toContain('温政发〔2025〕2号');
    expect(n!.message).toContain('本库未收录全文');
  });

  it('says the measure is in force while the period runs (injectable clock)', () => {
    const [n] = validityNotices([clause(11)], [doc], new Date('2024-06-01T00:00:00Z'));
    expect(n!.status).toBe('current');
    expect(n!.message).not.toContain('届满');
  });

  it('lets a clause-specific period win over the document period', () => {
    const notices = validityNotices([clause(11), clause(25)], [doc], new Date('2026-11-29T00:00:00Z'));
    const n25 = notices.find((n) => n.refs.includes('第25条'))!;
    const n11 = notices.find((n) => n.refs.includes('第11条'))!;
    expect(n25.status).toBe('current');
    expect(n25.period.to).toBe('2027-12-31');
    expect(n11.status).toBe('expired');
    expect(validityNotices([clause(25)], [doc], new Date('2028-01-02T00:00:00Z'))[0]!.status).toBe('expired');
  });

  it('groups units sharing a period and returns nothing for no units', () => {
    expect(validityNotices([clause(11), clause(29)], [doc], new Date('2026-01-01'))).toHaveLength(1);
    expect(validityNotices([], [doc], new Date())).toEqual([]);
  });
});

describe('expiredFirst', () => {
  it('asked whether a measure still applies, an ended period is said first instead of a bare yes', () => {
    const notices = validityNotices([clause(11)], [doc], new Date('2026-11-29T00:00:00Z'));
    const out = expiredFirst('有。研发费用200万元以上的给予补助〔第11条〕。', notices);
    expect(out.startsWith('温政办〔2024〕11号的实施期限已于2024年12月31日届满')).toBe(true);
    expect(out).toContain('后续文件：温政发〔2025〕2号');
    expect(out).not.toContain('有。');
    expect(out).toContain('研发费用200万元以上的给予补助〔第11条〕');
    // Another place's line stays first.
    expect(expiredFirst('以下依据温州市的政策文件回答：\n可以。给予补助〔第11条〕。', notices).startsWith('以下依据温州市的政策文件回答：\n温政办')).toBe(true);
    // A measure still in force is answered as it was.
    const current = validityNotices([clause(25)], [doc], new Date('2026-11-29T00:00:00Z'));
    expect(expiredFirst('有。〔第25条〕', current)).toBe('有。〔第25条〕');
  });
});
