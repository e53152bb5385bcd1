// report.html: one self-contained page (inline CSS, SVG and JS; no external requests) with the
// metrics, a bar chart per metric family and a filterable per-case table (pure).
import type { Thresholds } from './gate.js';
import { formatMetric } from './format.js';
import { escapeHtml as h } from './html-escape.js';
import { METRIC_KEYS, METRIC_LABELS, metricUnit, type CaseResult, type EvalReport, type MetricKey } from './report-types.js';
import { TYPE_LABELS, thresholdText } from './report-markdown.js';
import { renderBarChart, type Bar } from './svg-bars.js';

export const METRIC_FAMILIES: Array<{ id: string; title: string; keys: MetricKey[] }> = [
  { id: 'retrieval', title: '检索', keys: ['retrieval.hitAt1', 'retrieval.recallAt5', 'retrieval.mrr'] },
  { id: 'citations', title: '引用', keys: ['citations.precision', 'citations.recall'] },
  { id: 'answers', title: '回答', keys: ['answers.mustIncludeRate'] },
  { id: 'abstention', title: '拒答', keys: ['abstention.unanswerableAbstained', 'abstention.answerableAbstained'] },
  { id: 'matching', title: '政策匹配', keys: ['matching.recall', 'matching.precision', 'matching.f1'] },
  { id: 'violations', title: '误配次数', keys: ['matching.mustNotViolations'] },
  { id: 'latency', title: '延迟（毫秒）', keys: ['latencyMs.p50', 'latencyMs.p95'] },
];

function familyChart(report: EvalReport, keys: MetricKey[], title: string, thresholds?: Thresholds): string {
  const bars: Bar[] = keys.map((k) => {
    const min = thresholds?.min[k];
    const max = thresholds?.max[k];
    const threshold = min ?? max;
    return {
      label: METRIC_LABELS[k].replace(/（毫秒）$/, ''),
      value: report.metrics[k],
      text: formatMetric(k, report.metrics[k]),
      ...(threshold !== undefined ? { threshold, thresholdKind: min !== undefined ? ('min' as const) : ('max' as const) } : {}),
    };
  });
  const unit = metricUnit(keys[0]!);
  return renderBarChart(bars, { title, ...(unit === 'ratio' ? { max: 1 } : {}) });
}

function refList(refs: string[]): string {
  return refs.length ? refs.map((r) => `<code>${h(r)}</code>`).join(' ') : '<span class="muted">—</span>';
}

function caseRow(c: CaseResult): string {
  let question: string;
  let answer: string;
  let got: string[];
  if (c.type === 'profile') {
    question = c.input.description ?? JSON.stringify(c.input.profile ?? {});
    got = c.output?.returned ?? [];
    answer = c.output ? Object.entries(c.output.statuses).map(([r, s]) => `${r}:${s}`).join(' ') : '';
  } else {
    const history = c.input.history.map((t) => `${t.role === 'user' ? '问' : '答'}：${t.content}`).join('\n');
    question = history ? `${history}\n问：${c.input.question}` : c.input.question;
    got = c.output?.cited ?? [];
    answer = c.output ? `${c.output.abstained ? '【拒答】' : ''}${c.output.answer}` : '';
  }
  const notes = [...c.reasons, ...c.warnings.map((w) => `（提示）${w}`)];
  if (c.error && !c.reasons.some((r) => r.includes(c.error!))) notes.push(`错误：${c.error}`);
  const search = [c.id, TYPE_LABELS[c.type], question, answer, got.join(' '), c.input.expected.join(' '), notes.join(' ')]
    .join(' ')
    .toLowerCase();
  return `<tr data-status="${c.passed ? 'pass' : 'fail'}" data-type="${c.type}" data-multiturn="${c.type !== 'profile' && c.input.history.length > 0}" data-search="${h(search)}">
<td class="id">${h(c.id)}</td><td>${h(TYPE_LABELS[c.type])}</td>
<td><span class="badge ${c.passed ? 'pass' : 'fail'}">${c.passed ? '通过' : '未通过'}</span></td>
<td class="text">${h(question)}</td><td class="text answer">${h(answer) || '<span class="muted">—</span>'}</td>
<td>${refList(got)}</td><td>${refList(c.input.expected)}</td>
<td class="text notes">${notes.map((n) => h(n)).join('<br>') || '<span class="muted">—</span>'}</td></tr>`;
}

const CSS = `
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#1f2430;background:#fafbfc}
h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 10px}
.meta{color:#5a6270;font-size:13px;line-height:1.7}
table{border-collapse:collapse;background:#fff;font-size:13px}
th,td{border:1px solid #dde2ea;padding:5px 8px;vertical-align:top;text-align:left}
th{background:#f0f3f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.fail-metric td.num{color:#c0392b;font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:14px;align-items:flex-start}
.card{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:10px 12px}
.card h3{font-size:14px;margin:0 0 6px}
.filters{display:flex;gap:10px;align-items:center;margin-bottom:10px;flex-wrap:wrap}
.filters input{width:280px;padding:5px 8px}
.filters select{padding:4px}
td.text{white-space:pre-wrap;max-width:360px}
td.answer{max-width:460px;max-height:160px}
td.id{white-space:nowrap;font-family:monospace}
code{background:#eef1f5;padding:0 3px;border-radius:3px}
.badge{padding:1px 6px;border-radius:8px;font-size:12px;white-space:nowrap}
.badge.pass{background:#d9f2e3;color:#1d6b3c}.badge.fail{background:#fbe0de;color:#a12b21}
.muted{color:#9aa1ad}
`;

