// Entry of /s/share.js: the phone view of one saved 政策体检单, opened from the QR code on the
// counter's screen or printout. Reads the token from the address, fetches /api/share/:token and
// renders it as text; an expired link shows what to do instead.
import { h, replaceChildren } from '../shared/dom.js';
import { ACTIONABILITY_LABEL, STATUS_GROUP_TITLE, STATUS_LABEL } from '../shared/labels.js';

interface SharedMeasure {
  label: string;
  title: string;
  status: 'eligible' | 'possible';
  benefits: string[];
  estimate: string | null;
  actionability: string | null;
  responsibleUnits: string[];
  missing: string[];
  document: string;
}

interface Shared {
  applicant: { name: string; creditCode: string | null };
  createdAt: string;
  asOf: string;
  region: string | null;
  counter: string | null;
  expiresAt: string;
  documents: string[];
  measures: SharedMeasure[];
  notEligible: number;
}

function item(m: SharedMeasure): HTMLElement {
  return h(
    'li',
    { class: `cl-item cl-${m.status}` },
    h(
      'div',
      { class: 'cl-item-head' },
      h('span', { class: `zc-badge zc-badge-${m.status}` }, STATUS_LABEL[m.status]),
      h('strong', { class: 'cl-label' }, m.label),
      h('span', { class: 'cl-title' }, m.title),
      m.actionability && ACTIONABILITY_LABEL[m.actionability] ? h('span', { class: 'zc-tag' }, ACTIONABILITY_LABEL[m.actionability]!) : null,
    ),
    m.benefits.length ? h('ul', null, m.benefits.map((b) => h('li', null, b))) : null,
    m.estimate ? h('p', { class: 'cl-estimate' }, h('span', { class: 'zc-tag zc-tag-ref' }, '仅供参考'), ` 测算：${m.estimate}`) : null,
    m.missing.length ? h('p', { class: 'zc-muted' }, `待核实：${m.missing.join('；')}`) : null,
    m.responsibleUnits.length ? h('p', { class: 'cl-units' }, h('strong', null, '责任单位：'), m.responsibleUnits.join('、')) : null,
    m.document ? h('p', { class: 'zc-muted' }, `依据：${m.document}`) : null,
  );
}

function render(root: HTMLElement, s: Shared): void {
  const group = (status: 'eligible' | 'possible') => {
    const list = s.measures.filter((m) => m.status === status);
    return list.length ? h('section', { class: `cl-group cl-group-${status}` }, h('h2', { class: 'cl-group-title' }, `${STATUS_GROUP_TITLE[status]}（${list.length} 项）`), h('ol', { class: 'cl-list' }, list.map(item))) : null;
  };
  replaceChildren(
    root,
    h('h1', null, '政策体检单'),
    h(
      'dl',
      { class: 'share-meta' },
      h('dt', null, '申请单位'),
      h('dd', null, s.applicant.name),
      s.applicant.creditCode ? [h('dt', null, '统一社会信用代码'), h('dd', null, s.applicant.creditCode)] : null,
      h('dt', null, '判断日期'),
      h('dd', null, s.asOf),
      s.region ? [h('dt', null, '适用地区'), h('dd', null, s.region)] : null,
      s.counter ? [h('dt', null, '受理窗口'), h('dd', null, s.counter)] : null,
    ),
    s.documents.map((d) => h('p', { class: 'zc-muted' }, `依据文件：${d}`)),
    h('p', { class: 'cl-summary' }, `符合 ${s.measures.filter((m) => m.status === 'eligible').length} 项，可能符合 ${s.measures.filter((m) => m.status === 'possible').length} 项${s.notEligible ? `，另有 ${s.notEligible} 项暂不符合` : ''}。`),
    group('eligible'),
    group('possible'),
    h('p', { class: 'zc-disclaimer' }, '本体检单是依据所引条款原文作出的初步判断，金额测算仅供参考，实际以主管部门审核认定为准。'),
    h('p', { class: 'zc-muted' }, `此链接有效期至 ${s.expiresAt.replace('T', ' ').slice(0, 16)}（UTC）。`),
  );
}

async function main(): Promise<void> {
  const root = document.getElementById('share')!;
  const token = location.pathname.split('/').pop() ?? '';
  try {
    const res = await fetch(`/api/share/${encodeURIComponent(token)}`);
    const body = (await res.json()) as Shared & { error?: { message: string } };
    if (!res.ok) throw new Error(body.error?.message ?? '加载失败，请稍后再试。');
    render(root, body);
  } catch (err) {
    replaceChildren(root, h('h1', null, '政策体检单'), h('p', { class: 'zc-error', role: 'alert' }, (err as Error).message || '加载失败，请稍后再试。'));
  }
}

void main();
