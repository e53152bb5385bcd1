// The PostgreSQL adapters against a real server: the same contract suites as memory and SQLite,
// then what only PostgreSQL promises: migrations shared by replicas (once, transactional,
// refusing a newer schema), the integrity check, counters and index versions shared by
// replicas, and sessions that never go stale across replicas.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { openPostgres, type PgDatabase } from '../../src/storage/postgres/pg-database.js';
import { pgMigrations } from '../../src/storage/postgres/pg-migrations.js';
import { createPgFeedbackStore } from '../../src/storage/postgres/pg-feedback-store.js';
import { createPgConversationStore } from '../../src/storage/postgres/pg-conversation-store.js';
import { createPgIndexRegistry } from '../../src/storage/postgres/pg-index-registry.js';
import { localIndexVersion, materializeIndex } from '../../src/storage/index-registry.js';
import { openPostgresStorage } from '../../src/storage/open-storage.js';
import { createPostgresLimiter } from '../../src/server/limits/limiter.js';
import { createPersistentSessionStore } from '../../src/server/persistent-sessions.js';
import { createIndexSync } from '../../src/server/index-sync.js';
import { createFileRuleStore } from '../../src/rules/rule-store.js';
import { runFeedbackStoreContract, at, feedback } from './feedback-store.contract.js';
import { runConversationStoreContract } from './conversation-store.contract.js';
import { runLimiterContract } from './limiter.contract.js';
import { createTestDatabase, describeWithPostgres, postgresForTests } from './pg-test-server.js';
import { runApplicantStoreContract, visit, CODE } from './applicant-store.contract.js';
import { createPgApplicantStore } from '../../src/storage/applicants/pg-applicant-store.js';

import { runDocumentStoreContract } from './document-store.contract.js';
import { runRuleStoreContract, facts } from './rule-store.contract.js';
import { createPgDocumentStore } from '../../src/storage/postgres/pg-document-store.js';
import { createPgRuleStore, REGISTRY_CHANNEL } from '../../src/storage/postgres/pg-rule-store.js';
import { openPgRegistry } from '../../src/storage/open-registry.js';
import { loadCorpus, loadCorpusFrom } from '../../src/corpus/load-corpus.js';
import { ruleFile } from '../rules/rules-fixtures.js';
import { draftRulesIntoStore } from '../../src/bootstrap/rule-drafting.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { runUploadDraftsContract } from './upload-drafts.contract.js';
import { createPgUploadDrafts } from '../../src/storage/postgres/pg-upload-drafts.js';

const LATEST = pgMigrations.length;

const server = await postgresForTests();

