// Decide a file's format from its bytes (never from the extension alone).
import { AppError } from '../../domain/errors.js';
import type { SourceFormat } from './types.js';

const startsWith = (b: Uint8Array, sig: number[], at = 0): boolean => sig.every((x, i) => b[at + i] === x);

/** Central-directory file names of a zip, read without unzipping. */
function zipEntryNames(b: Uint8Array): string[] {
  const names: string[] = [];
  const dec = new TextDecoder('utf-8');
  // Local file headers: PK\3\4, name length at 26, extra length at 28, name at 30.
  for (let i = 0; i + 30 <= b.length && names.length < 2000; ) {
    if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04], i)) {
      const next = indexOfSig(b, i + 1);
      if (next < 0) break;
      i = next;
      continue;
    }
    const nameLen = b[i + 26]! | (b[i + 27]! << 8);
    names.push(dec.decode(b.subarray(i + 30, i + 30 + nameLen)));
    i = i + 30 + nameLen;
  }
  return names;
}

function indexOfSig(b: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= b.length; i++) if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x03 && b[i + 3] === 0x04) return i;
  return -1;
}

const EXECUTABLE_SIGNATURES: Array<[number[], string]> = [
  [[0x4d, 0x5a], 'Windows 可执行文件'],
  [[0x7f, 0x45, 0x4c, 0x46], 'ELF 可执行文件'],
  [[0xcf, 0xfa, 0xed, 0xfe], 'Mach-O 可执行文件'],
  [[0xca, 0xfe, 0xba, 0xbe], 'Java/Mach-O 可执行文件'],
];

/** Throws AppError('BAD_REQUEST') for executables, archives that are not .docx, and binary data. */
export function sniffFormat(bytes: Uint8Array, fileName = ''): SourceFormat {
  const shown = fileName ? `“${fileName}”` : '文件';
  if (bytes.length === 0) throw new AppError('BAD_REQUEST', `${shown}是空文件，请重新选择要导入的政策文件`);
  for (const [sig, what] of EXECUTABLE_SIGNATURES) {
    if (startsWith(bytes, sig)) throw new AppError('BAD_REQUEST', `${shown}是${what}，不是政策文件。请上传 PDF、Word（.docx）、网页（.html）或文本文件`);
  }
  // %PDF- may follow a little junk; the spec allows it within the first 1024 bytes.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (names.includes('word/document.xml')) return 'docx';
    throw new AppError('BAD_REQUEST', `${shown}是压缩包而不是 Word（.docx）文档。请解压后逐个上传，或另存为 .docx`);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new AppError('BAD_REQUEST', `${shown}是旧版 Word（.doc）或其他 OLE 文件，暂不支持。请在 Word/WPS 中另存为 .docx 或 PDF 后上传`);
  }
  if (startsWith(bytes, [0x1f, 0x8b]) || startsWith(bytes, [0x52, 0x61, 0x72, 0x21]) || startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf])) {
    throw new AppError('BAD_REQUEST', `${shown}是压缩文件，请解压后上传其中的政策文件`);
  }
  const isUtf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!isUtf16 && looksBinary(bytes)) {
    throw new AppError('BAD_REQUEST', `${shown}看起来是二进制文件，无法识别为政策文件。请上传 PDF、Word（.docx）、网页（.html）或文本文件`);
  }
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart().slice(0, 1024).toLowerCase();
  if (/^(<!doctype html|<html[\s>]|<head[\s>]|<meta[\s>])/.test(start) || (start.startsWith('<') && /<(body|div|p|table)[\s>]/.test(start))) return 'html';
  return 'txt';
}

// Text (UTF-8 or GBK) has almost no control bytes other than tab/newline/form feed.
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return control / n > 0.02;
}
