// Accumulating a profile across chat turns: later statements override earlier ones, including
// an explicit "no" overriding an earlier "yes". Lists accumulate (a firm can be in several
// industries); a qualification moves between "held" and "lacks" as the user corrects it.
import type { CompanyProfile, Industry, Qualification } from './profile.js';

function union<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): T[] | undefined {
  if (!a && !b) return undefined;
  return [...new Set([...(a ?? []), ...(b ?? [])])];
}

export function mergeProfiles<P extends Record<string, unknown> = CompanyProfile>(previousIn: P, nextIn: P): P {
  const previous = previousIn as CompanyProfile & Record<string, unknown>;
  const next = nextIn as CompanyProfile & Record<string, unknown>;
  const merged: CompanyProfile & Record<string, unknown> = { ...previous };
  for (const key of Object.keys(next)) {
    const value = next[key];
    if (value === undefined) continue;
    merged[key] = value;
  }

  merged.industries = union<Industry>(previous.industries, next.industries);
  // Other lists a profile accumulates (人员类别, 行业门类) grow the same way.
  for (const key of ['personGroups', 'industrySections']) {
    const u = union<unknown>(previous[key] as unknown[] | undefined, next[key] as unknown[] | undefined);
    if (u) merged[key] = u;
  }

  const held = new Set<Qualification>(previous.qualifications ?? []);
  const lacks = new Set<Qualification>(previous.lacksQualifications ?? []);
  for (const q of next.qualifications ?? []) { held.add(q); lacks.delete(q); }
  for (const q of next.lacksQualifications ?? []) { lacks.add(q); held.delete(q); }
  merged.qualifications = held.size > 0 || previous.qualifications ? [...held] : undefined;
  merged.lacksQualifications = lacks.size > 0 || previous.lacksQualifications ? [...lacks] : undefined;

  // A new region that is in Wenzhou makes an older "other city" meaningless, and vice versa.
  if (next.region !== undefined && next.region !== 'other' && next.cityName === undefined) {
    delete merged.cityName;
    if (next.inWenzhou === undefined) merged.inWenzhou = true;
  }
  if (next.region === 'other' && next.inWenzhou === undefined) merged.inWenzhou = false;
  if (next.inWenzhou === true && previous.region === 'other' && next.region === undefined) {
    delete merged.region;
    delete merged.cityName;
  }
  // 首次小升规 implies 规上; saying "not 规上" later withdraws 首次小升规 too.
  if (next.firstTimeAboveScale === true && next.aboveScale === undefined) merged.aboveScale = true;
  if (next.aboveScale === false && next.firstTimeAboveScale === undefined) merged.firstTimeAboveScale = false;

  for (const key of Object.keys(merged)) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged as unknown as P;
}
