// The 政策体检单 on screen and on paper. Screen: measures grouped by status, each with reasons, the
// questions to ask the applicant, the estimate (仅供参考), responsible units, and the clause text
// on demand; not-eligible measures folded away. Paper (A4, see console.css @media print): a
// header with applicant, credit code, date and counter, a summary table first, then the
// measures grouped by status, a signature line and a footer saying it is a preliminary
// judgement on the cited clauses; page numbers come from the @page rules.
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import { ACTIONABILITY_LABEL, decisionReasons, groupByStatus, STATUS_GROUP_TITLE, STATUS_LABEL, type Status } from '../shared/labels.js';
import type { DocumentSummary, MatchedMeasure, MatchResponse } from '../shared/types.js';
import { unitDetails } from '../chat/citation-panel.js';
import { benefitText, docIdOf, reasonText } from './checklist-model.js';

export interface ChecklistApplicant {
  name: string;
  creditCode: string;
  contact: string;
  counter: string;
}

export interface ChecklistContext {
  api: Pick<ApiClient, 'unit'>;
  /** The date the checklist is for (as-of). */
  date: string;
  region: string;
  documentLines: string[];
  documentNotices: string[];
  profile: Array<{ label: string; value: string }>;
  applicant: ChecklistApplicant;
  /** Documents the measures come from, with their status as of `date`. */
  documents: DocumentSummary[];
  /** Measures left out because their document does not apply in the region. */
  outOfRegion: number;
}

export const DISCLAIMER = '本体检单是依据所引政策条款原文作出的初步判断，不是审批结论；金额测算仅供参考，是否享受及具体金额以主管部门审核认定为准。';

function clauseToggle(m: MatchedMeasure, api: ChecklistContext['api'], sourceUrl: string | null): HTMLElement {
  const id = `cl-clause-${m.ref.replace(/[^A-Za-z0-9-]/gu, '-')}`;
  const box = h('div', { class: 'cl-clause', hidden: true, id });
  let loaded = false;
  const btn: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'zc-btn zc-btn-ghost cl-clause-btn',
      'aria-expanded': 'false',
      'aria-controls': id,
      onclick: async () => {
        const open = box.hidden;
        box.hidden = !open;
        btn.setAttribute('aria-expanded', String(open));
        btn.textContent = open ? '收起条款原文' : '查看条款原文';
        if (!open || loaded) return;
        replaceChildren(box, h('p', { class: 'zc-muted' }, '正在加载…'));
        try {
          replaceChildren(box, unitDetails(await api.unit(m.ref), m.quotes[0], sourceUrl));
          loaded = true;
        } catch (err) {
          replaceChildren(box, h('p', { class: 'zc-error', role: 'alert' }, (err as Error).message));
        }
      },
    },
    '查看条款原文',
  );
  return h('div', { class: 'cl-clause-wrap' }, btn, box);
}

const docOf = (m: MatchedMeasure, ctx: ChecklistContext) => ctx.documents.find((d) => d.id === docIdOf(m.ref));

/** A tag when the measure's document is not in force on the checklist's date. */
function docStatusTag(m: MatchedMeasure, ctx: ChecklistContext): HTMLElement | null {
  const d = docOf(m, ctx);
  if (!d) return null;
  const own = d.unitPeriods.find((p) => p.ref === m.ref);
  const status = own?.status ?? d.status;
  if (status === 'expired') return h('span', { class: 'zc-tag cl-doc-expired' }, `依据文件${own ? '（本条）' : ''}于 ${own?.to ?? d.validity?.to ?? ''} 届满`);
  if (status === 'not_yet') return h('span', { class: 'zc-tag cl-doc-expired' }, '依据文件尚未施行');
  return null;
}

