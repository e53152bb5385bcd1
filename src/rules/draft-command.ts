// `npm run cli -- draft-rules <docId…>`: drafts rules offline from a document's clauses and
// writes them to corpus/rules/<docId>.rules.json (reviewed:false) with any facts the document
// needs in corpus/facts/<docId>.facts.json. A reviewed or migrated rule file is never
// overwritten (drafts go beside it as <docId>.draft.json). `--score` drafts every document of
// the gold file in memory and prints precision and recall per kind of condition.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '../corpus/load-corpus.js';
import { AppError } from '../domain/errors.js';
import { contains, placesInText } from '../ingest/divisions.js';
import { draftRules } from './drafter.js';
import { formatScoreTable, GoldRuleSchema, scoreDrafts, type DraftedUnit } from './draft-eval.js';
import { buildRegistry } from './fact-registry.js';
import { loadFactFiles } from './load-rules.js';
import { assertRuleFile } from './quote-check.js';
import { createFileRuleStore } from './rule-store.js';
import type { RuleFile } from './rule-schema.js';
import type { FactRegistry } from './fact-registry.js';
import type { PolicyUnit } from '../domain/types.js';
import { mergeLlmDraft, type LlmUnitDrafter } from './llm-drafter.js';

export interface DraftCommandOptions {
  corpusDir: string;
  docIds: string[];
  score?: string;
  out: (s: string) => void;
  /** With an LLM configured: asks the model per actionable unit, verifies and merges (llm-drafter.ts). */
  llm?: LlmUnitDrafter;
}

export async function runDraftRules({ corpusDir, docIds, score, out, llm }: DraftCommandOptions): Promise<void> {
  const corpus = await loadCorpus(corpusDir);
  const factFiles = await loadFactFiles(path.join(corpusDir, 'facts'));
  const registry = buildRegistry(factFiles.filter((f) => !docIds.includes(f.scope) || f.scope === 'core'));
  const draftOf = (docId: string) => {
    const doc = corpus.documents.find((d) => d.id === docId);
    if (!doc) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件，请先用 npm run cli -- ingest 收录。`);
    return draftRules({ doc, units: corpus.units.filter((u) => u.docId === docId), registry, places: placesInText, contains });
  };
  if (score) {
    const gold = (await readFile(score, 'utf8')).split('\n').filter((l) => l.trim()).map((l) => GoldRuleSchema.parse(JSON.parse(l)));
    const drafted: DraftedUnit[] = [];
    for (const id of [...new Set(gold.map((g) => g.key.split(':')[0]!))]) {
      for (const r of draftOf(id).file.rules) drafted.push({ key: `${id}:${r.ref}`, actionable: r.actionability !== 'internal', findings: r.findings ?? [] });
    }
    const actionable = gold.filter((g) => g.actionable);
    out(`金标准：${gold.length} 个单元（可申报 ${actionable.length} 个，${new Set(actionable.map((g) => g.key.split(':')[0])).size} 份文件）\n\n`);
    out(`${formatScoreTable(scoreDrafts(gold, drafted))}\n`);
    return;
  }
  if (docIds.length === 0) throw new AppError('BAD_REQUEST', '请给出文件编号，例如 npm run cli -- draft-rules liuhe-zdcy-2023；或用 --score 评测起草质量。');
  const store = createFileRuleStore(path.join(corpusDir, 'rules'));
  for (const id of docIds) {
    const { file, facts } = draftOf(id);
    if (llm) await mergeModelDrafts({ llm, file, units: corpus.units.filter((u) => u.docId === id), registry: buildRegistry([...factFiles, facts]), docTitle: corpus.documents.find((d) => d.id === id)?.title ?? id, out });
    assertRuleFile(file, corpus.units.filter((u) => u.docId === id), buildRegistry([...factFiles, facts]));
    const existing = await store.get(id).catch(() => undefined);
    const actionable = file.rules.filter((r) => r.actionability !== 'internal');
    const reviewedFile = existing !== undefined && existing.origin !== 'drafted';
    if (reviewedFile) {
      const side = path.join(corpusDir, 'rules', `${id}.draft.json`);
      await writeFile(side, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      out(`${id} 已有经审核的规则，未覆盖；草稿写入 ${side}\n`);
    } else {
      await store.put(file);
      out(`${id}：起草 ${actionable.length} 条规则（共 ${file.rules.length} 个条款，均为待核实），写入 corpus/rules/${id}.rules.json\n`);
    }
    if (facts.facts.length) {
      // A document's own fact file (staff-written for the seed) is extended, never replaced; beside
      // a reviewed rule file the drafted facts wait in <docId>.facts.draft.json (not loaded).
      const dir = path.join(corpusDir, 'facts');
      await mkdir(dir, { recursive: true });
      const own = factFiles.find((f) => f.scope === id);
      const target = path.join(dir, reviewedFile ? `${id}.facts.draft.json` : `${id}.facts.json`);
      const merged = !reviewedFile && own ? { scope: id, facts: [...own.facts, ...facts.facts.filter((f) => !own.facts.some((o) => o.id === f.id))] } : facts;
      await writeFile(target, `${JSON.stringify(merged, null, 2)}\n`, 'utf8');
      out(`  新增 ${facts.facts.length} 个本文件的事实，写入 ${path.relative(corpusDir, target)}\n`);
    }
    for (const r of actionable.slice(0, 50)) {
      const f = r.findings ?? [];
      const list = (k: string) => f.filter((x) => x.kind === k).map((x) => (x.op ? `${x.op}${x.value}${x.unit ?? ''}` : `${x.value}`)).join('、');
      const parts = ['subject', 'qualification', 'threshold', 'region', 'duration', 'amount', 'percentage', 'cap'].map((k) => [k, list(k)] as const).filter(([, v]) => v);
      out(`  ${id}:${r.ref} ${parts.map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
    }
  }
}

/** Asks the model about each actionable unit and merges what verifies; reports what was dropped. */
async function mergeModelDrafts({ llm, file, units, registry, docTitle, out }: { llm: LlmUnitDrafter; file: RuleFile; units: PolicyUnit[]; registry: FactRegistry; docTitle: string; out: (s: string) => void }): Promise<void> {
  let merged = 0;
  let dropped = 0;
  for (const [i, rule] of file.rules.entries()) {
    const unit = units.find((u) => u.ref === rule.ref);
    if (!unit || rule.actionability === 'internal') continue;
    try {
      const r = mergeLlmDraft(rule, await llm({ docTitle, unit, registry }), unit, registry);
      file.rules[i] = r.rule as (typeof file.rules)[number];
      merged += r.merged.filter((m) => !m.endsWith('保留离线草稿')).length;
      dropped += r.dropped.length;
      for (const d of r.dropped) out(`  ${file.docId}:${rule.ref} 大模型建议已丢弃：${d}\n`);
    } catch (err) {
      out(`  ${file.docId}:${rule.ref} 大模型起草失败（${(err as Error).message.slice(0, 80)}），保留离线草稿\n`);
    }
  }
  out(`${file.docId}：大模型建议并入 ${merged} 项（引文已核验），丢弃 ${dropped} 项\n`);
}
