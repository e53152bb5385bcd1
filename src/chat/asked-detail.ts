// What detail of a measure a follow-up asks for, and whether a unit states it (pure): the
// materials to hand in, or how the money is paid out. A follow-up on a measure may be answered by
// another unit of the same document ("提交下列材料", "分三年按30%、30%和40%兑现").
import type { CorpusUnit } from '../domain/types.js';

const DETAILS: Array<{ asked: RegExp; stated: RegExp }> = [
  // Materials and where to hand them in.
  { asked: /(材料(?!费)|资料(?!费)|手续(?!费)|交到哪|交给谁|提交什么|要交什么)/u, stated: /(提交[^。]{0,12}材料|下列材料|以下材料|申请材料|申报材料|材料清单|所需材料)/u },
  // How the money is paid: at once or in instalments.
  { asked: /(一次(性)?(给|发|拿|付|兑现|到位|给齐|给清)|分(几|多少|两|三)?(次|回|年|期|批)(给|发|拿|付|兑现)?|分期)/u, stated: /(分(期|批|年|次)|按[^。]{0,12}\d+%[、，和]\d+%|一次性(兑现|拨付|给予|发放)|分[一二三四五两]年|第[一二三四五]年[^。]{0,8}(奖励|补助|补贴|给予|兑现|拨付))/u },
];

/** The units among `candidates` (in order) that state the detail `question` asks for, when `unit` does not. */
export function unitsStatingAskedDetail(question: string, unit: CorpusUnit, candidates: readonly CorpusUnit[]): CorpusUnit[] {
  const detail = DETAILS.find((d) => d.asked.test(question));
  if (!detail || detail.stated.test(`${unit.title}${unit.text}`)) return [];
  return candidates.filter((u) => u !== unit && u.docId === unit.docId && detail.stated.test(`${u.title}${u.text}`));
}
