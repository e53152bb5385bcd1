// Validation at the store boundary: small zod builders with Chinese messages, and parseInput,
// which turns a failure into AppError('BAD_REQUEST'). Limits are exported for the request schemas.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';

/** Largest accepted sizes, in characters (or items for arrays). */
export const LIMITS = {
  id: 128,
  clientId: 200,
  comment: 2000,
  question: 20_000,
  answer: 20_000,
  turnContent: 20_000,
  citations: 50,
  ref: 200,
  label: 500,
  quote: 2000,
  docTitle: 500,
  refs: 200,
  profileJson: 50_000,
  pageSize: 500,
  turnsPerRead: 1000,
} as const;

export function text(label: string, { min = 0, max }: { min?: number; max: number }) {
  let schema = z.string({ error: `${label}必须是文本` }).max(max, `${label}不能超过 ${max} 字`);
  if (min > 0) schema = schema.min(min, `${label}不能为空`);
  return schema;
}

export const identifier = (label: string) => text(label, { min: 1, max: LIMITS.id });

export const date = (label: string) => z.date({ error: `${label}必须是有效的日期时间` });

export const refList = (label: string) =>
  z
    .array(text(`${label}中的条款编号`, { min: 1, max: LIMITS.ref }), { error: `${label}必须是条款编号列表` })
    .max(LIMITS.refs, `${label}不能超过 ${LIMITS.refs} 条`);

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const text = [...new Set(issues.map((i) => i.message))].join('；');
  throw new AppError('BAD_REQUEST', `${what}无效：${text}。请修改后重试。`, { details: issues });
}
