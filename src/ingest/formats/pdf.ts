// PDF adapter: the text layer page by page (the only import of pdfjs-dist).
// Lines are rebuilt from item positions; pages are separated by a form feed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppError } from '../../domain/errors.js';
import type { ExtractedText, FormatAdapter } from './types.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
// Local files only: CJK PDFs need the CMaps, standard fonts avoid a fetch; nothing goes to the network.
const CMAP_URL = path.join(pdfjsRoot, 'cmaps') + path.sep;
const STANDARD_FONTS_URL = path.join(pdfjsRoot, 'standard_fonts') + path.sep;

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

/** Rebuild lines from positioned text items (pure; exported for tests). */
export function itemsToLines(items: TextItemLike[]): string[] {
  type Line = { y: number; h: number; parts: Array<{ x: number; w: number; s: string }> };
  const lines: Line[] = [];
  for (const it of items) {
    if (it.str === '' && !it.hasEOL) continue;
    const x = it.transform[4] ?? 0;
    const y = it.transform[5] ?? 0;
    const h = Math.abs(it.height || it.transform[3] || 10);
    // Same line when baselines are within 40% of the glyph height (superscripts stay attached).
    let line = lines.find((l) => Math.abs(l.y - y) <= Math.max(l.h, h) * 0.4);
    if (!line) {
      line = { y, h, parts: [] };
      lines.push(line);
    }
    if (it.str !== '') line.parts.push({ x, w: it.width, s: it.str });
  }
  lines.sort((a, b) => b.y - a.y);
  const out: string[] = [];
  for (const l of lines) {
    l.parts.sort((a, b) => a.x - b.x);
    let s = '';
    let prevEnd: number | null = null;
    for (const p of l.parts) {
      // A visible gap (table cells, spaced headings) becomes one space.
      if (prevEnd !== null && p.x - prevEnd > l.h * 0.9 && !s.endsWith(' ') && !p.s.startsWith(' ')) s += ' ';
      s += p.s;
      prevEnd = p.x + p.w;
    }
    const t = s.replace(/\s+$/u, '');
    if (t !== '') out.push(t);
  }
  return out;
}

function pageList(nums: number[]): string {
  return nums.map((n) => `第${n}`).join('、').replace(/、第/g, '、') + '页';
}

export const pdfAdapter: FormatAdapter = {
  format: 'pdf',
  async extractText(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // pdfjs transfers (detaches) the buffer it is given; keep the caller's bytes intact.
    const data = new Uint8Array(bytes);
    let doc;
    try {
      doc = await pdfjs.getDocument({
        data,
        cMapUrl: CMAP_URL,
        cMapPacked: true,
        standardFontDataUrl: STANDARD_FONTS_URL,
        disableFontFace: true,
        useSystemFonts: false,
        isEvalSupported: false,
        stopAtErrors: false,
        verbosity: 0,
      }).promise;
    } catch (err) {
      const msg = err instanceof Error && /password/i.test(err.name + err.message)
        ? `“${fileName}”有打开密码，请先解除密码后再上传`
        : `“${fileName}”无法作为 PDF 打开（文件可能已损坏），请重新导出后上传`;
      throw new AppError('BAD_REQUEST', msg, { cause: err });
    }
    try {
      const pages: string[] = [];
      const empty: number[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        const lines = itemsToLines(content.items.filter((i) => 'str' in i) as TextItemLike[]);
        if (lines.join('').trim() === '') empty.push(n);
        pages.push(lines.join('\n'));
        page.cleanup();
      }
      if (empty.length === doc.numPages) {
        throw new AppError('BAD_REQUEST', `“${fileName}”的 ${doc.numPages} 页都没有文字层（可能是扫描件），未能提取文字。请先做文字识别（OCR）后再上传，或上传 Word/网页版本`);
      }
      const warnings = empty.length > 0 ? [`${pageList(empty)}没有文字层（可能是扫描件），未能提取文字`] : [];
      let title: string | undefined;
      try {
        const meta = await doc.getMetadata();
        const t = (meta.info as { Title?: unknown } | undefined)?.Title;
        if (typeof t === 'string' && t.trim() !== '') title = t.trim();
      } catch {
        // Metadata is optional.
      }
      return { text: pages.join('\n\f'), format: 'pdf', warnings, pages: doc.numPages, ...(title ? { title } : {}) };
    } finally {
      await doc.destroy();
    }
  },
};
