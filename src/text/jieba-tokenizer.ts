// The nodejieba adapter: the only file that imports nodejieba.
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { isPunctuation, mergeDigitRuns, type Tokenizer } from './tokenizer.js';
import type { UserDictEntry } from './dictionaries.js';

const require = createRequire(import.meta.url);

interface Jieba {
  cut(text: string, hmm?: boolean): string[];
  cutForSearch(text: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean;
  tag(text: string): Array<{ word: string; tag: string }>;
}

/** Parts of speech (jieba's tag set) that glue a sentence rather than name its content: pronouns,
 * adverbs, prepositions, conjunctions, particles, interjections, onomatopoeia, numerals, measure
 * words, locatives, place words and idioms. */
const FILLER_TAGS = /^(r|rr|rz|d|df|dg|p|c|u|uj|ul|uz|uv|ud|ug|y|e|o|q|m|f|s|l|z)$/u;

let jieba: Jieba | undefined;
const inserted = new Set<string>();

function loadJieba(): Jieba {
  jieba ??= require('nodejieba') as Jieba;
  return jieba;
}

export interface JiebaTokenizerOptions {
  userDict?: UserDictEntry[];
  stopWords?: Set<string>;
}

/**
 * Lower-cases, NFKC-normalises and drops whitespace so "2024 年" and "２０２４年" tokenise alike;
 * a one- or two-character bracketed suffix inside a word ("首台（套）") is unbracketed so the
 * segmenter keeps the term whole ("首台套").
 */
export function prepareText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/(\p{Script=Han})\((\p{Script=Han}{1,2})\)/gu, '$1$2');
}

export function createJiebaTokenizer({ userDict = [], stopWords = new Set() }: JiebaTokenizerOptions = {}): Tokenizer {
  const jb = loadJieba();
  for (const { word } of userDict) {
    const w = prepareText(word);
    if (!inserted.has(w)) {
      jb.insertWord(w);
      inserted.add(w);
    }
  }
  // Bump the version when prepareText or filtering changes, so stored indexes are rebuilt.
  const id = `jieba-search-v2:${createHash('sha1')
    .update(JSON.stringify([userDict.map((e) => e.word), [...stopWords]]))
    .digest('hex')
    .slice(0, 10)}`;
  return {
    id,
    tokenize(text: string): string[] {
      const prepared = prepareText(text);
      if (!prepared) return [];
      const raw = mergeDigitRuns(jb.cutForSearch(prepared, true));
      return raw.filter((t) => !isPunctuation(t) && !stopWords.has(t));
    },
    fillerWords(text: string): Set<string> {
      const prepared = prepareText(text);
      return new Set(prepared ? jb.tag(prepared).filter((t) => FILLER_TAGS.test(t.tag)).map((t) => t.word) : []);
    },
    wordStarts(text: string): Set<number> {
      // The plain dictionary cut (no HMM guesses such as 生有) of the text as typed: its tokens concatenate back to it.
      const starts = new Set<number>([0]);
      let at = 0;
      for (const t of jb.cut(text, false)) {
        at += t.length;
        starts.add(at);
      }
      return starts;
    },
  };
}
