// Unit keys are "<docId>:<ref>" everywhere. Databases from the single-document era stored bare
// refs ("11") in turns and feedback; migration 3 qualifies them with the legacy document's id
// (from the corpus metadata), so old conversations and feedback keep pointing at their clauses.
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/storage/migrations.js';
import { databaseFile, openDatabase } from '../../src/storage/sqlite.js';
import { createSqliteConversationStore } from '../../src/storage/sqlite-conversation-store.js';
import { createSqliteFeedbackStore } from '../../src/storage/sqlite-feedback-store.js';
import { useTempDirs } from './temp-dir.js';

const tempDir = useTempDirs('zct-keys-');

function oldDatabase(): string {
  const file = databaseFile(tempDir());
  const db = openDatabase({ file, migrations: migrations.slice(0, 2) });
  db.prepare("INSERT INTO sessions (id, created_at, updated_at) VALUES ('sess-old-1', 1, 1)").run();
  const turn = db.prepare('INSERT INTO turns (session_id, turn_id, role, content, refs_json, citations_json, retrieved_refs_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  turn.run('sess-old-1', 'u1', 'user', '研发补助多少', null, null, null, 1);
  turn.run('sess-old-1', 'a1', 'assistant', '最高300万元〔第11条〕', '["11","s2"]', '[{"ref":"11","label":"第11条","quote":"最高300万元补助","docTitle":"t"}]', '["11","19"]', 2);
  db.prepare('INSERT INTO feedback (session_id, turn_id, rating, question, answer, citations_json, retrieved_refs_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
    'sess-old-1', 'a1', 'up', '研发补助多少', '最高300万元', '[{"ref":"11","label":"第11条","quote":"q","docTitle":"t"},{"ref":"other-doc:3","label":"第3条","quote":"q","docTitle":"t"}]', '["11"]', 3,
  );
  db.close();
  return file;
}

describe('key migration (bare refs → "<docId>:<ref>")', () => {
  it('qualifies refs in stored turns and feedback with the legacy document, leaving qualified ones alone', async () => {
    const file = oldDatabase();
    const db = openDatabase({ file, migrationContext: { legacyDocId: 'seed-doc' } });
    expect(db.schemaVersion).toBe(migrations.length);
    const turns = await createSqliteConversationStore(db).listTurns('sess-old-1');
    expect(turns[1]!.refs).toEqual(['seed-doc:11', 'seed-doc:s2']);
    const exchange = (await createSqliteConversationStore(db).getExchange('sess-old-1', 'a1'))!;
    expect(exchange.citations.map((c) => c.ref)).toEqual(['seed-doc:11']);
    expect(exchange.retrievedRefs).toEqual(['seed-doc:11', 'seed-doc:19']);
    const fb = (await createSqliteFeedbackStore(db).list()).items[0]!;
    expect(fb.citations.map((c) => c.ref)).toEqual(['seed-doc:11', 'other-doc:3']);
    expect(fb.retrievedRefs).toEqual(['seed-doc:11']);
    db.close();
  });

  it('without a legacy document the refs are left as they were', async () => {
    const file = oldDatabase();
    const db = openDatabase({ file });
    expect((await createSqliteConversationStore(db).listTurns('sess-old-1'))[1]!.refs).toEqual(['11', 's2']);
    db.close();
  });
});
