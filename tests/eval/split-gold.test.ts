import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { GoldQuestionSchema, parseJsonl, type GoldQuestion } from '../../src/eval/gold.js';
import { splitGold, stratumOf } from '../../src/eval/split-gold.js';

const read = (f: string) => parseJsonl(readFileSync(f, 'utf8'), GoldQuestionSchema, f);
const q = (id: string, ref: string | null, extra: Partial<GoldQuestion> = {}): GoldQuestion => ({
  id,
  question: `问题${id}`,
  expected_clauses: ref ? [ref] : [],
  must_include: [],
  answerable: ref !== null,
  ...extra,
});

describe('splitGold', () => {
  it('puts about two in five of every clause in test and keeps the input order', () => {
    const cases = Array.from({ length: 50 }, (_, i) => q(`c${i}`, `d:${i % 5}`));
    const { dev, test } = splitGold(cases);
    expect(dev.length + test.length).toBe(50);
    expect(test.length).toBe(20);
    for (let r = 0; r < 5; r++) {
      const n = test.filter((c) => c.expected_clauses[0] === `d:${r}`).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(5);
    }
    expect(test.map((c) => c.id)).toEqual(cases.filter((c) => test.includes(c)).map((c) => c.id));
  });

  it('is deterministic and separates follow-ups and unanswerable cases into their own strata', () => {
    const cases = [q('a', 'd:1'), q('b', 'd:1', { history: [{ role: 'user', content: 'x' }] }), q('c', null)];
    expect(cases.map(stratumOf)).toEqual(['d:1|single', 'd:1|follow-up', 'unanswerable|single']);
    expect(splitGold(cases)).toEqual(splitGold(cases));
  });
});

describe('the committed split', () => {
  const combined = read('evals/gold/questions.jsonl');
  const dev = read('evals/gold/questions.dev.jsonl');
  const test = read('evals/gold/questions.test.jsonl');

  it('dev and test never share a case or a question text', () => {
    const devIds = new Set(dev.map((c) => c.id));
    const devTexts = new Set(dev.map((c) => c.question));
    expect(test.filter((c) => devIds.has(c.id))).toEqual([]);
    expect(test.filter((c) => !c.history && devTexts.has(c.question)).map((c) => c.id)).toEqual([]);
  });

  it('the split part is exactly splitGold of the combined file, so the combined file cannot drift', () => {
    const { dev: d, test: t } = splitGold(combined);
    expect(dev.filter((c) => !c.source?.startsWith('dev-fresh'))).toEqual(d);
    expect(test.filter((c) => c.source !== 'held-out')).toEqual(t);
  });

  it('dev holds at least 80 fresh everyday questions, answerable and not, some with history', () => {
    const fresh = dev.filter((c) => c.source === 'dev-fresh');
    expect(fresh.length).toBeGreaterThanOrEqual(80);
    expect(fresh.some((c) => c.answerable)).toBe(true);
    expect(fresh.some((c) => !c.answerable)).toBe(true);
    expect(fresh.filter((c) => c.history?.length).length).toBeGreaterThanOrEqual(5);
  });

  it('dev holds at least 80 questions of the second fresh batch (dev-fresh2), answerable and not, some with history', () => {
    const fresh2 = dev.filter((c) => c.source === 'dev-fresh2');
    expect(fresh2.length).toBeGreaterThanOrEqual(80);
    expect(fresh2.some((c) => c.answerable)).toBe(true);
    expect(fresh2.some((c) => !c.answerable)).toBe(true);
    expect(fresh2.filter((c) => c.history?.length).length).toBeGreaterThanOrEqual(5);
  });

  it('test holds at least 80 questions written after the split, answerable and not', () => {
    const fresh = test.filter((c) => c.source === 'held-out');
    expect(fresh.length).toBeGreaterThanOrEqual(80);
    expect(fresh.some((c) => !c.answerable)).toBe(true);
    expect(fresh.filter((c) => c.history?.length).length).toBeGreaterThanOrEqual(5);
  });
});