function item(m: MatchedMeasure, ctx: ChecklistContext): HTMLElement {
  const reasons = m.status === 'not_eligible' ? [reasonText(m)] : decisionReasons(m);
  const benefits = m.benefits.map((b) => `${b.text}${b.conditional && !b.text.includes('当地') ? '（视当地政策）' : ''}`);
  return h(
    'li',
    { class: `cl-item cl-${m.status}`, 'data-ref': m.ref },
    h(
      'div',
      { class: 'cl-item-head' },
      h('input', { type: 'checkbox', class: 'cl-check', 'aria-label': `已告知：${m.label} ${m.title}` }),
      h('span', { class: `zc-badge zc-badge-${m.status}` }, STATUS_LABEL[m.status]),
      h('strong', { class: 'cl-label' }, m.label),
      h('span', { class: 'cl-title' }, m.title),
      ACTIONABILITY_LABEL[m.actionability] ? h('span', { class: 'zc-tag' }, ACTIONABILITY_LABEL[m.actionability]!) : null,
      docStatusTag(m, ctx),
    ),
    m.audience ? h('p', { class: 'cl-audience zc-muted' }, `适用对象：${m.audience}`) : null,
    benefits.length && m.status !== 'not_eligible' ? h('div', { class: 'cl-block' }, h('h4', null, '可享受'), h('ul', null, benefits.map((b) => h('li', null, b)))) : null,
    reasons.length ? h('div', { class: 'cl-block' }, h('h4', null, m.status === 'not_eligible' ? '原因' : '理由'), h('ul', null, reasons.map((r) => h('li', null, r)))) : null,
    m.missing.length
      ? h('div', { class: 'cl-block cl-ask' }, h('h4', null, '待核实（请询问申请人）'), h('ul', null, m.missing.map((q) => h('li', null, q.question))))
      : null,
    m.estimate
      ? h(
          'div',
          { class: 'cl-block cl-estimate' },
          h('h4', null, '测算 ', h('span', { class: 'zc-tag zc-tag-ref' }, '仅供参考')),
          h('p', null, m.estimate.text),
          m.estimate.steps.length ? h('ol', { class: 'cl-steps' }, m.estimate.steps.map((s) => h('li', null, s))) : null,
          h('p', { class: 'zc-muted cl-estimate-note' }, m.estimate.disclaimer),
        )
      : null,
    m.responsibleUnits.length ? h('p', { class: 'cl-units' }, h('strong', null, '责任单位：'), m.responsibleUnits.join('、')) : null,
    clauseToggle(m, ctx.api, docOf(m, ctx)?.sourceUrl ?? null),
  );
}

function group(status: Status, list: MatchedMeasure[], ctx: ChecklistContext): HTMLElement {
  const title = h('h3', { class: 'cl-group-title' }, `${STATUS_GROUP_TITLE[status]}（${list.length} 项）`);
  if (!list.length) return h('section', { class: `cl-group cl-group-${status}` }, title, h('p', { class: 'zc-muted' }, '无'));
  if (status === 'not_eligible') {
    return h('details', { class: `cl-group cl-group-${status}` }, h('summary', null, title), h('ol', { class: 'cl-list' }, list.map((m) => item(m, ctx))));
  }
  // The heading travels with its first item, so it never stands alone at the foot of a page.
  const [first, ...rest] = list;
  return h(
    'section',
    { class: `cl-group cl-group-${status}` },
    h('div', { class: 'cl-keep' }, title, h('ol', { class: 'cl-list' }, item(first!, ctx))),
    rest.length ? h('ol', { class: 'cl-list cl-list-rest', start: 2 }, rest.map((m) => item(m, ctx))) : null,
  );
}

/** Print only: who, when, where. `qr` is the phone link's code when one was made. */
function printHeader(ctx: ChecklistContext, qr: Element | null): HTMLElement {
  const a = ctx.applicant;
  const cell = (label: string, value: string) => [h('th', { scope: 'row' }, label), h('td', null, value || '＿＿＿＿＿＿')];
  return h(
    'header',
    { class: 'cl-print-head' },
    h('div', { class: 'cl-print-title' }, h('h2', null, '政策体检单'), h('p', null, '惠企政策初步匹配结果 · 政策通')),
    h(
      'table',
      { class: 'cl-print-meta' },
      h('tbody', null, h('tr', null, cell('申请单位', a.name), cell('统一社会信用代码', a.creditCode)), h('tr', null, cell('经办人', a.contact), cell('受理窗口', a.counter)), h('tr', null, cell('判断日期', ctx.date), cell('适用地区', ctx.region || '全部地区'))),
    ),
    qr ? h('figure', { class: 'cl-print-qr' }, qr.cloneNode(true) as Element, h('figcaption', null, '手机扫码查看')) : null,
  );
}

/** Table cells stay short; the cards below carry the full text. */
const clip = (text: string, max: number) => ([...text].length > max ? `${[...text].slice(0, max - 1).join('')}…` : text);

