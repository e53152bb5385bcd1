// Converting between profile values and the console's form controls (pure). Amounts in 元 are
// edited in 万元 (staff hear 「营收八千万」); booleans are tri-state (未知/是/否) because an
// absent field means "unknown", never "no".
import type { CompanyProfile, ProfileFormField, ProfileFormSchema } from '../shared/types.js';
import { formatYuan } from '../shared/labels.js';

export type FormValue = string | string[];

export const WAN = 10_000;

/** Label shown in the form (amounts relabelled to 万元). */
export function formLabel(f: ProfileFormField): string {
  return f.type === 'money' ? f.label.replace('（单位：元）', '（单位：万元）') : f.label;
}

export function toFormValue(f: ProfileFormField, value: unknown): FormValue {
  if (value === undefined || value === null) return f.type === 'multi' ? [] : '';
  switch (f.type) {
    case 'boolean':
      return value === true ? 'true' : value === false ? 'false' : '';
    case 'multi':
      return Array.isArray(value) ? value.map(String) : [];
    case 'money':
      return typeof value === 'number' ? String(Math.round((value / WAN) * 10_000) / 10_000) : '';
    default:
      return String(value);
  }
}

/** Parses one control's value; undefined = not filled; an Error names what is wrong. */
export function fromFormValue(f: ProfileFormField, raw: FormValue): unknown {
  if (Array.isArray(raw)) return raw.length ? raw : undefined;
  const s = raw.trim();
  if (s === '') return undefined;
  switch (f.type) {
    case 'boolean':
      return s === 'true';
    case 'enum':
    case 'string':
      return s;
    default: {
      const n = Number(s.replace(/[,，\s]/gu, ''));
      if (!Number.isFinite(n)) return new Error(`“${formLabel(f)}”应填写数字`);
      if (f.min !== undefined && n < f.min) return new Error(`“${formLabel(f)}”不能小于 ${f.min}`);
      if (f.max !== undefined && n > f.max) return new Error(`“${formLabel(f)}”不能大于 ${f.max}`);
      if (f.type === 'integer' && !Number.isInteger(n)) return new Error(`“${formLabel(f)}”应填写整数`);
      return f.type === 'money' ? Math.round(n * WAN * 100) / 100 : n;
    }
  }
}

/** The profile from all controls, plus errors (Chinese) for controls that do not parse. */
export function profileFromValues(schema: ProfileFormSchema, values: Record<string, FormValue>): { profile: CompanyProfile; errors: string[] } {
  const profile: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const g of schema.groups)
    for (const f of g.fields) {
      const v = fromFormValue(f, values[f.name] ?? (f.type === 'multi' ? [] : ''));
      if (v instanceof Error) errors.push(v.message);
      else if (v !== undefined) profile[f.name] = v;
    }
  return { profile: profile as CompanyProfile, errors };
}

/** A readable value for summaries (print view, CSV). */
export function displayValue(f: ProfileFormField, value: unknown): string {
  if (value === undefined || value === null) return '';
  const label = (v: string) => f.options?.find((o) => o.value === v)?.label ?? v;
  switch (f.type) {
    case 'boolean':
      return value ? '是' : '否';
    case 'enum':
      return label(String(value));
    case 'multi':
      return Array.isArray(value) ? value.map((v) => label(String(v))).join('、') : '';
    case 'money':
      return typeof value === 'number' ? formatYuan(value) : String(value);
    default:
      return String(value);
  }
}

/** Field label without the unit/parenthesised help, for compact summaries. */
export function shortLabel(f: ProfileFormField): string {
  return f.label.replace(/（单位：[^）]*）$/u, '').replace(/^是否(为|有|在)?/u, '');
}

export function profileSummary(schema: ProfileFormSchema, profile: CompanyProfile): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  for (const g of schema.groups)
    for (const f of g.fields) {
      const v = displayValue(f, (profile as Record<string, unknown>)[f.name]);
      if (v) out.push({ label: f.type === 'boolean' ? f.label : shortLabel(f), value: v });
    }
  return out;
}
