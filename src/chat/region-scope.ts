// Which documents apply to a question (pure; the division table is passed in). Every question
// has a region: named in it ("我们在成都"), sent by the widget or the console, or the deployment's
// DEFAULT_REGION; none means nationwide. A document applies when its jurisdiction contains the
// region (national documents apply everywhere). A region the corpus holds nothing local for is
// declined with the regions it does hold.
import type { DocumentMeta } from '../domain/types.js';

export interface Place {
  code: string;
  name: string;
}

export interface DivisionTable {
  contains(ancestorCode: string, code: string): boolean;
  placesInText(text: string, context?: string, held?: ReadonlySet<string>): Place[];
  resolveRegion(input: string | undefined | null, context?: string): Place | null;
}

export const NATIONWIDE = '000000';

export type RegionScope =
  /** Answer from these documents (all of them when nationwide). */
  | { kind: 'scoped'; region: Place | null; docIds: Set<string>; stated: boolean }
  /** The question is about a place the corpus has no local documents for. */
  | { kind: 'not_held'; region: Place; held: string[] };

export interface RegionScopeInput {
  message: string;
  /** The region sent with the request (name or code). */
  requested?: string | null;
  /** DEFAULT_REGION. */
  fallback?: string | null;
  documents: readonly DocumentMeta[];
  divisions: DivisionTable;
}

export const isNational = (d: DocumentMeta) => (d.regionCode ?? null) === NATIONWIDE || d.level === 'national';

export function applicable(documents: readonly DocumentMeta[], region: Place | null, divisions: DivisionTable): DocumentMeta[] {
  if (!region || region.code === NATIONWIDE) return [...documents];
  return documents.filter((d) => isNational(d) || (d.regionCode ? divisions.contains(d.regionCode, region.code) : false));
}

/** Names of the regions the corpus holds local documents for (for "本平台暂未收录…"). */
export function heldRegions(documents: readonly DocumentMeta[]): string[] {
  return [...new Set(documents.filter((d) => !isNational(d)).map((d) => d.region))];
}

const heldCache = new WeakMap<readonly DocumentMeta[], Set<string>>();
/** Division codes the corpus holds local documents for (their bare short forms name them). */
export function heldCodes(documents: readonly DocumentMeta[]): Set<string> {
  let codes = heldCache.get(documents);
  if (!codes) {
    codes = new Set(documents.filter((d) => !isNational(d) && d.regionCode).map((d) => d.regionCode!));
    heldCache.set(documents, codes);
  }
  return codes;
}

export function scopeRegion({ message, requested, fallback, documents, divisions }: RegionScopeInput): RegionScope {
  const base = divisions.resolveRegion(requested, undefined) ?? divisions.resolveRegion(fallback, undefined);
  // "广州天河": the district, not also the whole city it belongs to.
  const mentioned = divisions.placesInText(message, base?.code, heldCodes(documents));
  const named = mentioned.filter((p) => !mentioned.some((q) => q.code !== p.code && divisions.contains(p.code, q.code)));
  if (named.length) {
    // Several places ("杭州和温州…有什么不同"): every document of any of them.
    const docIds = new Set<string>();
    for (const place of named) for (const d of applicable(documents, place, divisions)) docIds.add(d.id);
    const local = documents.filter((d) => docIds.has(d.id) && !isNational(d));
    if (local.length === 0) return { kind: 'not_held', region: named[0]!, held: heldRegions(documents) };
    return { kind: 'scoped', region: named[0]!, docIds, stated: true };
  }
  return { kind: 'scoped', region: base, docIds: new Set(applicable(documents, base, divisions).map((d) => d.id)), stated: false };
}
