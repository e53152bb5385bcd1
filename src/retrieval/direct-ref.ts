// Resolves queries that name a unit directly: 第十一条, 第11条, 11条, 条款11, 第二部分, 序言 (pure).
import type { CorpusUnit } from '../domain/types.js';
import { CHINESE_NUMERAL_CHARS, parseNumeral } from '../text/chinese-numerals.js';

const NUM = `[0-9０-９${CHINESE_NUMERAL_CHARS}]+`;
// "第N条" always names a clause; a bare "N条" only at the start or after a verb or punctuation,
// so that quoted names such as "民营经济31条" are not read as references.
const CLAUSE_PATTERNS = [
  new RegExp(`第\\s*(${NUM})\\s*[条款项]`, 'gu'),
  new RegExp(`(?:^|[\\s，。？！、：；,.?!:;（(“"看问说讲查找读是的])(${NUM.replace(CHINESE_NUMERAL_CHARS, '')})\\s*条(?![件例])`, 'gu'),
  new RegExp(`(?:条款|条目|clause)\\s*(${NUM})`, 'giu'),
];
const SECTION_PATTERN = new RegExp(`第\\s*(${NUM})\\s*(?:部分|章|节|板块|大类)`, 'gu');

export interface DirectRefs {
  clauses: number[];
  sections: number[];
  preamble: boolean;
  closing: boolean;
}

export function parseDirectRefs(query: string): DirectRefs {
  const clauses: number[] = [];
  const sections: number[] = [];
  for (const re of CLAUSE_PATTERNS) {
    for (const m of query.matchAll(re)) {
      const n = parseNumeral(m[1] ?? '');
      if (n !== null && n > 0 && !clauses.includes(n)) clauses.push(n);
    }
  }
  for (const m of query.matchAll(SECTION_PATTERN)) {
    const n = parseNumeral(m[1] ?? '');
    if (n !== null && n > 0 && !sections.includes(n)) sections.push(n);
  }
  return {
    clauses,
    sections,
    preamble: /(序言|前言|开头那段|制定依据)/u.test(query),
    closing: /(结语|结尾那段|最后一段)/u.test(query),
  };
}

/** Builds a resolver over the corpus units; unknown numbers resolve to nothing. */
export function createDirectResolver(units: CorpusUnit[]): (query: string) => CorpusUnit[] {
  // Indexed once, in corpus order, so a reference costs the units it names, not a corpus scan.
  const clauses = new Map<number, CorpusUnit[]>();
  const sections = new Map<number, CorpusUnit[]>();
  const preambles: CorpusUnit[] = [];
  const closings: CorpusUnit[] = [];
  const add = (m: Map<number, CorpusUnit[]>, n: number, u: CorpusUnit) => {
    const list = m.get(n);
    if (list) list.push(u);
    else m.set(n, [u]);
  };
  for (const u of units) {
    if (u.kind === 'clause' && u.number !== null && u.number !== undefined) add(clauses, u.number, u);
    else if (u.kind === 'section' && u.number !== null && u.number !== undefined) add(sections, u.number, u);
    else if (u.kind === 'preamble') preambles.push(u);
    else if (u.kind === 'closing') closings.push(u);
  }
  return (query) => {
    const refs = parseDirectRefs(query);
    const out: CorpusUnit[] = [];
    const seen = new Set<CorpusUnit>();
    const push = (list: readonly CorpusUnit[] | undefined) => {
      for (const u of list ?? []) {
        if (!seen.has(u)) {
          seen.add(u);
          out.push(u);
        }
      }
    };
    for (const n of refs.clauses) push(clauses.get(n));
    for (const n of refs.sections) push(sections.get(n));
    if (refs.preamble) push(preambles);
    if (refs.closing) push(closings);
    return out;
  };
}
