// Chat sessions: the contract, and a bounded in-memory implementation (TTL, max sessions, max
// turns). A persistent implementation lives in src/storage.
import type { ChatTurn } from '../domain/chat.js';

export interface Session {
  id: string;
  turns: ChatTurn[];
  createdAt: number;
  lastSeen: number;
  /** Accumulated company profile (see matching), if the user described the company. */
  profile?: Record<string, unknown>;
}

export interface SessionStore {
  get(id: string): Session | undefined;
  create(id: string): Session;
  append(id: string, ...turns: ChatTurn[]): void;
  setProfile(id: string, profile: Record<string, unknown>): void;
  size(): number;
  /** Approximate bytes the store holds in memory, when it counts them. */
  cachedBytes?(): number;
}

/** The assistant turn `turnId` among `turns` and the question before it (for feedback). */
export function findExchange(
  turns: readonly ChatTurn[],
  turnId: string,
): { question: string; answer: string; citations: NonNullable<ChatTurn['citations']>; retrievedRefs?: string[] } | undefined {
  const i = turns.findLastIndex((t) => t.role === 'assistant' && t.turnId === turnId);
  if (i < 0) return undefined;
  const answer = turns[i]!;
  const question = turns.slice(0, i).findLast((t) => t.role === 'user')?.content ?? '';
  return { question, answer: answer.content, citations: answer.citations ?? [], ...(answer.retrievedRefs ? { retrievedRefs: answer.retrievedRefs } : {}) };
}

export interface MemorySessionOptions {
  ttlMs: number;
  maxSessions: number;
  maxTurns: number;
  now?: () => number;
}

export function createMemorySessionStore({ ttlMs, maxSessions, maxTurns, now = Date.now }: MemorySessionOptions): SessionStore {
  // Map iteration order is insertion order; re-inserting on access keeps it least-recently-used first.
  const sessions = new Map<string, Session>();
  const expired = (s: Session) => now() - s.lastSeen > ttlMs;
  const sweep = () => {
    for (const [id, s] of sessions) if (expired(s)) sessions.delete(id);
    while (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
  };
  return {
    get(id) {
      const s = sessions.get(id);
      if (!s) return undefined;
      if (expired(s)) {
        sessions.delete(id);
        return undefined;
      }
      s.lastSeen = now();
      sessions.delete(id);
      sessions.set(id, s);
      return s;
    },
    create(id) {
      const s: Session = { id, turns: [], createdAt: now(), lastSeen: now() };
      sessions.set(id, s);
      sweep();
      return s;
    },
    append(id, ...turns) {
      const s = sessions.get(id);
      if (!s) return;
      s.turns.push(...turns);
      if (s.turns.length > maxTurns) s.turns.splice(0, s.turns.length - maxTurns);
      s.lastSeen = now();
    },
    setProfile(id, profile) {
      const s = sessions.get(id);
      if (s) s.profile = profile;
    },
    size() {
      sweep();
      return sessions.size;
    },
  };
}
