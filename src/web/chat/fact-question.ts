// A "还需要确认" question answerable in place: 是 / 否 buttons for yes/no facts, a number field
// (万元 for amounts) for figures, a choice list for enumerations. The field's type comes from
// GET /api/profile-schema; an answer calls `answer(field, value)`, which re-runs the match.
import { appendChild, h } from '../shared/dom.js';
import type { ProfileFormField } from '../shared/types.js';
import { formLabel, fromFormValue } from '../console/form-values.js';

export interface FactQuestionContext {
  /** The form description of a profile field, when the schema has loaded. */
  fieldOf(name: string): ProfileFormField | undefined;
  /** Records the answer and re-runs matching; rejects with a Chinese message. */
  answer(field: string, value: unknown): Promise<void>;
}

let seq = 0;

/** One question with its answer controls (plain text when the field is unknown). */
export function factQuestion(q: { field: string; question: string }, ctx: FactQuestionContext, current?: unknown): HTMLElement {
  const f = ctx.fieldOf(q.field);
  const id = `zc-fq-${++seq}`;
  const status = h('span', { class: 'zc-fq-status', role: 'status' });
  const item = h('li', { class: 'zc-fq', 'data-field': q.field }, h('span', { class: 'zc-fq-q', id }, q.question));
  if (!f) return item;

  const controls = h('span', { class: 'zc-fq-controls', role: 'group', 'aria-labelledby': id });
  const busy = (on: boolean) => {
    for (const el of controls.querySelectorAll<HTMLButtonElement | HTMLInputElement | HTMLSelectElement>('button, input, select')) el.disabled = on;
  };
  const send = (value: unknown) => {
    busy(true);
    status.textContent = '正在重新匹配…';
    ctx.answer(q.field, value).then(
      () => (status.textContent = ''),
      (err: Error) => {
        busy(false);
        status.textContent = err.message || '更新失败，请稍后再试。';
      },
    );
  };

  if (f.type === 'boolean') {
    appendChild(controls, [
      h('button', { type: 'button', class: 'zc-btn zc-btn-ghost zc-fq-yes', 'data-answer': 'true', onclick: () => send(true) }, '是'),
      h('button', { type: 'button', class: 'zc-btn zc-btn-ghost zc-fq-no', 'data-answer': 'false', onclick: () => send(false) }, '否'),
    ]);
  } else if (f.type === 'enum' || f.type === 'multi') {
    const options = f.options ?? [];
    const select: HTMLSelectElement = h(
      'select',
      { class: 'zc-fq-select', 'aria-label': formLabel(f) },
      h('option', { value: '' }, '请选择'),
      options.map((o) => h('option', { value: o.value }, o.label)),
    );
    select.addEventListener('change', () => {
      if (!select.value) return;
      const prior = Array.isArray(current) ? current.map(String) : [];
      send(f.type === 'multi' ? [...new Set([...prior, select.value])] : select.value);
    });
    controls.appendChild(select);
  } else if (f.type !== 'string') {
    const input: HTMLInputElement = h('input', {
      type: 'text',
      class: 'zc-input zc-fq-number',
      inputmode: f.type === 'integer' ? 'numeric' : 'decimal',
      'aria-label': formLabel(f),
      placeholder: f.type === 'money' ? '金额' : '数字',
      autocomplete: 'off',
    });
    const submit = () => {
      const v = fromFormValue(f, input.value);
      if (v === undefined) return input.focus();
      if (v instanceof Error) {
        status.textContent = v.message;
        return input.focus();
      }
      send(v);
    };
    input.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' || e.isComposing) return;
      e.preventDefault();
      submit();
    });
    appendChild(controls, [input, f.type === 'money' ? h('span', { class: 'zc-fq-unit' }, '万元') : null, h('button', { type: 'button', class: 'zc-btn zc-btn-primary zc-fq-ok', onclick: submit }, '确定')]);
  } else {
    return item;
  }
  item.appendChild(controls);
  item.appendChild(status);
  return item;
}
