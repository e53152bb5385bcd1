// Registry-driven extraction (pure): fills the facts the seed's tuned extractor does not know
// from the words the fact registry lists for them (corpus/facts), and the region of registration
// from the division table (injected). Runs once per message together with extractProfile; every
// fact it sets records the words it read it from.
import type { Facts } from '../rules/condition.js';
import type { FactDef, FactRegistry } from '../rules/fact-registry.js';
import { parseChineseNumeral } from './parse-amount.js';
import { clauseAfter, isAspiration, isNegatedAfter, isNegatedBefore, keywordFinder, type WordSegmenter } from './extract-text-utils.js';

export interface PlaceFinder {
  placesInText(text: string, context?: string): Array<{ code: string; name: string }>;
  /** Resolves a region name or code to a division. */
  resolveRegion(input: string, context?: string): { code: string; name: string } | null;
}

export interface FactExtractionOptions {
  registry: FactRegistry;
  /** Facts another extractor already decides (the seed's tuned rules): not re-read here. */
  handled?: ReadonlySet<string>;
  tokenizer?: WordSegmenter;
  places?: PlaceFinder;
  /** Region code used to read ambiguous short names (瑞安 within 温州). */
  regionContext?: string;
  /**
   * Jurisdictions the corpus holds documents for: their short names (柳河 for 柳河县) count as
   * places even where the division table alone would read a bare county name as an ordinary word.
   */
  heldRegions?: ReadonlyArray<{ code: string; name: string }>;
  contains?: (ancestorCode: string, code: string) => boolean;
  /** ISO date relative statements (成立两年) are read against. */
  today?: string;
}

export interface FactExtraction {
  facts: Facts;
  /** The words each fact was read from. */
  evidence: Record<string, string[]>;
}

const NUM = '(\\d{1,4}|[一二两三四五六七八九十]{1,3})';
const toNum = (raw: string) => (/^\d/.test(raw) ? Number(raw) : parseChineseNumeral(raw));

/**
 * The registry's set, boolean and enum facts in registry order: the only ones read from words.
 * Drafted documents add a number fact per threshold (tens of thousands for a large corpus), which
 * every message would otherwise walk past.
 */
const wordFactCache = new WeakMap<FactRegistry['facts'], FactDef[]>();
function wordFactsOf(registry: FactRegistry): FactDef[] {
  let list = wordFactCache.get(registry.facts);
  if (!list) wordFactCache.set(registry.facts, (list = [...registry.facts.values()].filter((f) => f.type === 'set' || f.type === 'boolean' || f.type === 'enum')));
  return list;
}

function hitsOf(s: string, words: readonly string[], finder: ReturnType<typeof keywordFinder>) {
  return words.length ? finder(new RegExp(words.join('|'))) : [];
}

export function extractFacts(text: string, { registry, handled = new Set(), tokenizer, places, regionContext, today, heldRegions = [], contains }: FactExtractionOptions): FactExtraction {
  const s = text.normalize('NFKC').replace(/[ \t\u3000\u200b]+/g, '');
  const finder = keywordFinder(s, tokenizer);
  const facts: Facts = {};
  const evidence: Record<string, string[]> = {};
  const note = (id: string, word: string) => (evidence[id] ??= []).push(word);

  for (const f of wordFactsOf(registry)) {
    if (f.type === 'set') readSet(f);
    else if (handled.has(f.id)) continue;
    else if (f.type === 'boolean') {
      const hit = hitsOf(s, f.words, finder).at(-1);
      if (hit) {
        facts[f.id] = !isNegatedBefore(s, hit.index) && !isAspiration(s, hit.index);
        note(f.id, hit.text);
      }
    } else if (f.type === 'enum') {
      for (const v of f.values ?? []) {
        const hit = hitsOf(s, v.words, finder).find((h) => !isNegatedBefore(s, h.index));
        if (hit) {
          facts[f.id] = v.id;
          note(f.id, hit.text);
          break;
        }
      }
    }
  }

  function readSet(f: FactDef) {
    const held: string[] = [];
    const lacking: string[] = [];
    for (const v of f.values ?? []) {
      const hit = hitsOf(s, v.words, finder).at(-1);
      if (!hit) continue;
      const no = isNegatedBefore(s, hit.index) || isNegatedAfter(s, hit.end) || isAspiration(s, hit.index);
      (no ? lacking : held).push(v.id);
      note(f.id, hit.text);
    }
    if (held.length) facts[f.id] = held;
    if (lacking.length && f.lacks) facts[f.lacks] = lacking;
  }

  readFigures(s, facts, note, handled, today);

  if (places) {
    const place = regionOf(s, places, regionContext, heldRegions, contains);
    if (place) {
      facts.registrationRegion = place.code;
      note('registrationRegion', place.name);
    }
  }
  return { facts, evidence };
}

