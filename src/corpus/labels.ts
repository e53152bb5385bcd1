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
