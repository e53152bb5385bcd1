import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDocumentRecord, docIdFor, DocumentRecordSchema, metaSummary } from '../../src/ingest/document-record.js';
import { extractMeta } from '../../src/ingest/extract-meta.js';
import { ingestFile, sha256Hex } from '../../src/ingest/ingest-file.js';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/ingest', name)));

describe('DocumentRecord', () => {
  it('derives docIds from ASCII file names, else from the hash', () => {
    expect(docIdFor('Wenzhou_Policy 2024.pdf', 'a'.repeat(64))).toBe('wenzhou-policy-2024');
    expect(docIdFor('温州市若干政策.docx', 'abcdef0123456789'.repeat(4))).toBe('doc-abcdef012345');
  });

  it('builds a schema-valid draft record with spans', () => {
    const text = '某市人民政府关于某事项的通知\n某政发〔2024〕1号\n本通知自2024年4月1日起施行。\n某市人民政府\n2024年3月1日';
    const record = buildDocumentRecord(extractMeta(text, { asOf: '2025-01-01' }), {
      source: { fileName: 'a.txt', format: 'txt', sha256: sha256Hex(new TextEncoder().encode(text)) },
      asOf: '2025-01-01',
    });
    expect(DocumentRecordSchema.parse(record)).toEqual(record);
    expect(record.reviewed).toBe(false);
    expect(record.spans.docNumber?.text).toBe('某政发〔2024〕1号');
  });
});

describe('ingestFile + metaSummary', () => {
  it.each([
    [
      'notice-3pages.pdf',
      {
        docId: 'notice-3pages',
        title: '鹿城区科技型中小企业研发费用补助实施细则',
        docNumber: '温鹿科发〔2024〕7号',
        issuer: '温州市鹿城区科学技术局、温州市鹿城区财政局',
        level: 'district-county',
        region: { code: '330302', name: '浙江省温州市鹿城区' },
        issueDate: '2024-03-15',
        effectiveFrom: '2024-04-01',
        effectiveTo: '2026-12-31',
        inForce: true,
        status: 'in_force',
        supersedes: ['温鹿科发〔2021〕3号'],
      },
    ],
    [
      'city-notice.html',
      {
        docId: 'city-notice',
        title: '杭州市人力资源和社会保障局 杭州市财政局关于做好高校毕业生就业补贴工作的通知',
        docNumber: '杭人社发〔2025〕12号',
        issuer: '杭州市人力资源和社会保障局、杭州市财政局',
        level: 'municipal',
        region: { code: '330100', name: '浙江省杭州市' },
        issueDate: '2025-04-10',
        effectiveFrom: '2025-05-01',
        effectiveTo: '2028-04-30',
        inForce: true,
        status: 'in_force',
        supersedes: ['杭人社发〔2022〕5号'],
      },
    ],
    [
      'county-policy.docx',
      {
        docId: 'county-policy',
        title: '关于支持民宿经济高质量发展的若干政策',
        docNumber: '泰委办发〔2023〕15号',
        issuer: '中共泰顺县委办公室、泰顺县人民政府办公室',
        level: 'district-county',
        region: { code: '330329', name: '浙江省温州市泰顺县' },
        issueDate: '2023-06-12',
        effectiveFrom: '2023-06-12',
        effectiveTo: '2026-06-11',
        inForce: true,
        status: 'in_force',
        supersedes: ['泰委办发〔2020〕8号'],
      },
    ],
    [
      'national-gbk.txt',
      {
        docId: 'national-gbk',
        title: '财政部 税务总局关于延续小型微利企业所得税优惠政策的公告',
        docNumber: '财政部 税务总局公告2023年第12号',
        issuer: '财政部、税务总局',
        level: 'national',
        region: { code: '000000', name: '全国' },
        issueDate: '2023-08-02',
        effectiveFrom: '2023-01-01',
        effectiveTo: '2027-12-31',
        inForce: true,
        status: 'in_force',
        supersedes: [],
      },
    ],
  ])('%s', async (name, expected) => {
    const { record, extracted } = await ingestFile(fixture(name), name, { asOf: '2025-06-01' });
    expect(DocumentRecordSchema.safeParse(record).success).toBe(true);
    expect(record.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.source.format).toBe(extracted.format);
    expect(metaSummary(record, '2025-06-01')).toEqual(expected);
  });

  it('re-judges the status for another date and carries adapter warnings', async () => {
    const { record } = await ingestFile(fixture('notice-3pages.pdf'), 'notice-3pages.pdf', { asOf: '2025-06-01' });
    expect(metaSummary(record, '2027-01-01')).toMatchObject({ status: 'expired', inForce: false });
    expect(metaSummary(record, '2024-03-20')).toMatchObject({ status: 'not_yet', inForce: false });
    expect(record.warnings).toContain('第2页没有文字层（可能是扫描件），未能提取文字');
  });
});
