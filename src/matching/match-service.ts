// Match service: turns a structured profile and/or a free-text description into ranked
// measures and follow-up questions. Built once at start-up from loaded annotations and units.
import type { AnnotationFile } from './annotation-schema.js';
import { matchMeasures, type MatchOptions, type MatchResult } from './engine.js';
import { createOfflineExtractor, type ProfileExtractor } from './llm-extract.js';
import type { CompanyProfile } from './profile.js';

export interface MatchInput {
  /** Profile known so far (e.g. from the console form or earlier chat turns). */
  profile?: CompanyProfile;
  /** Latest free-text description; its facts override `profile` where they conflict. */
  description?: string;
}

export interface MatchServiceResult extends MatchResult {
  profile: CompanyProfile;
}

export interface MatchService {
  match(input: MatchInput): Promise<MatchServiceResult>;
}

export interface MatchServiceOptions {
  annotations: AnnotationFile;
  units: MatchOptions['units'];
  extractor?: ProfileExtractor;
}

export function createMatchService({
  annotations,
  units,
  extractor = createOfflineExtractor(),
}: MatchServiceOptions): MatchService {
  return {
    async match({ profile = {}, description }) {
      const merged = description?.trim() ? await extractor.extract(description, profile) : profile;
      return { profile: merged, ...matchMeasures({ profile: merged, annotations, units }) };
    },
  };
}
