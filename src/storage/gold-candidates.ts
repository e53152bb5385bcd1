// Turns feedback into draft evaluation cases in the evals/gold question format (pure).
// The drafts need a person: a thumbs-up answer's citations are only what the system cited, and a
// thumbs-down answer's citations are exactly what the user disputed.
import type { FeedbackRecord, Rating } from './feedback-store.js';

export interface GoldCandidate {
  id: string;
  question: string;
  expected_clauses: string[];
  must_include: string[];
  answerable: boolean;
  source: 'feedback';
  rating: Rating;
  comment: string | null;
}

export function toGoldCandidate(record: FeedbackRecord): GoldCandidate {
  const refs = [...new Set(record.citations.map((c) => c.ref))];
  // A disliked answer that cited nothing was most likely a missed abstention or a question the
  // corpus cannot answer: the draft says "not answerable" until someone finds the clause.
  const answerable = !(record.rating === 'down' && refs.length === 0);
  return {
    id: `fb-${record.id}`,
    question: record.question,
    expected_clauses: refs,
    must_include: [],
    answerable,
    source: 'feedback',
    rating: record.rating,
    comment: record.comment ?? null,
  };
}

/** One JSON object per line, each line ending in "\n"; '' when there is nothing to export. */
export function formatGoldCandidates(records: readonly FeedbackRecord[]): string {
  return records.map((r) => `${JSON.stringify(toGoldCandidate(r))}\n`).join('');
}
