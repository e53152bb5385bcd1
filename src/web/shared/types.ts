// Shapes of the HTTP API as the browser sees them. Server types are imported as types only
// (erased by esbuild), so the client stays in step with the server without bundling server code.
import type { ChatResponse, Suggestion, ValidityInfo } from '../../domain/chat.js';
import type { Citation } from '../../domain/types.js';
import type { FollowUpQuestion, MatchedMeasure } from '../../matching/engine.js';
import type { CompanyProfile } from '../../matching/profile.js';

export type { ChatResponse, Citation, CompanyProfile, FollowUpQuestion, MatchedMeasure, Suggestion, ValidityInfo };

export interface MatchResponse {
  profile: CompanyProfile;
  measures: MatchedMeasure[];
  questions: FollowUpQuestion[];
  notices: string[];
}

/** `match` inside a chat response (no notices). */
export interface ChatMatch {
  profile: CompanyProfile;
  measures: MatchedMeasure[];
  questions: FollowUpQuestion[];
}

export interface UnitView {
  ref: string;
  label: string;
  kind: string;
  number: number | null;
  section: number | null;
  title: string;
  text: string;
  responsibleUnits: string[];
  document: { id: string; title: string; docNumber: string; issuer: string; issueDate: string; region: string };
  validity: ValidityInfo | null;
}

export interface DocumentUnit {
  ref: string;
  label: string;
  kind: string;
  number: number | null;
  section: number | null;
  title: string;
  responsibleUnits: string[];
}

export interface DocumentView {
  id: string;
  title: string;
  fullTitle?: string;
  docNumber: string;
  issuer: string;
  issueDate: string;
  region: string;
  validity?: { from: string; to: string };
  successor?: { title: string; docNumber: string; issueDate: string; held: boolean } | null;
  units: DocumentUnit[];
}

export interface SearchResponse {
  confidence: number;
  hits: Array<{ ref: string; label: string; title: string; kind: string; score: number; sentences: string[] }>;
}

export interface FeedbackItem {
  id: string | number;
  sessionId: string;
  turnId: string;
  rating: 'up' | 'down';
  comment?: string | null;
  question: string;
  answer: string;
  citations: Citation[];
  createdAt: string;
}

export interface FeedbackPage {
  items: FeedbackItem[];
  total: number;
}

/** The server takes the question, answer and citations from the stored turn. */
export interface FeedbackInput {
  sessionId: string;
  turnId: string;
  rating: 'up' | 'down';
  comment?: string;
}

/** GET /api/profile-schema: the console form, derived from CompanyProfileSchema on the server. */
export interface ProfileFormField {
  name: keyof CompanyProfile;
  label: string;
  type: 'boolean' | 'number' | 'integer' | 'money' | 'string' | 'enum' | 'multi';
  options?: Array<{ value: string; label: string }>;
  min?: number;
  max?: number;
  maxLength?: number;
}

export interface ProfileFormSchema {
  groups: Array<{ id: string; title: string; fields: ProfileFormField[] }>;
}

export type DocumentStatus = 'in_force' | 'expired' | 'not_yet' | 'unknown';

/** GET /api/corpus-summary: the documents answered from, without their units. */
export interface DocumentSummary {
  id: string;
  title: string;
  shortTitle: string | null;
  docNumber: string | null;
  issuer: string;
  level: 'national' | 'provincial' | 'municipal' | 'district-county' | null;
  region: string;
  regionCode: string | null;
  issueDate: string | null;
  validity: { from: string; to: string } | null;
  status: DocumentStatus;
  successor: { title: string; docNumber: string; issueDate: string; held: boolean } | null;
  unitPeriods: Array<{ ref: string; from: string; to: string; status: DocumentStatus }>;
  sourceUrl: string | null;
  units: number;
}

export interface CorpusSummary {
  asOf: string;
  region: { code: string; name: string } | null;
  total: number;
  documents: DocumentSummary[];
}

/** Saved applicants (staff endpoints). */
export interface ApplicantSummary {
  id: string;
  name: string;
  creditCode: string | null;
  visits: number;
  createdAt: string;
  lastVisitAt: string | null;
}

export interface ApplicantVisit {
  id: string;
  applicantId: string;
  createdAt: string;
  asOf: string;
  region: string | null;
  counter: string | null;
  contact: string | null;
  counts: { eligible: number; possible: number; not_eligible: number };
  snapshot?: {
    measures: Array<{ ref: string; label: string; title: string; status: 'eligible' | 'possible' | 'not_eligible' }>;
    profile: Record<string, unknown>;
    documents: string[];
    notices: string[];
  };
}

export interface SaveChecklistInput {
  applicant: { name: string; creditCode?: string | null };
  contact?: string | null;
  counter?: string | null;
  region?: string | null;
  asOf: string;
  snapshot: { measures: unknown[]; profile: Record<string, unknown>; documents: string[]; notices: string[] };
}

/** 文件管理 (staff endpoints). */
export interface SpanContext {
  before: string;
  text: string;
  after: string;
  start: number;
  end: number;
}

export interface DocumentPreview {
  draftId: string;
  fileName: string;
  format: string;
  size: number;
  sha256: string;
  docId: string;
  existing: { title: string; sameFile: boolean; withdrawn: boolean } | null;
  summary: {
    docId: string;
    title: string | null;
    docNumber: string | null;
    issuer: string | null;
    level: DocumentSummary['level'];
    region: { code: string | null; name: string | null };
    issueDate: string | null;
    effectiveFrom: string | null;
    effectiveTo: string | null;
    inForce: boolean | null;
    status: DocumentStatus;
    supersedes: string[];
  };
  record: { title: string | null; attachedTitle: string | null; shortTitle: string | null; issuers: string[] };
  sources: Record<string, SpanContext | SpanContext[] | null>;
  textLength: number;
  units: Array<{ ref: string; kind: string; number: number | null; section: number | null; label: string; title: string; chars: number; preview: string; responsibleUnits: string[] }>;
  warnings: string[];
}

export interface ManagedDocument {
  id: string;
  title: string;
  docNumber: string | null;
  issuer: string;
  level: DocumentSummary['level'];
  region: string;
  regionCode: string | null;
  issueDate: string | null;
  validity: { from: string; to: string } | null;
  status: DocumentStatus | 'withdrawn';
  reviewed: boolean;
  withdrawnAt: string | null;
  format: string | null;
  sourceUrl: string | null;
}
