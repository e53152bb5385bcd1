// The 政策体检单 on screen and on paper: measures grouped by status, each with reasons, the
// questions to ask the applicant, the estimate (仅供参考), responsible units, and the clause text
// on demand. Not-eligible measures are folded away (and left off the printout's details).
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import { ACTIONABILITY_LABEL, decisionReasons, failedReason, groupByStatus, STATUS_GROUP_TITLE, STATUS_LABEL, type Status } from '../shared/labels.js';
import type { MatchedMeasure, MatchResponse } from '../shared/types.js';
import { unitDetails } from '../chat/citation-panel.js';

export interface ChecklistContext {
  api: Pick<ApiClient, 'unit'>;
  date: string;
  documentLines: string[];
  documentNotices: string[];
  profile: Array<{ label: string; value: string }>;
}

function clauseToggle(m: MatchedMeasure, api: ChecklistContext['api']): HTMLElement {
  const box = h('div', { class: 'cl-clause', hidden: true, id: `cl-clause-${m.ref}` });
  let loaded = false;
  const btn: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'zc-btn zc-btn-ghost cl-clause-btn',
      'aria-expanded': 'false',
      'aria-controls': `cl-clause-${m.ref}`,
      onclick: async () => {
        const open = box.hidden;
        box.hidden = !open;
        btn.setAttribute('aria-expanded', String(open));
        btn.textContent = open ? '收起条款原文' : '查看条款原文';
        if (!open || loaded) return;
        replaceChildren(box, h('p', { class: 'zc-muted' }, '正在加载…'));
        try {
          replaceChildren(box, unitDetails(await api.unit(m.ref), m.quotes[0]));
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

function item(m: MatchedMeasure, ctx: ChecklistContext): HTMLElement {
  const reasons = m.status === 'not_eligible' ? [failedReason(m) ?? '不符合适用条件'] : decisionReasons(m);
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
          h('p', { class: 'zc-muted' }, m.estimate.disclaimer),
        )
      : null,
    m.responsibleUnits.length ? h('p', { class: 'cl-units' }, h('strong', null, '责任单位：'), m.responsibleUnits.join('、')) : null,
    clauseToggle(m, ctx.api),
  );
}

function group(status: Status, list: MatchedMeasure[], ctx: ChecklistContext): HTMLElement {
  const title = h('h3', { class: 'cl-group-title' }, `${STATUS_GROUP_TITLE[status]}（${list.length} 项）`);
  const body = list.length ? h('ol', { class: 'cl-list' }, list.map((m) => item(m, ctx))) : h('p', { class: 'zc-muted' }, '无');
  if (status === 'not_eligible') {
    return h('details', { class: `cl-group cl-group-${status}` }, h('summary', null, title), body);
  }
  return h('section', { class: `cl-group cl-group-${status}` }, title, body);
}

export function renderChecklist(result: MatchResponse, ctx: ChecklistContext): HTMLElement {
  const g = groupByStatus(result.measures);
  const status = result.questions.filter((q) => q.purpose === 'status');
  const estimate = result.questions.filter((q) => q.purpose === 'estimate');
  return h(
    'div',
    { class: 'cl' },
    h(
      'div',
      { class: 'cl-meta' },
      h('p', null, h('strong', null, '生成日期：'), ctx.date),
      ctx.documentLines.map((l) => h('p', null, h('strong', null, '依据文件：'), l)),
      [...ctx.documentNotices, ...result.notices].map((n) => h('p', { class: 'zc-notice', role: 'note' }, n)),
    ),
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
    h(
      'p',
      { class: 'cl-summary', role: 'status' },
      `共 ${result.measures.length} 项措施：符合 ${g.eligible.length} 项，可能符合 ${g.possible.length} 项，不符合 ${g.not_eligible.length} 项。`,
    ),
    group('eligible', g.eligible, ctx),
    group('possible', g.possible, ctx),
    group('not_eligible', g.not_eligible, ctx),
    h('p', { class: 'zc-disclaimer' }, '以上为依据条款原文的初步判断，金额测算仅供参考，实际以主管部门审核认定为准。'),
  );
}
