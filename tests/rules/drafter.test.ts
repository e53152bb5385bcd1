// The offline drafter on clauses we wrote ourselves: each finding carries its sentence as quote,
// drafts are unreviewed, and drafted files pass the load-time quote check.
import { describe, expect, it } from 'vitest';
import { contains, placesInText } from '../../src/ingest/divisions.js';
import { draftRules } from '../../src/rules/drafter.js';
import { ruleFileProblems } from '../../src/rules/quote-check.js';
import { buildRegistry, parseFactFile } from '../../src/rules/fact-registry.js';
import { readFileSync } from 'node:fs';
import { doc, registry, unit } from './rules-fixtures.js';

const texts = {
  '1': '对首次认定为专精特新中小企业的，给予一次性奖励10万元，最高不超过20万元。',
  '2': '对年销售收入达到5000万元及以上的规模以上企业，按新增投资额的10%给予补助。',
  '3': '高校毕业生在本区创业且登记注册满6个月的，每人补贴8000元，补贴期限不超过2年；年龄不超过35周岁。',
  '4': '本办法自发布之日起施行，有效期三年。',
};
const d = doc('mine', '440106', 'district-county');
const units = Object.entries(texts).map(([ref, t]) => unit('mine', ref, t));
const { file, facts } = draftRules({ doc: d, units, registry, places: placesInText, contains });
const rule = (ref: string) => file.rules.find((r) => r.ref === ref)!;
const values = (ref: string, kind: string) => (rule(ref).findings ?? []).filter((f) => f.kind === kind).map((f) => (f.op ? `${f.op}:${f.value}` : f.value));

describe('draftRules', () => {
  it('finds qualifications, amounts and caps', () => {
    expect(values('1', 'qualification')).toContain('specialized_new');
    expect(values('1', 'amount')).toEqual([100_000]);
    expect(values('1', 'cap')).toEqual([200_000]);
    expect(rule('1').benefits.some((b) => b.formula?.kind === 'fixed')).toBe(true);
  });

  it('finds thresholds with their comparison, percentages and the fact they bound', () => {
    expect(values('2', 'threshold')).toContain('gte:50000000');
    expect(rule('2').findings!.find((f) => f.kind === 'threshold')!.fact).toBe('revenue');
    expect(values('2', 'percentage')).toEqual([10]);
    expect(values('2', 'qualification')).toContain('aboveScale');
  });

  it('finds subjects, durations and ages', () => {
    expect(values('3', 'subject')).toContain('college_graduate');
    expect(values('3', 'duration')).toEqual(expect.arrayContaining([6, 24]));
    expect(values('3', 'threshold')).toContain('lte:35');
    expect(values('3', 'amount')).toContain(8000);
  });

  it('leaves the effective-date clause internal', () => {
    expect(rule('4').actionability).toBe('internal');
  });

  it('every finding quotes a sentence of its own clause; drafts are unreviewed and pass the load check', () => {
    for (const r of file.rules) {
      expect(r.reviewed).toBe(false);
      for (const f of r.findings ?? []) expect(texts[r.ref as keyof typeof texts]).toContain(f.quote);
    }
    const core = parseFactFile(JSON.parse(readFileSync('corpus/facts/core.facts.json', 'utf8')));
    expect(ruleFileProblems(file, units, buildRegistry([core, facts]))).toEqual([]);
  });
});
