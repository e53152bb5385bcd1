// Eval command line (I/O edge): run the gold set, compare two reports, the CI gate, baseline.
//   npm run eval -- [--split dev|test] [--questions F] [--profiles F] [--only questions|profiles] [--retriever hybrid|bm25|vector]
//                   [--answerer offline|llm] [--endpoint URL] [--out DIR] [--doc ID]
//   npm run eval -- compare A/report.json B/report.json [--out FILE]
//   npm run eval:ci  (= eval -- ci [--thresholds F] [--baseline F] [--out DIR])
//   npm run eval -- baseline RUN/report.json [--to evals/baseline/report.json]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createProgressBar } from '../cli/progress.js';
import { compareReports, renderComparison } from './compare.js';
import { formatMetric } from './format.js';
import { evaluateGate, type Thresholds } from './gate.js';
import { GoldFileError, GoldProfileSchema, GoldQuestionSchema, parseJsonl, type GoldProfile, type GoldQuestion } from './gold.js';
import { ReportFileError, readReportFile, readThresholds, writeBaselineJson, writeReportFiles } from './report-files.js';
import { METRIC_KEYS, METRIC_LABELS, type EvalReport, type RunMeta } from './report-types.js';
import { buildReport, runEval, slimReport, unknownRefWarnings } from './run-eval.js';
import { thresholdText } from './report-markdown.js';
import type { EvalTarget } from './targets.js';
import { GOLD_SPLITS } from './gold-splits.js';
import { describeFetchError, httpTarget, inProcessTarget } from './targets.js';

/** The document that unqualified refs in the gold files refer to (see evals/gold/README-data.md). */
export const GOLD_DEFAULT_DOC_ID = 'wzzb-2024-11';
/** The gold set was written for a Wenzhou portal: questions are asked from there unless --region says otherwise. */
export const GOLD_DEFAULT_REGION = '温州市';
const DEFAULTS = {
  profiles: 'evals/gold/profiles.jsonl',
  thresholds: 'evals/thresholds.json',
  baseline: 'evals/baseline/report.json',
};

class UsageError extends Error {}

const HELP = `用法：
  npm run eval -- [--split dev|test] [--questions 文件] [--profiles 文件] [--only questions|profiles]
                  [--retriever hybrid|bm25|vector] [--answerer offline|llm]
                  [--endpoint http://127.0.0.1:3000] [--out 目录] [--doc 文档id]
  npm run eval -- compare A/report.json B/report.json [--out 对比.md]
  npm run eval:ci [-- --thresholds evals/thresholds.json --baseline evals/baseline/report.json]
  npm run eval -- baseline 运行目录/report.json [--to evals/baseline/report.json]
说明见 evals/README.md。`;

const write = (s: string) => process.stderr.write(`${s}\n`);

/** A bar on a terminal; a counter line every 25 cases otherwise (CI logs). */
function caseProgress(): (done: number, total: number, stage: string) => void {
  if (process.stderr.isTTY) return createProgressBar();
  return (done, total, stage) => {
    if (done > 0 && (done % 25 === 0 || done === total)) write(`${stage} ${done}/${total}`);
  };
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/\..+$/, '').replace(/:/g, '-');
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function loadGold<T>(file: string, schema: Parameters<typeof parseJsonl<T>>[1]): T[] {
  if (!existsSync(file)) throw new UsageError(`找不到金标准文件：${file}`);
  return parseJsonl(readFileSync(file, 'utf8'), schema, file);
}

