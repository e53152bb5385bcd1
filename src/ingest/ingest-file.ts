// One file through the front of the staff pipeline: bytes → text → metadata → draft record.
import { createHash } from 'node:crypto';
import { buildDocumentRecord, type DocumentRecord } from './document-record.js';
import { extractMeta } from './extract-meta.js';
import { extractText } from './formats/extract-text.js';
import type { ExtractedText } from './formats/types.js';

export interface IngestedFile {
  record: DocumentRecord;
  extracted: ExtractedText;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `asOf` (YYYY-MM-DD) is the date the status is judged on; pass today's date from the caller. */
export async function ingestFile(
  bytes: Uint8Array,
  fileName: string,
  { asOf = null, docId, extract = extractText }: { asOf?: string | null; docId?: string; extract?: typeof extractText } = {},
): Promise<IngestedFile> {
  const extracted = await extract(bytes, fileName);
  const meta = extractMeta(extracted.text, { asOf, fileName });
  const record = buildDocumentRecord(meta, {
    source: { fileName, format: extracted.format, sha256: sha256Hex(bytes) },
    asOf,
    ...(docId ? { docId } : {}),
  });
  record.warnings = [...extracted.warnings, ...record.warnings];
  return { record, extracted };
}
