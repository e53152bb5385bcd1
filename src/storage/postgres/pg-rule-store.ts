// RuleStore on PostgreSQL (migration 3): rule_files holds each document's rule file as JSON with
// its review state (origin, how many rules, how many reviewed), rule_facts each document's own
// facts. Every write commits together with a NOTIFY on 'zct_registry' naming the writer, so the
// other replicas reload their rules at once (index-sync.ts) while the writer, which reloads by
// itself, ignores its own notice.
import { AppError } from '../../domain/errors.js';
import { parseFactFile } from '../../rules/fact-registry.js';
import { parseRuleFile } from '../../rules/rule-schema.js';
import type { RuleStore } from '../../rules/rule-store.js';
import type { PgDatabase, PgQueryable } from './pg-database.js';

export const REGISTRY_CHANNEL = 'zct_registry';

/** What a registry NOTIFY says: who wrote, and what. */
export interface RegistryNotice {
  by: string;
  kind: 'rules' | 'facts' | 'documents';
  id: string;
}

export function parseRegistryNotice(payload: string): RegistryNotice | undefined {
  try {
    const n = JSON.parse(payload) as Partial<RegistryNotice>;
    return typeof n.by === 'string' && typeof n.kind === 'string' && typeof n.id === 'string' ? (n as RegistryNotice) : undefined;
  } catch {
    return undefined;
  }
}

export async function notifyRegistry(q: PgQueryable, notice: RegistryNotice): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [REGISTRY_CHANNEL, JSON.stringify(notice)]);
}

export interface PgRuleStoreOptions {
  now?: () => Date;
  /** Names this replica in its notices (host:pid). */
  origin?: string;
}

export async function upsertRuleFile(q: PgQueryable, json: unknown, at: Date): Promise<string> {
  const file = parseRuleFile(json);
  await q.query(
    `INSERT INTO rule_files (doc_id, origin, rules_json, rule_count, reviewed_count, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (doc_id) DO UPDATE SET origin = excluded.origin, rules_json = excluded.rules_json, rule_count = excluded.rule_count,
       reviewed_count = excluded.reviewed_count, updated_at = excluded.updated_at`,
    [file.docId, file.origin, JSON.stringify(file), file.rules.length, file.rules.filter((r) => r.reviewed).length, at],
  );
  return file.docId;
}

export async function upsertFactFile(q: PgQueryable, json: unknown, at: Date): Promise<string> {
  const file = parseFactFile(json);
  if (file.scope === 'core') throw new AppError('BAD_REQUEST', '核心事实表（core）随程序发布，不能写入规则库。');
  await q.query(
    'INSERT INTO rule_facts (scope, facts_json, updated_at) VALUES ($1, $2, $3) ON CONFLICT (scope) DO UPDATE SET facts_json = excluded.facts_json, updated_at = excluded.updated_at',
    [file.scope, JSON.stringify(file), at],
  );
  return file.scope;
}

export function createPgRuleStore(db: PgDatabase, { now = () => new Date(), origin = 'unknown' }: PgRuleStoreOptions = {}): RuleStore {
  return {
    async list() {
      return (await db.query<{ doc_id: string }>('SELECT doc_id FROM rule_files ORDER BY doc_id COLLATE "C"')).rows.map((r) => r.doc_id);
    },
    async get(docId) {
      const row = (await db.query<{ rules_json: string }>('SELECT rules_json FROM rule_files WHERE doc_id = $1', [docId])).rows[0];
      if (!row) return undefined;
      const file = parseRuleFile(JSON.parse(row.rules_json), `数据库中 ${docId} 的规则`);
      if (file.docId !== docId) throw new AppError('CORPUS_INVALID', `数据库中 ${docId} 的规则记录写着 docId ${file.docId}，请改正。`);
      return file;
    },
    async put(file) {
      await db.transaction(async (tx) => {
        const id = await upsertRuleFile(tx, file, now());
        await notifyRegistry(tx, { by: origin, kind: 'rules', id });
      });
    },
    async listFacts() {
      const rows = await db.query<{ scope: string; facts_json: string }>('SELECT scope, facts_json FROM rule_facts ORDER BY scope COLLATE "C"');
      return rows.rows.map((r) => parseFactFile(JSON.parse(r.facts_json), `数据库中 ${r.scope} 的事实表`));
    },
    async putFacts(file) {
      await db.transaction(async (tx) => {
        const id = await upsertFactFile(tx, file, now());
        await notifyRegistry(tx, { by: origin, kind: 'facts', id });
      });
    },
  };
}
