// Infers the heading hierarchy of a policy document: which numbering scheme marks sections,
// which marks clauses, and which numbered paragraphs really are headings (sequence continuity).

import type { Paragraph } from './segment-paragraphs.js';
import { SCHEME_RANK, detectMarker, isHeadingLine, type Marker, type NumberingScheme } from './segment-markers.js';
import { splitResponsibilityTail } from './segment-responsibility.js';

export interface StructureOptions {
  /** Force the section scheme (null = no sections); inferred when undefined. */
  sectionScheme?: NumberingScheme | null;
  /** Force the clause scheme; inferred when undefined. */
  clauseScheme?: NumberingScheme;
}

export interface Heading {
  index: number;
  marker: Marker;
  /** The printed number. */
  number: number;
  /** Position in the document's sequence of clauses (1..n); equals `number` unless numbering restarts. */
  ordinal: number;
}

export interface Structure {
  sectionScheme: NumberingScheme | null;
  clauseScheme: NumberingScheme | null;
  sections: Heading[];
  clauses: Heading[];
  /** Headings of levels between sections and clauses (e.g. 第一节): not part of any clause text. */
  structural: Set<number>;
  /** Clause numbering restarts at 1 under each enclosing heading. */
  restarted: boolean;
  warnings: string[];
}

interface Candidate {
  index: number;
  marker: Marker;
}

/**
 * Longest run numbered 1, 2, 3 … in document order. A candidate is reachable when it is 1 or an
 * earlier reachable candidate carries its predecessor; among equals we keep the earliest last
 * item and, walking back, the latest predecessor, so restarted sub-lists inside an item are skipped.
 */
export function sequentialChain<T extends { number: number; index: number }>(cands: T[]): T[] {
  const reachable: T[] = [];
  const maxSeen = new Set<number>();
  for (const c of cands) {
    if (c.number === 1 || maxSeen.has(c.number - 1)) {
      reachable.push(c);
      maxSeen.add(c.number);
    }
  }
  if (reachable.length === 0) return [];
  // Reachable candidates of each number, in document order (cands come in document order).
  const byNumber = new Map<number, T[]>();
  let top = 0;
  for (const c of reachable) {
    const list = byNumber.get(c.number);
    if (list === undefined) byNumber.set(c.number, [c]);
    else list.push(c);
    top = Math.max(top, c.number);
  }
  let cur = byNumber.get(top)?.[0];
  const chain: T[] = [];
  while (cur !== undefined) {
    chain.push(cur);
    cur = cur.number <= 1 ? undefined : latestBefore(byNumber.get(cur.number - 1) ?? [], cur.index);
  }
  return chain.reverse();
}

/** The last item of `list` (sorted by index) with an index below `index`. */
function latestBefore<T extends { index: number }>(list: T[], index: number): T | undefined {
  let lo = 0;
  let hi = list.length; // first position whose index is >= `index`
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.index ?? 0) < index) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1] : undefined;
}

function toCands(paragraphs: Paragraph[]): Map<NumberingScheme, Candidate[]> {
  const by = new Map<NumberingScheme, Candidate[]>();
  paragraphs.forEach((p, index) => {
    const marker = detectMarker(p.text);
    if (marker === null) return;
    const list = by.get(marker.scheme) ?? [];
    list.push({ index, marker });
    by.set(marker.scheme, list);
  });
  return by;
}

const asNumbered = (c: Candidate): Candidate & { number: number } => ({ ...c, number: c.marker.number });

/** Chains restarting at 1 inside each parent segment (parents given as paragraph indices). */
function restartChains(cands: Candidate[], parentStarts: number[]): Candidate[][] {
  const bounds = [-1, ...parentStarts, Number.POSITIVE_INFINITY];
  const chains: Candidate[][] = [];
  let k = 0; // cands and bounds are both in document order: walk them together
  for (let i = 0; i < bounds.length - 1; i++) {
    const lo = bounds[i] ?? -1;
    const hi = bounds[i + 1] ?? Number.POSITIVE_INFINITY;
    const inside: Candidate[] = [];
    while (k < cands.length && (cands[k]?.index ?? 0) <= lo) k++;
    for (let j = k; j < cands.length && (cands[j]?.index ?? 0) < hi; j++) {
      const c = cands[j];
      if (c !== undefined) inside.push(c);
    }
    const chain = sequentialChain(inside.map(asNumbered));
    if (chain.length > 0) chains.push(chain);
  }
  return chains;
}

