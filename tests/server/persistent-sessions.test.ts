// SessionStore contract, run against the in-memory store and the write-through store (SQLite
// with a cache; a store without a cache, as replicas on PostgreSQL use it); then what only the
// persistent one promises: restarts, cache eviction, one write per chat turn, failures as 503.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemorySessionStore, type SessionStore } from '../../src/chat/session-store.js';
import { createPersistentSessionStore } from '../../src/server/persistent-sessions.js';
import { openStorage, type Storage } from '../../src/storage/open-storage.js';
import { createMemoryConversationStore } from '../fakes/storage-memory.js';
import { AppError } from '../../src/domain/errors.js';
import type { ConversationStore } from '../../src/storage/conversation-store.js';

const MIN = 60_000;
interface Clock {
  t: number;
}
type Factory = (opts: { ttlMs: number; maxTurns: number; maxSessions: number; clock: Clock }) => SessionStore;

const opened: Storage[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sqliteStorage(dir = mkdtempSync(join(tmpdir(), 'zct-sessions-'))): { storage: Storage; dir: string } {
  if (!dirs.includes(dir)) dirs.push(dir);
  const storage = openStorage({ file: join(dir, 'app.db') });
  opened.push(storage);
  return { storage, dir };
}

/** Each write method call is one transaction in every adapter: count them. */
function countingWrites(inner: ConversationStore): { store: ConversationStore; writes: () => number } {
  let n = 0;
  const store: ConversationStore = {
    ...inner,
    createSession: (...a) => (n++, inner.createSession(...a)),
    appendTurn: (...a) => (n++, inner.appendTurn(...a)),
    appendTurns: (...a) => (n++, inner.appendTurns(...a)),
    saveProfile: (...a) => (n++, inner.saveProfile(...a)),
  };
  return { store, writes: () => n };
}

const implementations: Array<[string, Factory]> = [
  ['memory', ({ ttlMs, maxTurns, maxSessions, clock }) => createMemorySessionStore({ ttlMs, maxTurns, maxSessions, now: () => clock.t })],
  [
    'persistent (SQLite)',
    ({ ttlMs, maxTurns, maxSessions, clock }) => {
      const { storage } = sqliteStorage();
      return createPersistentSessionStore({
        store: storage.conversations,
        ttlMs,
        maxTurns,
        maxCached: maxSessions,
        now: () => clock.t,
      });
    },
  ],
  [
    'persistent (fake store)',
    ({ ttlMs, maxTurns, maxSessions, clock }) =>
      createPersistentSessionStore({ store: createMemoryConversationStore(), ttlMs, maxTurns, maxCached: maxSessions, now: () => clock.t }),
  ],
  [
    'persistent without a cache (as on PostgreSQL)',
    ({ ttlMs, maxTurns, clock }) => createPersistentSessionStore({ store: createMemoryConversationStore(), ttlMs, maxTurns, maxCached: 0, now: () => clock.t }),
  ],
];

describe.each(implementations)('SessionStore contract: %s', (name, make) => {
  const setup = (over: Partial<{ ttlMs: number; maxTurns: number; maxSessions: number }> = {}) => {
    const clock = { t: Date.parse('2026-11-29T08:00:00Z') };
    return { clock, store: make({ ttlMs: 30 * MIN, maxTurns: 6, maxSessions: 100, ...over, clock }) };
  };

  it('creates, gets and appends turns in order', async () => {
    const { store } = setup();
    expect(await store.get('session-a1')).toBeUndefined();
    const s = await store.create('session-a1');
    expect(s).toMatchObject({ id: 'session-a1', turns: [] });
    await store.append('session-a1', { role: 'user', content: '研发补助多少？' }, { role: 'assistant', content: '最高300万元。', refs: ['11'] });
    expect((await store.get('session-a1'))!.turns).toEqual([
      { role: 'user', content: '研发补助多少？' },
      { role: 'assistant', content: '最高300万元。', refs: ['11'] },
    ]);
    expect(store.size()).toBeLessThanOrEqual(1);
  });

  it('keeps only the latest maxTurns turns', async () => {
    const { store } = setup({ maxTurns: 4 });
    await store.create('session-b1');
    for (let i = 0; i < 5; i++) (await store.append('session-b1', { role: 'user', content: `问${i}` }, { role: 'assistant', content: `答${i}` }));
    expect((await store.get('session-b1'))!.turns.map((t) => t.content)).toEqual(['问3', '答3', '问4', '答4']);
  });

  it('expires sessions idle longer than the TTL, and activity extends them', async () => {
    const { store, clock } = setup({ ttlMs: 10 * MIN });
    await store.create('session-c1');
    await store.create('session-c2');
    clock.t += 6 * MIN;
    await store.append('session-c2', { role: 'user', content: '还在' });
    clock.t += 6 * MIN;
    expect(await store.get('session-c1')).toBeUndefined();
    expect((await store.get('session-c2'))!.turns).toHaveLength(1);
    // size() counts what this process holds: nothing, for a store without a cache.
    expect(store.size()).toBe(name.includes('without a cache') ? 0 : 1);
  });

  it('stores the company profile', async () => {
    const { store } = setup();
    await store.create('session-d1');
    await store.setProfile('session-d1', { industry: '制造业', employees: 120 });
    expect((await store.get('session-d1'))!.profile).toEqual({ industry: '制造业', employees: 120 });
  });

  it('ignores appends and profiles for unknown sessions', async () => {
    const { store } = setup();
    await expect(store.append('session-none', { role: 'user', content: 'x' })).resolves.toBeUndefined();
    await expect(store.setProfile('session-none', { a: 1 })).resolves.toBeUndefined();
    expect(await store.get('session-none')).toBeUndefined();
  });
});

describe('persistent sessions', () => {
  const base = { ttlMs: 30 * MIN, maxTurns: 40, maxCached: 100 };

  it('survive a restart: a new store over the same database sees sessions, turns and profile', async () => {
    const first = sqliteStorage();
    const a = createPersistentSessionStore({ ...base, store: first.storage.conversations });
    await a.create('session-r1');
    await a.append('session-r1', { role: 'user', content: '技改补助' }, { role: 'assistant', content: '见第8条。', refs: ['8'] });
    await a.setProfile('session-r1', { region: '鹿城区' });
    first.storage.close();

    const second = sqliteStorage(first.dir);
    const b = createPersistentSessionStore({ ...base, store: second.storage.conversations });
    const s = (await b.get('session-r1'))!;
    expect(s.turns).toEqual([
      { role: 'user', content: '技改补助' },
      { role: 'assistant', content: '见第8条。', refs: ['8'] },
    ]);
    expect(s.profile).toEqual({ region: '鹿城区' });
  });

  it('reloads evicted sessions from the store (the cache is only a cache)', async () => {
    const { storage } = sqliteStorage();
    const store = createPersistentSessionStore({ ...base, maxCached: 2, store: storage.conversations });
    for (const id of ['session-e1', 'session-e2', 'session-e3']) {
      await store.create(id);
      await store.append(id, { role: 'user', content: id });
    }
    expect(store.size()).toBe(2);
    expect((await store.get('session-e1'))!.turns).toEqual([{ role: 'user', content: 'session-e1' }]);
  });

  it('a restart does not revive a session idle past the TTL', async () => {
    const clock = { t: Date.parse('2026-11-29T08:00:00Z') };
    const { storage } = sqliteStorage();
    const a = createPersistentSessionStore({ ...base, store: storage.conversations, now: () => clock.t });
    await a.create('session-t1');
    await a.append('session-t1', { role: 'user', content: 'x' });
    clock.t += 31 * MIN;
    const b = createPersistentSessionStore({ ...base, store: storage.conversations, now: () => clock.t });
    expect(await b.get('session-t1')).toBeUndefined();
  });

  it('writes a chat turn (question and answer) in one transaction, and keeps a given turnId', async () => {
    const { storage } = sqliteStorage();
    const { store: counted, writes } = countingWrites(storage.conversations);
    const store = createPersistentSessionStore({ ...base, store: counted });
    await store.create('session-x1');
    await store.append('session-x1', { role: 'user', content: 'q' }, { role: 'assistant', content: 'a', turnId: 'turn-given-1' } as never);
    expect(writes()).toBe(1);
    const turns = await storage.conversations.listTurns('session-x1');
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant']);
    expect(turns[1]!.turnId).toBe('turn-given-1');
  });

  it('writes a new session together with its first turn (or profile), never on its own', async () => {
    const { storage } = sqliteStorage();
    const { store: counted, writes } = countingWrites(storage.conversations);
    const store = createPersistentSessionStore({ ...base, store: counted });
    await store.create('session-lazy1');
    await store.create('session-lazy2');
    expect(await storage.conversations.getSession('session-lazy1')).toBeUndefined();
    expect(writes()).toBe(0);
    await store.append('session-lazy1', { role: 'user', content: 'q' }, { role: 'assistant', content: 'a' });
    expect(writes()).toBe(1);
    expect(await storage.conversations.getSession('session-lazy1')).toBeDefined();
    expect(await storage.conversations.listTurns('session-lazy1')).toHaveLength(2);
    await store.setProfile('session-lazy2', { industry: '制造业' });
    expect(await storage.conversations.getProfile('session-lazy2')).toEqual({ industry: '制造业' });
    await store.append('session-lazy2', { role: 'user', content: 'q' });
    expect(await storage.conversations.listTurns('session-lazy2')).toHaveLength(1);
  });

  it('truncates oversized content instead of failing the chat turn', async () => {
    const { storage } = sqliteStorage();
    const store = createPersistentSessionStore({ ...base, store: storage.conversations });
    await store.create('session-big');
    await store.append('session-big', { role: 'assistant', content: '长'.repeat(30_000), refs: Array.from({ length: 300 }, (_, i) => String(i)) });
    const [turn] = await storage.conversations.listTurns('session-big');
    expect(turn!.content.length).toBe(20_000);
    expect(turn!.refs).toHaveLength(200);
  });

  it('turns a store failure into a 503-class AppError with a Chinese message', async () => {
    const { storage } = sqliteStorage();
    const store = createPersistentSessionStore({ ...base, store: storage.conversations });
    await store.create('session-f1');
    storage.close();
    const caught = await store.append('session-f1', { role: 'user', content: 'x' }).catch((err: unknown) => err);
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('UNAVAILABLE');
    expect((caught as AppError).userMessage).toMatch(/暂时无法保存对话，请稍后再试/);
  });
});
