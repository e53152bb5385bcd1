// Distributive questions over a conjunction ("养老和托育分别有啥扶持", "在用地和用能上各有什么
// 比例保障") ask about two measures at once: split them into one question per conjunct (pure).
// So do messages that ask two things in turn ("…见习生每月至少发多少？另外，留下来的有补贴吗？").
import { asksQuestion } from './question-form.js';

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

/**
 * The asks of a message that asks in turn, each with the story told before it since the last ask
 * ("一是…保费补多少；二是想做独立站，有没有扶持？"): one text per ask, or [] when it asks once. An ask
 * with too few words of its own ("大概多少钱？") belongs with the ask before it.
 */
export function askSegments(message: string, minChars = 6): string[] {
  // "…建一个补多少钱，还有老年食堂新增几家": a comma before a marked further ask ends an ask too.
  const sentences = message.split(/(?<=[？?。！!；;])|(?<=[，,])(?=(?:另外|还有|还想问|再问|顺便)[^，,。？?]{4,})/u).filter((p): p is string => !!p).map((p) => p.trim()).filter(Boolean);
  const segments: string[] = [];
  let story = '';
  for (const sentence of sentences) {
    if (!asksQuestion(sentence)) {
      story += sentence;
      continue;
    }
    const bare = sentence.replace(/[\s，,。？?！!；;、]/gu, '');
    if (segments.length && !story && [...bare].length < minChars) segments[segments.length - 1] += sentence;
    else segments.push(story + sentence);
    story = '';
  }
  if (segments.length < 2) return [];
  // Only asks the asker marks as separate ("另外…", "二是…", "两件事") are other measures: a second ask
  // of one measure ("比例多少？找谁办？") is not split.
  const marked = SEVERAL.test(message) || segments.slice(1).every((seg) => NEXT_ASK.test(seg.replace(/^[\s，,、]+/u, '')) || FURTHER_BENEFIT.test(seg));
  return marked ? segments : [];
}

/** Opening a further ask on another matter. */
const NEXT_ASK = /^(另外|还有|还想问|再问|顺便|对了|其次|其二|二是|三是|第二|第三|二来|[2-9][、.．]|[（(][二三四][)）])/u;
/** Asking for a benefit besides the one just asked about ("要是实习完签了合同，还有别的补贴吗"). */
const FURTHER_BENEFIT = /(还有|另有|再有)(没有)?(额外|别的|其他|其它|另外)的?(钱|补贴|补助|奖励|奖补|政策|支持|优惠)/u;
/** Saying there are several things to ask. */
const SEVERAL = /(两|几|三)(件|个)(事|问题)|一是[^。？?]{2,}二是/u;
