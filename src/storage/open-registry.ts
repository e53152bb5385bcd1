// The document registry and its rules, as the server and the CLI see them: the corpus folder
// (SQLite deployments, one process) or PostgreSQL (DATABASE_URL, shared by replicas; seeded from
// the corpus folder when empty). Either way the core fact vocabulary and the dictionaries stay in
// CORPUS_DIR: they ship with the code, like the prompts.
import { join } from 'node:path';
import type { DocumentStore } from '../domain/ports.js';
import type { FactFile } from '../rules/fact-registry.js';
import { loadFactFiles } from '../rules/load-rules.js';
import { createFileRuleStore, type RuleStore } from '../rules/rule-store.js';
import { createFileDocumentStore } from './files/file-document-store.js';
import type { PgDatabase } from './postgres/pg-database.js';
import { createPgDocumentStore } from './postgres/pg-document-store.js';
import { createPgRuleStore, parseRegistryNotice, REGISTRY_CHANNEL, type RegistryNotice } from './postgres/pg-rule-store.js';
import { seedPgRegistry, type SeedOutcome } from './postgres/pg-registry-seed.js';

export interface Registry {
  kind: 'files' | 'postgres';
  documents: DocumentStore;
  rules: RuleStore;
  /** Every fact file rules load with: core first, then the documents' own. */
  factFiles(): Promise<FactFile[]>;
  /** Registry writes made by other replicas (PostgreSQL only). */
  subscribe?(onChange: (notice: RegistryNotice) => void): Promise<() => Promise<void>>;
  /** Changes whenever rules or facts are written (PostgreSQL only): count and latest time. */
  rulesStamp?(): Promise<string>;
}

export function openFileRegistry(corpusDir: string): Registry {
  return {
    kind: 'files',
    documents: createFileDocumentStore(corpusDir),
    rules: createFileRuleStore(join(corpusDir, 'rules')),
    factFiles: () => loadFactFiles(join(corpusDir, 'facts')),
  };
}

export interface PgRegistry extends Registry {
  kind: 'postgres';
  /** What the start-up seed imported (nothing when the registry was already filled). */
  seed: SeedOutcome;
  subscribe(onChange: (notice: RegistryNotice) => void): Promise<() => Promise<void>>;
  rulesStamp(): Promise<string>;
}

/** The PostgreSQL registry, seeded from `corpusDir` when it is empty. `origin` names this process in notices. */
export async function openPgRegistry(pg: PgDatabase, corpusDir: string, { origin, now }: { origin: string; now?: () => Date }): Promise<PgRegistry> {
  const files = openFileRegistry(corpusDir);
  const seed = await seedPgRegistry(pg, { documents: createFileDocumentStore(corpusDir), rules: files.rules, ...(now ? { now } : {}) });
  const rules = createPgRuleStore(pg, { origin, ...(now ? { now } : {}) });
  return {
    kind: 'postgres',
    seed,
    documents: createPgDocumentStore(pg, now ? { now } : {}),
    rules,
    async factFiles() {
      const core = (await loadFactFiles(join(corpusDir, 'facts'))).filter((f) => f.scope === 'core');
      return [...core, ...(await rules.listFacts())];
    },
    async rulesStamp() {
      const r = await pg.query<{ s: string }>(
        "SELECT concat_ws('/', (SELECT count(*) FROM rule_files), (SELECT max(updated_at) FROM rule_files), (SELECT count(*) FROM rule_facts), (SELECT max(updated_at) FROM rule_facts)) AS s",
      );
      return r.rows[0]?.s ?? '';
    },
    subscribe: (onChange) =>
      pg.listen(
        [REGISTRY_CHANNEL],
        (_channel, payload) => {
          const notice = parseRegistryNotice(payload);
          if (notice && notice.by !== origin) onChange(notice);
        },
        // Notices sent while the connection was down are lost: take it that something changed.
        () => onChange({ by: 'reconnect', kind: 'rules', id: '*' }),
      ),
  };
}
