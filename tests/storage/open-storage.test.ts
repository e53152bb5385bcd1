import { describe, expect, it } from 'vitest';
import { isPostgresUrl, openStorage } from '../../src/storage/open-storage.js';
import { purgeOlderThan } from '../../src/storage/retention.js';
import { databaseFile, MEMORY } from '../../src/storage/sqlite.js';
import { at, feedback } from './feedback-store.contract.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('openStorage', () => {
  it('builds both stores on one database, sharing the injected clock', async () => {
    const storage = openStorage({ file: databaseFile(tempDir()), now: () => at(7) });
    const { createdAt: _omitted, ...noTime } = feedback();
    const { id } = await storage.feedback.add(noTime);
    await storage.conversations.createSession({ id: 's1', createdAt: at(1) });
    await storage.conversations.appendTurn('s1', { turnId: 't1', role: 'user', content: '问', createdAt: at(2) });
    expect((await storage.feedback.get(id))!.createdAt).toEqual(at(7));
    expect(purgeOlderThan(storage.db, at(100))).toEqual({ feedback: 1, sessions: 1, turns: 1 });
    expect(storage).toMatchObject({ kind: 'sqlite', cacheSessions: true });
    storage.close();
    expect(storage.db.isOpen).toBe(false);
    expect(storage.isOpen).toBe(false);
  });

  it('writes conversations through a second connection with their own durability', async () => {
    const file = databaseFile(tempDir());
    const storage = openStorage({ file, conversationSynchronous: 'NORMAL' });
    await storage.conversations.appendTurns('s1', [{ turnId: 't1', role: 'user', content: '问', createdAt: at(2) }], { create: { id: 's1', createdAt: at(1) } });
    // Visible through the feedback connection (the same file), and purged through it.
    expect(storage.db.prepare('SELECT count(*) AS n FROM turns').get()).toEqual({ n: 1 });
    expect(await storage.purge(at(100))).toEqual({ feedback: 0, sessions: 1, turns: 1 });
    storage.probe();
    storage.close();
  });

  it('tells PostgreSQL URLs from everything else', () => {
    expect(isPostgresUrl('postgres://u:p@h:5432/db')).toBe(true);
    expect(isPostgresUrl('postgresql://h/db')).toBe(true);
    expect(isPostgresUrl(MEMORY)).toBe(false);
    expect(isPostgresUrl(undefined)).toBe(false);
    expect(isPostgresUrl('mysql://h/db')).toBe(false);
  });
});
