// The text a citation may quote from: the unit's text plus its responsibility line (pure).
import type { PolicyUnit } from '../domain/types.js';

export function responsibilityLine(unit: Pick<PolicyUnit, 'kind' | 'units'>): string {
  if (unit.units.length === 0) return '';
  return unit.kind === 'section' ? `由${unit.units.join('、')}牵头实施` : `责任单位：${unit.units.join('、')}`;
}

export function citableText(unit: Pick<PolicyUnit, 'kind' | 'units' | 'text' | 'title'>): string {
  const who = responsibilityLine(unit);
  return who ? `${unit.title}\n${unit.text}\n（${who}）` : `${unit.title}\n${unit.text}`;
}