function clauseChain(cands: Candidate[], parentStarts: number[]): { chain: Candidate[]; restarted: boolean } {
  const global = sequentialChain(cands.map(asNumbered));
  if (parentStarts.length === 0) return { chain: global, restarted: false };
  const restarted = restartChains(cands, parentStarts);
  const total = restarted.reduce((n, c) => n + c.length, 0);
  return total > global.length && restarted.length > 1
    ? { chain: restarted.flat(), restarted: true }
    : { chain: global, restarted: false };
}

/** True when at least two of the headings are each followed by an article before the next heading. */
function partitions(headings: Candidate[], articleAt: number[]): boolean {
  let owning = 0;
  let k = 0;
  headings.forEach((h, i) => {
    const next = headings[i + 1]?.index ?? Number.POSITIVE_INFINITY;
    while (k < articleAt.length && (articleAt[k] ?? 0) <= h.index) k++;
    if (k < articleAt.length && (articleAt[k] ?? 0) < next) owning++;
  });
  return headings.length >= 2 && owning >= 2;
}

/** Schemes whose sequences may skip a lost number (article-like top levels, rarely sub-lists). */
const BRIDGED = new Set<NumberingScheme>(['article', 'cn-dun', 'cn-paren']);

/**
 * Extends a chain past numbers missing from the whole document: after its last item, the next
 * candidate numbered last+1 continues it, or last+2 when last+1 occurs nowhere (recorded in gaps).
 */
function bridgeGaps(chain: Candidate[], cands: Candidate[], anyNumbers: Set<number>, gaps: Array<{ before: number; at: number }>): Candidate[] {
  const out = [...chain];
  let last = out[out.length - 1];
  if (last === undefined) return out;
  for (const c of cands) {
    if (c.index <= last.index) continue;
    const n = c.marker.number;
    if (n === last.marker.number + 1 || (n === last.marker.number + 2 && !anyNumbers.has(last.marker.number + 1))) {
      if (n === last.marker.number + 2) gaps.push({ before: last.marker.number, at: n });
      out.push(c);
      last = c;
    }
  }
  return out;
}

