// Command-line entry: ingest documents (any format) into the corpus and update the indexes,
// print extracted metadata, withdraw documents, segment any file, search the corpus.
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig, type Config } from '../config/config.js';
import { segmentDocument } from '../corpus/segment.js';
import { unitLabel } from '../corpus/labels.js';
import { loadSearchServices, updateSearchIndex } from '../bootstrap/search-services.js';
import { createProgressBar } from './progress.js';
import { AppError } from '../domain/errors.js';
import { loadEnvFile } from '../config/env-file.js';
import { hostname } from 'node:os';
import type { DocumentStore } from '../domain/ports.js';
import { isPostgresUrl } from '../storage/open-storage.js';
import { openPostgres, type PgDatabase } from '../storage/postgres/pg-database.js';
import { openFileRegistry, openPgRegistry, type Registry } from '../storage/open-registry.js';
import { createPgIndexRegistry } from '../storage/postgres/pg-index-registry.js';
import { localIndexVersion, readLocalIndex } from '../storage/index-registry.js';
import { ingestDocument } from '../ingest/ingest-document.js';
import { ingestFile } from '../ingest/ingest-file.js';
import { extractText } from '../ingest/formats/extract-text.js';
import { metaSummary } from '../ingest/document-record.js';
import { DocumentMetaSchema } from '../corpus/document-meta.js';

loadEnvFile();

const program = new Command();
program.name('zhengcetong').description('政策通命令行工具');
const out = (s: string) => process.stdout.write(s);
const err = (s: string) => process.stderr.write(s);
const today = () => new Date().toISOString().slice(0, 10);

