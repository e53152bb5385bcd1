// A SessionStore backed by a ConversationStore (SQLite or PostgreSQL): every turn and profile is
// written through before the call resolves. A new session is written together with its first
// turn (or profile), in one transaction: one commit per chat turn, and no empty sessions from
// requests that failed. A session survives restarts until it has been idle longer than the TTL;
// the database keeps it until retention.
//
// With `maxCached > 0` (SQLite: one process owns the file) an in-memory LRU of live sessions keeps
// reads cheap. With `maxCached: 0` (PostgreSQL: several replicas write the same sessions) nothing
// is cached: every read is one round trip (ConversationStore.loadSession), so a replica never
// answers from a conversation another replica has moved on from.
import { randomUUID } from 'node:crypto';
import type { ChatTurn } from '../domain/chat.js';
import { AppError } from '../domain/errors.js';
import type { Session, SessionStore } from '../chat/session-store.js';
import type { ConversationStore, NewTurn, WriteOptions } from '../storage/conversation-store.js';
import { LIMITS } from '../storage/validate.js';
import { turnBytes } from '../chat/history-bounds.js';

export interface PersistentSessionOptions {
  store: ConversationStore;
  ttlMs: number;
  /** Turns kept (and loaded) per session. */
  maxTurns: number;
  /** Sessions kept in memory; older ones are reloaded from the store on demand. 0: no cache. */
  maxCached: number;
  /** Approximate bytes the cached sessions may hold; the least recently used go first. */
  maxCachedBytes?: number;
  now?: () => number;
  newTurnId?: () => string;
}

/** Store failures other than our own errors become a 503 with a message users can act on. */
async function guarded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('UNAVAILABLE', `服务暂时无法${what}，请稍后再试。`, { cause: err });
  }
}

const SWEEP_EVERY_MS = 5000;

const isNotFound = (err: unknown) => err instanceof AppError && err.code === 'NOT_FOUND';

function toStoredTurn(t: ChatTurn, at: number, newTurnId: () => string): NewTurn {
  const given = (t as ChatTurn & { turnId?: unknown }).turnId;
  return {
    turnId: typeof given === 'string' && given ? given.slice(0, LIMITS.id) : newTurnId(),
    role: t.role,
    content: t.content.slice(0, LIMITS.turnContent),
    ...(t.refs ? { refs: t.refs.slice(0, LIMITS.refs).map((r) => r.slice(0, LIMITS.ref)) } : {}),
    ...(t.citations ? { citations: t.citations.slice(0, LIMITS.citations) } : {}),
    ...(t.retrievedRefs ? { retrievedRefs: t.retrievedRefs.slice(0, LIMITS.refs) } : {}),
    createdAt: new Date(at),
  };
}

export function createPersistentSessionStore({
  store,
  ttlMs,
  maxTurns,
  maxCached,
  maxCachedBytes = 64 * 1024 * 1024,
  now = Date.now,
  newTurnId = randomUUID,
}: PersistentSessionOptions): SessionStore {
  const caching = maxCached > 0;
  // Insertion order is recency order: every access re-inserts.
  const cache = new Map<string, Session>();
  /** Approximate bytes of each cached session, and their sum. */
  const sizes = new Map<string, number>();
  let cachedBytes = 0;
  /** Sessions created here but not yet written (they are written with their first turn). */
  const unwritten = new Map<string, Session>();
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
  /** Drops least recently used sessions while over either bound. */
  const evict = () => {
    if (cache.size <= maxCached && cachedBytes <= maxCachedBytes) return;
    for (const id of cache.keys()) {
      if (cache.size <= maxCached && cachedBytes <= maxCachedBytes) break;
      forget(id);
    }
  };
  const remember = (s: Session) => {
    if (!caching) return s;
    cache.delete(s.id);
    cache.set(s.id, s);
    measure(s);
    evict();
    return s;
  };
  /** Writes of a session still unwritten create it in the same transaction. */
  const writeOptions = (id: string): WriteOptions => {
    const s = unwritten.get(id);
    return s ? { create: { id, createdAt: new Date(s.createdAt) } } : {};
  };

  async function load(id: string): Promise<Session | undefined> {
    return guarded('读取对话记录', async () => {
      const loaded = await store.loadSession(id, { limit: maxTurns });
      if (!loaded || now() - loaded.session.updatedAt.getTime() > ttlMs) return undefined;
      const turns: ChatTurn[] = loaded.turns.map((t) => (t.refs ? { role: t.role, content: t.content, refs: t.refs } : { role: t.role, content: t.content }));
      const session: Session = { id, turns, createdAt: loaded.session.createdAt.getTime(), lastSeen: loaded.session.updatedAt.getTime() };
      if (loaded.profile) session.profile = loaded.profile;
      return session;
    });
  }

  /** Runs a write; a session that is gone makes it a no-op, like the in-memory store. */
  async function write(id: string, what: string, fn: (options: WriteOptions) => Promise<void>): Promise<boolean> {
    try {
      await guarded(what, () => fn(writeOptions(id)));
    } catch (err) {
      if (isNotFound(err)) {
        forget(id);
        return false;
      }
      throw err;
    }
    unwritten.delete(id);
    return true;
  }

  return {
    async get(id) {
      const local = unwritten.get(id) ?? cache.get(id);
      const s = local ?? (await load(id));
      if (!s) return undefined;
      if (expired(s)) {
        forget(id);
        return undefined;
      }
      s.lastSeen = now();
      return unwritten.has(id) ? s : remember(s);
    },

    async create(id) {
      const at = now();
      const s: Session = { id, turns: [], createdAt: at, lastSeen: at };
      unwritten.set(id, s);
      return s;
    },

    async append(id, ...turns) {
      const at = now();
      const pending = unwritten.get(id);
      const stored = turns.map((t) => toStoredTurn(t, at, newTurnId));
      if (!(await write(id, '保存对话', (options) => store.appendTurns(id, stored, options)))) return;
      const s = pending ?? cache.get(id);
      if (!s || !caching) return;
      // Citations are stored for feedback; the cache keeps what follow-ups read.
      s.turns.push(...turns.map(({ citations: _c, retrievedRefs: _r, ...kept }) => kept));
      if (s.turns.length > maxTurns) s.turns.splice(0, s.turns.length - maxTurns);
      s.lastSeen = at;
      remember(s);
    },

    async setProfile(id, profile) {
      const pending = unwritten.get(id);
      if (!(await write(id, '保存企业画像', (options) => store.saveProfile(id, profile, options)))) return;
      const s = pending ?? cache.get(id);
      if (!s || !caching) return;
      s.profile = profile;
      remember(s);
    },

    size() {
      // The health check asks on every probe; sweeping up to MAX_SESSIONS entries each time
      // would make it the slowest endpoint.
      if (now() - lastSweep >= SWEEP_EVERY_MS) {
        lastSweep = now();
        for (const [id, s] of cache) if (expired(s)) forget(id);
        for (const [id, s] of unwritten) if (expired(s)) forget(id);
      }
      return cache.size + unwritten.size;
    },

    cachedBytes() {
      return cachedBytes;
    },
  };
}
