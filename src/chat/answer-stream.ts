// Turning a finished answer into a stream of events: text in small chunks, then citations,
// then `done` (pure generator; the route only pipes it).
import type { AnswerEvent, ChatResponse } from '../domain/chat.js';

/** Splits text into chunks of about `size` characters without splitting surrogate pairs. */
export function chunkText(text: string, size = 8): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}

export function* responseEvents(response: ChatResponse, chunkSize = 8): Generator<AnswerEvent> {
  for (const text of chunkText(response.answer, chunkSize)) yield { type: 'token', text };
  for (const citation of response.citations) yield { type: 'citation', citation };
  yield { type: 'done', response };
}
