// Matched measures as cards (widget and console chat): status badge, benefits, estimate marked
// 仅供参考, facts still to confirm (answerable in place), the reasons on demand, and the clause
// one click away.
import { h, type Child } from '../shared/dom.js';
import { ACTIONABILITY_LABEL, decisionReasons, groupByStatus, STATUS_LABEL } from '../shared/labels.js';
import type { MatchedMeasure } from '../shared/types.js';
import { factQuestion, type FactQuestionContext } from './fact-question.js';

export interface MeasureCardContext {
  openCitation(ref: string, label: string, trigger: HTMLElement, quote?: string): void;
  /** When given, the facts still to confirm are answerable in place. */
  facts?: FactQuestionContext;
  /** The value a field has now (multi-choice answers add to it). */
  current?: (field: string) => unknown;
}

/** How many cards show before 「显示其余」. */
const FIRST = 5;

export function measureCard(m: MatchedMeasure, ctx: MeasureCardContext): HTMLElement {
  const benefits = m.benefits.filter((b) => !b.conditional).slice(0, 2);
  const conditional = m.benefits.filter((b) => b.conditional).slice(0, 1);
  const reasons = decisionReasons(m);
  const clauseBtn: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: 'zc-chip',
      'aria-label': `查看${m.label}原文`,
      onclick: () => ctx.openCitation(m.ref, m.label, clauseBtn, m.quotes[0]),
    },
    m.label,
  );
  return h(
    'article',
    { class: `zc-card zc-card-${m.status}`, 'data-ref': m.ref, 'aria-label': `${STATUS_LABEL[m.status]}：${m.label} ${m.title}` },
    h(
      'div',
      { class: 'zc-card-head' },
      h('span', { class: `zc-badge zc-badge-${m.status}` }, STATUS_LABEL[m.status]),
      clauseBtn,
      h('span', { class: 'zc-card-title' }, m.title),
      ACTIONABILITY_LABEL[m.actionability] ? h('span', { class: 'zc-tag' }, ACTIONABILITY_LABEL[m.actionability]!) : null,
    ),
    benefits.length || conditional.length
      ? h(
          'ul',
          { class: 'zc-benefits' },
          benefits.map((b) => h('li', null, b.text)),
          conditional.map((b) => h('li', { class: 'zc-muted' }, `${b.text}`)),
        )
      : null,
    m.estimate
      ? h(
          'p',
          { class: 'zc-estimate' },
          h('span', { class: 'zc-tag zc-tag-ref' }, '仅供参考'),
          ' ',
          `测算：${m.estimate.text}`,
        )
      : null,
    m.missing.length
      ? h(
          'div',
          { class: 'zc-missing' },
          h('span', { class: 'zc-missing-title' }, '还需确认：'),
          h('ul', null, m.missing.map((q) => (ctx.facts ? factQuestion(q, ctx.facts, ctx.current?.(q.field)) : h('li', null, q.question)))),
        )
      : null,
    reasons.length ? h('details', { class: 'zc-reasons' }, h('summary', null, '判断依据'), h('ul', null, reasons.map((r) => h('li', null, r)))) : null,
  );
}

/** Eligible and possible measures as cards, the first few shown; not eligible ones counted. */
export function measureList(measures: readonly MatchedMeasure[], ctx: MeasureCardContext): HTMLElement | null {
  if (!measures.length) return null;
  const groups = groupByStatus(measures);
  const shown = [...groups.eligible, ...groups.possible];
  const list = h('div', { class: 'zc-cards', role: 'list', 'aria-label': '匹配到的政策措施' });
  const item = (m: MatchedMeasure) => h('div', { role: 'listitem' }, measureCard(m, ctx));
  for (const m of shown.slice(0, FIRST)) list.appendChild(item(m));
  const children: Child[] = [
    h(
      'p',
      { class: 'zc-cards-summary' },
      `匹配结果：符合 ${groups.eligible.length} 项，可能符合 ${groups.possible.length} 项${groups.not_eligible.length ? `，另有 ${groups.not_eligible.length} 项暂不符合` : ''}。`,
    ),
    list,
  ];
  if (shown.length > FIRST) {
    const more: HTMLButtonElement = h(
      'button',
      {
        type: 'button',
        class: 'zc-link',
        onclick: () => {
          const added = shown.slice(FIRST).map(item);
          for (const el of added) list.appendChild(el);
          more.remove();
          added[0]?.querySelector('button')?.focus();
        },
      },
      `显示其余 ${shown.length - FIRST} 项`,
    );
    children.push(more);
  }
  children.push(h('p', { class: 'zc-disclaimer' }, '以上为依据条款原文的初步判断，金额测算仅供参考，具体以主管部门审核为准。'));
  return h('section', { class: 'zc-measures', 'aria-label': '政策匹配结果' }, children);
}
