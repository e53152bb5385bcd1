// Plain-text adapter: UTF-8 (BOM stripped), or GB18030/GBK when UTF-8 does not decode cleanly.
import type { ExtractedText, FormatAdapter } from './types.js';

const REPLACEMENT = '\uFFFD';

function countReplacements(s: string): number {
  let n = 0;
  for (const ch of s) if (ch === REPLACEMENT) n++;
  return n;
}

/** Decode text bytes; exported for the HTML adapter's charset fallback. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'; warnings: string[] } {
  const warnings: string[] = [];
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', warnings };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', warnings };
  const utf8 = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
  const bad = countReplacements(utf8);
  if (bad === 0) return { text: utf8, encoding: 'utf-8', warnings };
  const gb = new TextDecoder('gb18030').decode(bytes);
  const gbBad = countReplacements(gb);
  if (gbBad < bad) {
    if (gbBad > 0) warnings.push(`文件按 GB18030 解码后仍有 ${gbBad} 处无法识别的字符，请核对原文`);
    return { text: gb, encoding: 'gb18030', warnings };
  }
  warnings.push(`文件按 UTF-8 解码时有 ${bad} 处无法识别的字符，请核对原文编码`);
  return { text: utf8, encoding: 'utf-8', warnings };
}

export const textAdapter: FormatAdapter = {
  format: 'txt',
  async extractText(bytes: Uint8Array): Promise<ExtractedText> {
    const { text, warnings } = decodeText(bytes);
    return { text: text.replace(/\r\n?/g, '\n'), format: 'txt', warnings };
  },
};
