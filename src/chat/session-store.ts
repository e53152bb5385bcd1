// Chat sessions: the contract (asynchronous, so that a replica can read them from a shared
// database), and a bounded in-memory implementation (TTL, max sessions, max turns). The persistent
// implementation over a ConversationStore is src/server/persistent-sessions.ts.
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
  get(id: string): Promise<Session | undefined>;
  /** A new, empty session; stores may write it only with its first turn or profile. */
  create(id: string): Promise<Session>;
  /** Resolves once the turns are stored (a no-op for a session that is gone). */
  append(id: string, ...turns: ChatTurn[]): Promise<void>;
  setProfile(id: string, profile: Record<string, unknown>): Promise<void>;
  /** Sessions held in this process (cached or live); cheap, for /api/health. */
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
  // Least recently used first: expired sessions are at the front, so the sweep stops at the first live one.
  const sweep = () => {
    const t = now();
    for (const [id, s] of sessions) {
      if (t - s.lastSeen <= ttlMs) break;
      sessions.delete(id);
    }
    while (sessions.size > maxSessions) sessions.delete(sessions.keys().next().value as string);
  };
  return {
    async get(id) {
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
    async create(id) {
      const s: Session = { id, turns: [], createdAt: now(), lastSeen: now() };
      sessions.set(id, s);
      sweep();
      return s;
    },
    async append(id, ...turns) {
      const s = sessions.get(id);
      if (!s) return;
      s.turns.push(...turns);
      if (s.turns.length > maxTurns) s.turns.splice(0, s.turns.length - maxTurns);
      s.lastSeen = now();
      sessions.delete(id);
      sessions.set(id, s);
    },
    async setProfile(id, profile) {
      const s = sessions.get(id);
      if (s) s.profile = profile;
    },
    size() {
      sweep();
      return sessions.size;
    },
  };
}
