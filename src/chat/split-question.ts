// Distributive questions over a conjunction ("养老和托育分别有啥扶持", "在用地和用能上各有什么
// 比例保障") ask about two measures at once: split them into one question per conjunct (pure).

const CONJUNCTION = /(以及|和|与|及|、)/u;
const DISTRIBUTIVE = /(分别|各自|各有|各安排|各是|都有|两块|两项|两个|各)/u;
/** Characters that end a conjunct: punctuation and function words around noun phrases. */
const BOUNDARY = /[\s，。？！、；：,.?!;:在的上了是对于把从向给这那两分各都有啥什么怎么几多]/u;
const MAX_CONJUNCT = 6;

/** Returns the two questions, or [] when the question is not a distributive conjunction. */
export function splitConjunction(question: string): string[] {
  if (!DISTRIBUTIVE.test(question)) return [];
  const m = CONJUNCTION.exec(question);
  if (!m) return [];
  const at = m.index;
  const end = at + m[0].length;
  let start = at;
  while (start > 0 && at - start < MAX_CONJUNCT && !BOUNDARY.test(question[start - 1]!)) start--;
  let stop = end;
  while (stop < question.length && stop - end < MAX_CONJUNCT && !BOUNDARY.test(question[stop]!)) stop++;
  const left = question.slice(start, at);
  const right = question.slice(end, stop);
  if (left.length < 2 || right.length < 2) return [];
  return [question.slice(0, at) + question.slice(stop), question.slice(0, start) + question.slice(end)];
}
