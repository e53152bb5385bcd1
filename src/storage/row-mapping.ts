// Rows → records, shared by the SQLite and PostgreSQL adapters (pure). The two databases differ
// only in how they hand back ids, times and booleans (integer ms vs Date, 0/1 vs boolean), which
// these functions accept in either form.
import type { Citation } from '../domain/types.js';
import type { SessionRecord, StoredExchange, TurnRecord } from './conversation-store.js';
import type { FeedbackRecord, Rating } from './feedback-store.js';
import { ChecklistSnapshotSchema, type ApplicantRecord, type SavedChecklist } from './applicants/applicant-store.js';

type Time = number | string | Date;

export interface SessionRowLike {
  id: string;
  client_id: string | null;
  created_at: Time;
  updated_at: Time;
}

export interface TurnRowLike {
  session_id: string;
  turn_id: string;
  role: 'user' | 'assistant';
  content: string;
  refs_json: string | null;
  abstained: boolean | 0 | 1 | null;
  created_at: Time;
}

export interface FeedbackRowLike {
  id: number | string;
  session_id: string;
  turn_id: string;
  rating: Rating;
  comment: string | null;
  question: string;
  answer: string;
  citations_json: string;
  retrieved_refs_json: string | null;
  created_at: Time;
}

export function sessionFromRow(row: SessionRowLike): SessionRecord {
  const s: SessionRecord = { id: row.id, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) };
  if (row.client_id !== null) s.clientId = row.client_id;
  return s;
}

export function turnFromRow(row: TurnRowLike): TurnRecord {
  const t: TurnRecord = { sessionId: row.session_id, turnId: row.turn_id, role: row.role, content: row.content, createdAt: new Date(row.created_at) };
  if (row.refs_json !== null) t.refs = JSON.parse(row.refs_json) as string[];
  if (row.abstained !== null) t.abstained = row.abstained === true || row.abstained === 1;
  return t;
}

export function feedbackFromRow(row: FeedbackRowLike): FeedbackRecord {
  const record: FeedbackRecord = {
    id: Number(row.id),
    sessionId: row.session_id,
    turnId: row.turn_id,
    rating: row.rating,
    question: row.question,
    answer: row.answer,
    citations: JSON.parse(row.citations_json) as Citation[],
    createdAt: new Date(row.created_at),
  };
  if (row.comment !== null) record.comment = row.comment;
  if (row.retrieved_refs_json !== null) record.retrievedRefs = JSON.parse(row.retrieved_refs_json) as string[];
  return record;
}

/** A stored answer with the question before it, as feedback refers to it. */
export function exchangeFromRow(a: { question: string | null | undefined; content: string; citations_json: string | null; retrieved_refs_json: string | null }): StoredExchange {
  const exchange: StoredExchange = {
    question: a.question ?? '',
    answer: a.content,
    citations: a.citations_json ? (JSON.parse(a.citations_json) as Citation[]) : [],
  };
  if (a.retrieved_refs_json) exchange.retrievedRefs = JSON.parse(a.retrieved_refs_json) as string[];
  return exchange;
}

export interface ApplicantRowLike {
  id: string;
  name: string;
  credit_code: string | null;
  created_at: Time;
  updated_at: Time;
  /** count(*): a number in SQLite, an int from PostgreSQL's ::int. */
  visits: number | string;
  last_visit_at: Time | null;
}

export interface ChecklistRowLike {
  id: string;
  applicant_id: string;
  created_at: Time;
  as_of: string;
  region: string | null;
  counter: string | null;
  contact: string | null;
  snapshot_json: string;
}

export const applicantFromRow = (r: ApplicantRowLike): ApplicantRecord => ({
  id: r.id,
  name: r.name,
  creditCode: r.credit_code,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  visits: Number(r.visits),
  lastVisitAt: r.last_visit_at === null ? null : new Date(r.last_visit_at),
});

export const checklistFromRow = (r: ChecklistRowLike): SavedChecklist => ({
  id: r.id,
  applicantId: r.applicant_id,
  createdAt: new Date(r.created_at),
  asOf: r.as_of,
  region: r.region,
  counter: r.counter,
  contact: r.contact,
  snapshot: ChecklistSnapshotSchema.parse(JSON.parse(r.snapshot_json)),
});

/** LIKE with the user's % and _ taken literally (backslash escapes; PostgreSQL's default, SQLite's ESCAPE '\\'). */
export const likeEscape = (s: string) => s.replace(/[\\%_]/gu, (c) => `\\${c}`);
