// RuleStore: where rule files live, as an async port with two adapters — files under
// corpus/rules/ (<docId>.rules.json) and memory (tests, drafts held before review). Stores only
// keep and return files; checking quotes against units happens when rules load (load-rules.ts).
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../domain/errors.js';
import { parseRuleFile, type RuleFile } from './rule-schema.js';

export interface RuleStore {
  /** Document ids that have a rule file. */
  list(): Promise<string[]>;
  get(docId: string): Promise<RuleFile | undefined>;
  put(file: RuleFile): Promise<void>;
}

const SUFFIX = '.rules.json';

export function createFileRuleStore(dir: string): RuleStore {
  const fileOf = (docId: string) => path.join(dir, `${docId}${SUFFIX}`);
  return {
    async list() {
      try {
        return (await readdir(dir)).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
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
      await mkdir(dir, { recursive: true });
      const tmp = `${fileOf(file.docId)}.tmp-${process.pid}`;
      await writeFile(tmp, `${JSON.stringify(file, null, 2)}\n`, 'utf8');
      await rename(tmp, fileOf(file.docId));
    },
  };
}

export function createMemoryRuleStore(initial: readonly RuleFile[] = []): RuleStore & { calls: string[] } {
  const files = new Map(initial.map((f) => [f.docId, structuredClone(f)]));
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
  };
}
