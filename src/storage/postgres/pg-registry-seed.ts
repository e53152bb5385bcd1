// The first start on an empty PostgreSQL registry imports the repository's corpus folder (every
// document with its original, text, metadata and units; every rule file; the documents' own
// facts). One transaction under an advisory lock: replicas starting together import it once —
// the others wait for the lock, then find the registry filled and import nothing.
import type { RuleStore } from '../../rules/rule-store.js';
import type { ExportableDocumentStore } from '../document-registry.js';
import type { PgDatabase } from './pg-database.js';
import { upsertDocumentRow } from './pg-document-store.js';
import { upsertFactFile, upsertRuleFile } from './pg-rule-store.js';

const SEED_LOCK = 7_302_416;

export interface SeedOutcome {
  /** False when the registry already had documents or rules (nothing was imported). */
  seeded: boolean;
  documents: number;
  rules: number;
  facts: number;
}

export async function seedPgRegistry(
  db: PgDatabase,
  { documents, rules, now = () => new Date() }: { documents: ExportableDocumentStore; rules: RuleStore; now?: () => Date },
): Promise<SeedOutcome> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const { n } = (await tx.query<{ n: number }>('SELECT ((SELECT count(*) FROM documents) + (SELECT count(*) FROM rule_files) + (SELECT count(*) FROM rule_facts))::int AS n')).rows[0]!;
    if (n > 0) return { seeded: false, documents: 0, rules: 0, facts: 0 };
    const at = now();
    const out: SeedOutcome = { seeded: true, documents: 0, rules: 0, facts: 0 };
    for (const meta of await documents.list()) {
      const doc = await documents.export(meta.id);
      if (!doc) continue;
      await upsertDocumentRow(tx, doc, at);
      out.documents++;
    }
    for (const id of await rules.list()) {
      const file = await rules.get(id);
      if (!file) continue;
      await upsertRuleFile(tx, file, at);
      out.rules++;
    }
    for (const facts of await rules.listFacts()) {
      await upsertFactFile(tx, facts, at);
      out.facts++;
    }
    return out;
  });
}
