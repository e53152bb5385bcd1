// Splits gold questions into a tuning (dev) and a held-out (test) part, stratified by clause (pure).
// Every case is grouped by what it asks about (its first expected ref, or "unanswerable"; follow-ups
// apart); groups are walked in key order with their cases ordered by a hash of the id, and every
// case takes the next slot of one global dev/test pattern, so each clause lands on both sides in
// proportion and the split does not change when unrelated cases are added.
import { createHash } from 'node:crypto';
import type { GoldQuestion } from './gold.js';

export interface GoldSplit {
  dev: GoldQuestion[];
  test: GoldQuestion[];
}

export interface SplitOptions {
  /** Share of cases in test, as a pattern of `every` slots of which `take` go to test. */
  take?: number;
  every?: number;
}

export function stratumOf(q: GoldQuestion): string {
  const turn = q.history?.length ? 'follow-up' : 'single';
  if (!q.answerable) return `unanswerable|${turn}`;
  return `${q.expected_clauses[0] ?? '(none)'}|${turn}`;
}

const idHash = (id: string) => createHash('sha1').update(id).digest('hex');

export function splitGold(questions: GoldQuestion[], { take = 2, every = 5 }: SplitOptions = {}): GoldSplit {
  const groups = new Map<string, GoldQuestion[]>();
  for (const q of questions) {
    const key = stratumOf(q);
    groups.set(key, [...(groups.get(key) ?? []), q]);
  }
  const toTest = new Set<string>();
  let slot = 0;
  for (const key of [...groups.keys()].sort()) {
    const cases = groups.get(key)!.slice().sort((a, b) => idHash(a.id).localeCompare(idHash(b.id)));
    for (const q of cases) {
      // Slots 1 and 3 of every 5 (the default): a group of two or more always has a test case.
      if (isTestSlot(slot % every, take, every)) toTest.add(q.id);
      slot++;
    }
  }
  // Original order is kept on both sides so diffs against the combined file stay readable.
  return { dev: questions.filter((q) => !toTest.has(q.id)), test: questions.filter((q) => toTest.has(q.id)) };
}

/** Spreads `take` test slots evenly over `every`, starting at the second slot. */
function isTestSlot(position: number, take: number, every: number): boolean {
  for (let i = 0; i < take; i++) if (Math.floor(((2 * i + 1) * every) / (2 * take)) === position) return true;
  return false;
}