interface RunOptions {
  questions: string | null;
  profiles: string | null;
  retriever: 'hybrid' | 'bm25' | 'vector';
  answerer: 'offline' | 'llm';
  endpoint: string | null;
  out: string;
  doc: string;
  thresholds: string;
  /** The region questions are asked from (DEFAULT_REGION of the in-process build; `region` over HTTP). */
  region: string;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], name: string, def: T): T {
  if (value === undefined) return def;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} 只能是 ${allowed.join(' / ')}，收到 "${value}"`);
  return value as T;
}

function runOptions(values: Record<string, string | boolean | undefined>, now: Date, suffix = '', defaultSplit: keyof typeof GOLD_SPLITS = 'dev'): RunOptions {
  const only = oneOf(values.only as string | undefined, ['questions', 'profiles', 'all'] as const, 'only', 'all');
  const split = oneOf(values.split as string | undefined, ['dev', 'test'] as const, 'split', defaultSplit);
  return {
    questions: only === 'profiles' ? null : ((values.questions as string) ?? GOLD_SPLITS[split]),
    profiles: only === 'questions' ? null : ((values.profiles as string) ?? DEFAULTS.profiles),
    retriever: oneOf(values.retriever as string | undefined, ['hybrid', 'bm25', 'vector'] as const, 'retriever', 'hybrid'),
    answerer: oneOf(values.answerer as string | undefined, ['offline', 'llm'] as const, 'answerer', 'offline'),
    endpoint: (values.endpoint as string | undefined) ?? null,
    out: (values.out as string | undefined) ?? join('evals', 'runs', `${timestamp(now)}${suffix}`),
    doc: (values.doc as string | undefined) ?? GOLD_DEFAULT_DOC_ID,
    thresholds: (values.thresholds as string | undefined) ?? DEFAULTS.thresholds,
    region: (values.region as string | undefined) ?? GOLD_DEFAULT_REGION,
  };
}

/** Fails fast when nothing listens at the endpoint, instead of recording every case as an error. */
async function preflight(endpoint: string): Promise<void> {
  const url = `${endpoint.replace(/\/+$/, '')}/api/health`;
  try {
    await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    throw new UsageError(describeFetchError(err, url, 10_000));
  }
}

async function createTarget(o: RunOptions): Promise<EvalTarget> {
  if (o.endpoint) {
    if (!/^https?:\/\//.test(o.endpoint)) throw new UsageError(`--endpoint 需要完整的 URL，例如 http://127.0.0.1:3000，收到 "${o.endpoint}"`);
    await preflight(o.endpoint);
    return httpTarget({ endpoint: o.endpoint, region: o.region });
  }
  // Loaded lazily so compare/baseline never pay for the index.
  const [{ loadConfig }, { createAppServices }] = await Promise.all([
    import('../config/config.js'),
    import('../bootstrap/app-services.js'),
  ]);
  const bar = createProgressBar();
  const services = await createAppServices({ ...loadConfig(), DEFAULT_REGION: o.region }, {
    retrievalMode: o.retriever,
    answerer: o.answerer,
    log: write,
    onProgress: (done, total, stage) => bar(done, total, stage),
  });
  return inProcessTarget({ chat: services.chat, match: services.match, search: services.search });
}

async function run(o: RunOptions, started: Date): Promise<EvalReport> {
  const questions: GoldQuestion[] = o.questions ? loadGold(o.questions, GoldQuestionSchema) : [];
  const profiles: GoldProfile[] = o.profiles ? loadGold(o.profiles, GoldProfileSchema) : [];
  write(`金标准：问题 ${questions.length} 条，画像 ${profiles.length} 条`);
  const target = await createTarget(o);
  const warnings = target.knownRefs ? unknownRefWarnings(questions, profiles, target.knownRefs(), o.doc) : [];
  for (const w of warnings) write(`警告：${w}`);
  const t0 = performance.now();
  const cases = await runEval({ target, questions, profiles, defaultDocId: o.doc, onProgress: caseProgress() });
  const meta: RunMeta = {
    date: started.toISOString(),
    gitCommit: git(['rev-parse', 'HEAD']),
    gitDirty: (() => {
      const s = git(['status', '--porcelain', '--untracked-files=no']);
      return s === null ? null : s.length > 0;
    })(),
    durationMs: Math.round(performance.now() - t0),
    options: {
      questions: o.questions,
      profiles: o.profiles,
      retriever: o.retriever,
      answerer: o.endpoint ? '（由服务决定）' : o.answerer,
      endpoint: o.endpoint,
      defaultDocId: o.doc,
    },
    node: process.version,
  };
  return buildReport(cases, meta, warnings);
}

function maybeThresholds(path: string): Thresholds | undefined {
  return existsSync(path) ? readThresholds(path) : undefined;
}

