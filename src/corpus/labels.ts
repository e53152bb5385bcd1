// Canonical keys and Chinese display labels for corpus units (pure).
import type { PolicyUnit } from '../domain/types.js';
import { formatChineseNumeral } from '../text/chinese-numerals.js';

export function unitLabel(unit: Pick<PolicyUnit, 'kind' | 'number' | 'title'> & Partial<Pick<PolicyUnit, 'ref' | 'section'>>): string {
  const ref = unit.ref ?? '';
  const part = formatChineseNumeral(unit.section ?? 0);
  switch (unit.kind) {
    case 'clause': {
      // Policy cards and listed policies: the running number and the policy's name.
      const card = /^card(\d+)$/u.exec(ref);
      if (card !== null) return `第${card[1]}项 ${unit.title}`.trim();
      const qa = /^q(\d+)$/u.exec(ref);
      if (qa !== null) return `问答${qa[1]}`;
      // Numbering restarted under each heading: the printed number within its part.
      if (/^s\d+\.\d+$/u.test(ref)) return `第${part}部分第${unit.number}项`;
      return `第${unit.number}条`;
    }
    case 'section':
      if (/^s\d+\.\d+$/u.test(ref)) return `第${part}部分第${formatChineseNumeral(unit.number ?? 0)}节 ${unit.title}`.trim();
      return `第${formatChineseNumeral(unit.number ?? 0)}部分 ${unit.title}`.trim();
    case 'preamble':
      return '序言';
    case 'closing':
      return '结语';
    case 'annex':
      return unit.title.length > 0 ? `附件 ${unit.title}` : '附件';
  }
}

/** A unit's key everywhere (index, sessions, feedback, rules, gold files, API): "<docId>:<ref>". */
export function unitKey(docId: string, ref: string): string {
  return `${docId}:${ref}`;
}

/** The parts of a key "<docId>:<ref>"; a bare ref has no docId. */
export function splitKey(key: string): { docId?: string; ref: string } {
  const i = key.lastIndexOf(':');
  return i > 0 ? { docId: key.slice(0, i), ref: key.slice(i + 1) } : { ref: key };
}
