import { describe, expect, it } from 'vitest';
import { openStorage } from '../../src/storage/open-storage.js';
import { purgeOlderThan } from '../../src/storage/retention.js';
import { databaseFile } from '../../src/storage/sqlite.js';
import { at, feedback } from './feedback-store.contract.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs();

describe('openStorage', () => {
  it('builds both stores on one database, sharing the injected clock', () => {
    const storage = openStorage({ file: databaseFile(tempDir()), now: () => at(7) });
    const { createdAt: _omitted, ...noTime } = feedback();
    const { id } = storage.feedback.add(noTime);
    storage.conversations.createSession({ id: 's1', createdAt: at(1) });
    storage.conversations.appendTurn('s1', { turnId: 't1', role: 'user', content: '问', createdAt: at(2) });
    expect(storage.feedback.get(id)!.createdAt).toEqual(at(7));
    expect(purgeOlderThan(storage.db, at(100))).toEqual({ feedback: 1, sessions: 1, turns: 1 });
    storage.close();
    expect(storage.db.isOpen).toBe(false);
  });
});