describeWithPostgres('PostgreSQL storage', server, (serverUrl) => {
  let db: PgDatabase;
  let dropDb: () => Promise<void>;
  let url: string;
  beforeAll(async () => {
    const made = await createTestDatabase(serverUrl);
    url = made.url;
    dropDb = made.drop;
    db = await openPostgres({ url, poolSize: 4 });
  });
  afterAll(async () => {
    await db?.close();
    await dropDb?.();
  });
  const clean = async () => {
    await db.query('TRUNCATE feedback, turns, sessions, share_links, applicant_checklists, applicants, documents, rule_files, rule_facts, upload_drafts RESTART IDENTITY CASCADE');
    return db;
  };

  runFeedbackStoreContract('PostgreSQL', async ({ now }) => createPgFeedbackStore(await clean(), { now }));
  runConversationStoreContract('PostgreSQL', async ({ now }) => createPgConversationStore(await clean(), { now }));
  runLimiterContract('PostgreSQL', (o) => createPostgresLimiter({ ...o, pool: db.pool }));
  runApplicantStoreContract('PostgreSQL', async (o) => createPgApplicantStore(await clean(), o));
  runDocumentStoreContract('PostgreSQL', async () => createPgDocumentStore(await clean()));
  runRuleStoreContract('PostgreSQL', async () => createPgRuleStore(await clean()));
  runUploadDraftsContract('PostgreSQL', async () => createPgUploadDrafts(await clean()));

  describe('the document registry shared by replicas', () => {
    it('imports the corpus folder once when replicas start together on an empty registry, and serves the same corpus', async () => {
      const fresh = await createTestDatabase(serverUrl, 'zct_seed');
      const dbs = await Promise.all([1, 2, 3].map(() => openPostgres({ url: fresh.url, poolSize: 2 })));
      try {
        const registries = await Promise.all(dbs.map((d, i) => openPgRegistry(d, 'corpus', { origin: `replica-${i}` })));
        const seeded = registries.filter((r) => r.seed.seeded);
        expect(seeded).toHaveLength(1);
        const files = await loadCorpus('corpus');
        expect(seeded[0]!.seed).toEqual({ seeded: true, documents: files.documents.length, rules: 1, facts: 1 });
        expect(registries.filter((r) => !r.seed.seeded).map((r) => r.seed.documents)).toEqual([0, 0]);
        const counts = await dbs[0]!.query<{ d: number; r: number; f: number }>('SELECT (SELECT count(*) FROM documents)::int AS d, (SELECT count(*) FROM rule_files)::int AS r, (SELECT count(*) FROM rule_facts)::int AS f');
        expect(counts.rows[0]).toEqual({ d: files.documents.length, r: 1, f: 1 });
        // Exactly the corpus the folder gives (same hash: an index built from either serves both).
        const fromPg = await loadCorpusFrom(registries[2]!.documents);
        expect(fromPg.hash).toBe(files.hash);
        expect(fromPg.units.map((u) => u.key)).toEqual(files.units.map((u) => u.key));
        const pdf = await dbs[1]!.query<{ raw: Buffer; sha256: string }>("SELECT raw, sha256 FROM documents WHERE id = 'beijing-chanye-daoyin-2024'");
        expect(pdf.rows[0]!.raw.equals(readFileSync('corpus/raw/beijing-chanye-daoyin-2024.pdf'))).toBe(true);
        expect(await registries[1]!.rules.get('wzzb-2024-11')).toEqual(await createFileRuleStore('corpus/rules').get('wzzb-2024-11'));
        expect((await registries[1]!.factFiles()).map((f) => f.scope)).toEqual(['core', 'wzzb-2024-11']);
        // A later start imports nothing, even after a document was withdrawn.
        await registries[0]!.documents.withdraw('dalian-zhongshan-jiuye-list', new Date());
        const again = await openPgRegistry(dbs[0]!, 'corpus', { origin: 'replica-4' });
        expect(again.seed.seeded).toBe(false);
        expect((await again.documents.list()).find((m) => m.id === 'dalian-zhongshan-jiuye-list')!.withdrawnAt).toBeTruthy();
        expect((await dbs[0]!.query<{ status: string }>("SELECT status FROM documents WHERE id = 'dalian-zhongshan-jiuye-list'")).rows[0]!.status).toBe('withdrawn');
      } finally {
        await Promise.all(dbs.map((d) => d.close()));
        await fresh.drop();
      }
    });

    it('reloads a follower for rules saved elsewhere: each notice, and any saved before it listened', async () => {
      const fresh = await createTestDatabase(serverUrl, 'zct_follow_rules');
      const dbA = await openPostgres({ url: fresh.url, poolSize: 2 });
      const dbB = await openPostgres({ url: fresh.url, poolSize: 2 });
      const dataDir = mkdtempSync(join(tmpdir(), 'zct-follow-rules-'));
      const corpusDir = mkdtempSync(join(tmpdir(), 'zct-empty-corpus-'));
      try {
        const a = await openPgRegistry(dbA, corpusDir, { origin: 'replica-a' });
        const b = await openPgRegistry(dbB, corpusDir, { origin: 'replica-b' });
        let reloads = 0;
        const sync = createIndexSync({ registry: createPgIndexRegistry(dbB), dataDir, replica: 'replica-b', reload: async () => void reloads++, subscribeChanges: (cb) => b.subscribe(() => cb()), changesStamp: () => b.rulesStamp() });
        await sync.prepare(); // B builds its services here …
        await a.rules.put(ruleFile('demo', false)); // … A saves before B listens …
        await sync.start(); // … and B catches up once it does.
        const wait = async (n: number) => {
          const deadline = Date.now() + 5000;
          while (reloads < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        };
        await wait(1);
        expect(reloads).toBe(1);
        await a.rules.put(ruleFile('demo', true));
        await wait(2);
        expect(reloads).toBe(2);
        // B's own saves are not news to B.
        await b.rules.put(ruleFile('other'));
        await new Promise((r) => setTimeout(r, 300));
        expect(reloads).toBe(2);
        expect(sync.status().ready).toBe(true);
        await sync.stop();
      } finally {
        await dbA.close();
        await dbB.close();
        await fresh.drop();
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(corpusDir, { recursive: true, force: true });
      }
    });

    it('drafts a document’s rules into the registry, never over a reviewed file', async () => {
      await clean();
      const registry = await openPgRegistry(db, 'corpus', { origin: 'replica-a' });
      expect(registry.seed.seeded).toBe(true);
      const corpus = await loadCorpusFrom(registry.documents);
      const lines = await draftRulesIntoStore({ docId: 'liuhe-zdcy-2023', corpus, store: registry.rules, factFiles: await registry.factFiles() });
      expect(lines[0]).toMatch(/^liuhe-zdcy-2023：起草 \d+ 条规则/);
      const drafted = await registry.rules.get('liuhe-zdcy-2023');
      expect(drafted!.origin).toBe('drafted');
      expect(drafted!.rules.every((r) => !r.reviewed)).toBe(true);
      // The rules load against the facts the registry now holds (their own among them, if any).
      const loaded = await loadRules({ store: registry.rules, factFiles: await registry.factFiles(), documents: corpus.documents, units: corpus.units, draftMissing: false });
      expect(loaded.ruleSets.map((r) => r.file.docId)).toContain('liuhe-zdcy-2023');
      const before = await registry.rules.get('wzzb-2024-11');
      expect((await draftRulesIntoStore({ docId: 'wzzb-2024-11', corpus, store: registry.rules, factFiles: await registry.factFiles() })).join('')).toMatch(/已有经审核的规则，未覆盖/);
      expect(await registry.rules.get('wzzb-2024-11')).toEqual(before);
      await expect(draftRulesIntoStore({ docId: 'no-such-doc', corpus, store: registry.rules, factFiles: [] })).rejects.toThrow(/没有编号为 no-such-doc 的文件/);
    });

    it('tells the other replicas when rules or facts are saved, not the writer', async () => {
      await clean();
      const other = await openPostgres({ url, poolSize: 2 });
      const corpusDir = mkdtempSync(join(tmpdir(), 'zct-empty-corpus-'));
      try {
        const a = await openPgRegistry(db, corpusDir, { origin: 'replica-a' });
        const b = await openPgRegistry(other, corpusDir, { origin: 'replica-b' });
        const heardA: string[] = [];
        const heardB: string[] = [];
        const stopA = await a.subscribe!((n) => heardA.push(`${n.by}/${n.kind}/${n.id}`));
        const stopB = await b.subscribe!((n) => heardB.push(`${n.by}/${n.kind}/${n.id}`));
        await a.rules.putFacts(facts('demo'));
        await a.rules.put(ruleFile('demo'));
        const deadline = Date.now() + 5000;
        while (heardB.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        expect(heardB).toEqual(['replica-a/facts/demo', 'replica-a/rules/demo']);
        expect(await b.rules.get('demo')).toEqual(ruleFile('demo'));
        expect((await b.factFiles()).map((f) => f.scope)).toEqual(['demo']); // no core.facts.json in this folder
        await new Promise((r) => setTimeout(r, 100));
        expect(heardA).toEqual([]);
        const row = await db.query<{ origin: string; rule_count: number; reviewed_count: number }>("SELECT origin, rule_count, reviewed_count FROM rule_files WHERE doc_id = 'demo'");
        expect(row.rows[0]).toEqual({ origin: 'reviewed', rule_count: 1, reviewed_count: 1 });
        // A failed write notifies nobody (the NOTIFY is in the rolled-back transaction).
        await a.rules.put({ ...ruleFile('demo'), origin: 'nope' } as never).catch(() => {});
        await new Promise((r) => setTimeout(r, 200));
        expect(heardB).toHaveLength(2);
        await stopA();
        await stopB();
        expect(REGISTRY_CHANNEL).toBe('zct_registry');
      } finally {
        await other.close();
        rmSync(corpusDir, { recursive: true, force: true });
      }
    });
  });

  describe('migrations and integrity', () => {
    it('migrates a fresh database once, even when replicas start together', async () => {
      const fresh = await createTestDatabase(serverUrl, 'zct_mig');
      try {
        const opened = await Promise.all([1, 2, 3].map(() => openPostgres({ url: fresh.url, poolSize: 2 })));
        expect(opened.map((d) => d.schemaVersion)).toEqual([LATEST, LATEST, LATEST]);
        const rows = await opened[0]!.query<{ version: number; description: string }>('SELECT version, description FROM schema_migrations ORDER BY version');
        expect(rows.rows).toEqual(pgMigrations.map((m) => ({ version: m.version, description: m.description })));
        await Promise.all(opened.map((d) => d.close()));
      } finally {
        await fresh.drop();
      }
    });

    it('refuses a database newer than the code, without changing it', async () => {
      const fresh = await createTestDatabase(serverUrl, 'zct_new');
      try {
        const first = await openPostgres({ url: fresh.url, poolSize: 1 });
        const future = LATEST + 5;
        await first.query("INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, 'from the future', now())", [future]);
        await first.close();
        const err = await openPostgres({ url: fresh.url, poolSize: 1 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).userMessage).toContain(`结构版本是 ${future}，本程序只支持到版本 ${LATEST}`);
        const check = await openPostgres({ url: fresh.url, poolSize: 1, migrations: [...pgMigrations, ...Array.from({ length: 5 }, (_, i) => ({ version: LATEST + i + 1, description: 'x', up: async () => {} }))], integrityCheck: false });
        expect(check.schemaVersion).toBe(future);
        await check.close();
      } finally {
        await fresh.drop();
      }
    });

    it('rolls a failing migration back completely', async () => {
      const fresh = await createTestDatabase(serverUrl, 'zct_fail');
      try {
        const broken = [
          ...pgMigrations,
          {
            version: LATEST + 1,
            description: 'half done',
            async up(tx: { query(sql: string): Promise<unknown> }) {
              await tx.query('CREATE TABLE half_done (x int)');
              await tx.query('SELECT no_such_function()');
            },
          },
        ];
        const err = await openPostgres({ url: fresh.url, poolSize: 1, migrations: broken }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        const again = await openPostgres({ url: fresh.url, poolSize: 1 });
        expect(again.schemaVersion).toBe(LATEST);
        expect((await again.query<{ t: string | null }>("SELECT to_regclass('half_done')::text AS t")).rows[0]!.t).toBeNull();
        await again.close();
      } finally {
        await fresh.drop();
      }
    });

    it('refuses to start on a schema changed behind its back', async () => {
      const fresh = await createTestDatabase(serverUrl, 'zct_damaged');
      try {
        const first = await openPostgres({ url: fresh.url, poolSize: 1 });
        await first.query('ALTER TABLE turns DROP COLUMN citations_json');
        await first.close();
        const err = await openPostgres({ url: fresh.url, poolSize: 1 }).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).userMessage).toMatch(/表 turns 缺少列 citations_json/);
        expect((err as AppError).userMessage).toMatch(/拒绝启动/);
      } finally {
        await fresh.drop();
      }
    });

    it('says what to check when the server cannot be reached', async () => {
      const err = await openPostgres({ url: 'postgres://nobody:secret@127.0.0.1:1/none', poolSize: 1, connectTimeoutMs: 2000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('UNAVAILABLE');
      expect((err as AppError).userMessage).toMatch(/请检查 DATABASE_URL/);
      expect((err as AppError).userMessage).not.toContain('secret');
    });
  });

  describe('shared by replicas', () => {
    it('gives two replicas one rate-limit budget', async () => {
      const keyPrefix = `shared-${Date.now()}`;
      const a = createPostgresLimiter({ points: 5, durationSeconds: 60, keyPrefix, pool: db.pool });
      const other = await openPostgres({ url, poolSize: 2 });
      try {
        const b = createPostgresLimiter({ points: 5, durationSeconds: 60, keyPrefix, pool: other.pool });
        const decisions = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).consume('client-1')));
        expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
        expect((await a.peek('client-1')).allowed).toBe(false);
        expect((await b.peek('client-1')).allowed).toBe(false);
      } finally {
        await other.close();
      }
    });

    it('continues a session on another replica, never from a stale copy', async () => {
      await clean();
      const other = await openPostgres({ url, poolSize: 2 });
      try {
        const opts = { ttlMs: 3600_000, maxTurns: 40, maxCached: 0 };
        const one = createPersistentSessionStore({ ...opts, store: createPgConversationStore(db) });
        const two = createPersistentSessionStore({ ...opts, store: createPgConversationStore(other) });
        await one.create('sess-replica-1');
        await one.append('sess-replica-1', { role: 'user', content: '研发补助多少？' }, { role: 'assistant', content: '最高300万元。', refs: ['d:11'] });
        expect((await two.get('sess-replica-1'))!.turns.map((t) => t.content)).toEqual(['研发补助多少？', '最高300万元。']);
        // Replica one read it; replica two moves it on; replica one must see that at once.
        expect((await one.get('sess-replica-1'))!.turns).toHaveLength(2);
        await two.append('sess-replica-1', { role: 'user', content: '找哪个部门？' }, { role: 'assistant', content: '市科技局。' });
        await two.setProfile('sess-replica-1', { region: '鹿城' });
        const seen = (await one.get('sess-replica-1'))!;
        expect(seen.turns.map((t) => t.content)).toEqual(['研发补助多少？', '最高300万元。', '找哪个部门？', '市科技局。']);
        expect(seen.profile).toEqual({ region: '鹿城' });
      } finally {
        await other.close();
      }
    });

    it('writes feedback through one replica and exports it through another', async () => {
      await clean();
      const other = await openPostgresStorage({ url, poolSize: 2 });
      try {
        const { id } = await createPgFeedbackStore(db).add(feedback({ createdAt: at(1) }));
        expect(await other.feedback.exportGoldCandidates()).toContain(`"fb-${id}"`);
        expect(other.cacheSessions).toBe(false);
        expect(other.label).toMatch(/^postgres 127\.0\.0\.1:\d+\//);
        expect(await other.purge(at(10))).toEqual({ feedback: 1, sessions: 0, turns: 0 });
        await other.probe();
      } finally {
        await other.close();
      }
    });

    it('saves an applicant through one replica, lists, reads and updates it through another', async () => {
      await clean();
      const one = await openPostgresStorage({ url, poolSize: 2 });
      const two = await openPostgresStorage({ url, poolSize: 2 });
      try {
        // The first visit of a company saved on both replicas at once is still one company.
        const [a, b] = await Promise.all([one.applicants.saveChecklist(visit({}, ['possible'])), two.applicants.saveChecklist(visit({}, ['possible']))]);
        expect(b.applicant.id).toBe(a.applicant.id);
        const listed = await two.applicants.findApplicants({ text: '智云', limit: 10 });
        expect(listed.map((x) => [x.id, x.visits])).toEqual([[a.applicant.id, 2]]);
        const third = await two.applicants.saveChecklist(visit({ applicant: { name: '温州市鹿城智云软件有限公司（更名）', creditCode: CODE } }, ['eligible']));
        expect(third.applicant.id).toBe(a.applicant.id);
        const seen = await one.applicants.getApplicant(a.applicant.id);
        expect(seen?.applicant).toMatchObject({ name: '温州市鹿城智云软件有限公司（更名）', visits: 3 });
        expect(seen?.checklists[0]!.id).toBe(third.checklist.id);
        expect((await one.applicants.getChecklist(third.checklist.id))?.snapshot.measures.map((m) => m.status)).toEqual(['eligible']);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('publishes an index version, notifies the other replicas and materialises it', async () => {
      const registry = createPgIndexRegistry(db);
      const otherDb = await openPostgres({ url, poolSize: 2 });
      const dirA = mkdtempSync(join(tmpdir(), 'zct-idx-a-'));
      const dirB = mkdtempSync(join(tmpdir(), 'zct-idx-b-'));
      try {
        const version = `v-${Date.now()}`;
        mkdirSync(join(dirA, 'indexes', version), { recursive: true });
        const big = Buffer.alloc(9 * 1024 * 1024, 7); // more than two chunks
        writeFileSync(join(dirA, 'indexes', version, 'manifest.json'), JSON.stringify({ corpusHash: 'h1', unitCount: 3, builtAt: '2030-01-01T00:00:00.000Z' }));
        writeFileSync(join(dirA, 'indexes', version, 'base.hnsw'), big);
        writeFileSync(join(dirA, 'index.json'), JSON.stringify({ current: version }));

        const heard: string[] = [];
        let reloads = 0;
        const syncB = createIndexSync({ registry: createPgIndexRegistry(otherDb), dataDir: dirB, replica: 'b', reload: async () => void reloads++ });
        await syncB.start();
        otherDb.listen(['zct_index'], (_c, payload) => heard.push(payload));
        const syncA = createIndexSync({ registry, dataDir: dirA, replica: 'a', reload: async () => {} });
        expect(await syncA.publishLocal()).toBe(true);
        expect(await syncA.publishLocal()).toBe(false); // already published
        expect((await registry.latest())!).toMatchObject({ id: version, corpusHash: 'h1', unitCount: 3, publishedBy: 'a' });
        const deadline = Date.now() + 5000;
        while ((localIndexVersion(dirB) !== version || reloads === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(localIndexVersion(dirB)).toBe(version);
        expect(reloads).toBe(1);
        expect(readFileSync(join(dirB, 'indexes', version, 'base.hnsw')).equals(big)).toBe(true);
        expect(syncB.status()).toEqual({ version, published: version, ready: true });
        expect(heard).toContain(version);
        // An older build never replaces the published one.
        const old = `v-old-${Date.now()}`;
        materializeIndex(dirA, old, [{ name: 'manifest.json', bytes: Buffer.from(JSON.stringify({ corpusHash: 'h0', unitCount: 1, builtAt: '2020-01-01T00:00:00.000Z' })) }]);
        expect(await syncA.publishLocal()).toBe(false);
        await syncB.stop();
      } finally {
        await otherDb.close();
        rmSync(dirA, { recursive: true, force: true });
        rmSync(dirB, { recursive: true, force: true });
      }
    });
  });
});
