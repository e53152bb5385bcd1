// A unit that grants by pointing at another of its document ("享受第5条政策", "在第2条基础上",
// "按本办法第八条执行") is answered with the unit it points at (pure).
import type { CorpusUnit } from '../domain/types.js';
import { parseNumeral } from '../text/chinese-numerals.js';

/** "享受第5条政策", "在第2条基础上", "按第八条规定执行", "参照本意见第3条": a clause of the same document. */
const POINTS_AT = /(?:享受|按照?|依照|参照|适用|执行|在)(?:本(?:办法|意见|通知|细则|规定|措施|政策))?第([0-9０-９]+|[一二三四五六七八九十百]+)条(?:政策|规定|标准|基础上|执行|的规定|所列)/u;

/** The unit of the same document this unit's text points at, if it has one and it is not itself. */
export function referencedUnit(unit: CorpusUnit, units: readonly CorpusUnit[]): CorpusUnit | undefined {
  const m = POINTS_AT.exec(unit.text);
  if (!m) return undefined;
  const n = parseNumeral(m[1]!);
  if (n === null) return undefined;
  return units.find((u) => u.docId === unit.docId && u.kind === 'clause' && u.number === n && u.key !== unit.key);
}
