// report.md: run metadata, the metrics table and the failing cases (pure).
import type { Thresholds } from './gate.js';
import { formatMetric } from './format.js';
import { METRIC_KEYS, METRIC_LABELS, type CaseResult, type EvalReport } from './report-types.js';

/** Markdown table cells: one line, pipes escaped. */
export function mdCell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

export function thresholdText(t: Thresholds | undefined, key: (typeof METRIC_KEYS)[number]): string {
  if (!t) return '';
  const parts: string[] = [];
  if (t.min[key] !== undefined) parts.push(`≥ ${formatMetric(key, t.min[key])}`);
  if (t.max[key] !== undefined) parts.push(`≤ ${formatMetric(key, t.max[key])}`);
  return parts.join('，');
}

function caseQuestion(c: CaseResult): string {
  if (c.type === 'profile') return c.input.description ?? JSON.stringify(c.input.profile ?? {});
  return c.input.question;
}

export const TYPE_LABELS: Record<CaseResult['type'], string> = {
  answerable: '可回答',
  unanswerable: '不可回答',
  profile: '企业画像',
};

export function renderMarkdown(report: EvalReport, thresholds?: Thresholds): string {
  const { meta, summary } = report;
  const o = meta.options;
  const lines: string[] = [
    '# 政策通评测报告',
    '',
    `- 时间：${meta.date}`,
    `- 提交：${meta.gitCommit ?? '未知'}${meta.gitDirty ? '（工作区有未提交改动）' : ''}`,
    `- 方式：${o.endpoint ? `HTTP ${o.endpoint}` : '进程内'}；检索：${o.retriever}；回答：${o.answerer}`,
    `- 问题集：${o.questions ?? '未运行'}（${summary.questions.total} 条，通过 ${summary.questions.passed}，失败 ${summary.questions.failed}，出错 ${summary.questions.errors}）`,
    `- 画像集：${o.profiles ?? '未运行'}（${summary.profiles.total} 条，通过 ${summary.profiles.passed}，失败 ${summary.profiles.failed}，出错 ${summary.profiles.errors}）`,
    `- 用时：${(meta.durationMs / 1000).toFixed(1)} 秒`,
    '',
    '## 指标',
    '',
    thresholds ? '| 指标 | 键 | 数值 | 门槛 |' : '| 指标 | 键 | 数值 |',
    thresholds ? '|---|---|---:|---|' : '|---|---|---:|',
  ];
  for (const key of METRIC_KEYS) {
    const row = `| ${METRIC_LABELS[key]} | \`${key}\` | ${formatMetric(key, report.metrics[key])} |`;
    lines.push(thresholds ? `${row} ${thresholdText(thresholds, key)} |` : row);
  }
  if (report.warnings.length) {
    lines.push('', '## 金标准警告', '');
    for (const w of report.warnings) lines.push(`- ${w}`);
  }
  const failing = report.cases.filter((c) => !c.passed);
  lines.push('', `## 失败用例（${failing.length}）`, '');
  if (failing.length === 0) lines.push('全部通过。');
  for (const type of ['answerable', 'unanswerable', 'profile'] as const) {
    const group = failing.filter((c) => c.type === type);
    if (group.length === 0) continue;
    lines.push(`### ${TYPE_LABELS[type]}（${group.length}）`, '', '| id | 问题 / 描述 | 引用或返回 | 期望 | 原因 |', '|---|---|---|---|---|');
    for (const c of group) {
      const got = c.type === 'profile' ? (c.output?.returned ?? []) : (c.output?.cited ?? []);
      const want = c.input.expected;
      lines.push(
        `| ${mdCell(c.id)} | ${mdCell(clip(caseQuestion(c), 60))} | ${mdCell(got.join('、') || '—')} | ${mdCell(want.join('、') || '—')} | ${mdCell(c.reasons.join('；'))} |`,
      );
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
