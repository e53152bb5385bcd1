// Chat contracts shared by the answerers, the server, the eval runner and the web client.
import type { Citation } from './types.js';

export interface ChatTurn {
  role: 'user' | 'assistant';
  content: string;
  /** Canonical refs the assistant cited in this turn (assistant turns only). */
  refs?: string[];
  /** Id of the assistant turn (ChatResponse.turnId), so feedback joins the stored turn. */
  turnId?: string;
  /** What the assistant cited and what retrieval returned (stored with the turn, not cached). */
  citations?: Citation[];
  retrievedRefs?: string[];
}

export interface DroppedCitationInfo {
  ref: string;
  quote: string;
  reason: 'unknown_ref' | 'not_retrieved' | 'empty_quote' | 'quote_not_found';
  /** Chinese explanation. */
  reasonText: string;
}

export interface ValidityInfo {
  docId: string;
  docTitle: string;
  docNumber: string | null;
  refs: string[];
  period: { from: string; to: string };
  status: 'expired' | 'current' | 'not_started';
  successor: { title: string; docNumber: string; issueDate: string; held: boolean } | null;
  message: string;
}

export interface Suggestion {
  ref: string;
  label: string;
  title: string;
}

/** Full result of one chat turn (the body of POST /api/chat and of the SSE `done` event). */
export interface ChatResponse {
  answer: string;
  citations: Citation[];
  abstained: boolean;
  sessionId: string;
  /** Id of this assistant turn, used by feedback. */
  turnId: string;
  /** Present when cited units come from documents with validity periods (expired or not). */
  validity?: ValidityInfo[];
  /** Citations the verifier rejected (LLM mode), reported, never shown as support. */
  droppedCitations: DroppedCitationInfo[];
  mode: 'offline' | 'llm';
  /** Why an LLM answer was replaced by the offline one (timeout, error, unsupported answer). */
  fallbackReason?: string;
  /** Closest measures named when abstaining. */
  suggestions: Suggestion[];
  /** Retrieved units considered (for evaluation and debugging). */
  retrieved: Array<{ ref: string; label: string; score: number }>;
  /** The question actually used for retrieval after follow-up resolution. */
  resolvedQuestion: string;
  /** Matching results when the message described the company (see POST /api/match). */
  match?: unknown;
}

export type AnswerEvent =
  | { type: 'token'; text: string }
  | { type: 'citation'; citation: Citation }
  | { type: 'measure'; measure: unknown }
  | { type: 'done'; response: ChatResponse }
  | { type: 'error'; code: string; message: string };

export interface ChatRequest {
  message: string;
  sessionId?: string;
  /** Explicit history (eval, OpenAI wire format); when given, the session's stored turns are not used. */
  history?: ChatTurn[];
  /** Company profile known so far (staff console form); becomes the session's profile. */
  profile?: Record<string, unknown>;
  /** Store nothing for this turn (OpenAI wire format: the client keeps the conversation). */
  stateless?: boolean;
  /** The region the asker is in (name or 6-digit code), e.g. the widget's data-region. */
  region?: string;
}

export interface ChatService {
  /** Streams one turn; the last event is `done` (or `error`). */
  answerStream(request: ChatRequest, signal?: AbortSignal): AsyncGenerator<AnswerEvent>;
  /** Consumes answerStream and returns the final response. */
  answer(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
}
