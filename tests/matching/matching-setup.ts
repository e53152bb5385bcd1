// Shared loading for matching tests: the seed's migrated rules, the fact registry, segmented
// units (with their keys) and profile fixtures; `seedMatch` runs the engine on the seed alone and
// names measures by bare ref ('11') as the older tests do.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { segmentDocument } from '../../src/corpus/segment.js';
import { unitLabel } from '../../src/corpus/labels.js';
import type { DocumentMeta, PolicyUnit } from '../../src/domain/types.js';
import { contains, placesInText, resolveRegion } from '../../src/ingest/divisions.js';
import { extractAllFacts } from '../../src/matching/extract-profile.js';
import { matchMeasures, type MatchResult } from '../../src/matching/engine.js';
import { CompanyProfileSchema, ENUM_LABELS, type CompanyProfile } from '../../src/matching/profile.js';
import type { Facts } from '../../src/rules/condition.js';
import { buildRegistry, parseFactFile, type FactRegistry } from '../../src/rules/fact-registry.js';
import { parseRuleFile, type RuleFile } from '../../src/rules/rule-schema.js';
import { loadTextTools } from '../../src/text/load-tokenizer.js';
import type { Tokenizer } from '../../src/text/tokenizer.js';

export const DOC_ID = 'wzzb-2024-11';

export type KeyedUnit = PolicyUnit & { docId: string; key: string; label: string };

export function loadRegistry(): FactRegistry {
  return buildRegistry(['core', DOC_ID].map((s) => parseFactFile(JSON.parse(readFileSync(`corpus/facts/${s}.facts.json`, 'utf8')))));
}

export function loadTestCorpus(): { rules: RuleFile; units: KeyedUnit[]; meta: DocumentMeta; registry: FactRegistry } {
  const rules = parseRuleFile(JSON.parse(readFileSync(`corpus/rules/${DOC_ID}.rules.json`, 'utf8')));
  const units = segmentDocument(readFileSync(`corpus/raw/${DOC_ID}.txt`, 'utf8')).units.map((u) => ({ ...u, docId: DOC_ID, key: `${DOC_ID}:${u.ref}`, label: unitLabel(u) }));
  const meta = JSON.parse(readFileSync(`corpus/meta/${DOC_ID}.meta.json`, 'utf8')) as DocumentMeta;
  return { rules, units, meta, registry: loadRegistry() };
}

/** The seed's district enum read as a registration region code (as extraction does). */
export function withRegion(profile: Facts): Facts {
  const region = profile.region as keyof typeof ENUM_LABELS.region | undefined;
  if (profile.registrationRegion !== undefined || !region || region === 'other') return profile;
  const place = resolveRegion(ENUM_LABELS.region[region], '330300');
  return place ? { ...profile, registrationRegion: place.code } : profile;
}

export function seedMatcher(asOf = '2024-06-30'): (profile: Facts) => MatchResult {
  const { rules, units, meta, registry } = loadTestCorpus();
  return (profile) => {
    const r = matchMeasures({ facts: withRegion(profile), ruleSets: [{ file: rules, doc: meta }], units, registry, asOf, contains });
    const bare = (k: string) => k.replace(`${DOC_ID}:`, '');
    const measures = r.measures.map((m) => ({ ...m, ref: bare(m.ref) }));
    return { ...r, measures, questions: r.questions.map((q) => ({ ...q, refs: q.refs.map(bare) })) };
  };
}

export interface ProfileFixture {
  id: string;
  description?: string;
  profile?: CompanyProfile;
  expect: {
    eligible: string[];
    open?: string[];
    notOpen?: string[];
    estimates?: Record<string, number>;
    topQuestionField?: string;
  };
}

export function loadProfileFixtures(dir = 'tests/fixtures/profiles'): ProfileFixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const raw = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ProfileFixture;
      return { ...raw, ...(raw.profile ? { profile: CompanyProfileSchema.parse(raw.profile) } : {}) };
    });
}

/** The production tokenizer (nodejieba with corpus/dict), which the extractor gets injected. */
export function loadTestTokenizer(): Tokenizer {
  return loadTextTools('corpus').tokenizer;
}

/** The production extraction of one message (seed rules + registry words + division table). */
export function seedExtractor(tokenizer: Tokenizer, registry = loadRegistry()): (text: string) => Facts {
  return (text) => extractAllFacts(text, { tokenizer, registry, places: { placesInText, resolveRegion }, regionContext: '330300', today: '2024-06-30' }).profile;
}
