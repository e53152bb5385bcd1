// Deterministic extractive answerer (pure): picks the sentences that answer the question from
// the retrieved units, keeps their wording and numbers exact, and cites each unit it uses.
import type { CorpusUnit, RetrievedUnit } from '../domain/types.js';
import type { ProposedCitation } from './verify-citations.js';
import type { Intent } from './intent.js';
import { responsibilityLine } from './citable-text.js';
import type { QueryWord } from '../retrieval/hybrid-retriever.js';

export interface ComposeOptions {
  /** Most units cited in one answer. */
  maxUnits: number;
  /** Share of the query weight a further unit must add (terms no chosen unit covers). */
  minGain: number;
  /** Share of the query weight a further unit must cover by itself. */
  minCoverage: number;
  /** Most sentences quoted per unit. */
  maxSentences: number;
}

export const DEFAULT_COMPOSE: ComposeOptions = { minGain: 0.3, minCoverage: 0.4, maxUnits: 3, maxSentences: 3 };

/** When the question asks about several measures at once, further units need less evidence. */
export const MULTIPLE_COMPOSE: Partial<ComposeOptions> = { minGain: 0.1, minCoverage: 0.25 };

export interface ComposedAnswer {
  text: string;
  citations: ProposedCitation[];
  units: CorpusUnit[];
}

export interface ComposeInput {
  hits: RetrievedUnit[];
  /** The user's words with weights; a word is matched by itself or one of its alternatives. */
  words: QueryWord[];
  intent: Intent;
  /** Units named directly or carried over from the previous turn: always cited first. */
  pinned?: CorpusUnit[];
  /** Units named by number ("第11条讲什么"): summarised rather than matched sentence by sentence. */
  summarize?: CorpusUnit[];
}

function wordsMatched(hit: RetrievedUnit, words: QueryWord[]): Set<string> {
  const matched = new Set(hit.matched);
  return new Set(words.filter((w) => matched.has(w.word) || w.alternatives.some((a) => matched.has(a))).map((w) => w.word));
}

function weightOf(words: QueryWord[], pick: (w: QueryWord) => boolean): number {
  return words.reduce((s, w) => s + (pick(w) ? w.weight : 0), 0);
}

/** Greedy set cover over query terms: the top unit, then units that add what it misses. */
export function chooseUnits(input: ComposeInput, opts: ComposeOptions = DEFAULT_COMPOSE): RetrievedUnit[] {
  const { hits, words } = input;
  const pinned = input.pinned ?? [];
  const chosen: RetrievedUnit[] = hits.filter((h) => pinned.includes(h.unit));
  if (chosen.length === 0 && hits[0]) chosen.push(hits[0]);
  if (pinned.length > 0) return chosen.slice(0, opts.maxUnits);
  const total = weightOf(words, () => true) || 1;
  const covered = new Set(chosen.flatMap((h) => [...wordsMatched(h, words)]));
  for (const hit of hits.slice(1, 5)) {
    if (chosen.length >= opts.maxUnits || chosen.includes(hit)) continue;
    const own = wordsMatched(hit, words);
    const gain = weightOf(words, (w) => own.has(w.word) && !covered.has(w.word)) / total;
    if (gain >= opts.minGain && weightOf(words, (w) => own.has(w.word)) / total >= opts.minCoverage) {
      chosen.push(hit);
      for (const w of own) covered.add(w);
    }
  }
  return chosen;
}

const HAS_NUMBER = /[0-9０-９]|[一二三四五六七八九十百千万亿两][万亿元%个家条项亩]|六五折|三分之二/u;
/** Sentences that state what a business gets: preferred when summarising a unit. */
const BENEFIT = /(给予|奖励|补助|补贴|优惠|减免|贴息|免征|享受|支持|不再|参照执行)/u;

/** Picks up to n sentences, best first by score (numbers preferred when amounts are asked), kept in text order. */
export function pickSentences(hit: RetrievedUnit, intent: Intent, n: number, summary = false): string[] {
  if (summary) return summarize(hit, n);
  const ranked = hit.passages
    .map((p, index) => ({ ...p, index, bonus: intent.amount && HAS_NUMBER.test(p.text) ? 0.15 : 0 }))
    .filter((p) => p.score > 0)
    .sort((a, b) => b.score + b.bonus - (a.score + a.bonus) || a.index - b.index);
  const picked = ranked.slice(0, n);
  // A second sentence must be nearly as relevant as the first, or the answer gets long for nothing.
  const best = picked[0] ? picked[0].score + picked[0].bonus : 0;
  const kept = picked.filter((p, i) => i === 0 || p.score + p.bonus >= best * 0.6);
  if (kept.length === 0) return hit.passages.slice(0, n).map((p) => p.text);
  return kept.sort((a, b) => a.index - b.index).map((p) => p.text);
}

/** For "what does clause N say": the sentences with benefits and numbers first, in text order. */
function summarize(hit: RetrievedUnit, n: number): string[] {
  const scored = hit.passages.map((p, index) => ({
    index,
    text: p.text,
    score: (BENEFIT.test(p.text) ? 2 : 0) + (HAS_NUMBER.test(p.text) ? 1 : 0) + (index === 0 ? 0.5 : 0),
  }));
  return scored
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, n)
    .sort((a, b) => a.index - b.index)
    .map((p) => p.text);
}

function unitHeading(unit: CorpusUnit): string {
  if (unit.kind === 'clause') return `${unit.label}（${unit.title}）`;
  return unit.label;
}

export function composeOffline(input: ComposeInput, base: ComposeOptions = DEFAULT_COMPOSE): ComposedAnswer {
  const opts = input.intent.multiple ? { ...base, ...MULTIPLE_COMPOSE } : base;
  const chosen = chooseUnits(input, opts);
  const citations: ProposedCitation[] = [];
  const parts: string[] = [];
  for (const hit of chosen) {
    const u = hit.unit;
    // The heading already shows the clause title; do not repeat it as a sentence.
    const untitled = hit.passages.filter((p) => p.text.replace(/[。；]$/u, '') !== u.title);
    const source = untitled.length && untitled.length < hit.passages.length ? { ...hit, passages: untitled } : hit;
    const sentences = pickSentences(source, input.intent, opts.maxSentences, input.summarize?.includes(u) ?? false);
    const who = responsibilityLine(u);
    let body = sentences.join('');
    if (input.intent.department && who) body = `${who}${u.kind === 'clause' ? '（列第一位的为牵头单位）' : ''}。${sentences[0] ?? ''}`;
    parts.push(`${unitHeading(u)}：${body}〔${u.label.split(' ')[0]}〕`);
    for (const s of sentences) citations.push({ ref: u.key, quote: s });
    if (input.intent.department && who) citations.push({ ref: u.key, quote: who });
  }
  const text =
    parts.length === 1
      ? `根据${parts[0]}`
      : `相关规定如下：\n${parts.map((p, i) => `${i + 1}. ${p}`).join('\n')}`;
  return { text, citations, units: chosen.map((h) => h.unit) };
}
