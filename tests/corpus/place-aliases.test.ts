// Data test: every line of corpus/dict/place-aliases.txt names a division that exists, and no alias
// is itself a division name (that would shadow a real place).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findByName, resolveRegion } from '../../src/ingest/divisions.js';
import { parsePlaceAliases } from '../../src/text/dictionaries.js';

const entries = parsePlaceAliases(readFileSync(new URL('../../corpus/dict/place-aliases.txt', import.meta.url), 'utf8'));

describe('corpus/dict/place-aliases.txt', () => {
  it('has entries, each naming an existing division below the country, none a division name itself', () => {
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) {
      const d = resolveRegion(e.division);
      expect(d && d.code !== '000000', `${e.name} → ${e.division}`).toBe(true);
      expect(findByName(e.name), e.name).toEqual([]);
    }
  });
});
