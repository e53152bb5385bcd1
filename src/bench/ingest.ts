// npm run bench:ingest — the incremental index against full rebuilds on synthetic corpora of
// 30-unit documents: add / replace / withdraw one document, start-up load of an unchanged corpus
// (in a fresh child process, with its RSS), and, when the format adapters exist, text extraction.
// Updates run as the CLI's ingest/withdraw do: verify (stamps), publish, no load afterwards.
// Options: --sizes 10000,100000  --runs 3  --full-runs <n> (default: runs up to 20k units, else 1)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/config.js';
import { loadCorpus } from '../corpus/load-corpus.js';
import { loadTextTools } from '../text/load-tokenizer.js';
import { ensureSearchIndex, loadSearchIndex, type EnsureUpdate } from '../indexing/index-store.js';
import { localEmbedderProvider } from '../indexing/embedder.js';
import type { Corpus, CorpusUnit } from '../domain/types.js';
import { syntheticCorpus, syntheticDocument } from './synthetic-corpus.js';

const DOC_UNITS = 30;

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : def;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};
const sec = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);

const config = loadConfig();
// A snapshot of the corpus folder (texts and dictionaries), shared with the child processes, so
// edits to the working tree during a long run cannot change the corpus or the tokenizer id.
const isChild = process.argv.includes('--child');
const corpusDir = isChild ? arg('corpus-dir', '') : mkdtempSync(join(tmpdir(), 'zct-bench-corpus-'));
if (!isChild) cpSync(resolve(config.CORPUS_DIR), corpusDir, { recursive: true });
// The child needs only the tokenizer; the real corpus (source of synthetic sentences) stays in the parent.
const real = isChild ? undefined : await loadCorpus(corpusDir);
const text = loadTextTools(corpusDir);
const provider = localEmbedderProvider(text.tokenizer, config.EMBEDDING_DIMENSION);

/** The corpus after `added` documents were added to the size-`size` base (deterministic). */
function corpusAfter(size: number, added: number): Corpus {
  const base = syntheticCorpus(real!, size, { unitsPerDoc: DOC_UNITS });
  const extra = Array.from({ length: added }, (_, i) => syntheticDocument(real!, `new-${i + 1}`, DOC_UNITS, 1000 + i)).flat();
  return { ...base, units: [...base.units, ...extra], hash: `${base.hash}+${added}` };
}

const withUnits = (c: Corpus, units: CorpusUnit[], tag: string): Corpus => ({ ...c, units, hash: `${c.hash}+${tag}` });

// Child mode: measure start-up in a fresh process (no build garbage in the RSS).
if (isChild) {
  const dataDir = arg('data', '');
  // The exact corpus the parent indexed (regenerating it here would follow any change to the
  // segmenter or the real corpus made since the parent started).
  const corpus = JSON.parse(readFileSync(arg('corpus', ''), 'utf8')) as Corpus;
  global.gc?.();
  const t0 = performance.now();
  let ms: number;
  if (arg('how', 'ensure') === 'load') {
    const r = loadSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    if (!r.ok) throw new Error(r.reason);
    ms = performance.now() - t0;
  } else {
    const r = await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider });
    if (r.mode !== 'loaded') throw new Error(`启动时不应更新索引：${r.mode}`);
    ms = performance.now() - t0;
  }
  global.gc?.();
  process.stdout.write(JSON.stringify({ ms, rssMb: process.memoryUsage().rss / 1024 / 1024 }));
  process.exit(0);
}

const sizes = arg('sizes', '10000,100000').split(',').map(Number);
const runs = Number(arg('runs', '3'));

interface Row {
  units: number;
  op: string;
  runs: number;
  total: number[];
  verify?: number[];
  update?: number[];
  load?: number[];
  rssMb?: number[];
}
const rows: Row[] = [];
const self = fileURLToPath(import.meta.url);

function record(row: Row, r: EnsureUpdate, ms: number, expected: EnsureUpdate['mode']): void {
  if (r.mode !== expected) throw new Error(`预期 ${expected}，实际 ${r.mode}（${r.reason ?? ''}）`);
  row.total.push(ms);
  (row.verify ??= []).push(r.timings.verifyMs);
  (row.update ??= []).push(r.timings.updateMs);
  (row.load ??= []).push(r.timings.loadMs);
}

