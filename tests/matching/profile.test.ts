// The profile schema is the console form's source: every field optional with a Chinese label,
// every enum value with a Chinese label.
import { describe, expect, it } from 'vitest';
import {
  CompanyProfileSchema, ENTITY_TYPES, ENUM_LABELS, INDUSTRIES, PROFILE_FIELDS, QUALIFICATIONS, REGIONS, fieldLabel,
} from '../../src/matching/profile.js';

const HAN = /[\u4e00-\u9fa5]/;

describe('CompanyProfileSchema', () => {
  it('accepts an empty profile (everything optional)', () => {
    expect(CompanyProfileSchema.parse({})).toEqual({});
  });

  it('gives every field a Chinese description', () => {
    for (const f of PROFILE_FIELDS) expect(fieldLabel(f), f).toMatch(HAN);
  });

  it('labels every enum value in Chinese', () => {
    for (const [values, labels] of [
      [REGIONS, ENUM_LABELS.region], [ENTITY_TYPES, ENUM_LABELS.entityType],
      [INDUSTRIES, ENUM_LABELS.industries], [QUALIFICATIONS, ENUM_LABELS.qualifications],
    ] as const) {
      for (const v of values) expect((labels as Record<string, string>)[v], v).toMatch(HAN);
    }
  });

  it('rejects negative amounts and unknown regions', () => {
    expect(CompanyProfileSchema.safeParse({ revenue: -1 }).success).toBe(false);
    expect(CompanyProfileSchema.safeParse({ region: 'hangzhou' }).success).toBe(false);
  });
});
