// The common contract of the format adapters: bytes in, plain text out (with warnings).
export type SourceFormat = 'txt' | 'pdf' | 'html' | 'docx';

export interface ExtractedText {
  text: string;
  format: SourceFormat;
  /** Problems worth showing staff (in Chinese), e.g. pages without a text layer. */
  warnings: string[];
  pages?: number;
  /** A title the container itself declares (HTML <h1>/<title>, PDF info), if any. */
  title?: string;
}

export interface FormatAdapter {
  readonly format: SourceFormat;
  extractText(bytes: Uint8Array, fileName: string): Promise<ExtractedText>;
}
