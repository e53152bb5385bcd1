import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { docxAdapter } from '../../src/ingest/formats/docx.js';
import { extractText } from '../../src/ingest/formats/extract-text.js';
import { htmlAdapter } from '../../src/ingest/formats/html.js';
import { itemsToLines, pdfAdapter } from '../../src/ingest/formats/pdf.js';
import { sniffFormat } from '../../src/ingest/formats/sniff-format.js';
import { textAdapter } from '../../src/ingest/formats/text.js';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(import.meta.dirname, '../fixtures/ingest', name)));
const enc = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(execFileSync('python3', ['-c', 'import sys; sys.stdout.buffer.write(sys.stdin.read().encode("gbk"))'], { input: s }));

describe('sniffFormat', () => {
  it('recognises formats from the bytes, not the extension', () => {
    expect(sniffFormat(fixture('notice-3pages.pdf'), 'notice.txt')).toBe('pdf');
    expect(sniffFormat(fixture('county-policy.docx'), 'policy.pdf')).toBe('docx');
    expect(sniffFormat(fixture('city-notice.html'), 'page.docx')).toBe('html');
    expect(sniffFormat(enc('\uFEFF<!DOCTYPE html><html><body>正文</body></html>'), 'x')).toBe('html');
    expect(sniffFormat(fixture('national-gbk.txt'), 'a.html')).toBe('txt');
    expect(sniffFormat(enc('关于印发某某办法的通知\n第一条 ……'), 'a.pdf')).toBe('txt');
  });

  it('rejects a renamed executable with a Chinese message', () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    expect(() => sniffFormat(exe, '政策.pdf')).toThrowError(/可执行文件.*请上传 PDF/);
    try {
      sniffFormat(exe, '政策.pdf');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('BAD_REQUEST');
    }
    expect(() => sniffFormat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'a.txt')).toThrowError(/ELF/);
  });

  it('rejects random bytes, zips that are not .docx, old .doc and empty files', () => {
    let seed = 7;
    const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >> 16) & 0xff);
    expect(() => sniffFormat(random, 'data.txt')).toThrowError(/二进制文件/);
    const header = new Uint8Array(30);
    header.set([0x50, 0x4b, 0x03, 0x04]);
    header[26] = 5;
    expect(() => sniffFormat(new Uint8Array([...header, ...enc('a.txt')]), 'x.docx')).toThrowError(/压缩包而不是 Word/);
    expect(() => sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'x.doc')).toThrowError(/另存为 \.docx/);
    expect(() => sniffFormat(new Uint8Array(), 'x.txt')).toThrowError(/空文件/);
  });
});

describe('text adapter', () => {
  it('decodes GBK text and normalises line ends', async () => {
    const r = await textAdapter.extractText(fixture('national-gbk.txt'), 'national-gbk.txt');
    expect(r.format).toBe('txt');
    expect(r.text.split('\n')[0]).toBe('财政部 税务总局关于延续小型微利企业所得税优惠政策的公告');
    expect(r.text).not.toContain('\r');
    expect(r.text).not.toContain('\uFFFD');
  });

  it('strips a UTF-8 BOM', async () => {
    const r = await textAdapter.extractText(enc('\uFEFF温政办〔2024〕11号'), 'a.txt');
    expect(r.text).toBe('温政办〔2024〕11号');
  });
});

