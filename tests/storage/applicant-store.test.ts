// The ApplicantStore contract on memory and on SQLite (a real database file and :memory:);
// PostgreSQL runs the same suite in postgres.int.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryApplicantStore } from '../../src/storage/applicants/memory-applicant-store.js';
import { createSqliteApplicantStore } from '../../src/storage/applicants/sqlite-applicant-store.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { Database } from '../../src/storage/database.js';
import { databaseFile, MEMORY, openDatabase } from '../../src/storage/sqlite.js';
import { runApplicantStoreContract, visit } from './applicant-store.contract.js';
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

runApplicantStoreContract('memory', (o) => createMemoryApplicantStore(o));
runApplicantStoreContract('SQLite file', (o) => createSqliteApplicantStore(open(databaseFile(tempDir())), o));
runApplicantStoreContract('SQLite :memory:', (o) => createSqliteApplicantStore(open(MEMORY), o));

describe('saved applicants in the SQLite storage', () => {
  it('are part of the opened storage and survive a reopen', async () => {
    const file = databaseFile(tempDir());
    const first = openStorage({ file });
    const saved = await first.applicants.saveChecklist(visit());
    first.close();
    const again = openStorage({ file });
    expect((await again.applicants.getApplicant(saved.applicant.id))?.checklists.map((c) => c.id)).toEqual([saved.checklist.id]);
    again.close();
  });
});