interface CliRegistry {
  registry: Registry;
  /** Publishes DATA_DIR's current index to the replicas (PostgreSQL only). */
  publish(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The document registry the running servers read: the corpus folder, or with DATABASE_URL the
 * PostgreSQL registry (seeded from the corpus folder if empty), where an updated index is also
 * published so that every replica follows it.
 */
async function openCliRegistry(config: Config): Promise<CliRegistry> {
  if (!isPostgresUrl(config.DATABASE_URL)) return { registry: openFileRegistry(resolve(config.CORPUS_DIR)), publish: async () => {}, close: async () => {} };
  const pg: PgDatabase = await openPostgres({ url: config.DATABASE_URL, poolSize: 2, applicationName: 'zhengcetong-cli' });
  try {
    const who = `cli@${hostname()}:${process.pid}`;
    const registry = await openPgRegistry(pg, resolve(config.CORPUS_DIR), { origin: who });
    if (registry.seed.seeded) err(`PostgreSQL 文件库为空：已从语料目录导入 ${registry.seed.documents} 份文件\n`);
    const publish = async () => {
      const dataDir = resolve(config.DATA_DIR);
      const id = localIndexVersion(dataDir);
      const index = createPgIndexRegistry(pg);
      if (!id || (await index.latest())?.id === id) return;
      const { files, corpusHash, unitCount, builtAt } = readLocalIndex(dataDir, id);
      if (await index.publish({ id, corpusHash, unitCount, builtAt, publishedBy: who }, files)) out(`索引 ${id} 已发布给所有副本\n`);
    };
    return { registry, publish, close: () => pg.close() };
  } catch (e) {
    await pg.close();
    throw e;
  }
}

/** Brings the indexes up to date with the corpus (incrementally) and stores fresh segmentations. */
async function updateIndexes(config: Config, force: boolean, store: DocumentStore): Promise<void> {
  const started = Date.now();
  // Publishes without loading the index (this process ends here; a running server loads on reload).
  const { corpus, update } = await updateSearchIndex(config, { force, log: (m) => err(`${m}\n`), onProgress: createProgressBar(), documents: store });
  for (const r of corpus.resegmented) await store.putUnits(r.docId, r.units);
  const m = update.manifest;
  const c = update.changed;
  const changed = c.added.length + c.replaced.length + c.removed.length;
  const what = update.rebuilt
    ? '索引已全量重建'
    : changed
      ? `索引已增量更新（新增 ${c.added.length}、替换 ${c.replaced.length}、撤下 ${c.removed.length} 个文件）`
      : '索引已是最新';
  out(`${what}：${m.unitCount} 个单元，向量模型 ${m.embedderId}（${m.dimension} 维），语料哈希 ${m.corpusHash}，用时 ${Date.now() - started} ms\n`);
}

const CorrectionsFile = DocumentMetaSchema.partial().extend({ sourceUrl: z.string().url().optional(), note: z.record(z.string(), z.string()).optional() });

program
  .command('segment')
  .description('把一份政策文件（txt、pdf、html、docx）切分为可引用单元')
  .argument('<file>', '文件路径')
  .option('--json', '以 JSON 输出全部单元')
  .action(async (file: string, opts: { json?: boolean }) => {
    const extracted = await extractText(new Uint8Array(await readFile(file)), basename(file));
    const { units, warnings } = segmentDocument(extracted.text);
    if (opts.json) {
      const rows = units.map((u) => ({ ref: u.ref, kind: u.kind, number: u.number, section: u.section, title: u.title, text: u.text, units: u.units, label: unitLabel(u), source: u.source }));
      out(`${JSON.stringify(rows, null, 2)}\n`);
    } else {
      for (const u of units) out(`${u.ref.padEnd(9)} ${unitLabel(u)}  ${u.kind === 'clause' ? u.title : ''}  ${u.units.join('、')}\n`);
      const count = (k: string) => units.filter((u) => u.kind === k).length;
      out(`\n共 ${units.length} 个单元：条款 ${count('clause')}，部分 ${count('section')}，序言 ${count('preamble')}，结语 ${count('closing')}\n`);
    }
    for (const w of [...extracted.warnings, ...warnings]) err(`警告：${w}\n`);
  });

program
  .command('meta')
  .description('从文件中提取元数据（标题、文号、发文机关、层级、地区、日期、有效期、废止关系）')
  .argument('<file>', '文件路径')
  .option('--json', '以 JSON 输出')
  .option('--as-of <date>', '判断是否有效的日期（YYYY-MM-DD，默认今天）')
  .option('--id <docId>', '文档编号')
  .action(async (file: string, opts: { json?: boolean; asOf?: string; id?: string }) => {
    const asOf = opts.asOf ?? today();
    const { record } = await ingestFile(new Uint8Array(await readFile(file)), basename(file), { asOf, ...(opts.id ? { docId: opts.id } : {}) });
    const summary = metaSummary(record, asOf);
    if (opts.json) out(`${JSON.stringify(summary, null, 2)}\n`);
    else for (const [k, v] of Object.entries(summary)) out(`${k.padEnd(14)} ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}\n`);
    for (const w of record.warnings) err(`警告：${w}\n`);
  });

program
  .command('ingest')
  .description('添加或替换文件（txt、pdf、html、docx），并增量更新索引；不带文件时只更新索引')
  .argument('[files...]', '文件路径')
  .option('--id <docId>', '文档编号（默认取文件名；只用于单个文件）')
  .option('--meta <json>', '人工核对后的元数据修正（JSON 文件，字段同 meta.json）')
  .option('--as-of <date>', '判断是否有效的日期（YYYY-MM-DD，默认今天）')
  .option('--if-stale', '不带文件时：仅在索引缺失或过期时更新')
  .option('--no-index', '只登记文件，不更新索引')
  .action(async (files: string[], opts: { id?: string; meta?: string; asOf?: string; ifStale?: boolean; index: boolean }) => {
    const config = loadConfig();
    if (opts.id && files.length > 1) throw new AppError('BAD_REQUEST', '--id 只能用于单个文件。');
    const corrections = opts.meta ? CorrectionsFile.parse(JSON.parse(await readFile(opts.meta, 'utf8'))) : undefined;
    const cli = await openCliRegistry(config);
    try {
      const store = cli.registry.documents;
      for (const file of files) {
        const r = await ingestDocument(new Uint8Array(await readFile(file)), basename(file), {
          store,
          asOf: opts.asOf ?? today(),
          ...(opts.id ? { docId: opts.id } : {}),
          ...(corrections ? { corrections } : {}),
        });
        const what = { added: '已添加', replaced: '已替换', unchanged: '未变化' }[r.status];
        out(`${what} ${r.docId}：${r.meta.title}${r.meta.docNumber ? `（${r.meta.docNumber}）` : ''}，${r.unitCount} 个单元${r.corrections.length ? `，人工修正 ${r.corrections.map((c) => c.field).join('、')}` : ''}\n`);
        for (const w of r.warnings) err(`警告（${r.docId}）：${w}\n`);
      }
      if (opts.index) {
        await updateIndexes(config, files.length === 0 && !opts.ifStale, store);
        await cli.publish();
      }
    } finally {
      await cli.close();
    }
  });

program
  .command('withdraw')
  .description('把文件撤出答复范围（文件仍保留在语料目录中，并标记撤回时间）')
  .argument('<docId>', '文档编号')
  .option('--no-index', '只标记，不更新索引')
  .action(async (docId: string, opts: { index: boolean }) => {
    const config = loadConfig();
    const cli = await openCliRegistry(config);
    try {
      const meta = await cli.registry.documents.withdraw(docId, new Date());
      if (!meta) throw new AppError('NOT_FOUND', `没有编号为 ${docId} 的文件。`);
      out(`已撤回 ${docId}：${meta.title}\n`);
      if (opts.index) {
        await updateIndexes(config, false, cli.registry.documents);
        await cli.publish();
      }
    } finally {
      await cli.close();
    }
  });

program
  .command('draft-rules')
  .description('从条款原文离线起草适用规则（待核实），或用 --score 对照金标准评测起草质量')
  .argument('[docIds...]', '文档编号')
  .option('--score [gold]', '对照金标准评测（默认 evals/gold/rules-gold.jsonl）')
  .action(async (docIds: string[], opts: { score?: string | boolean }) => {
    const { runDraftRules } = await import('../rules/draft-command.js');
    const { createConfiguredUnitDrafter } = await import('../bootstrap/rule-drafting.js');
    const score = opts.score === true ? 'evals/gold/rules-gold.jsonl' : opts.score || undefined;
    const config = loadConfig();
    // With OPENAI_API_KEY the model also drafts (verified, merged); scoring measures the offline drafter.
    const llm = score ? undefined : createConfiguredUnitDrafter(config);
    if (!score && isPostgresUrl(config.DATABASE_URL)) {
      // Into the shared registry: every replica reloads the drafts at once.
      if (docIds.length === 0) throw new AppError('BAD_REQUEST', '请给出文件编号，例如 npm run cli -- draft-rules liuhe-zdcy-2023。');
      const { draftRulesIntoStore } = await import('../bootstrap/rule-drafting.js');
      const { loadCorpusFrom } = await import('../corpus/load-corpus.js');
      const cli = await openCliRegistry(config);
      try {
        const corpus = await loadCorpusFrom(cli.registry.documents);
        for (const docId of docIds) {
          const lines = await draftRulesIntoStore({ docId, corpus, store: cli.registry.rules, factFiles: await cli.registry.factFiles(), ...(llm ? { llm } : {}) });
          out(`${lines.join('\n')}\n`);
        }
      } finally {
        await cli.close();
      }
      return;
    }
    await runDraftRules({ corpusDir: resolve(config.CORPUS_DIR), docIds, score, out, ...(llm ? { llm } : {}) });
  });

program
  .command('match-regions')
  .description('在多地区金标准画像上评测企业匹配：召回率、精确率、非适用辖区措施数（应为 0）')
  .argument('[gold]', '金标准文件', 'evals/gold/profiles-regions.jsonl')
  .action(async (gold: string) => {
    const { runRegionEval } = await import('../matching/region-eval-command.js');
    await runRegionEval({ corpusDir: resolve(loadConfig().CORPUS_DIR), goldPath: gold, out });
  });

program
  .command('search')
  .description('检索与问题最相关的条款')
  .argument('<query>', '问题')
  .option('-k, --top <n>', '返回条数', '5')
  .option('--mode <mode>', 'hybrid | bm25 | vector', 'hybrid')
  .option('--json', '以 JSON 输出')
  .action(async (query: string, opts: { top: string; mode: string; json?: boolean }) => {
    const config = loadConfig();
    const s = await loadSearchServices(config, { log: (m) => err(`${m}\n`) });
    const mode = opts.mode as 'hybrid' | 'bm25' | 'vector';
    if (!['hybrid', 'bm25', 'vector'].includes(mode)) throw new AppError('BAD_REQUEST', '--mode 只能是 hybrid、bm25 或 vector');
    const r = await s.retriever.retrieve(query, { k: Number(opts.top) || 5, mode });
    if (opts.json) {
      out(`${JSON.stringify({ confidence: r.confidence, hits: r.hits.map((h) => ({ ref: h.unit.key, label: h.unit.label, title: h.unit.title, score: h.score, scores: h.scores, sentences: h.sentences })) }, null, 2)}\n`);
      return;
    }
    out(`置信度 ${r.confidence.toFixed(3)}\n`);
    r.hits.forEach((h, i) => {
      const sc = [`rrf=${h.score.toFixed(3)}`, h.scores.bm25 !== undefined ? `bm25=${h.scores.bm25.toFixed(2)}` : '', h.scores.vector !== undefined ? `cos=${h.scores.vector.toFixed(3)}` : '', h.scores.direct ? '直接引用' : ''].filter(Boolean).join(' ');
      out(`${i + 1}. [${h.unit.key}] ${h.unit.label} ${h.unit.kind === 'clause' ? h.unit.title : ''}  (${sc})\n   ${h.sentences[0] ?? ''}\n`);
    });
  });

program.parseAsync().catch((e: unknown) => {
  const msg = e instanceof AppError ? e.userMessage : e instanceof z.ZodError ? `修正文件格式有误：${e.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}` : e instanceof Error ? e.message : String(e);
  err(`错误：${msg}\n`);
  process.exitCode = 1;
});
