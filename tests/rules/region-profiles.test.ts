// Gold profiles in several regions (evals/gold/profiles-regions.jsonl) through the offline match
// service over the whole corpus: prints recall, precision and measures from jurisdictions that do
// not contain the profile's region, which must be 0. Also: /api/match accepts region and asOf.
import { describe, expect, it } from 'vitest';
import { evaluateRegions } from '../../src/matching/region-eval-command.js';
import { formatRegionSummary } from '../../src/matching/region-eval.js';
import { parseMatchRequest } from '../../src/server/routes/match-route.js';

describe('gold profiles across regions', () => {
  it('returns nothing from non-applicable jurisdictions, with recall and precision reported', async () => {
    const s = await evaluateRegions({ corpusDir: 'corpus', goldPath: 'evals/gold/profiles-regions.jsonl', asOf: '2026-12-01' });
    console.log(formatRegionSummary(s));
    expect(s.profiles).toBeGreaterThanOrEqual(30);
    expect(s.regions).toBeGreaterThanOrEqual(4);
    expect(s.foreignMeasures).toBe(0);
    // Floors a little under today's figures (0.837 / 0.766): most documents have drafted rules only.
    expect(s.recall!).toBeGreaterThanOrEqual(0.8);
    expect(s.precision!).toBeGreaterThanOrEqual(0.7);
  }, 60_000);
});

describe('POST /api/match request', () => {
  it('accepts region and asOf', () => {
    expect(parseMatchRequest({ description: '成都的个体户', region: '510100', asOf: '2025-03-01' })).toMatchObject({ region: '510100', asOf: '2025-03-01' });
  });
  it('refuses an impossible date in Chinese', () => {
    expect(() => parseMatchRequest({ description: '成都的个体户', asOf: '2025-02-30' })).toThrow(/asOf 不是有效日期/);
  });
});
