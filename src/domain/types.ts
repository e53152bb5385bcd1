// Core domain types shared by every layer. No imports from other src folders.

/** Kind of a citable unit inside one policy document. */
export type UnitKind = 'preamble' | 'section' | 'clause' | 'closing';

/** Character span [start, end) in the raw source text, so every unit stays traceable. */
export interface SourceSpan {
  start: number;
  end: number;
}

/**
 * One citable unit produced by the segmenter (pure, per document).
 * `ref` is unqualified here: "11", "s2", "preamble", "closing".
 */
export interface PolicyUnit {
  ref: string;
  kind: UnitKind;
  /** Clause number (1..n) for clauses, section number (1..8) for sections, null otherwise. */
  number: number | null;
  /** Section number the unit belongs to (its own number for sections), null for preamble/closing. */
  section: number | null;
  /** Clause: short title (first sentence, without trailing 。). Section: its heading title. */
  title: string;
  /** Normalised full text (spacing and width repaired, page breaks joined). */
  text: string;
  /** Responsible units (责任单位), lead first. Sections: the lead units from （由…牵头实施）. */
  units: string[];
  /** Where the unit's text came from in the raw source. */
  source: SourceSpan;
}

/** Validity period in ISO dates (inclusive). */
export interface ValidityPeriod {
  from: string;
  to: string;
}

export interface SuccessorDocument {
  title: string;
  docNumber: string;
  issueDate: string;
  /** Whether we hold its text in the corpus. */
  held: boolean;
}

/** Metadata of one source document (corpus/raw/<id>.meta.json). */
export interface DocumentMeta {
  id: string;
  title: string;
  docNumber: string;
  issuer: string;
  issueDate: string;
  region: string;
  /** File name under corpus/raw/ holding the text exactly as published. */
  file: string;
  validity: ValidityPeriod;
  /** Clause-specific periods that override the document's (key: unqualified ref). */
  unitValidity: Record<string, ValidityPeriod & { quote: string }>;
  successor: SuccessorDocument | null;
}

/** A unit as indexed in a corpus of one or more documents. */
export interface CorpusUnit extends PolicyUnit {
  docId: string;
  /** Canonical reference: unqualified ("11") while the corpus holds one document, else "<docId>:11". */
  key: string;
  /** Display label in Chinese: 第11条, 第二部分 科技创新政策, 序言, 结语. */
  label: string;
}

export interface Corpus {
  documents: DocumentMeta[];
  units: CorpusUnit[];
  /** Hash of raw texts + metadata, used to detect stale indexes. */
  hash: string;
}

/** One retrieval hit. */
export interface RetrievedUnit {
  unit: CorpusUnit;
  score: number;
  /** Component scores before fusion, when available. */
  scores: { bm25?: number; vector?: number; direct?: boolean };
  /** The unit's sentences that best match the query, best first. */
  sentences: string[];
  /** Every sentence of the unit in order, with its idf-weighted share of query terms (0..1). */
  passages: Array<{ text: string; score: number }>;
  /** Query terms (after expansion) that occur in the unit. */
  matched: string[];
}

export interface Citation {
  ref: string;
  label: string;
  quote: string;
  docTitle: string;
}
