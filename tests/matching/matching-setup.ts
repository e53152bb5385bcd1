// Shared loading for matching tests: annotations, segmented units and profile fixtures.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { segmentDocument } from '../../src/corpus/segment.js';
import type { PolicyUnit } from '../../src/domain/types.js';
import type { AnnotationFile } from '../../src/matching/annotation-schema.js';
import { parseAnnotations } from '../../src/matching/load-annotations.js';
import { CompanyProfileSchema, type CompanyProfile } from '../../src/matching/profile.js';
import { loadTextTools } from '../../src/text/load-tokenizer.js';
import type { Tokenizer } from '../../src/text/tokenizer.js';

export const DOC_ID = 'wzzb-2024-11';

export function loadTestCorpus(): { annotations: AnnotationFile; units: PolicyUnit[] } {
  const annotations = parseAnnotations(JSON.parse(readFileSync(`corpus/annotations/${DOC_ID}.json`, 'utf8')));
  const units = segmentDocument(readFileSync(`corpus/raw/${DOC_ID}.txt`, 'utf8')).units;
  return { annotations, units };
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
