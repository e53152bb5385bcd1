// Sentence splitting for passage scoring and extractive answers (pure).

/** A line that starts with a short label ("发文字号：", "补贴标准：", "时间/频度："): a field of its own. */
const FIELD_LINE = /\n(?=[\p{Script=Han}/、（）()]{2,10}[：:])/u;

/**
 * Splits Chinese text into sentences at 。！？； keeping the delimiter; never breaks inside brackets.
 * A labelled line (a field of a policy card or guide) starts a new sentence even without 。.
 */
export function splitSentences(text: string): string[] {
  return text.split(FIELD_LINE).flatMap(splitAtStops);
}

function splitAtStops(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    cur += ch;
    if ('（(“《〈「【'.includes(ch)) depth++;
    else if ('）)”》〉」】'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && '。！？；'.includes(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
