// A SessionStore backed by the ConversationStore (SQLite): every turn and profile is written
// through before the call returns, and an in-memory LRU cache of live sessions keeps reads cheap.
// A new session is written together with its first turn (or profile), in one transaction: one
// commit per chat turn, and no empty sessions from requests that failed. A session survives
// restarts until it has been idle longer than the TTL; the database keeps it until retention.
import { randomUUID } from 'node:crypto';
import type { ChatTurn } from '../domain/chat.js';
import { AppError } from '../domain/errors.js';
import type { Session, SessionStore } from '../chat/session-store.js';
import type { ConversationStore } from '../storage/conversation-store.js';
import { LIMITS } from '../storage/validate.js';
import { turnBytes } from '../chat/history-bounds.js';

export interface PersistentSessionOptions {
  store: ConversationStore;
  ttlMs: number;
  /** Turns kept (and loaded) per session. */
  maxTurns: number;
  /** Sessions kept in memory; older ones are reloaded from the store on demand. */
  maxCached: number;
  /** Approximate bytes the cached sessions may hold; the least recently used go first. */
  maxCachedBytes?: number;
  /** Runs several writes as one transaction (one fsync per chat turn instead of two). */
  transaction?: <T>(fn: () => T) => T;
  now?: () => number;
  newTurnId?: () => string;
}

/** Store failures other than our own errors become a 503 with a message users can act on. */
function guarded<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNAVAILABLE', `服务暂时无法${what}，请稍后再试。`, { cause: err });
  }
}

const SWEEP_EVERY_MS = 5000;

const isNotFound = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND';

export function createPersistentSessionStore({
  store,
  ttlMs,
  maxTurns,
  maxCached,
  maxCachedBytes = 64 * 1024 * 1024,
  transaction = (fn) => fn(),
  now = Date.now,
  newTurnId = randomUUID,
}: PersistentSessionOptions): SessionStore {
  // Insertion order is recency order: every access re-inserts.
  const cache = new Map<string, Session>();
  /** Approximate bytes of each cached session, and their sum. */
  const sizes = new Map<string, number>();
  let cachedBytes = 0;
  /** Sessions created but not yet written (they are written with their first turn). */
  const unwritten = new Set<string>();
  let lastSweep = -Infinity;
  const expired = (s: Session) => now() - s.lastSeen > ttlMs;
  const forget = (id: string) => {
    cache.delete(id);
    unwritten.delete(id);
    cachedBytes -= sizes.get(id) ?? 0;
    sizes.delete(id);
  };
  const measure = (s: Session) => {
    let n = 256 + s.id.length * 2;
    for (const t of s.turns) n += turnBytes(t);
    if (s.profile) n += JSON.stringify(s.profile).length * 2;
    cachedBytes += n - (sizes.get(s.id) ?? 0);
    sizes.set(s.id, n);
  };
  /** Drops least recently used sessions while over either bound. Unwritten ones are mid-request: kept. */
  const evict = () => {
    if (cache.size <= maxCached && cachedBytes <= maxCachedBytes) return;
    for (const id of cache.keys()) {
      if (cache.size <= maxCached && cachedBytes <= maxCachedBytes) break;
      if (!unwritten.has(id)) forget(id);
    }
  };
  const remember = (s: Session) => {
    cache.delete(s.id);
    cache.set(s.id, s);
    measure(s);
    evict();
    return s;
  };
  /** Inside a write transaction: creates the session row first if it is still unwritten. */
  const writeSessionIfNew = (id: string) => {
    const s = cache.get(id);
    if (s && unwritten.has(id)) store.createSession({ id, createdAt: new Date(s.createdAt) });
  };

  function load(id: string): Session | undefined {
    return guarded('读取对话记录', () => {
      const record = store.getSession(id);
      if (!record || now() - record.updatedAt.getTime() > ttlMs) return undefined;
      const turns: ChatTurn[] = store.listTurns(id, { limit: maxTurns }).map((t) => (t.refs ? { role: t.role, content: t.content, refs: t.refs } : { role: t.role, content: t.content }));
      const profile = store.getProfile(id);
      const session: Session = { id, turns, createdAt: record.createdAt.getTime(), lastSeen: record.updatedAt.getTime() };
      if (profile) session.profile = profile;
      return session;
    });
  }

  return {
    get(id) {
      const s = cache.get(id) ?? load(id);
      if (!s) return undefined;
      if (expired(s)) {
        forget(id);
        return undefined;
      }
      s.lastSeen = now();
      return remember(s);
    },

    create(id) {
      const at = now();
      unwritten.add(id);
      return remember({ id, turns: [], createdAt: at, lastSeen: at });
    },

    append(id, ...turns) {
      const at = now();
      try {
        guarded('保存对话', () =>
          transaction(() => {
            writeSessionIfNew(id);
            for (const t of turns) {
              const given = (t as ChatTurn & { turnId?: unknown }).turnId;
              store.appendTurn(id, {
                turnId: typeof given === 'string' && given ? given.slice(0, LIMITS.id) : newTurnId(),
                role: t.role,
                content: t.content.slice(0, LIMITS.turnContent),
                ...(t.refs ? { refs: t.refs.slice(0, LIMITS.refs).map((r) => r.slice(0, LIMITS.ref)) } : {}),
                ...(t.citations ? { citations: t.citations.slice(0, LIMITS.citations) } : {}),
                ...(t.retrievedRefs ? { retrievedRefs: t.retrievedRefs.slice(0, LIMITS.refs) } : {}),
                createdAt: new Date(at),
              });
            }
          }),
        );
      } catch (err) {
        // Like the in-memory store, appending to a session that is gone is a no-op.
        if (isNotFound(err)) {
          forget(id);
          return;
        }
        throw err;
      }
      unwritten.delete(id);
      const s = cache.get(id);
      if (!s) return;
      // Citations are stored for feedback; the cache keeps what follow-ups read.
      s.turns.push(...turns.map(({ citations: _c, retrievedRefs: _r, ...kept }) => kept));
      if (s.turns.length > maxTurns) s.turns.splice(0, s.turns.length - maxTurns);
      s.lastSeen = at;
      measure(s);
      evict();
    },

    setProfile(id, profile) {
      try {
        guarded('保存企业画像', () =>
          transaction(() => {
            writeSessionIfNew(id);
            store.saveProfile(id, profile);
          }),
        );
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      unwritten.delete(id);
      const s = cache.get(id);
      if (s) {
        s.profile = profile;
        measure(s);
        evict();
      }
    },

    size() {
      // The health check asks on every probe; sweeping up to MAX_SESSIONS entries each time
      // would make it the slowest endpoint.
      if (now() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now();
        for (const [id, s] of cache) if (expired(s)) forget(id);
      }
      return cache.size;
    },

    cachedBytes() {
      return cachedBytes;
    },
  };
}
