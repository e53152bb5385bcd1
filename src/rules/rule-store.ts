// RuleStore: where rule files live, as an async port with three adapters — files under
// corpus/rules/ (<docId>.rules.json), memory (tests, drafts held before review) and PostgreSQL
// (src/storage/postgres/pg-rule-store.ts, shared by replicas). A document's own facts (the ones
// its drafted rules may name, corpus/facts/<docId>.facts.json) are kept with its rules; the core
// fact vocabulary (core.facts.json) ships with the code and is not in the store. Stores only keep
// and return files; checking quotes against units happens when rules load (load-rules.ts).
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../domain/errors.js';
import { parseFactFile, type FactFile } from './fact-registry.js';
import { parseRuleFile, type RuleFile } from './rule-schema.js';

export interface RuleStore {
  /** Document ids that have a rule file. */
  list(): Promise<string[]>;
  get(docId: string): Promise<RuleFile | undefined>;
  put(file: RuleFile): Promise<void>;
  /** The documents' own fact files (every scope but core), in scope order. */
  listFacts(): Promise<FactFile[]>;
  /** Adds or replaces the fact file of `file.scope` (a document id; never core). */
  putFacts(file: FactFile): Promise<void>;
}

const SUFFIX = '.rules.json';
const FACTS_SUFFIX = '.facts.json';
const CORE_SCOPE = 'core';
const byScope = (a: FactFile, b: FactFile) => (a.scope < b.scope ? -1 : a.scope > b.scope ? 1 : 0);

function checkFactScope(file: FactFile): FactFile {
  const parsed = parseFactFile(file);
  if (parsed.scope === CORE_SCOPE) throw new AppError('BAD_REQUEST', '核心事实表（core）随程序发布，不能写入规则库。');
  return parsed;
}

async function atomicWrite(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}

async function namesIn(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** `dir` is corpus/rules; the documents' fact files are read from and written to `factsDir` (corpus/facts). */
export function createFileRuleStore(dir: string, { factsDir = path.join(dir, '..', 'facts') }: { factsDir?: string } = {}): RuleStore {
  const fileOf = (docId: string) => path.join(dir, `${docId}${SUFFIX}`);
  return {
    async list() {
      return (await namesIn(dir))
        .filter((f) => f.endsWith(SUFFIX))
        .map((f) => f.slice(0, -SUFFIX.length))
        .sort();
    },
    async get(docId) {
      let text: string;
      try {
        text = await readFile(fileOf(docId), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        throw new AppError('CORPUS_INVALID', `规则文件不是合法的 JSON：${fileOf(docId)}，请修正后重新加载。`, { cause });
      }
      const file = parseRuleFile(json, fileOf(docId));
      if (file.docId !== docId) throw new AppError('CORPUS_INVALID', `规则文件 ${fileOf(docId)} 的 docId 为 ${file.docId}，与文件名不一致，请改正。`);
      return file;
    },
    async put(file) {
      const parsed = parseRuleFile(file);
      await mkdir(dir, { recursive: true });
      await atomicWrite(fileOf(parsed.docId), `${JSON.stringify(parsed, null, 2)}\n`);
    },
    async listFacts() {
      const names = (await namesIn(factsDir)).filter((f) => f.endsWith(FACTS_SUFFIX) && f !== `${CORE_SCOPE}${FACTS_SUFFIX}`);
      const files = await Promise.all(names.map(async (n) => parseFactFile(JSON.parse(await readFile(path.join(factsDir, n), 'utf8')), path.join(factsDir, n))));
      return files.filter((f) => f.scope !== CORE_SCOPE).sort(byScope);
    },
    async putFacts(file) {
      const parsed = checkFactScope(file);
      await mkdir(factsDir, { recursive: true });
      await atomicWrite(path.join(factsDir, `${parsed.scope}${FACTS_SUFFIX}`), `${JSON.stringify(parsed, null, 2)}\n`);
    },
  };
}

export function createMemoryRuleStore(initial: readonly RuleFile[] = [], initialFacts: readonly FactFile[] = []): RuleStore & { calls: string[] } {
  const files = new Map(initial.map((f) => [f.docId, structuredClone(f)]));
  const facts = new Map(initialFacts.map((f) => [f.scope, structuredClone(f)]));
  const calls: string[] = [];
  return {
    calls,
    async list() {
      calls.push('list');
      return [...files.keys()].sort();
    },
    async get(docId) {
      calls.push(`get:${docId}`);
      const f = files.get(docId);
      return f && structuredClone(f);
    },
    async put(file) {
      calls.push(`put:${file.docId}`);
      files.set(file.docId, structuredClone(parseRuleFile(file)));
    },
    async listFacts() {
      calls.push('listFacts');
      return [...facts.values()].map((f) => structuredClone(f)).sort(byScope);
    },
    async putFacts(file) {
      calls.push(`putFacts:${file.scope}`);
      const parsed = checkFactScope(file);
      facts.set(parsed.scope, structuredClone(parsed));
    },
  };
}
