// Gold file schemas and JSONL parsing with line-numbered Chinese errors (pure: text in, cases out).
import { z } from 'zod';

/** "11", "s2", "s4.1", "card3", "q2", "preamble", "closing", "annex", optionally qualified as "<docId>:11". */
export const REF_PATTERN = /^(?:[A-Za-z0-9][\w.-]*:)?(?:(?:s|card|q)?\d+(?:\.\d+)*|preamble|closing|annex)$/;

const ref = z
  .string()
  .min(1, '引用不能为空')
  .regex(REF_PATTERN, '引用格式应为 "11"、"s2"、"card3"、"preamble"、"closing" 或 "<文档id>:11"');

const overlap = (a: string[], b: string[]) => a.filter((x) => b.includes(x));

/** Optional provenance fields, used by cases exported from staff-console feedback. */
const provenance = {
  source: z.string().optional(),
  note: z.string().optional(),
};

export const GoldQuestionSchema = z.strictObject({
  id: z.string().min(1, 'id 不能为空'),
  question: z.string().min(1, 'question 不能为空'),
  expected_clauses: z.array(ref),
  must_include: z.array(z.string().min(1, 'must_include 中不能有空字符串')).default([]),
  answerable: z.boolean(),
  history: z.array(z.strictObject({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  must_not_cite: z.array(ref).optional(),
  ...provenance,
}).refine((q) => overlap(q.expected_clauses, q.must_not_cite ?? []).length === 0, {
  path: ['must_not_cite'],
  message: '有条款同时出现在 expected_clauses 和 must_not_cite 中',
});
export type GoldQuestion = z.infer<typeof GoldQuestionSchema>;

export const GoldProfileSchema = z
  .strictObject({
    id: z.string().min(1, 'id 不能为空'),
    description: z.string().min(1, 'description 不能为空').optional(),
    profile: z.record(z.string(), z.unknown()).optional(),
    expected_clauses: z.array(ref),
    must_not: z.array(ref).default([]),
    ...provenance,
  })
  .refine((p) => p.description !== undefined || p.profile !== undefined, '至少需要 description 或 profile 之一')
  .refine((p) => overlap(p.expected_clauses, p.must_not).length === 0, {
    path: ['must_not'],
    message: '有条款同时出现在 expected_clauses 和 must_not 中',
  });
export type GoldProfile = z.infer<typeof GoldProfileSchema>;

export class GoldFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`金标准文件有 ${problems.length} 处错误：\n${problems.join('\n')}`);
    this.name = 'GoldFileError';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '字符串',
  number: '数字',
  boolean: '布尔值（true/false）',
  array: '数组',
  object: '对象',
  record: '对象',
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return '数组';
  return TYPE_NAMES[typeof v] ?? typeof v;
}

/** Chinese messages for the zod issues a hand-written gold line typically triggers. */
function chineseIssue(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return '缺少必填字段';
      return `应为${TYPE_NAMES[iss.expected] ?? iss.expected}，实际是${typeOf(iss.input)}`;
    case 'unrecognized_keys':
      return `未知字段 ${iss.keys.map((k) => `"${k}"`).join('、')}（检查拼写；允许的字段见 evals/README.md）`;
    case 'invalid_value':
      return `取值必须是 ${iss.values.map((v) => JSON.stringify(v)).join(' / ')} 之一`;
    default:
      return undefined; // keep the schema's own (Chinese) message
  }
}

/** Parses JSONL; blank lines and lines starting with // are skipped. Collects every bad line. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>, fileName = '文件'): T[] {
  const out: T[] = [];
  const problems: string[] = [];
  const ids = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('//')) return;
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      problems.push(`${fileName} 第 ${i + 1} 行：不是合法的 JSON（${(err as Error).message}）`);
      return;
    }
    const parsed = schema.safeParse(json, { error: chineseIssue });
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((iss) => `字段 ${iss.path.join('.') || '(整行)'}：${iss.message}`)
        .join('；');
      problems.push(`${fileName} 第 ${i + 1} 行：${detail}`);
      return;
    }
    const id = (parsed.data as { id?: string }).id;
    if (id !== undefined) {
      const first = ids.get(id);
      if (first !== undefined) problems.push(`${fileName} 第 ${i + 1} 行：字段 id："${id}" 与第 ${first} 行重复`);
      else ids.set(id, i + 1);
    }
    out.push(parsed.data);
  });
  if (problems.length) throw new GoldFileError(problems);
  return out;
}
