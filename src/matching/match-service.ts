// Match service: turns a profile and/or a free-text description, a region and an as-of date into
// ranked measures of every applicable document and follow-up questions. Built once at start-up
// from loaded rules, the fact registry and the corpus units; the division table and the clock
// are injected.
import type { z } from 'zod';
import type { Facts } from '../rules/condition.js';
import { profileSchema, type FactRegistry } from '../rules/fact-registry.js';
import { matchMeasures, type MatchResult, type RuleSet, type UnitLike } from './engine.js';
import { createOfflineExtractor, type ProfileExtractor } from './llm-extract.js';
import { mergeProfiles } from './merge-profiles.js';

export interface MatchInput {
  /** Facts known so far (the console form, earlier chat turns). */
  profile?: Facts;
  /** Latest free-text description; its facts override `profile` where they conflict. */
  description?: string;
  /** The company's region: a name (成都, 乐清市) or a 6-digit code; a place the description names wins. */
  region?: string;
  /** ISO date (YYYY-MM-DD) the match is for; today by default. */
  asOf?: string;
  /** Only these measures (unit keys), e.g. the ones a chat answer is about; all by default. */
  keys?: readonly string[];
}

export interface MatchServiceResult extends MatchResult {
  profile: Facts;
  /** The region matched for, null for nationwide. */
  region: { code: string; name: string } | null;
  asOf: string;
}

export interface MatchService {
  match(input: MatchInput): Promise<MatchServiceResult>;
  /** The edge schema of a profile (every registered fact), for request validation. */
  readonly profileSchema?: z.ZodObject;
}

export interface RegionResolver {
  resolveRegion(input: string, context?: string): { code: string; name: string } | null;
  contains(ancestorCode: string, code: string): boolean;
}

export interface MatchServiceOptions {
  ruleSets: readonly RuleSet[];
  registry: FactRegistry;
  units: readonly UnitLike[];
  divisions: RegionResolver;
  extractor?: ProfileExtractor;
  /** DEFAULT_REGION: the region of requests that neither state nor send one. */
  defaultRegion?: string;
  now?: () => Date;
}

export function createMatchService({
  ruleSets, registry, units, divisions, extractor = createOfflineExtractor(), defaultRegion, now = () => new Date(),
}: MatchServiceOptions): MatchService {
  const resolve = (s: string | undefined, context?: string) => {
    const place = s ? divisions.resolveRegion(s, context) : null;
    return place ? { code: place.code, name: place.name } : null;
  };
  const home = resolve(defaultRegion);
  return {
    profileSchema: profileSchema(registry),
    async match({ profile = {}, description, region, asOf, keys }) {
      const requested = resolve(region, home?.code);
      const stated = description?.trim() ? await extractor.extract(description, {}) : {};
      const facts = description?.trim() ? mergeProfiles(profile, stated) : { ...profile };
      // A district named by an older enum fact (the seed's region) is read through its label.
      if (facts.registrationRegion === undefined && typeof facts.region === 'string' && registry.get('region')?.values) {
        const place = resolve(registry.valueLabel('region', facts.region), home?.code);
        if (place) facts.registrationRegion = place.code;
      }
      // A place the description names wins, then the request's region, then the profile's, then the default.
      const fromFacts = typeof facts.registrationRegion === 'string' ? resolve(facts.registrationRegion, home?.code) : null;
      const named = typeof stated.registrationRegion === 'string' ? fromFacts : null;
      const place = named ?? requested ?? fromFacts ?? home;
      if (fromFacts) facts.registrationRegion = fromFacts.code;
      const date = asOf ?? now().toISOString().slice(0, 10);
      const result = matchMeasures({
        facts, ruleSets, units, registry, asOf: date, contains: divisions.contains,
        regionCode: place && place.code !== '000000' ? place.code : null,
        ...(keys ? { keys } : {}),
      });
      return { profile: facts, region: place, asOf: date, ...result };
    },
  };
}
