// Word (.docx) adapter: raw text with one paragraph per line (the only import of mammoth).
import mammoth from 'mammoth';
import { AppError } from '../../domain/errors.js';
import type { ExtractedText, FormatAdapter } from './types.js';

export const docxAdapter: FormatAdapter = {
  format: 'docx',
  async extractText(bytes: Uint8Array, fileName: string): Promise<ExtractedText> {
    let result: { value: string; messages: Array<{ type: string; message: string }> };
    try {
      result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    } catch (err) {
      throw new AppError('BAD_REQUEST', `“${fileName}”无法作为 Word 文档打开（文件可能已损坏），请用 Word/WPS 重新另存为 .docx 后上传`, { cause: err });
    }
    // mammoth ends every paragraph with a blank line; one newline per paragraph is enough.
    const text = result.value.replace(/\r\n?/g, '\n').replace(/\n\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
    if (text === '') throw new AppError('BAD_REQUEST', `“${fileName}”中没有文字，请确认文档内容不是图片`);
    const warnings = result.messages.filter((m) => m.type === 'error').map((m) => `Word 文档部分内容未能读取：${m.message}`);
    return { text, format: 'docx', warnings };
  },
};
