import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { expandQuery, parseThesaurus, withThesaurus } from '../../src/text/dictionaries.js';
import { canonicalForMatch } from '../../src/text/canonical.js';
import { loadTextTools } from '../../src/text/load-tokenizer.js';

const thesaurus = parseThesaurus(readFileSync('corpus/dict/thesaurus.txt', 'utf8'));

/** Each document's text (titles, clauses, listed sub-units), in canonical form. */
function documentTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of readdirSync('corpus/units').filter((x) => x.endsWith('.units.json'))) {
    const j = JSON.parse(readFileSync(`corpus/units/${f}`, 'utf8')) as unknown;
    const units = (Array.isArray(j) ? j : (j as { units: unknown[] }).units) as Array<{ title: string; text: string; units?: string[] }>;
    out.set(f.replace(/\.units\.json$/, ''), canonicalForMatch(units.map((u) => `${u.title}${u.text}${(u.units ?? []).join('、')}`).join('\n')));
  }
  return out;
}

const docs = documentTexts();
const corpus = [...docs.values()].join('\n');

/**
 * Everyday forms deliberately listed under more than one target, because each target is a right
 * reading of them (no collateral → the data-credit reform and the guarantee funds' "insufficient
 * collateral" clause). Any other form listed twice is a slip.
 */
const SHARED = new Set(['没有抵押物', '没抵押物', '没抵押']);

/**
 * One-character forms are too loose for a substring match, with one exception: the segmenter
 * leaves the verb 买 standing alone ("电动汽车/买/了"), so only the form 买 lets it count as the
 * documents' 购买 when the question's coverage is weighed.
 */
const SINGLE_CHARACTER = new Set(['买']);

describe('policy thesaurus', () => {
  it('every target is a term some document in the corpus uses', () => {
    const rotten = thesaurus.filter((e) => !corpus.includes(canonicalForMatch(e.target))).map((e) => e.target);
    expect(rotten).toEqual([]);
  });

  it('is organised by category, systematic in size and covers every document', () => {
    expect(thesaurus.length).toBeGreaterThanOrEqual(250);
    expect(new Set(thesaurus.map((e) => e.category)).size).toBeGreaterThanOrEqual(12);
    expect(thesaurus.every((e) => e.category && e.colloquial.length > 0)).toBe(true);
    const uncovered = [...docs].filter(([, text]) => !thesaurus.some((e) => text.includes(canonicalForMatch(e.target)))).map(([id]) => id);
    expect(uncovered).toEqual([]);
  });

  it('each target has one line, and its forms are distinct, not the target itself, and (but for 买) at least two characters', () => {
    const targets = thesaurus.map((e) => e.target);
    expect(targets.filter((t, i) => targets.indexOf(t) !== i)).toEqual([]);
    const bad: string[] = [];
    for (const e of thesaurus) {
      const raw = readFileSync('corpus/dict/thesaurus.txt', 'utf8')
        .split(/\r?\n/)
        .find((l) => l.trim().startsWith(`${e.target} <-`))!;
      const forms = raw.slice(raw.indexOf('<-') + 2).split(/[,，、]/).map((v) => v.trim()).filter(Boolean);
      for (const [i, c] of forms.entries()) {
        if (c === e.target) bad.push(`${e.target}: form equals target`);
        if ([...c].length < 2 && !SINGLE_CHARACTER.has(c)) bad.push(`${e.target}: single character "${c}"`);
        if (forms.indexOf(c) !== i) bad.push(`${e.target}: "${c}" listed twice`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('expands an everyday word to the document term and keeps the user’s words', () => {
    const map = withThesaurus(new Map(), parseThesaurus('# 交通\n新能源汽车 <- 电动车, 电车\n'));
    expect(expandQuery('买电动车有啥说法', map)).toBe('买电动车有啥说法 新能源汽车');
    expect(map.get('电车')).toEqual(['新能源汽车']);
  });

  it('the shipped dictionaries read a common misspelling as the word meant, and hearsay as no topic', () => {
    const tools = loadTextTools('corpus');
    expect(tools.expand('第一次升规有奖历吗')).toContain('奖励');
    expect(tools.expand('补帖怎么申情')).toContain('补贴');
    expect(tools.expand('补帖怎么申情')).toContain('申请');
    expect(tools.tokenizer.tokenize('听说升规有奖励')).not.toContain('听说');
    // "至少/最少 X" is how people say the documents' "不低于 X".
    expect(tools.expand('生活补贴最少发多少')).toContain('不低于');
  });

  it('no colloquial form is claimed by two targets unless it is a declared shared form', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const e of thesaurus) for (const c of e.colloquial) {
      const before = seen.get(c);
      if (before && before !== e.target && !SHARED.has(c)) clashes.push(`${c}: ${before} / ${e.target}`);
      seen.set(c, e.target);
    }
    expect(clashes).toEqual([]);
    for (const c of SHARED) expect(thesaurus.filter((e) => e.colloquial.includes(c)).length).toBeGreaterThan(1);
  });

  it('a form shared by two targets expands to both', () => {
    const map = withThesaurus(new Map(), thesaurus);
    expect(map.get('没有抵押物')).toEqual(expect.arrayContaining(['数据得贷', '抵质押品']));
  });
});
