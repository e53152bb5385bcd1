// DocumentStore contract, one suite for every adapter (corpus files, memory, PostgreSQL): every
// document listed in id order with withdrawn ones, originals kept byte for byte (the export),
// a text original serving as its own text, replacement, stored units, withdrawal and staff
// corrections keeping the extraction record, and bad ids refused in Chinese.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { NewDocument, StoredUnits } from '../../src/domain/ports.js';
import type { DocumentMeta, PolicyUnit } from '../../src/domain/types.js';
import type { ExportableDocumentStore } from '../../src/storage/document-registry.js';

export function meta(id: string, over: Partial<DocumentMeta> = {}): DocumentMeta {
  return {
    id,
    title: `${id} 测试文件`,
    docNumber: '测试〔2024〕1号',
    issuer: '某县人民政府办公室',
    issueDate: '2024-03-01',
    region: '青田县',
    regionCode: '331121',
    file: 'placeholder',
    validity: { from: '2024-03-01', to: '2026-12-31' },
    unitValidity: {},
    successor: null,
    ...over,
  };
}

export function units(text: string, version = 'seg-test-1'): StoredUnits {
  const unit = { ref: '1', kind: 'clause', number: 1, section: null, title: '补助', text, units: ['县农业农村局'], source: { start: 0, end: text.length } } as unknown as PolicyUnit;
  return { segmenterVersion: version, textSha256: `sha-of-${text.length}`, units: [unit], warnings: [] };
}

const TEXT = '一、新建连栋大棚每亩补助2000元。';
/** A text original that is exactly its text. */
export function textDoc(id: string, text = TEXT, over: Partial<NewDocument> = {}): NewDocument {
  return { meta: meta(id), original: { bytes: new Uint8Array(Buffer.from(text, 'utf8')), extension: 'txt' }, text, units: units(text), ...over };
}
/** A binary original (every byte value) with its text extracted. */
export const PDF_BYTES = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...Array.from({ length: 256 }, (_, i) => i), 0, 0, 255]);

export function runDocumentStoreContract(name: string, make: () => ExportableDocumentStore | Promise<ExportableDocumentStore>): void {
  describe(`DocumentStore contract (${name})`, () => {
    it('is empty at first and says so for unknown and malformed ids', async () => {
      const s = await make();
      expect(await s.list()).toEqual([]);
      expect(await s.get('nope')).toBeUndefined();
      expect(await s.get('../etc/passwd')).toBeUndefined();
      expect(await s.export('nope')).toBeUndefined();
      expect(await s.withdraw('nope', new Date())).toBeUndefined();
      const missing = await s.updateMeta('nope', meta('nope')).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(AppError);
      expect((missing as AppError).code).toBe('NOT_FOUND');
      const bad = await s.put(textDoc('Bad_Id')).catch((e: unknown) => e);
      expect(bad).toBeInstanceOf(AppError);
      expect((bad as AppError).code).toBe('BAD_REQUEST');
      expect((bad as AppError).userMessage).toMatch(/只能包含小写字母、数字和连字符/);
      expect(await s.list()).toEqual([]);
    });

    it('stores documents with their text and units, listed in id order; a text original is its own text', async () => {
      const s = await make();
      await s.put(textDoc('qt-b'));
      await s.put(textDoc('qt-a', '二、每亩补助1000元。'));
      expect((await s.list()).map((m) => m.id)).toEqual(['qt-a', 'qt-b']);
      const got = await s.get('qt-b');
      expect(got).toEqual({ meta: { ...meta('qt-b'), file: 'qt-b.txt' }, text: TEXT, units: units(TEXT) });
      expect((await s.list())[1]).toEqual(got!.meta);
    });

    it('keeps a binary original byte for byte beside its extracted text, and the extraction record unserved', async () => {
      const s = await make();
      const extra = { corrections: [{ field: 'docNumber', extracted: null, reviewed: '测试〔2024〕1号', note: '正文没有文号' }] };
      await s.put({ meta: meta('qt-pdf'), original: { bytes: PDF_BYTES, extension: '.PDF' }, text: TEXT, units: units(TEXT), extra });
      const got = await s.get('qt-pdf');
      expect(got!.meta.file).toBe('text/qt-pdf.txt');
      expect(got!.text).toBe(TEXT);
      expect(got!.meta).not.toHaveProperty('corrections');
      const exported = await s.export('qt-pdf');
      expect(Buffer.from(exported!.original.bytes).equals(Buffer.from(PDF_BYTES))).toBe(true);
      expect(exported!.original.extension).toBe('pdf');
      expect(exported!.metaJson.corrections).toEqual(extra.corrections);
      expect(exported!.text).toBe(TEXT);
      // A txt original whose bytes are not exactly the text (a BOM) keeps its text apart too.
      await s.put(textDoc('qt-bom', TEXT, { original: { bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(TEXT)]), extension: 'txt' } }));
      expect((await s.get('qt-bom'))!.meta.file).toBe('text/qt-bom.txt');
    });

    it('replaces a document whole, and its units alone', async () => {
      const s = await make();
      await s.put(textDoc('qt-a'));
      const v2 = '一、新建连栋大棚每亩补助3000元。';
      await s.put({ ...textDoc('qt-a', v2), meta: meta('qt-a', { title: '第二版' }) });
      expect(await s.get('qt-a')).toEqual({ meta: { ...meta('qt-a', { title: '第二版' }), file: 'qt-a.txt' }, text: v2, units: units(v2) });
      expect(await s.list()).toHaveLength(1);
      await s.putUnits('qt-a', units(v2, 'seg-test-2'));
      expect((await s.get('qt-a'))!.units!.segmenterVersion).toBe('seg-test-2');
      expect((await s.get('qt-a'))!.text).toBe(v2);
    });

    it('withdraws a document without deleting it, keeping its record and corrections', async () => {
      const s = await make();
      const extra = { corrections: [{ field: 'title', extracted: '旧', reviewed: '新' }] };
      await s.put({ ...textDoc('qt-a'), extra });
      await s.put(textDoc('qt-b'));
      const at = new Date('2026-12-01T08:00:00.000Z');
      const withdrawn = await s.withdraw('qt-a', at);
      expect(withdrawn).toEqual({ ...meta('qt-a'), file: 'qt-a.txt', withdrawnAt: '2026-12-01T08:00:00.000Z' });
      expect((await s.list()).map((m) => [m.id, m.withdrawnAt ?? null])).toEqual([
        ['qt-a', '2026-12-01T08:00:00.000Z'],
        ['qt-b', null],
      ]);
      expect((await s.get('qt-a'))!.text).toBe(TEXT);
      expect((await s.export('qt-a'))!.metaJson.corrections).toEqual(extra.corrections);
    });

    it('updates reviewed metadata, keeping the text file and the corrections', async () => {
      const s = await make();
      const extra = { corrections: [{ field: 'title', extracted: '旧', reviewed: '新' }] };
      await s.put({ ...textDoc('qt-a'), extra });
      await s.updateMeta('qt-a', meta('qt-a', { title: '核对后的标题', reviewed: true, file: 'elsewhere.txt' }), { note: '已核对' });
      const got = await s.get('qt-a');
      expect(got!.meta).toEqual({ ...meta('qt-a', { title: '核对后的标题', reviewed: true }), file: 'qt-a.txt' });
      expect(got!.text).toBe(TEXT);
      const exported = await s.export('qt-a');
      expect(exported!.metaJson).toMatchObject({ corrections: extra.corrections, note: '已核对' });
    });
  });
}
