// Gold file schemas and JSONL parsing with line-numbered Chinese errors (pure: text in, cases out).
import { z } from 'zod';

const ref = z.string().min(1, '引用不能为空');

export const GoldQuestionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1, 'question 不能为空'),
  expected_clauses: z.array(ref),
  must_include: z.array(z.string().min(1)).default([]),
  answerable: z.boolean(),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  must_not_cite: z.array(ref).optional(),
});
export type GoldQuestion = z.infer<typeof GoldQuestionSchema>;

export const GoldProfileSchema = z
  .object({
    id: z.string().min(1),
    description: z.string().optional(),
    profile: z.record(z.string(), z.unknown()).optional(),
    expected_clauses: z.array(ref),
    must_not: z.array(ref).default([]),
  })
  .refine((p) => p.description !== undefined || p.profile !== undefined, '至少需要 description 或 profile 之一');
export type GoldProfile = z.infer<typeof GoldProfileSchema>;

export class GoldFileError extends Error {
  constructor(readonly problems: string[]) {
    super(`金标准文件有 ${problems.length} 处错误：\n${problems.join('\n')}`);
    this.name = 'GoldFileError';
  }
}

/** Parses JSONL; blank lines and lines starting with // are skipped. Collects every bad line. */
export function parseJsonl<T>(text: string, schema: z.ZodType<T>, fileName = '文件'): T[] {
  const out: T[] = [];
  const problems: string[] = [];
  const ids = new Set<string>();
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
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((iss) => `${iss.path.join('.') || '(整行)'}：${iss.message}`).join('；');
      problems.push(`${fileName} 第 ${i + 1} 行：${detail}`);
      return;
    }
    const id = (parsed.data as { id?: string }).id;
    if (id !== undefined) {
      if (ids.has(id)) problems.push(`${fileName} 第 ${i + 1} 行：id "${id}" 重复`);
      ids.add(id);
    }
    out.push(parsed.data);
  });
  if (problems.length) throw new GoldFileError(problems);
  return out;
}
