// Sentence splitting for passage scoring and extractive answers (pure).

/** Splits Chinese text into sentences at 。！？； keeping the delimiter; never breaks inside brackets. */
export function splitSentences(text: string): string[] {
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