function summaryTable(measures: MatchedMeasure[], ctx: ChecklistContext): HTMLElement {
  // With measures from several documents, a bare 第1条 is ambiguous: name the document.
  const many = new Set(measures.map((m) => docIdOf(m.ref))).size > 1;
  const tag = (m: MatchedMeasure) => {
    const d = docOf(m, ctx);
    return many && d ? h('span', { class: 'cl-doctag' }, d.docNumber ?? d.shortTitle ?? d.title) : null;
  };
  return h(
    'table',
    { class: 'cl-table' },
    h('caption', null, '措施汇总（符合与可能符合）'),
    h('thead', null, h('tr', null, ['序号', '条款', '措施', '判断', '可享受金额/测算', '申报方式', '责任单位'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      null,
      measures.map((m, i) =>
        h(
          'tr',
          { class: `cl-row-${m.status}` },
          h('td', null, String(i + 1)),
          h('td', null, m.label, tag(m) ? [h('br'), tag(m)] : null),
          h('td', null, m.title),
          h('td', null, STATUS_LABEL[m.status]),
          h('td', null, clip(benefitText(m), 64) || '—'),
          h('td', null, ACTIONABILITY_LABEL[m.actionability] ?? '—'),
          h('td', null, m.responsibleUnits.slice(0, 2).join('、') || '—'),
        ),
      ),
    ),
  );
}

export function renderChecklist(result: MatchResponse, ctx: ChecklistContext, qr: Element | null = null): HTMLElement {
  const g = groupByStatus(result.measures);
  const status = result.questions.filter((q) => q.purpose === 'status');
  const estimate = result.questions.filter((q) => q.purpose === 'estimate');
  return h(
    'div',
    { class: 'cl' },
    printHeader(ctx, qr),
    h(
      'div',
      { class: 'cl-meta' },
      h('p', null, h('strong', null, '判断日期：'), ctx.date, ctx.region ? ['　', h('strong', null, '适用地区：'), ctx.region] : null),
      ctx.documentLines.map((l) => h('p', null, h('strong', null, '依据文件：'), l)),
      [...ctx.documentNotices, ...result.notices].map((n) => h('p', { class: 'zc-notice', role: 'note' }, n)),
      ctx.outOfRegion ? h('p', { class: 'zc-muted' }, `另有 ${ctx.outOfRegion} 项措施的依据文件不适用于${ctx.region}，未列入。`) : null,
    ),
    h(
      'p',
      { class: 'cl-summary', role: 'status' },
      `共 ${result.measures.length} 项措施：符合 ${g.eligible.length} 项，可能符合 ${g.possible.length} 项，不符合 ${g.not_eligible.length} 项。`,
    ),
    g.eligible.length + g.possible.length ? summaryTable([...g.eligible, ...g.possible], ctx) : null,
    ctx.profile.length
      ? h(
          'section',
          { class: 'cl-profile' },
          h('h3', null, '企业画像'),
          h('dl', null, ctx.profile.map((p) => [h('dt', null, p.label), h('dd', null, p.value)])),
        )
      : null,
    status.length || estimate.length
      ? h(
          'section',
          { class: 'cl-questions' },
          h('h3', null, '建议向申请人核实'),
          h(
            'ol',
            null,
            status.map((q) => h('li', null, q.question, h('span', { class: 'zc-muted' }, `（可确定 ${q.decides} 项措施是否适用）`))),
            estimate.map((q) => h('li', null, q.question, h('span', { class: 'zc-muted' }, '（用于测算金额）'))),
          ),
        )
      : null,
    group('eligible', g.eligible, ctx),
    group('possible', g.possible, ctx),
    group('not_eligible', g.not_eligible, ctx),
    // The closing statement and the signatures stay together on the last page.
    h(
      'div',
      { class: 'cl-end' },
      h('p', { class: 'zc-disclaimer cl-disclaimer' }, DISCLAIMER),
      h(
        'div',
        { class: 'cl-sign' },
        h('p', null, '窗口经办人签字：＿＿＿＿＿'),
        h('p', null, '申请单位经办人签字：＿＿＿＿＿'),
        h('p', null, '日期：＿＿年＿＿月＿＿日'),
      ),
    ),
  );
}