function printSummary(report: EvalReport, thresholds: Thresholds | undefined, files: string[]): void {
  const lines = ['| 指标 | 键 | 数值 | 门槛 |', '|---|---|---:|---|'];
  for (const k of METRIC_KEYS) lines.push(`| ${METRIC_LABELS[k]} | \`${k}\` | ${formatMetric(k, report.metrics[k])} | ${thresholdText(thresholds, k)} |`);
  const s = report.summary;
  console.log(lines.join('\n'));
  console.log(
    `\n问题：${s.questions.total} 条，通过 ${s.questions.passed}，失败 ${s.questions.failed}，出错 ${s.questions.errors}；` +
      `画像：${s.profiles.total} 条，通过 ${s.profiles.passed}，失败 ${s.profiles.failed}，出错 ${s.profiles.errors}`,
  );
  console.log(`报告：${files.join('  ')}`);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      questions: { type: 'string' },
      split: { type: 'string' },
      profiles: { type: 'string' },
      only: { type: 'string' },
      retriever: { type: 'string' },
      answerer: { type: 'string' },
      endpoint: { type: 'string' },
      out: { type: 'string' },
      doc: { type: 'string' },
      region: { type: 'string' },
      thresholds: { type: 'string' },
      baseline: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [command = 'run', ...rest] = positionals;
  const now = new Date();

  if (command === 'compare') {
    if (rest.length !== 2) throw new UsageError('compare 需要两个报告文件：compare A/report.json B/report.json');
    const [a, b] = [readReportFile(rest[0]!), readReportFile(rest[1]!)];
    const text = renderComparison(compareReports(a, b), { before: rest[0]!, after: rest[1]! });
    if (values.out) writeFileSync(values.out, text);
    console.log(text);
    return 0;
  }

  if (command === 'baseline') {
    if (rest.length !== 1) throw new UsageError('baseline 需要一个运行结果：baseline evals/runs/<时间>/report.json');
    const report = JSON.parse(readFileSync(rest[0]!, 'utf8')) as EvalReport;
    readReportFile(rest[0]!); // validates the shape
    const to = values.to ?? DEFAULTS.baseline;
    writeBaselineJson(to, slimReport(report));
    write(`已写入基线：${to}（${report.cases.length} 个用例，去掉了回答全文和检索列表）`);
    return 0;
  }

  if (command === 'run' || command === 'ci') {
    // Runs tune on dev by default; the gate always measures the held-out test split.
    const o = runOptions(values, now, command === 'ci' ? '-ci' : '', command === 'ci' ? 'test' : 'dev');
    const thresholds = command === 'ci' ? readThresholds(o.thresholds) : maybeThresholds(o.thresholds);
    const report = await run(o, now);
    const files = writeReportFiles(o.out, report, thresholds);
    printSummary(report, thresholds, files);
    if (command === 'run') return 0;

    const baselinePath = values.baseline ?? DEFAULTS.baseline;
    const baseline = existsSync(baselinePath) ? readReportFile(baselinePath) : undefined;
    if (!baseline) write(`提示：没有基线文件 ${baselinePath}，只检查指标门槛。`);
    const gate = evaluateGate({ metrics: report.metrics, cases: report.cases, thresholds: thresholds!, baseline: baseline?.cases });
    if (gate.fixed.length) console.log(`\n比基线新通过的用例（${gate.fixed.length}）：${gate.fixed.join('、')}（可用 npm run eval -- baseline 更新基线）`);
    if (gate.missing.length) console.log(`基线中有、金标准中已没有的用例：${gate.missing.join('、')}`);
    if (!gate.ok) {
      console.error(`\n评测门禁未通过（${gate.failures.length} 项）：`);
      for (const f of gate.failures) console.error(`  ✗ ${f.message}`);
      console.error(`\n详细报告：${files[1]}。确认是预期变化时，请调整 evals/thresholds.json 或重新生成基线（见 evals/README.md）。`);
      return 1;
    }
    console.log('\n评测门禁通过：所有指标达到门槛，基线中通过的用例仍然通过。');
    return 0;
  }

  throw new UsageError(`未知命令 "${command}"。\n${HELP}`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof GoldFileError) {
      console.error(err.message);
      console.error('请按提示修正金标准文件（格式见 evals/README.md）。');
    } else if (err instanceof UsageError || err instanceof ReportFileError) {
      console.error(err.message);
    } else if (err instanceof Error && err.name === 'TypeError' && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`参数错误：${err.message}\n${HELP}`);
    } else {
      // Stack traces only on request: most failures here are configuration problems with a Chinese message.
      const detail = err instanceof Error ? (process.env.DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
      console.error(`评测失败：${detail}${process.env.DEBUG ? '' : '（设置 DEBUG=1 可查看调用栈）'}`);
    }
    process.exitCode = 2;
  },
);
