// Loading the fact registry and the rules of every document at start-up (I/O at the edge).
// Each rule file is checked against its document's units when it loads and refused with a
// Chinese message when a quote is not in its unit. A document without a rule file gets rules
// drafted offline on the spot (reviewed:false), so a newly ingested document is matchable the
// same day; its measures show as 待核实 until staff review the draft.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DocumentMeta, PolicyUnit } from '../domain/types.js';
import { draftRules } from './drafter.js';
import { buildRegistry, parseFactFile, type FactFile, type FactRegistry } from './fact-registry.js';
import { assertRuleFile } from './quote-check.js';
import type { RuleFile } from './rule-schema.js';
import type { RuleStore } from './rule-store.js';

export async function loadFactFiles(dir: string): Promise<FactFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((f) => f.endsWith('.facts.json')).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  // core first, so documents extend it.
  names.sort((a, b) => Number(b.startsWith('core.')) - Number(a.startsWith('core.')));
  return Promise.all(names.map(async (n) => parseFactFile(JSON.parse(await readFile(path.join(dir, n), 'utf8')), path.join(dir, n))));
}

export interface LoadRulesOptions {
  store: RuleStore;
  factFiles: readonly FactFile[];
  documents: readonly DocumentMeta[];
  units: ReadonlyArray<PolicyUnit & { docId: string }>;
  places?: (text: string, context?: string) => Array<{ code: string; name: string }>;
  contains?: (ancestor: string, code: string) => boolean;
  /** Draft rules for documents that have no rule file (default true). */
  draftMissing?: boolean;
  log?: (msg: string) => void;
}

export interface LoadedRules {
  registry: FactRegistry;
  ruleSets: Array<{ file: RuleFile; doc: DocumentMeta }>;
  /** Documents whose rules were drafted at load (not reviewed). */
  drafted: string[];
}

export async function loadRules({ store, factFiles, documents, units, places, contains, draftMissing = true, log }: LoadRulesOptions): Promise<LoadedRules> {
  const stored = new Set(await store.list());
  const unitsOf = (docId: string) => units.filter((u) => u.docId === docId);
  const baseRegistry = buildRegistry(factFiles);
  const draftedFacts: FactFile[] = [];
  const files: Array<{ file: RuleFile; doc: DocumentMeta }> = [];
  const drafted: string[] = [];
  for (const doc of documents) {
    if (doc.withdrawnAt) continue;
    if (stored.has(doc.id)) {
      const file = await store.get(doc.id);
      if (file) files.push({ file, doc });
    } else if (draftMissing) {
      const { file, facts } = draftRules({ doc, units: unitsOf(doc.id), registry: baseRegistry, places, contains });
      files.push({ file, doc });
      if (facts.facts.length) draftedFacts.push(facts);
      drafted.push(doc.id);
    }
  }
  const registry = draftedFacts.length ? buildRegistry([...factFiles, ...draftedFacts]) : baseRegistry;
  // Checked at load: a rule whose quote is not in its unit is refused, and so is its file.
  for (const { file } of files) assertRuleFile(file, unitsOf(file.docId), registry);
  if (drafted.length) log?.(`${drafted.length} 份文件没有经审核的规则，已离线起草（待核实）：${drafted.join('、')}。请用 npm run cli -- draft-rules <文件编号> 生成草稿并审核。`);
  return { registry, ruleSets: files, drafted };
}
