// Parsing of the plain-text dictionaries kept in corpus/dict (pure; loading happens at the edges).

export interface UserDictEntry {
  word: string;
  freq?: number;
  tag?: string;
}

function contentLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

export function parseUserDict(text: string): UserDictEntry[] {
  return contentLines(text).map((line) => {
    const [word, freq, tag] = line.split(/\s+/);
    return { word: word ?? '', freq: freq ? Number(freq) : undefined, tag };
  }).filter((e) => e.word.length > 0);
}

/** "临港 上海市浦东新区" lines: a well-known area and the division it lies in. */
export function parsePlaceAliases(text: string): Array<{ name: string; division: string }> {
  return contentLines(text)
    .map((line) => line.split(/\s+/))
    .filter((parts) => parts.length >= 2)
    .map(([name, division]) => ({ name: name!, division: division! }));
}

export function parseStopWords(text: string): Set<string> {
  return new Set(contentLines(text));
}

/** "高企 = 高新技术企业, 高新" → Map { 高企 → [高新技术企业, 高新] }. */
export function parseSynonyms(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of contentLines(text)) {
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const values = line.slice(eq + 1).split(/[,，、]/).map((v) => v.trim()).filter(Boolean);
    if (key && values.length) map.set(key, [...(map.get(key) ?? []), ...values]);
  }
  return map;
}

/**
 * Appends the expansions of every synonym key found in the query. Longer keys win over
 * keys they contain (规模以上 is not re-expanded by 规上 inside it).
 */
/** Keys longest first, per synonym map (sorting ~1,500 keys on every query cost ~0.2 ms). */
const sortedKeys = new WeakMap<Map<string, string[]>, { size: number; keys: string[] }>();

export function expandQuery(query: string, synonyms: Map<string, string[]>, wordStarts?: Set<number>): string {
  let cached = sortedKeys.get(synonyms);
  if (!cached || cached.size !== synonyms.size) {
    cached = { size: synonyms.size, keys: [...synonyms.keys()].sort((a, b) => b.length - a.length) };
    sortedKeys.set(synonyms, cached);
  }
  const keys = cached.keys;
  const covered: Array<[number, number]> = [];
  const extra: string[] = [];
  for (const key of keys) {
    let from = 0;
    for (;;) {
      const at = query.indexOf(key, from);
      if (at < 0) break;
      from = at + key.length;
      const end = at + key.length;
      if (covered.some(([s, e]) => at >= s && end <= e)) continue;
      // A key that starts and ends inside words is not that key (高企 in 提高|企业, 外企 in 境外|企业);
      // one that begins or ends a word is (预算 in 财政预算, 贷款 in 银行贷款).
      if (wordStarts && !wordStarts.has(at) && !wordStarts.has(end)) continue;
      covered.push([at, end]);
      for (const v of synonyms.get(key) ?? []) if (!query.includes(v) && !extra.includes(v)) extra.push(v);
    }
  }
  return extra.length ? `${query} ${extra.join(' ')}` : query;
}

export interface ThesaurusEntry {
  /** The document's own term (occurs in the corpus). */
  target: string;
  /** Everyday ways of saying it. */
  colloquial: string[];
  category: string;
}

/** "新能源汽车 <- 电动车, 电车" lines under "# 类别" headings (see corpus/dict/thesaurus.txt). */
export function parseThesaurus(text: string): ThesaurusEntry[] {
  const out: ThesaurusEntry[] = [];
  let category = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#')) {
      const heading = line.replace(/^#+\s*/, '');
      // Category headings are short; the file's explanatory comment lines are not categories.
      if (heading.length > 0 && heading.length <= 16 && !/[，。:：]/u.test(heading)) category = heading;
      continue;
    }
    const at = line.indexOf('<-');
    if (at <= 0) continue;
    const target = line.slice(0, at).trim();
    const colloquial = line.slice(at + 2).split(/[,，、]/).map((v) => v.trim()).filter((v) => v && v !== target);
    if (target && colloquial.length) out.push({ target, colloquial, category });
  }
  return out;
}

/** Adds the thesaurus to a synonym map: every colloquial form expands to its document term. */
export function withThesaurus(synonyms: Map<string, string[]>, entries: ThesaurusEntry[]): Map<string, string[]> {
  const merged = new Map([...synonyms].map(([k, v]) => [k, [...v]]));
  for (const { target, colloquial } of entries) {
    for (const c of colloquial) {
      const list = merged.get(c) ?? [];
      if (!list.includes(target)) list.push(target);
      merged.set(c, list);
    }
  }
  return merged;
}

/** Colloquial forms as segmenter words (two to eight characters, Han only). */
export function thesaurusWords(entries: ThesaurusEntry[]): UserDictEntry[] {
  const words = new Set<string>();
  for (const e of entries) for (const c of e.colloquial) if (/^\p{Script=Han}{2,8}$/u.test(c)) words.add(c);
  return [...words].map((word) => ({ word }));
}