function readFigures(s: string, facts: Facts, note: (id: string, w: string) => void, handled: ReadonlySet<string>, today?: string) {
  if (!handled.has('age')) {
    const m = [...s.matchAll(new RegExp(`${NUM}\\s*(?:周岁|岁)`, 'g'))].at(-1);
    const v = m ? toNum(m[1]!) : null;
    if (m && v !== null && v > 0 && v < 120) {
      facts.age = v;
      note('age', m[0]);
    }
  }
  if (!handled.has('yearsSinceGraduation')) {
    const m = new RegExp(`毕业${NUM}年|${NUM}年前毕业|(今年|去年|前年|刚)毕业|应届`).exec(s);
    if (m) {
      const v = m[1] ?? m[2] ? toNum((m[1] ?? m[2])!) : m[3] === '去年' ? 1 : m[3] === '前年' ? 2 : 0;
      if (v !== null) {
        facts.yearsSinceGraduation = v;
        note('yearsSinceGraduation', m[0]);
      }
    }
  }
  if (!handled.has('foundedDate') && today) {
    const abs = /(20\d\d)年(?:(\d{1,2})月)?(?:份)?(?:成立|注册|开业|创办)/.exec(s);
    const rel = new RegExp(`(?:成立|注册|开业|创办)(?:了)?${NUM}(?:个)?(年|月)`).exec(s);
    const fresh = /刚成立|新成立|刚注册|新注册|刚开业/.exec(s);
    let date: string | undefined;
    if (abs) date = `${abs[1]}-${String(abs[2] ?? '01').padStart(2, '0')}-01`;
    else if (rel) {
      const n = toNum(rel[1]!);
      if (n !== null) {
        const d = new Date(`${today}T00:00:00Z`);
        d.setUTCMonth(d.getUTCMonth() - (rel[2] === '年' ? n * 12 : n));
        date = d.toISOString().slice(0, 10);
      }
    } else if (fresh) date = today;
    const hit = abs ?? rel ?? fresh;
    if (date && hit) {
      facts.foundedDate = date;
      note('foundedDate', hit[0]);
    }
  }
}

/**
 * Where the company is: the first place named and not denied (温州没有分支机构, 不在杭州), made
 * more specific by a place inside it named later (吉林柳河 → 柳河县, 大连中山区 → 中山区).
 */
function regionOf(
  s: string,
  places: PlaceFinder,
  context: string | undefined,
  held: ReadonlyArray<{ code: string; name: string }>,
  contains?: (a: string, b: string) => boolean,
): { code: string; name: string } | null {
  const at = (name: string) => {
    const i = s.indexOf(name);
    return i >= 0 ? i : s.indexOf(name.replace(/(省|市|区|县)$/, ''));
  };
  const denied = (i: number, len: number) => isNegatedBefore(s, i) || /^[^，,。；]{0,4}(没有|没|无|以外|之外)/.test(clauseAfter(s, i + len));
  const found = new Map<string, { code: string; name: string; index: number }>();
  const add = (p: { code: string; name: string }) => {
    const i = at(p.name);
    if (!found.has(p.code) && !(i >= 0 && denied(i, p.name.length))) found.set(p.code, { ...p, index: i < 0 ? s.length : i });
  };
  // Only stretches ending in a division suffix or a short name can be places; the table lookup
  // costs per character, so long messages are not scanned whole.
  const stretches = s.length > 200 ? (s.match(/[\u4e00-\u9fff]{1,10}(?:省|市|区|县|州|旗|盟)|[\u4e00-\u9fff]{2,4}(?=的|，|,|。|人|企业|公司)/g) ?? []).join('，') : s;
  for (const p of places.placesInText(stretches, context)) add(p);
  for (const h of held) {
    const short = h.name.replace(/^.*?(省|自治区)/, '').replace(/^.*市(?=.+[区县]$)/, '').replace(/(市|区|县)$/, '');
    if (short.length >= 2 && s.includes(short)) add({ code: h.code, name: h.name });
  }
  const list = [...found.values()].sort((a, b) => a.index - b.index);
  let pick = list[0];
  if (!pick) return null;
  // A later, more specific place inside the first one refines it.
  for (const p of list.slice(1)) if (contains?.(pick.code, p.code) && p.code !== pick.code) pick = p;
  for (const p of places.placesInText(stretches, pick.code)) if (contains?.(pick.code, p.code) && p.code !== pick.code && !denied(at(p.name), p.name.length)) pick = { ...p, index: at(p.name) };
  return { code: pick.code, name: pick.name };
}
