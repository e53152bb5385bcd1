// Core domain types shared by every layer. No imports from other src folders.

/** Kind of a citable unit inside one policy document. */
export type UnitKind = 'preamble' | 'section' | 'clause' | 'closing' | 'annex';

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
  /** Ref of the enclosing unit when there is more than one heading level (a card under 's4.1'). */
  parent?: string;
  /** A policy card's own source document (依据文件 and 发文字号), null where the card does not say. */
  basis?: PolicyBasis;
}

/** The document a policy card or listed policy is based on. */
export interface PolicyBasis {
  title: string | null;
  docNumber: string | null;
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

/** Government level of an issuer. */
export type DocumentLevel = 'national' | 'provincial' | 'municipal' | 'district-county';

/** A place in the GB/T 2260 division table; code '000000' is 全国. */
export interface RegionRef {
  code: string | null;
  name: string;
}

/**
 * Metadata of one source document as served (corpus/meta/<id>.meta.json, reviewed by staff or
 * still a draft). Fields the text does not state are null, never guessed.
 */
export interface DocumentMeta {
  id: string;
  title: string;
  fullTitle?: string;
  shortTitle?: string | null;
  docNumber: string | null;
  /** Issuers joined with 、 (display). */
  issuer: string;
  issuers?: string[];
  level?: DocumentLevel | null;
  issueDate: string | null;
  /** The jurisdiction's name (display), e.g. 温州市. */
  region: string;
  /** The jurisdiction's division code; '000000' for national documents. */
  regionCode?: string | null;
  /** Path (relative to corpus/raw/ for text documents, or to the corpus folder) of the text exactly as extracted. */
  file: string;
  /** The document's period when both ends are known; null when the text does not say. */
  validity: ValidityPeriod | null;
  effectiveFrom?: string | null;
  effectiveTo?: string | null;
  /** Clause-specific periods that override the document's (key: unqualified ref). */
  unitValidity: Record<string, ValidityPeriod & { quote: string }>;
  successor: SuccessorDocument | null;
  /** 文号 of documents this one repeals or replaces. */
  supersedes?: string[];
  /** The original file as received (kept byte-identical under corpus/raw/). */
  source?: { file: string; fileName: string; format: 'txt' | 'pdf' | 'html' | 'docx'; sha256: string; url?: string };
  /** Whether staff checked the metadata. */
  reviewed?: boolean;
  /** Set when the document was withdrawn from answering (kept on disk). */
  withdrawnAt?: string | null;
  /** The document of the single-document era: bare refs in old stored data belong to it. */
  legacyBareRefs?: boolean;
}

/** A unit as indexed in a corpus of one or more documents. */
export interface CorpusUnit extends PolicyUnit {
  docId: string;
  /** Canonical reference, always "<docId>:<ref>" (e.g. "wzzb-2024-11:11"). */
  key: string;
  /** Display label in Chinese: 第11条, 第二部分 科技创新政策, 序言, 结语. */
  label: string;
  /** Everyday words for this unit (corpus/expansions): indexed beside the text, never quoted. */
  everyday?: string;
  /** Everyday words for single sentences (corpus/expansions `sentences`): the sentence holding `anchor` is found by them too. */
  sentenceWords?: SentenceWords[];
}

/** Everyday words of one sentence, located by a verbatim substring of it. */
export interface SentenceWords {
  anchor: string;
  words: string;
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
