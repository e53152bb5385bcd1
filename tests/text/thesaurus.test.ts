import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { expandQuery, parseThesaurus, withThesaurus } from '../../src/text/dictionaries.js';
import { canonicalForMatch } from '../../src/text/canonical.js';

const thesaurus = parseThesaurus(readFileSync('corpus/dict/thesaurus.txt', 'utf8'));

function corpusText(): string {
  return readdirSync('corpus/units')
    .filter((f) => f.endsWith('.units.json'))
    .flatMap((f) => {
      const j = JSON.parse(readFileSync(`corpus/units/${f}`, 'utf8')) as unknown;
      const units = (Array.isArray(j) ? j : (j as { units: unknown[] }).units) as Array<{ title: string; text: string; units?: string[] }>;
      return units.map((u) => `${u.title}${u.text}${(u.units ?? []).join('、')}`);
    })
    .map(canonicalForMatch)
    .join('\n');
}

describe('policy thesaurus', () => {
  it('every target is a term some document in the corpus uses', () => {
    const text = corpusText();
    const rotten = thesaurus.filter((e) => !text.includes(canonicalForMatch(e.target))).map((e) => e.target);
    expect(rotten).toEqual([]);
  });

  it('is organised by category and covers many documents’ terms', () => {
    expect(thesaurus.length).toBeGreaterThan(80);
    expect(new Set(thesaurus.map((e) => e.category)).size).toBeGreaterThanOrEqual(8);
    expect(thesaurus.every((e) => e.category && e.colloquial.length > 0)).toBe(true);
  });

  it('expands an everyday word to the document term and keeps the user’s words', () => {
    const map = withThesaurus(new Map(), parseThesaurus('# 交通\n新能源汽车 <- 电动车, 电车\n'));
    expect(expandQuery('买电动车有啥说法', map)).toBe('买电动车有啥说法 新能源汽车');
    expect(map.get('电车')).toEqual(['新能源汽车']);
  });

  it('no colloquial form is itself claimed by two unrelated targets', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of thesaurus) for (const c of e.colloquial) {
      const before = seen.get(c);
      if (before && before !== e.target) clashes.push(`${c}: ${before} / ${e.target}`);
      seen.set(c, e.target);
    }
    expect(clashes).toEqual([]);
  });
});
