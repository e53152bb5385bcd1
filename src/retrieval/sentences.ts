// Sentence splitting and query-sentence scoring for extractive answers (pure).
import type { Tokenizer } from '../text/tokenizer.js';

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

export interface SentenceScore {
  index: number;
  sentence: string;
  score: number;
}

/**
 * Scores each sentence by the idf-weighted share of query terms it contains.
 * `idf` gives term weights (unknown terms should get a neutral weight).
 */
export function scoreSentences(
  sentences: string[],
  queryTokens: string[],
  tokenizer: Tokenizer,
  idf: (term: string) => number,
): SentenceScore[] {
  const terms = [...new Set(queryTokens)];
  const total = terms.reduce((s, t) => s + idf(t), 0) || 1;
  return sentences.map((sentence, index) => {
    const tokens = new Set(tokenizer.tokenize(sentence));
    let hit = 0;
    for (const t of terms) if (tokens.has(t)) hit += idf(t);
    return { index, sentence, score: hit / total };
  });
}
