import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { createSqliteFeedbackStore } from '../../src/storage/sqlite/sqlite-feedback-store.js';
import { databaseFile, MEMORY, openDatabase } from '../../src/storage/sqlite.js';
import { createMemoryFeedbackStore } from '../../src/storage/memory/memory-feedback-store.js';
import { at, feedback, runFeedbackStoreContract } from './feedback-store.contract.js';
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

runFeedbackStoreContract('SQLite file', ({ now }) => createSqliteFeedbackStore(open(databaseFile(tempDir())), { now }));
runFeedbackStoreContract('SQLite :memory:', ({ now }) => createSqliteFeedbackStore(open(MEMORY), { now }));
runFeedbackStoreContract('memory', ({ now }) => createMemoryFeedbackStore({ now }));

describe('SQLite feedback store', () => {
  it('keeps feedback across close and reopen', async () => {
    const file = databaseFile(tempDir());
    const db = openDatabase({ file });
    const { id } = await createSqliteFeedbackStore(db).add(feedback({ comment: '好' }));
    db.close();
    const again = openDatabase({ file });
    expect(await createSqliteFeedbackStore(again).get(id)).toMatchObject({ id, comment: '好', createdAt: at(0) });
    again.close();
  });

  it('stores times as epoch milliseconds so range queries use the index', async () => {
    const db = openDatabase({ file: MEMORY });
    await createSqliteFeedbackStore(db).add(feedback());
    expect(db.prepare('SELECT created_at FROM feedback').get()).toEqual({ created_at: at(0).getTime() });
    const plan = db.prepare<{ detail: string }>('EXPLAIN QUERY PLAN SELECT count(*) FROM feedback WHERE rating = ? AND created_at >= ?').all('up', 0);
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/feedback_rating_created_at/);
    db.close();
  });
});
