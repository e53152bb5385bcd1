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
