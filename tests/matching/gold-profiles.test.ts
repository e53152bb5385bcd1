// Runs the independently written gold profiles (evals/gold/profiles.jsonl) through extraction and
// the engine: recall of expected clauses (eligible or possible) ≥ 0.95, no must_not returned open.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractProfile } from '../../src/matching/extract-profile.js';
import { mergeProfiles } from '../../src/matching/merge-profiles.js';
import { CompanyProfileSchema, PROFILE_FIELDS, type CompanyProfile } from '../../src/matching/profile.js';
import { DOC_ID, loadTestTokenizer, seedExtractor, seedMatcher } from './matching-setup.js';

const GOLD = 'evals/gold/profiles.jsonl';

const GoldLine = z.object({
  id: z.string(),
  description: z.string().optional(),
  profile: z.record(z.string(), z.unknown()).optional(),
  expected_clauses: z.array(z.string()),
  must_not: z.array(z.string()),
});

/** Keeps the fields of a gold profile that fit our schema, one field at a time. */
function lenientProfile(raw: Record<string, unknown> | undefined): CompanyProfile {
  const out: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    if (raw?.[field] === undefined) continue;
    const parsed = CompanyProfileSchema.shape[field].safeParse(raw[field]);
    if (parsed.success) out[field] = parsed.data;
  }
  return out as CompanyProfile;
}

describe.skipIf(!existsSync(GOLD))('gold profiles', () => {
  const lines = existsSync(GOLD) ? readFileSync(GOLD, 'utf8').split('\n').filter((l) => l.trim()) : [];
  const gold = lines.map((l) => GoldLine.parse(JSON.parse(l)));
  const match = seedMatcher();
  const tokenizer = loadTestTokenizer();

  const results = gold.map((g) => {
    const profile = mergeProfiles(lenientProfile(g.profile), g.description ? seedExtractor(tokenizer)(g.description) : {});
    const open = new Set(
      match(profile).measures.filter((m) => m.status !== 'not_eligible').map((m) => m.ref),
    );
    // Gold files name clauses by unit key (<docId>:<ref>); the test corpus is the one document.
    const bare = (r: string) => (r.startsWith(`${DOC_ID}:`) ? r.slice(DOC_ID.length + 1) : r);
    return {
      id: g.id,
      missed: g.expected_clauses.filter((r) => !open.has(bare(r))),
      violations: g.must_not.filter((r) => open.has(bare(r))),
      expected: g.expected_clauses.length,
    };
  });

  it('recalls at least 95% of expected clauses as eligible or possible', () => {
    const expected = results.reduce((n, r) => n + r.expected, 0);
    const missed = results.flatMap((r) => r.missed.map((ref) => `${r.id}:${ref}`));
    const recall = expected === 0 ? 1 : (expected - missed.length) / expected;
    expect(recall, `missed: ${missed.join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('returns no must_not clause as eligible or possible', () => {
    expect(results.flatMap((r) => r.violations.map((ref) => `${r.id}:${ref}`))).toEqual([]);
  });
});