describe('pdf adapter', () => {
  it('extracts pages separated by form feeds and names the page without text', async () => {
    const r = await pdfAdapter.extractText(fixture('notice-3pages.pdf'), 'notice-3pages.pdf');
    expect(r.pages).toBe(3);
    expect(r.warnings).toEqual(['第2页没有文字层（可能是扫描件），未能提取文字']);
    const pages = r.text.split('\f');
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('温鹿科发﹝2024﹞7号');
    expect(pages[1]!.trim()).toBe('');
    expect(pages[2]).toContain('第三条 本细则自2024年4月1日起施行');
    // Lines are rebuilt: the title wraps after 研发 exactly as printed.
    expect(pages[0]!.split('\n')).toContain('关于印发《鹿城区科技型中小企业研发');
  });

  it('does not detach the caller’s buffer', async () => {
    const bytes = fixture('notice-3pages.pdf');
    await pdfAdapter.extractText(bytes, 'a.pdf');
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('refuses a PDF without any text layer', async () => {
    await expect(pdfAdapter.extractText(fixture('scan-only.pdf'), 'scan-only.pdf')).rejects.toThrowError(/2 页都没有文字层.*OCR/);
  });

  it('refuses a broken PDF', async () => {
    await expect(pdfAdapter.extractText(enc('%PDF-1.4\n garbage'), 'bad.pdf')).rejects.toThrowError(/无法作为 PDF 打开/);
  });

  it('rebuilds lines from item positions', () => {
    const item = (str: string, x: number, y: number, width = str.length * 10) => ({ str, transform: [10, 0, 0, 10, x, y], width, height: 10 });
    expect(itemsToLines([item('第二行', 0, 80), item('第一', 0, 100), item('行', 20, 101), item('表格', 200, 80)])).toEqual(['第一行', '第二行 表格']);
  });
});

describe('html adapter', () => {
  it('keeps the article and the labelled facts, drops site chrome', async () => {
    const r = await htmlAdapter.extractText(fixture('city-notice.html'), 'city-notice.html');
    expect(r.title).toBe('杭州市人力资源和社会保障局 杭州市财政局关于做好高校毕业生就业补贴工作的通知');
    expect(r.text).toContain('杭人社发〔2025〕12号');
    expect(r.text).toContain('发布日期：2025-04-15 09:30');
    for (const noise of ['首页', '政务公开', '热点专题', '分享到', '浏览次数', '打印本页', '关闭窗口', '版权所有', '网站标识码', 'ICP备', '统计代码', 'console.log', 'font-size', '相关文件', '请输入关键词']) {
      expect(r.text, noise).not.toContain(noise);
    }
  });

  it('puts table cells on their own lines and honours <br>', async () => {
    const r = await htmlAdapter.extractText(fixture('city-notice.html'), 'city-notice.html');
    const lines = r.text.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual(expect.arrayContaining(['补贴项目', '对象', '标准', '一次性吸纳补贴', '3000元/人']));
    expect(lines).toContain('执行中如有问题，请及时反馈。');
    // Inline spans do not break a line.
    expect(lines).toContain('一、对吸纳毕业2年内高校毕业生就业并缴纳社会保险的小微企业，按每人3000元给予一次性吸纳补贴。');
  });

  it('decodes a GBK page declared in <meta charset>', async () => {
    const page = '<html><head><meta charset="gbk"></head><body><div class="content"><p>关于印发某办法的通知</p><p>第一条 为规范管理，制定本办法。本办法所称企业是指依法登记的企业。</p></div></body></html>';
    const r = await htmlAdapter.extractText(gbk(page), 'gbk.html');
    expect(r.text).toContain('第一条 为规范管理，制定本办法。');
  });

  it('refuses a page without text', async () => {
    await expect(htmlAdapter.extractText(enc('<html><body><div class="nav"><a href="/">首页</a></div></body></html>'), 'empty.html')).rejects.toThrowError(/没有找到正文文字/);
  });
});

describe('docx adapter', () => {
  it('returns paragraphs one per line', async () => {
    const r = await docxAdapter.extractText(fixture('county-policy.docx'), 'county-policy.docx');
    const lines = r.text.split('\n');
    expect(lines[0]).toBe('中共泰顺县委办公室 泰顺县人民政府办公室');
    expect(lines[2]).toBe('泰委办发【2023】15号');
    expect(lines.at(-1)).toBe('二〇二三年六月十二日');
  });
});

describe('extractText', () => {
  it('dispatches by sniffed format', async () => {
    expect((await extractText(fixture('county-policy.docx'), 'renamed.txt')).format).toBe('docx');
    expect((await extractText(fixture('city-notice.html'), 'page.txt')).format).toBe('html');
  });
});
