// Request schemas for the HTTP API (zod at the edge) and a parser that turns failures into
// one Chinese BAD_REQUEST message naming the field.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { CompanyProfileSchema } from '../matching/profile.js';
import { LIMITS } from '../storage/validate.js';
import { normalizeInbound, type InboundTextOptions } from '../text/normalize-inbound.js';

export interface Limits {
  maxMessageChars: number;
  maxHistoryTurns: number;
}

/**
 * A text field typed by a user: normalised once here (see text/normalize-inbound), so that the
 * guard, retrieval and storage see the same characters, and checks after it (length, emptiness)
 * apply to the normalised text.
 */
export function inboundText(message: string, opts: InboundTextOptions = {}) {
  return z.string({ message }).overwrite((s) => normalizeInbound(s, opts));
}

const turn = z.object({
  role: z.enum(['user', 'assistant'], { message: 'role 只能是 user 或 assistant' }),
  content: inboundText('content 必须是字符串', { simplified: true }).max(20_000, '单条历史消息过长'),
});

export function chatRequestSchema({ maxMessageChars, maxHistoryTurns }: Limits) {
  return z
    .object({
      message: inboundText('message 必须是字符串', { simplified: true })
        .refine((s) => s.length > 0, '问题不能为空')
        .refine((s) => [...s].length <= maxMessageChars, `问题过长，请控制在 ${maxMessageChars} 字以内`),
      sessionId: z
        .string({ message: 'sessionId 必须是字符串' })
        .regex(/^[A-Za-z0-9_-]{8,64}$/, 'sessionId 格式不正确（8–64 位字母、数字、下划线或连字符）')
        .optional(),
      history: z.array(turn).max(maxHistoryTurns, `历史消息过多，最多 ${maxHistoryTurns} 条`).optional(),
      /** The company profile known so far (e.g. the staff console's form); later chat statements override it. */
      profile: CompanyProfileSchema.strict().optional(),
      /** The asker's region: a name (温州市) or a 6-digit code; the widget's data-region. */
      region: z.string({ message: 'region 必须是地区名称或 6 位行政区划代码' }).trim().min(1).max(40, 'region 过长').optional(),
    })
    .strict();
}

// Any unit ref a segmenter makes (11, s2, s2.3, card17, q4, annex, preamble, closing), with or
// without its document: "<docId>:<ref>".
export const unitRefSchema = z.string().regex(/^([a-z0-9][a-z0-9-]{0,79}:)?[a-z0-9][a-z0-9.]{0,40}$/, '条款编号格式不正确，例如 wzzb-2024-11:11、11、s2、preamble、closing');

/**
 * The :ref path parameter of GET /api/units/:ref. A malformed ref is a bad parameter (400) named
 * as such — not a body error; a well-formed ref that no unit has is the route's 404.
 */
export function parseUnitRef(raw: string): string {
  const r = unitRefSchema.safeParse(raw);
  if (r.success) return r.data;
  // Echo a short, printable prefix only: the parameter is the client's text.
  const shown = raw.replace(/[\p{C}]/gu, '').slice(0, 40);
  throw new AppError(
    'BAD_REQUEST',
    `条款编号格式不正确${shown ? `：“${shown}”` : ''}。地址中的条款编号应为 <文件编号>:<条款编号>，如 wzzb-2024-11:11、wzzb-2024-11:s2；只有一份文件时也可只写 11、s2、preamble、closing。`,
    { details: [{ path: ['ref'], message: 'invalid unit ref' }] },
  );
}

export const searchQuerySchema = z.object({
  q: inboundText('检索词必须是文本', { simplified: true }).min(1, '检索词不能为空').max(500, '检索词过长'),
  k: z.coerce.number().int().min(1).max(20).default(5),
  mode: z.enum(['hybrid', 'bm25', 'vector']).default('hybrid'),
});

const idSchema = (name: string) =>
  z.string({ message: `${name} 必须是字符串` }).regex(/^[A-Za-z0-9_-]{8,64}$/, `${name} 格式不正确（8–64 位字母、数字、下划线或连字符）`);
const ratingSchema = z.enum(['up', 'down'], { message: 'rating 只能是 up（有用）或 down（没用）' });
const boundedText = (name: string, max: number, min = 0) =>
  z
    .string({ message: `${name} 必须是字符串` })
    .max(max, `${name} 过长，最多 ${max} 字`)
    .refine((s) => s.trim().length >= min, `${name} 不能为空`);
/** Like boundedText for what the user typed (normalised first, see inboundText). */
const boundedInbound = (name: string, max: number, min = 0, opts: InboundTextOptions = {}) =>
  inboundText(`${name} 必须是字符串`, opts)
    .max(max, `${name} 过长，最多 ${max} 字`)
    .refine((s) => s.length >= min, `${name} 不能为空`);

/**
 * POST /api/feedback: a rating of one stored answer. The client names the turn; the server takes
 * the question, answer and citations from what it stored for that turn. Fields older widgets
 * still send (question, answer, citations, retrievedRefs) are accepted and ignored.
 */
