import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { createSqliteConversationStore } from '../../src/storage/sqlite/sqlite-conversation-store.js';
import { databaseFile, MEMORY, openDatabase } from '../../src/storage/sqlite.js';
import { createMemoryConversationStore } from '../../src/storage/memory/memory-conversation-store.js';
import { runConversationStoreContract } from './conversation-store.contract.js';
import { at } from './feedback-store.contract.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();
const opened: Database[] = [];
const open = (file: string) => {
  const db = openDatabase({ file });
  opened.push(db);
  return db;
};
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

runConversationStoreContract('SQLite file', ({ now }) => createSqliteConversationStore(open(databaseFile(tempDir())), { now }));
runConversationStoreContract('SQLite :memory:', ({ now }) => createSqliteConversationStore(open(MEMORY), { now }));
runConversationStoreContract('memory', () => createMemoryConversationStore());

describe('SQLite conversation store', () => {
  it('keeps sessions, turns and profiles across close and reopen', async () => {
    const file = databaseFile(tempDir());
    const db = openDatabase({ file });
    const store = createSqliteConversationStore(db);
    await store.createSession({ id: 's1', clientId: 'c1', createdAt: at(0) });
    await store.appendTurn('s1', { turnId: 't1', role: 'user', content: '你好', createdAt: at(1) });
    await store.saveProfile('s1', { region: '平阳' });
    db.close();
    const again = createSqliteConversationStore(open(file));
    expect(await again.getSession('s1')).toEqual({ id: 's1', clientId: 'c1', createdAt: at(0), updatedAt: at(1) });
    expect(await again.listTurns('s1')).toEqual([{ sessionId: 's1', turnId: 't1', role: 'user', content: '你好', createdAt: at(1) }]);
    expect(await again.getProfile('s1')).toEqual({ region: '平阳' });
  });

  it('deletes turns through the foreign key cascade and records when the profile changed', async () => {
    const db = openDatabase({ file: MEMORY });
    const store = createSqliteConversationStore(db, { now: () => at(42) });
    await store.createSession({ id: 's1', createdAt: at(0) });
    await store.appendTurn('s1', { turnId: 't1', role: 'user', content: '问', createdAt: at(1) });
    await store.saveProfile('s1', { region: '乐清' });
    expect(db.prepare('SELECT profile_updated_at AS t FROM sessions').get()).toEqual({ t: at(42).getTime() });
    await store.deleteSession('s1');
    expect(db.prepare('SELECT count(*) AS n FROM turns').get()).toEqual({ n: 0 });
    db.close();
  });

  it('leaves no turn behind when appending to a missing session', async () => {
    const db = openDatabase({ file: MEMORY });
    const store = createSqliteConversationStore(db);
    await expect(store.appendTurn('gone', { turnId: 't', role: 'user', content: 'x', createdAt: at(0) })).rejects.toThrow();
    expect(db.prepare('SELECT count(*) AS n FROM turns').get()).toEqual({ n: 0 });
    db.close();
  });
});
