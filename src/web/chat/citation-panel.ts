// The clause panel a citation chip opens: full clause text (quoted passage marked), document,
// a link to the official source when the record has one, responsible units and validity (one
// compact line). Fetched from /api/units/:ref once per ref. Esc or 关闭 returns
// focus to the chip that opened it.
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import type { UnitView } from '../shared/types.js';
import { trapTab } from './focus-trap.js';
import { highlightParts } from './highlight.js';
import { zhDate } from '../shared/validity-lines.js';

export interface CitationPanel {
  element: HTMLElement;
  open(ref: string, label: string, trigger: HTMLElement | null, quote?: string): Promise<void>;
  close(): void;
  readonly isOpen: boolean;
}

let seq = 0;

/** The unit's validity as one compact line, the full notice on demand. */
export function validityBox(v: UnitView['validity']): HTMLElement | null {
  if (!v) return null;
  const state = v.status === 'expired' ? `已于${zhDate(v.period.to)}届满` : v.status === 'not_started' ? `自${zhDate(v.period.from)}起施行，尚未生效` : `实施期至${zhDate(v.period.to)}，目前有效`;
  return h(
    'details',
    { class: `zc-notice zc-vline zc-notice-${v.status}` },
    h('summary', null, h('strong', { class: 'zc-vstate' }, v.status === 'expired' ? '已届满' : v.status === 'not_started' ? '未生效' : '有效'), ` 本条${state}`),
    h('p', null, v.message.replace(/^提示：/u, '')),
  );
}

/** Only http(s) links to an official page are shown. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function unitDetails(unit: UnitView, quote?: string, sourceUrl?: string | null): HTMLElement {
  const d = unit.document;
  const href = safeUrl(sourceUrl);
  return h(
    'div',
    { class: 'zc-unit' },
    h('p', { class: 'zc-unit-doc' }, `《${d.title}》${d.docNumber ? `（${d.docNumber}）` : ''}`),
    h('p', { class: 'zc-muted' }, [d.issuer, d.issueDate].filter(Boolean).join(' · ')),
    href ? h('p', { class: 'zc-unit-source' }, h('a', { href, target: '_blank', rel: 'noopener noreferrer', class: 'zc-source-link' }, '查看官方发布原文（新窗口打开）')) : null,
    validityBox(unit.validity),
    h(
      'div',
      { class: 'zc-unit-text' },
      highlightParts(unit.text, [quote]).map((p) => (p.mark ? h('mark', null, p.text) : p.text)),
    ),
    unit.responsibleUnits.length ? h('p', { class: 'zc-unit-units' }, h('strong', null, '责任单位：'), unit.responsibleUnits.join('、')) : null,
  );
}

export function createCitationPanel(
  api: Pick<ApiClient, 'unit'>,
  activeElement: () => Element | null,
  /** The official page of a document, when its record has one. */
  sourceUrl: (docId: string) => string | null | undefined = () => null,
): CitationPanel {
  const id = `zc-cite-${++seq}`;
  const cache = new Map<string, Promise<UnitView>>();
  const heading = h('h2', { id: `${id}-h`, class: 'zc-panel-title', tabindex: '-1' });
  const body = h('div', { class: 'zc-panel-body' });
  const closeBtn = h('button', { type: 'button', class: 'zc-icon-btn', 'aria-label': '关闭条款原文' }, '×');
  const element = h(
    'div',
    { class: 'zc-panel', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-h`, hidden: true },
    h('div', { class: 'zc-panel-head' }, heading, closeBtn),
    body,
  );
  let trigger: HTMLElement | null = null;
  let token = 0;

  const panel: CitationPanel = {
    element,
    get isOpen() {
      return !element.hidden;
    },
    async open(ref, label, from, quote) {
      trigger = from;
      const mine = ++token;
      element.hidden = false;
      replaceChildren(heading, label);
      replaceChildren(body, h('p', { class: 'zc-muted', role: 'status' }, '正在加载条款原文…'));
      heading.focus();
      let p = cache.get(ref);
      if (!p) {
        p = api.unit(ref);
        cache.set(ref, p);
        p.catch(() => cache.delete(ref));
      }
      try {
        const unit = await p;
        if (mine !== token) return;
        replaceChildren(heading, `${unit.label}${unit.title && unit.kind === 'clause' ? ` ${unit.title}` : ''}`);
        replaceChildren(body, unitDetails(unit, quote, sourceUrl(unit.document.id)));
      } catch (err) {
        if (mine !== token) return;
        replaceChildren(body, h('p', { class: 'zc-error', role: 'alert' }, (err as Error).message || '条款原文加载失败，请稍后再试。'));
      }
    },
    close() {
      if (element.hidden) return;
      element.hidden = true;
      token++;
      trigger?.focus();
      trigger = null;
    },
  };
  closeBtn.addEventListener('click', () => panel.close());
  element.addEventListener('keydown', trapTab(element, activeElement));
  return panel;
}
