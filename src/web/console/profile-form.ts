// The applicant profile form, built from GET /api/profile-schema: one fieldset per group,
// tri-state selects for yes/no facts, checkbox grids for multi-choice, amounts in 万元.
import { h } from '../shared/dom.js';
import type { CompanyProfile, ProfileFormField, ProfileFormSchema } from '../shared/types.js';
import { formLabel, profileFromValues, toFormValue, type FormValue } from './form-values.js';

export interface ProfileForm {
  element: HTMLElement;
  read(): { profile: CompanyProfile; errors: string[] };
  /** Fills the form; returns the names of fields whose value changed. */
  write(profile: CompanyProfile): string[];
  clear(): void;
}

function control(f: ProfileFormField): { el: HTMLElement; get(): FormValue; set(v: FormValue): void } {
  const id = `pf-${f.name}`;
  if (f.type === 'multi') {
    const boxes = (f.options ?? []).map((o) => h('input', { type: 'checkbox', value: o.value, id: `${id}-${o.value}` }));
    const el = h(
      'fieldset',
      { class: 'pf-field pf-multi', 'data-field': f.name },
      h('legend', null, formLabel(f)),
      h('div', { class: 'pf-checks' }, boxes.map((b, i) => h('label', { for: b.id }, b, f.options![i]!.label))),
    );
    return {
      el,
      get: () => boxes.filter((b) => b.checked).map((b) => b.value),
      set: (v) => boxes.forEach((b) => (b.checked = Array.isArray(v) && v.includes(b.value))),
    };
  }
  let input: HTMLInputElement | HTMLSelectElement;
  if (f.type === 'boolean') {
    input = h('select', { id }, h('option', { value: '' }, '未知'), h('option', { value: 'true' }, '是'), h('option', { value: 'false' }, '否'));
  } else if (f.type === 'enum') {
    input = h('select', { id }, h('option', { value: '' }, '未填写'), (f.options ?? []).map((o) => h('option', { value: o.value }, o.label)));
  } else if (f.type === 'string') {
    input = h('input', { id, type: 'text', maxlength: f.maxLength ?? 100, autocomplete: 'off' });
  } else {
    input = h('input', {
      id,
      type: 'text',
      inputmode: f.type === 'integer' ? 'numeric' : 'decimal',
      autocomplete: 'off',
      placeholder: f.type === 'money' ? '万元' : '',
    });
  }
  const el = h('div', { class: `pf-field pf-${f.type}`, 'data-field': f.name }, h('label', { for: id }, formLabel(f)), input);
  return { el, get: () => input.value, set: (v) => (input.value = Array.isArray(v) ? '' : v) };
}

export function createProfileForm(schema: ProfileFormSchema): ProfileForm {
  const controls = new Map<string, ReturnType<typeof control>>();
  const fields = new Map<string, ProfileFormField>();
  const element = h(
    'div',
    { class: 'pf-groups' },
    schema.groups
      .filter((g) => g.fields.length)
      .map((g, i) =>
        h(
          'details',
          { class: 'pf-group', open: i < 3, 'data-group': g.id },
          h('summary', null, g.title),
          h(
            'div',
            { class: 'pf-grid' },
            g.fields.map((f) => {
              const c = control(f);
              controls.set(f.name, c);
              fields.set(f.name, f);
              return c.el;
            }),
          ),
        ),
      ),
  );
  const values = () => Object.fromEntries([...controls].map(([k, c]) => [k, c.get()]));
  return {
    element,
    read: () => profileFromValues(schema, values()),
    write(profile) {
      const changed: string[] = [];
      for (const [name, c] of controls) {
        const next = toFormValue(fields.get(name)!, (profile as Record<string, unknown>)[name]);
        if (JSON.stringify(next) !== JSON.stringify(c.get())) {
          changed.push(name);
          c.set(next);
          const group = c.el.closest('details');
          if (group && next.length) group.open = true;
        }
      }
      return changed;
    },
    clear() {
      for (const [name, c] of controls) c.set(fields.get(name)!.type === 'multi' ? [] : '');
    },
  };
}
