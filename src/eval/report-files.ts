// Reading and writing report files (I/O edge): report.json, report.md, report.html, thresholds.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ThresholdsSchema, type Thresholds } from './gate.js';
import type { ComparableReport } from './compare.js';
import { renderHtml } from './report-html.js';
import { renderMarkdown } from './report-markdown.js';
import { METRIC_KEYS, type EvalReport } from './report-types.js';

/** A report or thresholds file that is missing or malformed (shown to the user without a stack). */
export class ReportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFileError';
  }
}

export function writeReportFiles(dir: string, report: EvalReport, thresholds?: Thresholds): string[] {
  mkdirSync(dir, { recursive: true });
  const files = [join(dir, 'report.json'), join(dir, 'report.md'), join(dir, 'report.html')];
  writeFileSync(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files[1]!, renderMarkdown(report, thresholds));
  writeFileSync(files[2]!, renderHtml(report, thresholds));
  return files;
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Pretty JSON with one case per line, so a baseline diff shows exactly which cases flipped. */
export function writeBaselineJson(path: string, report: { cases: unknown[] } & Record<string, unknown>): void {
  mkdirSync(dirname(path), { recursive: true });
  const { cases, ...rest } = report;
  const head = JSON.stringify(rest, null, 2).replace(/\n}$/, '');
  const body = cases.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  writeFileSync(path, `${head},\n  "cases": [\n${body}\n  ]\n}\n`);
}

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ReportFileError(`找不到${what}：${path}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ReportFileError(`${what} ${path} 不是合法的 JSON（${(err as Error).message}）`);
  }
}

const ComparableSchema = z.looseObject({
  metrics: z.looseObject(Object.fromEntries(METRIC_KEYS.map((k) => [k, z.number().nullable().default(null)]))),
  cases: z.array(
    z.looseObject({
      id: z.string(),
      type: z.enum(['answerable', 'unanswerable', 'profile']),
      passed: z.boolean(),
      reasons: z.array(z.string()).default([]),
    }),
  ),
});

/** A full or slim report.json, checked to have metrics and per-case pass/fail. */
export function readReportFile(path: string): ComparableReport & { raw: unknown } {
  const raw = readJson(path, '报告文件');
  const parsed = ComparableSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}：${i.message}`).join('；');
    throw new ReportFileError(`报告文件 ${path} 格式不对：${detail}`);
  }
  return { ...(parsed.data as unknown as ComparableReport), raw };
}

export function readThresholds(path: string): Thresholds {
  const parsed = ThresholdsSchema.safeParse(readJson(path, '门槛文件'));
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(整体)'}：${i.message}`).join('；');
    throw new ReportFileError(`门槛文件 ${path} 格式不对：${detail}`);
  }
  return parsed.data;
}
