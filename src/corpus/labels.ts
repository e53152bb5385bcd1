// Canonical keys and Chinese display labels for corpus units (pure).
import type { PolicyUnit } from '../domain/types.js';
import { formatChineseNumeral } from '../text/chinese-numerals.js';

export function unitLabel(unit: Pick<PolicyUnit, 'kind' | 'number' | 'title'>): string {
  switch (unit.kind) {
    case 'clause':
      return `第${unit.number}条`;
    case 'section':
      return `第${formatChineseNumeral(unit.number ?? 0)}部分 ${unit.title}`.trim();
    case 'preamble':
      return '序言';
    case 'closing':
      return '结语';
  }
}

/** Unqualified ref while one document is loaded, "<docId>:<ref>" once there are several. */
export function unitKey(docId: string, ref: string, multiDocument: boolean): string {
  return multiDocument ? `${docId}:${ref}` : ref;
}

/** Accepts "11", "s2", "preamble", "closing" and "<docId>:11"; returns both parts. */
export function parseKey(key: string): { docId?: string; ref: string } {
  const i = key.lastIndexOf(':');
  return i > 0 ? { docId: key.slice(0, i), ref: key.slice(i + 1) } : { ref: key };
}
