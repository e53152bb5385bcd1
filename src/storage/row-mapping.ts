// Rows → records, shared by the SQLite and PostgreSQL adapters (pure). The two databases differ
// only in how they hand back ids, times and booleans (integer ms vs Date, 0/1 vs boolean), which
// these functions accept in either form.
import type { Citation } from '../domain/types.js';
import type { SessionRecord, StoredExchange, TurnRecord } from './conversation-store.js';
import type { FeedbackRecord, Rating } from './feedback-store.js';

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
