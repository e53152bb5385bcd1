// corpus/dict/out-of-scope.txt is matched as substrings of a question: a listed topic must not hide
// inside everyday words, or an answerable question would be declined for a word it never used.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRegions } from '../../src/chat/guard.js';

const topics = parseRegions(readFileSync('corpus/dict/out-of-scope.txt', 'utf8'));

// Everyday phrases that contain a short topic word by accident (年会 in 今年会, 展期 in 开展期间…).
const EVERYDAY = ['今年会不会下调', '今年检查', '集中考核', '提高考核标准', '开展期间', '有关税收优惠', '降低保费', '外地户口的孩子上学', '留学费用', '用气象数据', '参考编号'];

describe('the out-of-scope list', () => {
  it('has no duplicate and no topic inside an everyday phrase', () => {
    expect(new Set(topics).size).toBe(topics.length);
    for (const phrase of EVERYDAY) expect(topics.filter((t) => phrase.includes(t)), phrase).toEqual([]);
  });
});
