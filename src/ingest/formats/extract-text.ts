// Format dispatch: sniff the bytes, run the matching adapter.
import { docxAdapter } from './docx.js';
import { htmlAdapter } from './html.js';
import { pdfAdapter } from './pdf.js';
import { sniffFormat } from './sniff-format.js';
import { textAdapter } from './text.js';
import type { ExtractedText, FormatAdapter, SourceFormat } from './types.js';

export const ADAPTERS: Record<SourceFormat, FormatAdapter> = {
  txt: textAdapter,
  pdf: pdfAdapter,
  html: htmlAdapter,
  docx: docxAdapter,
};

export async function extractText(bytes: Uint8Array, fileName: string, adapters: Record<SourceFormat, FormatAdapter> = ADAPTERS): Promise<ExtractedText> {
  const format = sniffFormat(bytes, fileName);
  return adapters[format].extractText(bytes, fileName);
}
