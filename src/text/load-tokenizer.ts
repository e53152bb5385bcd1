// Loads corpus/dict files and builds the default tokenizer and query expander (I/O edge).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseStopWords, parseSynonyms, parseUserDict, expandQuery } from './dictionaries.js';
import { createJiebaTokenizer } from './jieba-tokenizer.js';
import type { Tokenizer } from './tokenizer.js';

export interface TextTools {
  tokenizer: Tokenizer;
  expand: (query: string) => string;
}

function readOptional(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

export function loadTextTools(corpusDir: string): TextTools {
  const dictDir = join(corpusDir, 'dict');
  const tokenizer = createJiebaTokenizer({
    userDict: parseUserDict(readOptional(join(dictDir, 'user-dict.txt'))),
    stopWords: parseStopWords(readOptional(join(dictDir, 'stopwords.txt'))),
  });
  const synonyms = parseSynonyms(readOptional(join(dictDir, 'synonyms.txt')));
  return { tokenizer, expand: (q) => expandQuery(q, synonyms) };
}
