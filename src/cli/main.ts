// Command-line entry: segment any text file, (re)build indexes, search the corpus.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { loadConfig } from '../config/config.js';
import { segmentDocument } from '../corpus/segment.js';
import { unitLabel } from '../corpus/labels.js';
import { loadSearchServices } from '../bootstrap/search-services.js';
import { createProgressBar } from './progress.js';
import { AppError } from '../domain/errors.js';
import { loadEnvFile } from '../config/env-file.js';

loadEnvFile();

const program = new Command();
program.name('zhengcetong').description('政策通命令行工具');

program
  .command('segment')
  .description('把一份政策文本切分为可引用单元（序言、部分、条款、结语）')
  .argument('<file>', '文本文件路径（UTF-8）')
  .option('--json', '以 JSON 输出全部单元')
  .action((file: string, opts: { json?: boolean }) => {
    const { units, warnings } = segmentDocument(readFileSync(file, 'utf8'));
    if (opts.json) {
      const out = units.map((u) => ({ ref: u.ref, kind: u.kind, number: u.number, section: u.section, title: u.title, text: u.text, units: u.units, label: unitLabel(u), source: u.source }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else {
      for (const u of units) process.stdout.write(`${u.ref.padEnd(9)} ${unitLabel(u)}  ${u.kind === 'clause' ? u.title : ''}  ${u.units.join('、')}\n`);
      const count = (k: string) => units.filter((u) => u.kind === k).length;
      process.stdout.write(`\n共 ${units.length} 个单元：条款 ${count('clause')}，部分 ${count('section')}，序言 ${count('preamble')}，结语 ${count('closing')}\n`);
    }
    for (const w of warnings) process.stderr.write(`警告：${w}\n`);
  });

program
  .command('ingest')
  .description('为整个语料库（重新）构建 BM25 与向量索引')
  .option('--if-stale', '仅在索引缺失或过期时重建')
  .action(async (opts: { ifStale?: boolean }) => {
    const config = loadConfig();
    const started = Date.now();
    const s = await loadSearchServices(config, {
      force: !opts.ifStale,
      log: (m) => process.stderr.write(`${m}\n`),
      onProgress: createProgressBar(),
    });
    const m = s.index.manifest;
    process.stdout.write(
      `${s.rebuilt ? '索引已重建' : '索引已是最新，未重建'}：${m.unitCount} 个单元，向量模型 ${m.embedderId}（${m.dimension} 维），语料哈希 ${m.corpusHash}，用时 ${Date.now() - started} ms\n`,
    );
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
    const s = await loadSearchServices(config, { log: (m) => process.stderr.write(`${m}\n`) });
    const mode = opts.mode as 'hybrid' | 'bm25' | 'vector';
    if (!['hybrid', 'bm25', 'vector'].includes(mode)) throw new AppError('BAD_REQUEST', '--mode 只能是 hybrid、bm25 或 vector');
    const r = await s.retriever.retrieve(query, { k: Number(opts.top) || 5, mode });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ confidence: r.confidence, hits: r.hits.map((h) => ({ ref: h.unit.key, label: h.unit.label, title: h.unit.title, score: h.score, scores: h.scores, sentences: h.sentences })) }, null, 2)}\n`);
      return;
    }
    process.stdout.write(`置信度 ${r.confidence.toFixed(3)}\n`);
    r.hits.forEach((h, i) => {
      const sc = [`rrf=${h.score.toFixed(3)}`, h.scores.bm25 !== undefined ? `bm25=${h.scores.bm25.toFixed(2)}` : '', h.scores.vector !== undefined ? `cos=${h.scores.vector.toFixed(3)}` : '', h.scores.direct ? '直接引用' : ''].filter(Boolean).join(' ');
      process.stdout.write(`${i + 1}. [${h.unit.key}] ${h.unit.label} ${h.unit.kind === 'clause' ? h.unit.title : ''}  (${sc})\n   ${h.sentences[0] ?? ''}\n`);
    });
  });

program.parseAsync().catch((err: unknown) => {
  const msg = err instanceof AppError ? err.userMessage : err instanceof Error ? err.message : String(err);
  process.stderr.write(`错误：${msg}\n`);
  process.exitCode = 1;
});
