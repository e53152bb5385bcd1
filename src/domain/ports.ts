// Storage contracts the application depends on, asynchronous from the start so that any adapter
// (files, SQLite, PostgreSQL, memory) can implement them. Older synchronous stores
// (conversations, feedback) still live in src/storage until they move here.
import type { DocumentMeta, PolicyUnit } from './types.js';

/** The segmentation stored with a document, so start-up need not segment again. */
export interface StoredUnits {
  /** Version of the segmenter that produced them; other versions are re-segmented. */
  segmenterVersion: string;
  /** sha256 of the text they were segmented from. */
  textSha256: string;
  units: PolicyUnit[];
  warnings: string[];
}

export interface StoredDocument {
  meta: DocumentMeta;
  /** The extracted text the units were cut from (their source spans point into it). */
  text: string;
  units: StoredUnits | null;
}

export interface NewDocument {
  meta: DocumentMeta;
  /** The original file exactly as received. */
  original: { bytes: Uint8Array; extension: string };
  text: string;
  units: StoredUnits;
  /** Anything else to keep beside the meta (the extraction record, corrections). */
  extra?: Record<string, unknown>;
}

/** The document registry: originals, extracted texts, metadata and segmentations. */
export interface DocumentStore {
  /** Every document, withdrawn ones included (see meta.withdrawnAt), in id order. */
  list(): Promise<DocumentMeta[]>;
  get(docId: string): Promise<StoredDocument | undefined>;
  /** Adds or replaces a document (the previous version's files are replaced). */
  put(doc: NewDocument): Promise<void>;
  /** Replaces the stored units (after a segmenter upgrade). */
  putUnits(docId: string, units: StoredUnits): Promise<void>;
  /** Marks the document withdrawn from answering; it stays on disk. Undefined if unknown. */
  withdraw(docId: string, at: Date): Promise<DocumentMeta | undefined>;
  /** Updates reviewed metadata (staff corrections). */
  updateMeta(docId: string, meta: DocumentMeta, extra?: Record<string, unknown>): Promise<void>;
}