for (const size of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), 'zct-bench-ingest-'));
  const ensure = async (corpus: Corpus, force = false) => {
    global.gc?.();
    const t0 = performance.now();
    // load: false, as the CLI's ingest/withdraw do (publish, no load; a server loads on its reload).
    const r = await ensureSearchIndex({ dataDir, corpus, tokenizer: text.tokenizer, provider, force, load: false });
    return { r, ms: performance.now() - t0 };
  };
  const fullRuns = Number(arg('full-runs', size <= 20_000 ? String(runs) : '1'));
  const full: Row = { units: size, op: '全量重建', runs: fullRuns, total: [] };
  for (let i = 0; i < fullRuns; i++) {
    const { r, ms } = await ensure(corpusAfter(size, 0), true);
    record(full, r, ms, 'full');
    process.stderr.write(`${size}：全量重建 ${sec(ms)} s\n`);
  }
  rows.push(full);

  const add: Row = { units: size, op: `新增 1 个文件（${DOC_UNITS} 单元）`, runs, total: [] };
  let corpus = corpusAfter(size, 0);
  for (let i = 1; i <= runs; i++) {
    corpus = corpusAfter(size, i);
    const { r, ms } = await ensure(corpus);
    record(add, r, ms, 'incremental');
    process.stderr.write(`${size}：新增文件 ${sec(ms)} s\n`);
  }
  rows.push(add);

  const replace: Row = { units: size, op: `替换 1 个文件（${DOC_UNITS} 单元，改写正文）`, runs, total: [] };
  for (let i = 1; i <= runs; i++) {
    const docId = `syn-${String(i).padStart(4, '0')}`;
    corpus = withUnits(corpus, corpus.units.map((u) => (u.docId === docId ? { ...u, text: `${u.text}（修订）` } : u)), `r${i}`);
    const { r, ms } = await ensure(corpus);
    record(replace, r, ms, 'incremental');
  }
  rows.push(replace);

  const withdraw: Row = { units: size, op: `撤下 1 个文件（${DOC_UNITS} 单元）`, runs, total: [] };
  let last: Corpus = corpus;
  for (let i = 1; i <= runs; i++) {
    const docId = `syn-${String(runs + i).padStart(4, '0')}`;
    last = withUnits(last, last.units.filter((u) => u.docId !== docId), `w${i}`);
    const { r, ms } = await ensure(last);
    record(withdraw, r, ms, 'incremental');
  }
  rows.push(withdraw);

  // Start-up on an unchanged corpus, in fresh processes: settle on base + the added documents,
  // hand that corpus to each child as a file, and time its load.
  const settled = corpusAfter(size, runs);
  await ensure(settled);
  const corpusFile = `${dataDir}.corpus.json`;
  writeFileSync(corpusFile, JSON.stringify(settled));
  for (const how of ['load', 'ensure'] as const) {
    const row: Row = { units: size, op: how === 'load' ? '启动加载（loadSearchIndex）' : '启动加载（ensureSearchIndex，语料未变）', runs, total: [], rssMb: [] };
    for (let i = 0; i < runs; i++) {
      const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', '--data', dataDir, '--corpus', corpusFile, '--corpus-dir', corpusDir, '--how', how], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`子进程失败：${child.stderr.slice(-2000)}`);
      const out = JSON.parse(child.stdout.trim().split('\n').pop()!) as { ms: number; rssMb: number };
      row.total.push(out.ms);
      row.rssMb!.push(out.rssMb);
    }
    rows.push(row);
  }
  const current = JSON.parse(readFileSync(join(dataDir, 'index.json'), 'utf8')).current as string;
  const segs = readdirSync(join(dataDir, 'indexes', current)).filter((f) => f.endsWith('.hnsw')).length;
  process.stderr.write(`${size}：完成（当前版本 ${segs} 个段）\n`);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(corpusFile, { force: true });
}

rmSync(corpusDir, { recursive: true, force: true });

const cell = (xs?: number[]) => (xs && xs.length ? sec(median(xs)) : '');
console.log(`\n增量索引基准（合成语料，每个文件 ${DOC_UNITS} 个单元，向量维度 ${config.EMBEDDING_DIMENSION}，中位数，单位秒）\n`);
console.log('| 单元数 | 操作 | 次数 | 总计 s | 校验 s | 更新 s | 加载 s | RSS MB |');
console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.units} | ${r.op} | ${r.runs} | ${cell(r.total)} | ${cell(r.verify)} | ${cell(r.update)} | ${cell(r.load)} | ${r.rssMb ? median(r.rssMb).toFixed(0) : ''} |`);
}
console.log('\n校验 = 读取清单并核对文件（小文件全量哈希，大文件戳记未变时沿用已校验的校验和）；更新 = 分词、向量化、构建新段并发布（全量重建时为整个构建）；加载 = 从存储的分词重建 BM25、读取各段 HNSW（命令行的新增/替换/撤下不加载，为 0）。');

// Text extraction, when the ingest format adapters exist (written by another part of the project).
const formatsDir = '/work/shared/corpus/formats';
const adapterFile = fileURLToPath(new URL('../ingest/formats/extract-text.ts', import.meta.url));
if (existsSync(adapterFile) && existsSync(formatsDir)) {
  // A computed specifier, so the bench compiles and runs whether or not the adapters exist.
  const { extractText } = (await import(new URL('../ingest/formats/extract-text.ts', import.meta.url).href)) as {
    extractText: (bytes: Uint8Array, name: string) => Promise<{ text: string; format: string; pages?: number }>;
  };
  const files = readdirSync(formatsDir).filter((f) => f === 'beijing-chanye-daoyin-2024.pdf' || /^gz-.*\.html$/.test(f));
  console.log('\n| 文件 | 格式 | 大小 KB | 提取 ms（中位数） | 字符数 |');
  console.log('|---|---|---:|---:|---:|');
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(join(formatsDir, f)));
    const times: number[] = [];
    let out = { text: '', format: '' };
    for (let i = 0; i < Math.max(runs, 1); i++) {
      const t0 = performance.now();
      out = await extractText(bytes, f);
      times.push(performance.now() - t0);
    }
    console.log(`| ${f} | ${out.format} | ${(bytes.length / 1024).toFixed(0)} | ${median(times).toFixed(0)} | ${out.text.length} |`);
  }
} else {
  console.log('\n（未找到 src/ingest/formats 或样例文件，跳过文本提取计时）');
}
