import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GoldFileError, GoldProfileSchema, GoldQuestionSchema, parseJsonl } from '../../src/eval/gold.js';

function problems(text: string, schema: Parameters<typeof parseJsonl>[1] = GoldQuestionSchema): string[] {
  try {
    parseJsonl(text, schema, 'q.jsonl');
  } catch (err) {
    expect(err).toBeInstanceOf(GoldFileError);
    return (err as GoldFileError).problems;
  }
  throw new Error('expected a GoldFileError');
}

const good = { id: 'q1', question: '研发有补助吗', expected_clauses: ['11'], must_include: ['300万元'], answerable: true };

describe('parseJsonl', () => {
  it('parses the committed gold files', () => {
    expect(parseJsonl(readFileSync('evals/gold/questions.jsonl', 'utf8'), GoldQuestionSchema).length).toBeGreaterThan(300);
    expect(parseJsonl(readFileSync('evals/gold/profiles.jsonl', 'utf8'), GoldProfileSchema).length).toBeGreaterThan(40);
  });

  it('skips blank and // comment lines, defaults must_include', () => {
    const out = parseJsonl(`// header\n\n${JSON.stringify({ ...good, must_include: undefined })}\n`, GoldQuestionSchema);
    expect(out).toHaveLength(1);
    expect(out[0]!.must_include).toEqual([]);
  });

  it('names file, line and field in Chinese for every bad line', () => {
    const lines = [
      JSON.stringify(good),
      '{not json',
      JSON.stringify({ ...good, id: 'q2', answerable: 'yes' }),
      JSON.stringify({ ...good, id: 'q3', question: undefined }),
      JSON.stringify({ ...good, id: 'q4', must_includes: ['x'] }),
      JSON.stringify({ ...good, id: 'q5', expected_clauses: ['第11条'] }),
      JSON.stringify({ ...good, id: 'q6', history: [{ role: 'bot', content: 'x' }] }),
      JSON.stringify(good),
    ];
    const p = problems(lines.join('\n'));
    expect(p).toHaveLength(7);
    expect(p[0]).toMatch(/^q\.jsonl 第 2 行：不是合法的 JSON/);
    expect(p[1]).toBe('q.jsonl 第 3 行：字段 answerable：应为布尔值（true/false），实际是字符串');
    expect(p[2]).toBe('q.jsonl 第 4 行：字段 question：缺少必填字段');
    expect(p[3]).toContain('第 5 行：字段 (整行)：未知字段 "must_includes"');
    expect(p[4]).toContain('第 6 行：字段 expected_clauses.0：引用格式应为');
    expect(p[5]).toContain('第 7 行：字段 history.0.role：取值必须是 "user" / "assistant" 之一');
    expect(p[6]).toBe('q.jsonl 第 8 行：字段 id："q1" 与第 1 行重复');
  });

  it('accepts qualified refs and provenance fields from feedback exports', () => {
    const line = JSON.stringify({ ...good, expected_clauses: ['wzzb-2024-11:11', 's2', 'preamble', 'closing'], source: 'feedback:42', note: '用户反馈' });
    expect(parseJsonl(line, GoldQuestionSchema)[0]!.source).toBe('feedback:42');
  });

  it('profiles need a description or a profile', () => {
    const p = problems(JSON.stringify({ id: 'p1', expected_clauses: [], must_not: [] }), GoldProfileSchema);
    expect(p[0]).toContain('至少需要 description 或 profile 之一');
  });

  it('rejects a ref listed both as expected and forbidden', () => {
    expect(problems(JSON.stringify({ ...good, must_not_cite: ['11'] }))[0]).toContain('同时出现在');
    const prof = JSON.stringify({ id: 'p1', description: 'x', expected_clauses: ['11'], must_not: ['11'] });
    expect(problems(prof, GoldProfileSchema)[0]).toContain('同时出现在');
  });
});
