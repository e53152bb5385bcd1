import { describe, expect, it } from 'vitest';
import { expandQuery, parseStopWords, parseSynonyms, parseUserDict } from '../../src/text/dictionaries.js';
import { mergeDigitRuns, isPunctuation } from '../../src/text/tokenizer.js';

describe('dictionary parsing', () => {
  it('parses user dictionaries, skipping comments and blanks', () => {
    expect(parseUserDict('# c\n规上 1000 n\n\n小升规\n')).toEqual([
      { word: '规上', freq: 1000, tag: 'n' },
      { word: '小升规', freq: undefined, tag: undefined },
    ]);
    expect(parseStopWords('的\n# x\n了').has('了')).toBe(true);
  });
  it('parses synonyms and expands queries, longest key first', () => {
    const syn = parseSynonyms('高企 = 高新技术企业\n规上 = 规模以上\n规模以上 = 规上, 大企业\nbad line');
    expect(syn.get('规模以上')).toEqual(['规上', '大企业']);
    expect(expandQuery('我们是高企', syn)).toBe('我们是高企 高新技术企业');
    // 规模以上 contains 规上 only as characters 模以上? no — but must not re-expand inside a longer match
    expect(expandQuery('规模以上企业', syn)).toBe('规模以上企业 规上 大企业');
    expect(expandQuery('无关问题', syn)).toBe('无关问题');
  });
});

describe('token helpers', () => {
  it('merges digit runs split by the segmenter', () => {
    expect(mergeDigitRuns(['研发', '5', '0', '0', '万', '2', '.', '85'])).toEqual(['研发', '500', '万', '2.85']);
  });
  it('detects punctuation tokens', () => {
    expect(isPunctuation('，')).toBe(true);
    expect(isPunctuation('（')).toBe(true);
    expect(isPunctuation('规上')).toBe(false);
    expect(isPunctuation('3%')).toBe(false);
  });
});

describe('expansion keys on word boundaries', () => {
  const syn = new Map([
    ['高企', ['高新技术企业']],
    ['外企', ['外资企业']],
    ['预算', ['预算安排资金']],
  ]);
  it('a key inside two words does not expand; one that begins or ends a word does', async () => {
    const { loadTextTools } = await import('../../src/text/load-tokenizer.js');
    const { tokenizer } = loadTextTools('corpus');
    const starts = (q: string) => tokenizer.wordStarts!(q);
    expect(expandQuery('怎么提高企业竞争力', syn, starts('怎么提高企业竞争力'))).toBe('怎么提高企业竞争力');
    expect(expandQuery('境外企业来投资', syn, starts('境外企业来投资'))).toBe('境外企业来投资');
    expect(expandQuery('我们是高企', syn, starts('我们是高企'))).toContain('高新技术企业');
    expect(expandQuery('市里财政预算多少', syn, starts('市里财政预算多少'))).toContain('预算安排资金');
  });
});