const SCRIPT = `
(function(){
  var text=document.getElementById('filter-text'),status=document.getElementById('filter-status'),type=document.getElementById('filter-type'),count=document.getElementById('visible-count');
  var rows=Array.prototype.slice.call(document.querySelectorAll('#cases tbody tr'));
  function apply(){
    var q=text.value.trim().toLowerCase(),s=status.value,t=type.value,n=0;
    rows.forEach(function(r){
      var ok=(!q||r.getAttribute('data-search').indexOf(q)>=0)&&(!s||r.getAttribute('data-status')===s)&&
        (!t||(t==='multiturn'?r.getAttribute('data-multiturn')==='true':r.getAttribute('data-type')===t));
      r.style.display=ok?'':'none'; if(ok)n++;
    });
    count.textContent=String(n);
  }
  text.addEventListener('input',apply);status.addEventListener('change',apply);type.addEventListener('change',apply);
  apply();
})();
`;

export function renderHtml(report: EvalReport, thresholds?: Thresholds): string {
  const { meta, summary } = report;
  const o = meta.options;
  const metricRows = METRIC_KEYS.map((k) => {
    const v = report.metrics[k];
    const min = thresholds?.min[k];
    const max = thresholds?.max[k];
    const bad = v !== null && ((min !== undefined && v < min) || (max !== undefined && v > max));
    return `<tr data-metric="${h(k)}"${bad ? ' class="fail-metric"' : ''}><td>${h(METRIC_LABELS[k])}</td><td><code>${h(k)}</code></td><td class="num">${h(
      formatMetric(k, v),
    )}</td>${thresholds ? `<td>${h(thresholdText(thresholds, k)) || '—'}</td>` : ''}</tr>`;
  }).join('\n');
  const charts = METRIC_FAMILIES.map(
    (f) => `<div class="card" data-family="${f.id}"><h3>${h(f.title)}</h3>${familyChart(report, f.keys, f.title, thresholds)}</div>`,
  ).join('\n');
  const warnings = report.warnings.length
    ? `<h2>金标准警告</h2><ul>${report.warnings.map((w) => `<li>${h(w)}</li>`).join('')}</ul>`
    : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>政策通评测报告 ${h(meta.date)}</title><style>${CSS}</style></head>
<body>
<h1>政策通评测报告</h1>
<div class="meta">
时间：${h(meta.date)}　提交：${h(meta.gitCommit ?? '未知')}${meta.gitDirty ? '（有未提交改动）' : ''}<br>
方式：${h(o.endpoint ? `HTTP ${o.endpoint}` : '进程内')}　检索：${h(o.retriever)}　回答：${h(o.answerer)}　用时：${h((meta.durationMs / 1000).toFixed(1))} 秒<br>
问题 ${summary.questions.total} 条（通过 ${summary.questions.passed}，失败 ${summary.questions.failed}，出错 ${summary.questions.errors}）；
画像 ${summary.profiles.total} 条（通过 ${summary.profiles.passed}，失败 ${summary.profiles.failed}，出错 ${summary.profiles.errors}）
</div>
<h2>指标</h2>
<table id="metrics"><thead><tr><th>指标</th><th>键</th><th>数值</th>${thresholds ? '<th>门槛</th>' : ''}</tr></thead><tbody>
${metricRows}
</tbody></table>
<h2>图表</h2>
<div class="charts">${charts}</div>
${warnings}
<h2>用例</h2>
<div class="filters">
<input id="filter-text" type="search" placeholder="按 id、问题、回答、条款筛选…" aria-label="文本筛选">
<select id="filter-status" aria-label="结果"><option value="">全部结果</option><option value="pass">通过</option><option value="fail">未通过</option></select>
<select id="filter-type" aria-label="类型"><option value="">全部类型</option><option value="answerable">可回答</option><option value="unanswerable">不可回答</option><option value="multiturn">多轮追问</option><option value="profile">企业画像</option></select>
<span>显示 <b id="visible-count">${report.cases.length}</b> / ${report.cases.length} 条</span>
</div>
<table id="cases"><thead><tr><th>id</th><th>类型</th><th>结果</th><th>问题 / 描述</th><th>回答 / 匹配结果</th><th>引用 / 返回</th><th>期望</th><th>原因</th></tr></thead><tbody>
${report.cases.map(caseRow).join('\n')}
</tbody></table>
<script>${SCRIPT}</script>
</body></html>
`;
}
