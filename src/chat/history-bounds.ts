// What a conversation keeps of a client-sent history (pure). Follow-up resolution reads only the
// recent user questions and the refs of the last answer (see follow-up.ts), so a new session that
// arrives with a long history keeps its last few turns, each cut to a few hundred characters:
// a 64 KB history must not become 64 KB on disk and in the session cache.
import type { ChatTurn } from '../domain/chat.js';

export interface HistoryBounds {
  /** Turns kept, newest last. */
  maxTurns: number;
  /** Characters kept of each turn's content (the start: questions lead with their topic). */
  maxChars: number;
  /** Refs kept per assistant turn. */
  maxRefs: number;
}

export const HISTORY_BOUNDS: HistoryBounds = { maxTurns: 6, maxChars: 400, maxRefs: 8 };

export function boundHistory(turns: readonly ChatTurn[], { maxTurns, maxChars, maxRefs }: HistoryBounds = HISTORY_BOUNDS): ChatTurn[] {
  return turns.slice(-maxTurns).map((t) => {
    const out: ChatTurn = { role: t.role, content: [...t.content].slice(0, maxChars).join('') };
    if (t.refs) out.refs = t.refs.slice(0, maxRefs);
    if (t.turnId) out.turnId = t.turnId;
    return out;
  });
}

/** Approximate bytes a turn holds in memory (UTF-16 strings plus a small overhead). */
export function turnBytes(t: ChatTurn): number {
  let n = 64 + t.content.length * 2;
  for (const r of t.refs ?? []) n += 16 + r.length * 2;
  return n;
}
