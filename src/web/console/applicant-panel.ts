// Who the checklist is for: 申请单位名称, 统一社会信用代码 (checked against its GB 32100 check
// character as it is typed), 经办人 and 受理窗口 (remembered on this PC), and finding a company
// saved before by name or credit code (its visits, the latest one loaded back into the form).
import type { ApiClient } from '../shared/api-client.js';
import { h, replaceChildren } from '../shared/dom.js';
import { checkCreditCode } from '../../storage/applicants/credit-code.js';
import type { ApplicantSummary, ApplicantVisit } from '../shared/types.js';
import { staffMessage } from './feedback-review.js';
import type { ChecklistApplicant } from './checklist.js';

const COUNTER_KEY = 'zhengcetong:counter';

export interface ApplicantPanel {
  element: HTMLElement;
  /** The values, with Chinese errors (name missing is not an error here; saving asks for it). */
  read(): { applicant: ChecklistApplicant; errors: string[] };
  fill(a: { name?: string; creditCode?: string | null; contact?: string | null }): void;
  clear(): void;
}

export interface ApplicantPanelOptions {
  api: Pick<ApiClient, 'staffApplicants' | 'staffApplicant' | 'staffChecklist'>;
  storage: Storage | null;
  /** A saved visit picked from the search: load it into the form. */
  onPick(applicant: ApplicantSummary, visit: ApplicantVisit | null): void;
}

export function createApplicantPanel({ api, storage, onPick }: ApplicantPanelOptions): ApplicantPanel {
  const input = (id: string, attrs: Record<string, string> = {}) => h('input', { id, type: 'text', class: 'zc-input', autocomplete: 'off', ...attrs });
  const name = input('ap-name', { maxlength: '100', placeholder: '营业执照上的名称' });
  const code = input('ap-credit-code', { maxlength: '22', placeholder: '18 位，如 91330302MA2XXXXXXX', spellcheck: 'false', 'aria-describedby': 'ap-credit-code-msg' });
  const codeMsg = h('p', { id: 'ap-credit-code-msg', class: 'ap-msg', role: 'status' });
  const contact = input('ap-contact', { maxlength: '40', placeholder: '来办事的人' });
  const counter = input('ap-counter', { maxlength: '40', placeholder: '如 3 号窗口' });
  counter.value = storage?.getItem(COUNTER_KEY) ?? '';
  counter.addEventListener('change', () => {
    try {
      storage?.setItem(COUNTER_KEY, counter.value.trim());
    } catch {
      // not remembered
    }
  });

  const checkCode = (): string | null => {
    const v = code.value.trim();
    if (!v) {
      codeMsg.textContent = '';
      code.removeAttribute('aria-invalid');
      return null;
    }
    const r = checkCreditCode(v);
    code.setAttribute('aria-invalid', String(!r.ok));
    codeMsg.classList.toggle('ap-msg-error', !r.ok);
    codeMsg.textContent = r.ok ? '校验通过' : r.message;
    return r.ok ? null : r.message;
  };
  code.addEventListener('input', () => {
    if (code.value.replace(/[\s-]/gu, '').length >= 18) checkCode();
    else if (!code.value.trim()) checkCode();
  });
  code.addEventListener('blur', () => void checkCode());

  // ---- finding a saved company ----
  const q = h('input', { id: 'ap-search', type: 'search', class: 'zc-input', placeholder: '企业名称或统一社会信用代码', 'aria-label': '查找企业档案' });
  const results = h('div', { class: 'ap-results', 'aria-live': 'polite' });
  const find = h('button', { type: 'button', class: 'zc-btn zc-btn-ghost', id: 'ap-search-btn' }, '查找档案');
  const search = async () => {
    replaceChildren(results, h('p', { class: 'zc-muted' }, '正在查找…'));
    try {
      const r = await api.staffApplicants(q.value.trim());
      replaceChildren(
        results,
        r.items.length
          ? h(
              'ul',
              { class: 'ap-list' },
              r.items.map((a) =>
                h(
                  'li',
                  null,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'cb-unit ap-pick',
                      onclick: async () => {
                        try {
                          const detail = await api.staffApplicant(a.id);
                          const latest = detail.checklists[0] ? await api.staffChecklist(detail.checklists[0].id) : null;
                          onPick(a, latest);
                          replaceChildren(results, h('p', { class: 'zc-muted' }, `已载入“${a.name}”${latest ? `（上次 ${latest.asOf}，${latest.createdAt.slice(0, 10)} 保存）` : ''}。`));
                        } catch (err) {
                          replaceChildren(results, h('p', { class: 'zc-error', role: 'alert' }, staffMessage(err)));
                        }
                      },
                    },
                    a.name,
                    h('span', { class: 'zc-muted' }, ` ${a.creditCode ?? '（无信用代码）'} · ${a.visits} 次${a.lastVisitAt ? ` · 最近 ${a.lastVisitAt.slice(0, 10)}` : ''}`),
                  ),
                ),
              ),
            )
          : h('p', { class: 'zc-muted' }, '没有找到匹配的企业档案。'),
      );
    } catch (err) {
      replaceChildren(results, h('p', { class: 'zc-error', role: 'alert' }, staffMessage(err)));
    }
  };
  find.addEventListener('click', () => void search());
  q.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    e.preventDefault();
    void search();
  });

  const field = (label: string, el: HTMLElement, extra: HTMLElement | null = null, required = false) =>
    h('div', { class: 'pf-field ap-field' }, h('label', { for: el.id }, label, required ? h('span', { class: 'ap-req', 'aria-hidden': 'true' }, ' *') : null), el, extra);
  const element = h(
    'fieldset',
    { class: 'ap' },
    h('legend', null, '申请信息'),
    h('div', { class: 'ap-search' }, q, find),
    results,
    h('div', { class: 'ap-grid' }, field('申请单位名称', name, null, true), field('统一社会信用代码', code, codeMsg), field('经办人姓名', contact), field('受理窗口', counter)),
  );

  return {
    element,
    read() {
      const err = checkCode();
      return {
        applicant: { name: name.value.trim(), creditCode: code.value.replace(/[\s-]/gu, '').toUpperCase(), contact: contact.value.trim(), counter: counter.value.trim() },
        errors: err ? [err] : [],
      };
    },
    fill(a) {
      if (a.name !== undefined) name.value = a.name;
      if (a.creditCode !== undefined) code.value = a.creditCode ?? '';
      if (a.contact !== undefined) contact.value = a.contact ?? '';
      checkCode();
    },
    clear() {
      name.value = '';
      code.value = '';
      contact.value = '';
      checkCode();
    },
  };
}
