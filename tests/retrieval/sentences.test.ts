import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/retrieval/sentences.js';

describe('splitSentences', () => {
  it('splits at 。；！？ and keeps delimiters', () => {
    expect(splitSentences('甲。乙；丙！丁')).toEqual(['甲。', '乙；', '丙！', '丁']);
  });
  it('never splits inside brackets or quotes', () => {
    expect(splitSentences('按《办法（试行。）》执行。下一句。')).toEqual(['按《办法（试行。）》执行。', '下一句。']);
    expect(splitSentences('“甲。乙”丙。')).toEqual(['“甲。乙”丙。']);
  });
  it('handles empty text', () => {
    expect(splitSentences('')).toEqual([]);
  });
});
