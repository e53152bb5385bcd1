// The model-assisted rule drafter from a Config: undefined without OPENAI_API_KEY (offline
// drafting only). The prompt (prompts/draft-rules.v1.md) is read once, here. Also drafting into
// a RuleStore (the PostgreSQL registry), where the CLI's draft command writes into the corpus folder.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { createChatModel } from '../llm/openai-adapter.js';
import { createLlmUnitDrafter, mergeLlmDraft, type LlmUnitDrafter, type StructuredModel } from '../rules/llm-drafter.js';
import { AppError } from '../domain/errors.js';
import type { DocumentMeta, PolicyUnit } from '../domain/types.js';
import { contains, placesInText } from '../ingest/divisions.js';
import { draftRules } from '../rules/drafter.js';
import { buildRegistry, type FactFile } from '../rules/fact-registry.js';
import { assertRuleFile } from '../rules/quote-check.js';
import type { RuleStore } from '../rules/rule-store.js';

export function createConfiguredUnitDrafter(config: Config, version = 'v1'): LlmUnitDrafter | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  const instructions = readFileSync(join(resolve(config.PROMPTS_DIR), `draft-rules.${version}.md`), 'utf8').trim();
  return createLlmUnitDrafter({
    model: createChatModel(config, { streaming: false }) as unknown as StructuredModel,
    instructions,
    method: config.LLM_STRUCTURED_METHOD,
    timeoutMs: config.LLM_TIMEOUT_MS,
  });
}

/**
 * Drafts one document's rules into a RuleStore, as `npm run cli -- draft-rules` does into the
 * corpus folder (runDraftRules): offline drafts (reviewed:false), merged with verified model
 * drafts when a drafter is given; a reviewed or migrated file is never overwritten; the
 * document's own facts are stored first (extended, never replaced), so a replica that reloads
 * between the two writes never sees rules naming facts it lacks. For the PostgreSQL registry.
 */
export async function draftRulesIntoStore({
  docId,
  corpus,
  store,
  factFiles,
  llm,
}: {
  docId: string;
  corpus: { documents: readonly DocumentMeta[]; units: ReadonlyArray<PolicyUnit & { docId: string }> };
  store: RuleStore;
  factFiles: readonly FactFile[];
  llm?: LlmUnitDrafter;
}): Promise<string[]> {
  const doc = corpus.documents.find((d) => d.id === docId);
  if (!doc) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件，请先在“文件管理”中收录。`);
  const units = corpus.units.filter((u) => u.docId === docId);
  const registry = buildRegistry(factFiles.filter((f) => f.scope !== docId || f.scope === 'core'));
  const { file, facts } = draftRules({ doc, units, registry, places: placesInText, contains });
  const lines: string[] = [];
  if (llm) {
    const withFacts = buildRegistry([...factFiles, facts]);
    for (const [i, rule] of file.rules.entries()) {
      const unit = units.find((u) => u.ref === rule.ref);
      if (!unit || rule.actionability === 'internal') continue;
      try {
        const r = mergeLlmDraft(rule, await llm({ docTitle: doc.title, unit, registry: withFacts }), unit, withFacts);
        file.rules[i] = r.rule as (typeof file.rules)[number];
        for (const d of r.dropped) lines.push(`${docId}:${rule.ref} 大模型建议已丢弃：${d}`);
      } catch (err) {
        lines.push(`${docId}:${rule.ref} 大模型起草失败（${(err as Error).message.slice(0, 80)}），保留离线草稿`);
      }
    }
  }
  assertRuleFile(file, units, buildRegistry([...factFiles, facts]));
  const existing = await store.get(docId).catch(() => undefined);
  if (existing && existing.origin !== 'drafted') {
    lines.push(`${docId} 已有经审核的规则，未覆盖`);
    return lines;
  }
  if (facts.facts.length) {
    const own = factFiles.find((f) => f.scope === docId);
    await store.putFacts(own ? { scope: docId, facts: [...own.facts, ...facts.facts.filter((f) => !own.facts.some((o) => o.id === f.id))] } : facts);
    lines.push(`新增 ${facts.facts.length} 个本文件的事实`);
  }
  await store.put(file);
  lines.unshift(`${docId}：起草 ${file.rules.filter((r) => r.actionability !== 'internal').length} 条规则（共 ${file.rules.length} 个条款，均为待核实）`);
  return lines;
}