/** Infers sections, clauses and intermediate headings from numbered paragraphs. */
export function inferStructure(paragraphs: Paragraph[], options: StructureOptions = {}): Structure {
  const warnings: string[] = [];
  const by = toCands(paragraphs);
  const chains = new Map<NumberingScheme, Candidate[]>();
  for (const [scheme, cands] of by) chains.set(scheme, sequentialChain(cands.map(asNumbered)));
  const ranked = [...chains.entries()]
    .filter(([scheme, chain]) => chain.length >= 2 || ((scheme === 'article' || scheme === 'chapter') && chain.length >= 1))
    .sort((a, b) => SCHEME_RANK[a[0]] - SCHEME_RANK[b[0]])
    .map(([scheme]) => scheme);

  // How many items a scheme has when it may restart under the scheme above it.
  const itemCount = (scheme: NumberingScheme): number => {
    const pos = ranked.indexOf(scheme);
    const parent = pos > 0 ? ranked[pos - 1] : undefined;
    const parents = parent === undefined ? [] : (chains.get(parent) ?? []).map((c) => c.index);
    return clauseChain(by.get(scheme) ?? [], parents).chain.length;
  };
  const headingShare = (scheme: NumberingScheme): number => {
    const chain = chains.get(scheme) ?? [];
    const n = chain.filter((c) => isHeadingLine(paragraphs[c.index]?.text ?? '', c.marker)).length;
    return chain.length === 0 ? 0 : n / chain.length;
  };

  let clauseScheme: NumberingScheme | null = options.clauseScheme ?? null;
  let sectionScheme: NumberingScheme | null = options.sectionScheme ?? null;
  if (options.clauseScheme === undefined) {
    if (ranked.includes('article')) {
      clauseScheme = 'article';
    } else {
      const tails = paragraphs.filter((p) => splitResponsibilityTail(p.text) !== null).length;
      if (tails >= 2 && ranked.length > 0) {
        // The clause level is the one carrying the responsibility annotations.
        let best = ranked[0] ?? null;
        for (const s of ranked) {
          if (best === null || Math.abs(itemCount(s) - tails) < Math.abs(itemCount(best) - tails)) best = s;
        }
        clauseScheme = best;
      } else {
        const [top, second] = ranked;
        const split = top !== undefined && second !== undefined && headingShare(top) >= 0.6 && itemCount(second) >= itemCount(top);
        clauseScheme = split ? (second ?? null) : (top ?? null);
      }
    }
  }
  // Articles (第一条) may sit under 一、 or （一） headings, which conventionally rank below them.
  let headingsAboveArticles: NumberingScheme[] = [];
  if (options.sectionScheme === undefined) {
    const above = ranked.filter((s) => clauseScheme !== null && SCHEME_RANK[s] < SCHEME_RANK[clauseScheme]);
    sectionScheme = above[0] ?? null;
    if (sectionScheme === null && clauseScheme === 'article') {
      const articleAt = (by.get('article') ?? []).map((c) => c.index);
      headingsAboveArticles = ranked.filter((s) => s !== 'article' && headingShare(s) >= 0.6 && partitions(chains.get(s) ?? [], articleAt));
      sectionScheme = headingsAboveArticles[0] ?? null;
    }
  }

  const sectionChain = sectionScheme === null ? [] : (chains.get(sectionScheme) ?? []);
  const sections: Heading[] = sectionChain.map((c, i) => ({ index: c.index, marker: c.marker, number: c.marker.number, ordinal: i + 1 }));
  const clauseCands = clauseScheme === null ? [] : (by.get(clauseScheme) ?? []);
  // Clause numbers may restart under any enclosing level (sections, or 第一节-like levels between).
  const enclosing = ranked.filter((s) => clauseScheme !== null && SCHEME_RANK[s] < SCHEME_RANK[clauseScheme]);
  const parentStarts = enclosing.flatMap((s) => (chains.get(s) ?? []).map((c) => c.index)).sort((a, b) => a - b);
  const found = clauseChain(clauseCands, parentStarts);
  const { restarted } = found;
  const anyNumbers = new Set(clauseCands.map((c) => c.marker.number));
  // 第5条 then 第7条 with no 第6条 anywhere: the sequence goes on past the lost number.
  const gaps: Array<{ before: number; at: number }> = [];
  const chain = restarted || clauseScheme === null || !BRIDGED.has(clauseScheme) ? found.chain : bridgeGaps(found.chain, clauseCands, anyNumbers, gaps);
  const clauses: Heading[] = chain.map((c, i) => ({ index: c.index, marker: c.marker, number: c.marker.number, ordinal: i + 1 }));
  if (clauseScheme === null || clauses.length === 0) warnings.push('未找到编号条款，全文作为序言');

  const inChain = new Set(chain.map((c) => c.index));
  for (const g of gaps) warnings.push(`编号缺失：第${g.before}项之后是第${g.at}项，缺少第${g.before + 1}项，请核对原文`);
  for (const c of clauseCands) {
    if (!inChain.has(c.index)) {
      const text = paragraphs[c.index]?.text.slice(0, 20) ?? '';
      warnings.push(`第${c.index + 1}段「${text}」不在编号序列中，已并入所在单元`);
    }
  }
  // Numbered heading lines of a level that is neither section, clause nor an intermediate level.
  const used = new Set<NumberingScheme | null>([sectionScheme, clauseScheme]);

  const structural = new Set<number>();
  // Lower heading levels between such sections and their articles: （一）固定资产投资奖励.
  for (const sub of headingsAboveArticles.slice(1)) {
    for (const c of chains.get(sub) ?? []) if (isHeadingLine(paragraphs[c.index]?.text ?? '', c.marker)) structural.add(c.index);
  }
  if (clauseScheme !== null) {
    const lo = sectionScheme === null ? -1 : SCHEME_RANK[sectionScheme];
    for (const s of ranked) {
      if (SCHEME_RANK[s] > lo && SCHEME_RANK[s] < SCHEME_RANK[clauseScheme] && s !== sectionScheme) {
        for (const c of chains.get(s) ?? []) if (isHeadingLine(paragraphs[c.index]?.text ?? '', c.marker)) structural.add(c.index);
      }
    }
  }
  // Lower levels are items inside clauses, unless a clause follows right after (一、设备补助 / 第四条).
  const clauseAt = new Set(chain.map((c) => c.index));
  for (const s of ranked) {
    if (used.has(s) || clauseScheme === null) continue;
    const inner = SCHEME_RANK[s] >= SCHEME_RANK[clauseScheme];
    const stray = (chains.get(s) ?? []).filter((c) => !structural.has(c.index) && isHeadingLine(paragraphs[c.index]?.text ?? '', c.marker) && (!inner || clauseAt.has(c.index + 1)));
    if (stray.length > 0) warnings.push(`未识别的标题层级（${s}）：「${paragraphs[stray[0]?.index ?? 0]?.text.slice(0, 20) ?? ''}」等${stray.length}处，按正文保留`);
  }
  return { sectionScheme, clauseScheme, sections, clauses, structural, restarted, warnings };
}
