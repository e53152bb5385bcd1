// Browsing the corpus: documents with their sections and clauses (GET /api/documents), a search
// box (GET /api/search), and the selected unit's full text (GET /api/units/:ref).
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import type { DocumentUnit, DocumentView } from '../shared/types.js';
import { unitDetails } from '../chat/citation-panel.js';
import { documentLine } from './checklist-model.js';

export function createCorpusBrowser(api: Pick<ApiClient, 'unit' | 'search'>, documents: Promise<DocumentView[]>): HTMLElement {
  const view = h('section', { class: 'cb-view', 'aria-live': 'polite', 'aria-label': '条款内容' }, h('p', { class: 'zc-muted' }, '请在左侧选择条款，或输入关键词检索。'));
  const results = h('div', { class: 'cb-results' });
  const tree = h('nav', { class: 'cb-tree', 'aria-label': '政策文件目录' }, h('p', { class: 'zc-muted' }, '正在加载政策文件…'));
  const q = h('input', { type: 'search', class: 'zc-input', id: 'cb-q', placeholder: '例如：出口信用保险、研发费用', 'aria-label': '检索政策条款' });
  const form = h('form', { class: 'cb-search', role: 'search' }, q, h('button', { type: 'submit', class: 'zc-btn zc-btn-primary' }, '检索'));

  async function show(ref: string, quote?: string) {
    replaceChildren(view, h('p', { class: 'zc-muted' }, '正在加载…'));
    try {
      const unit = await api.unit(ref);
      const heading = h('h2', { tabindex: '-1' }, `${unit.label}${unit.kind === 'clause' ? ` ${unit.title}` : ''}`);
      replaceChildren(view, heading, unitDetails(unit, quote));
      heading.focus();
    } catch (err) {
      replaceChildren(view, h('p', { class: 'zc-error', role: 'alert' }, (err as Error).message));
    }
  }

  const unitButton = (u: DocumentUnit) =>
    h('button', { type: 'button', class: 'cb-unit', 'data-ref': u.ref, onclick: () => void show(u.ref) }, u.kind === 'clause' ? `${u.label} ${u.title}` : u.label);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = q.value.trim();
    if (!text) return replaceChildren(results);
    replaceChildren(results, h('p', { class: 'zc-muted' }, '正在检索…'));
    try {
      const r = await api.search(text, 8);
      replaceChildren(
        results,
        h('h3', null, `检索结果（${r.hits.length}）`),
        r.hits.length
          ? h(
              'ol',
              { class: 'cb-hits' },
              r.hits.map((hit) =>
                h(
                  'li',
                  null,
                  h('button', { type: 'button', class: 'cb-unit', onclick: () => void show(hit.ref, hit.sentences[0]) }, `${hit.label}${hit.kind === 'clause' ? ` ${hit.title}` : ''}`),
                  hit.sentences[0] ? h('p', { class: 'zc-muted' }, hit.sentences[0]) : null,
                ),
              ),
            )
          : h('p', { class: 'zc-muted' }, '没有找到相关条款，请换个说法试试。'),
      );
    } catch (err) {
      replaceChildren(results, h('p', { class: 'zc-error', role: 'alert' }, (err as Error).message));
    }
  });

  documents
    .then((docs) =>
      replaceChildren(
        tree,
        docs.map((d) => {
          const top = d.units.filter((u) => u.kind === 'preamble' || u.kind === 'closing');
          const sections = d.units.filter((u) => u.kind === 'section');
          const clauses = (s: number | null) => d.units.filter((u) => u.kind === 'clause' && u.section === s);
          return h(
            'div',
            { class: 'cb-doc' },
            h('h3', null, d.title),
            h('p', { class: 'zc-muted' }, documentLine(d)),
            d.validity ? h('p', { class: 'zc-muted' }, `实施期限：${d.validity.from} 至 ${d.validity.to}`) : null,
            top.filter((u) => u.kind === 'preamble').map(unitButton),
            sections.map((s) =>
              h('details', { class: 'cb-section' }, h('summary', null, s.label), h('div', { class: 'cb-units' }, unitButton(s), clauses(s.section).map(unitButton))),
            ),
            clauses(null).map(unitButton),
            top.filter((u) => u.kind === 'closing').map(unitButton),
          );
        }),
      ),
    )
    .catch((err: Error) => replaceChildren(tree, h('p', { class: 'zc-error', role: 'alert' }, err.message)));

  return h('div', { class: 'cb' }, h('div', { class: 'cb-side' }, form, results, tree), view);
}
