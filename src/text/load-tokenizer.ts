// Loads corpus/dict files and builds the default tokenizer and query expander (I/O edge).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseStopWords, parseSynonyms, parseThesaurus, parseUserDict, expandQuery, thesaurusWords, withThesaurus } from './dictionaries.js';
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
  const thesaurus = parseThesaurus(readOptional(join(dictDir, 'thesaurus.txt')));
  const tokenizer = createJiebaTokenizer({
    // Everyday phrases are words too, so the segmenter keeps them whole ("上规" is not cut into "规有").
    userDict: [...parseUserDict(readOptional(join(dictDir, 'user-dict.txt'))), ...thesaurusWords(thesaurus)],
    stopWords: parseStopWords(readOptional(join(dictDir, 'stopwords.txt'))),
  });
  const synonyms = withThesaurus(parseSynonyms(readOptional(join(dictDir, 'synonyms.txt'))), thesaurus);
  return { tokenizer, expand: (q) => expandQuery(q, synonyms, tokenizer.wordStarts?.(q)) };
}