export const feedbackRequestSchema = z.object({
  sessionId: idSchema('sessionId'),
  turnId: idSchema('turnId'),
  rating: ratingSchema,
  comment: boundedInbound('comment', LIMITS.comment, 0, { keepLineBreaks: true }).nullable().optional(),
  question: z.unknown().optional().transform(() => undefined),
  answer: z.unknown().optional().transform(() => undefined),
  citations: z.unknown().optional().transform(() => undefined),
  retrievedRefs: z.unknown().optional().transform(() => undefined),
}).strict();

const queryInt = (name: string, min: number, max: number, def: number) =>
  z.coerce
    .number({ message: `${name} 必须是数字` })
    .int(`${name} 必须是整数`)
    .min(min, `${name} 不能小于 ${min}`)
    .max(max, `${name} 不能大于 ${max}`)
    .default(def);

const SINCE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A calendar date or date-time (ISO 8601 subset) as a Date, or undefined when it names no real
 * moment: 2025-02-30, 2025-13-01, 24:00 and +25:00 are refused (Date would roll them over).
 * A date alone is midnight UTC; a time without an offset is server-local, as Date parses it.
 */
export function parseCalendarDate(s: string): Date | undefined {
  const m = SINCE_FORMAT.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  const probe = new Date(Date.UTC(y!, mo! - 1, d!, h, mi, sec));
  const real =
    probe.getUTCFullYear() === y && probe.getUTCMonth() === mo! - 1 && probe.getUTCDate() === d && probe.getUTCHours() === h && probe.getUTCMinutes() === mi && probe.getUTCSeconds() === sec;
  const zone = m[8] && m[8] !== 'Z' ? /^[+-](\d{2}):?(\d{2})$/.exec(m[8]) : null;
  if (!real || (zone && (Number(zone[1]) > 14 || Number(zone[2]) > 59))) return undefined;
  const date = new Date(zone ? s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : s);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const sinceSchema = z
  .string({ message: '必须是日期，例如 2025-01-31' })
  .regex(SINCE_FORMAT, '必须是日期，例如 2025-01-31 或 2025-01-31T08:00:00+08:00')
  .transform((s, ctx) => {
    const date = parseCalendarDate(s);
    if (date) return date;
    ctx.addIssue({ code: 'custom', message: `${s} 不是真实存在的日期或时间，请检查年、月、日和时刻，例如 2025-02-28` });
    return z.NEVER;
  })
  .optional();

/** GET /api/staff/feedback query string. */
export const staffFeedbackQuerySchema = z.object({
  rating: ratingSchema.optional(),
  since: sinceSchema,
  limit: queryInt('limit', 1, LIMITS.pageSize, 50),
  offset: queryInt('offset', 0, 1_000_000_000, 0),
});

/** GET /api/staff/feedback/export query string. */
export const staffExportQuerySchema = z.object({ rating: ratingSchema.optional(), since: sinceSchema });

const FIELD_ZH: Record<string, string> = {
  message: '问题',
  sessionId: '会话编号',
  history: '历史消息',
  q: '检索词',
  turnId: '回答编号',
  rating: '评价',
  comment: '评论',
  question: '问题',
  answer: '回答',
  citations: '引用',
  limit: '每页条数',
  offset: '偏移量',
  since: '起始时间',
};

/** The value at a zod issue path in the raw input (zod 4 does not report inputs by default). */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let cur: unknown = input;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

/** Parses input or throws AppError('BAD_REQUEST') with the first issue in Chinese. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const name = FIELD_ZH[field] ? `${FIELD_ZH[field]}（${issue.path.join('.')}）` : issue.path.join('.') || '请求体';
  let msg: string;
  if (issue.code === 'unrecognized_keys') msg = `请求包含不支持的字段：${issue.keys.join('、')}`;
  else if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) msg = `缺少必填字段：${name}`;
  else if (issue.code === 'invalid_type' && issue.path.length === 0) msg = '请求体必须是 JSON 对象';
  else msg = `${name}：${/[\u4e00-\u9fff]/.test(issue.message) ? issue.message : chineseIssue(issue)}`;
  throw new AppError('BAD_REQUEST', `${msg}。`, { details: r.error.issues.slice(0, 5) });
}

const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', boolean: 'true 或 false', object: 'JSON 对象', array: '列表', null: 'null' };

/** A Chinese fallback for zod's default (English) messages, so every 400 reads the same way. */
function chineseIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `类型不正确，应为${TYPE_ZH[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `取值无效，可选值：${issue.values.map(String).join('、')}`;
    case 'too_big':
      return `超出上限（${String(issue.maximum)}）`;
    case 'too_small':
      return `低于下限（${String(issue.minimum)}）`;
    case 'invalid_format':
      return '格式不正确';
    default:
      return '格式不正确，请检查后重试';
  }
}
