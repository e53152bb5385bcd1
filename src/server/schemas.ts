// Request schemas for the HTTP API (zod at the edge) and a parser that turns failures into
// one Chinese BAD_REQUEST message naming the field.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';

export interface Limits {
  maxMessageChars: number;
  maxHistoryTurns: number;
}

const turn = z.object({
  role: z.enum(['user', 'assistant'], { message: 'role 只能是 user 或 assistant' }),
  content: z.string({ message: 'content 必须是字符串' }).max(20_000, '单条历史消息过长'),
});

export function chatRequestSchema({ maxMessageChars, maxHistoryTurns }: Limits) {
  return z
    .object({
      message: z
        .string({ message: 'message 必须是字符串' })
        .refine((s) => s.trim().length > 0, '问题不能为空')
        .refine((s) => [...s].length <= maxMessageChars, `问题过长，请控制在 ${maxMessageChars} 字以内`),
      sessionId: z
        .string({ message: 'sessionId 必须是字符串' })
        .regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId 格式不正确（8–64 位字母、数字、下划线或连字符）')
        .optional(),
      history: z.array(turn).max(maxHistoryTurns, `历史消息过多，最多 ${maxHistoryTurns} 条`).optional(),
    })
    .strict();
}

export const unitRefSchema = z.string().regex(/^([a-z0-9][a-z0-9-]*:)?(\d{1,4}|s\d{1,3}|preamble|closing)$/, '条款编号格式不正确，例如 11、s2、preamble、closing');

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, '检索词不能为空').max(500, '检索词过长'),
  k: z.coerce.number().int().min(1).max(20).default(5),
  mode: z.enum(['hybrid', 'bm25', 'vector']).default('hybrid'),
});

const FIELD_ZH: Record<string, string> = { message: '问题', sessionId: '会话编号', history: '历史消息', q: '检索词' };

/** Parses input or throws AppError('BAD_REQUEST') with the first issue in Chinese. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const name = FIELD_ZH[field] ? `${FIELD_ZH[field]}（${issue.path.join('.')}）` : issue.path.join('.') || '请求体';
  let msg: string;
  if (issue.code === 'unrecognized_keys') msg = `请求包含不支持的字段：${issue.keys.join('、')}`;
  else if (issue.code === 'invalid_type' && issue.input === undefined) msg = `缺少必填字段：${name}`;
  else if (issue.code === 'invalid_type' && issue.path.length === 0) msg = '请求体必须是 JSON 对象';
  else msg = `${name}：${issue.message}`;
  throw new AppError('BAD_REQUEST', `${msg}。`, { details: r.error.issues.slice(0, 5) });
}
