// Figure extraction and the grounding check (pure): amounts, percentages and dates compared by
// value across the ways Chinese text writes them.
import { describe, expect, it } from 'vitest';
import { extractFigures, ungroundedFigures } from '../../src/chat/extract-figures.js';
import { checkFigureGrounding, groundingFallbackReason } from '../../src/chat/verify-citations.js';
import type { Citation } from '../../src/domain/types.js';

const cite = (quote: string): Citation => ({ ref: '11', label: '第11条', quote, docTitle: '测试文件' });
const values = (text: string) => extractFigures(text).map((f) => [f.kind, f.value]);

describe('probe defect 10: LLM numbers must be grounded (extraction)', () => {
  it('reads one amount the same way in every spelling', () => {
    for (const text of ['300万元', '300万', '３００万元', '三百万元', '300 万元', '3,000,000元', '0.03亿元']) {
      expect(values(text), text).toEqual([['amount', 3_000_000]]);
    }
  });

  it('reads percentages and dates, full width and Chinese numerals included', () => {
    expect(values('按3%、百分之八和１５％')).toEqual([['percent', 3], ['percent', 8], ['percent', 15]]);
    expect(values('二〇二五年三月一日起')).toEqual([['date', { year: 2025, month: 3, day: 1 }]]);
    expect(values('至2027-06-30止')).toEqual([['date', { year: 2027, month: 6, day: 30 }]]);
  });

  it('gives a bare number in a range the unit after it', () => {
    expect(values('给予20到40万元')).toEqual([['amount', 200_000], ['amount', 400_000]]);
    expect(values('2%—5%')).toEqual([['percent', 2], ['percent', 5]]);
  });

  it('skips clause markers, document numbers and bare counts', () => {
    expect(extractFigures('见〔第11条〕、温政办〔2024〕11号和第12条，共3项')).toEqual([]);
  });
});

describe('probe defect 10: LLM numbers must be grounded (check)', () => {
  it('flags an amount that no verified quote states', () => {
    const r = checkFigureGrounding('最高可达1亿元〔第11条〕', [cite('按存量部分的3%和增量部分的8%给予最高300万元补助')]);
    expect(r.ungrounded.map((f) => f.text)).toEqual(['1亿元']);
    expect(groundingFallbackReason(r.ungrounded)).toBe('大模型答案中的数字“1亿元”未在引用条款中出现，已改用离线答案');
  });

  it('accepts figures the quotes state in another spelling', () => {
    const r = checkFigureGrounding('按百分之三给予最高300万〔第11条〕', [cite('按存量部分的 3%和增量部分的 8%给予最高 300 万元补助')]);
    expect(r.ungrounded).toEqual([]);
  });

  it('accepts a figure from an estimate the system computed for the turn, and only then', () => {
    const answer = '测算可得13万元〔第11条〕';
    const quotes = [cite('按存量部分的3%和增量部分的8%给予最高300万元补助')];
    expect(checkFigureGrounding(answer, quotes).ungrounded.map((f) => f.text)).toEqual(['13万元']);
    expect(checkFigureGrounding(answer, quotes, ['研发费用补助约13万元（仅供参考）']).ungrounded).toEqual([]);
  });

  it('a partial date is grounded by a fuller one, not the other way round', () => {
    expect(ungroundedFigures('2024年起', ['自2024年2月23日起施行'])).toEqual([]);
    expect(ungroundedFigures('2024年3月1日起', ['自2024年起施行']).map((f) => f.text)).toEqual(['2024年3月1日']);
  });

  it('names at most three figures in the reason', () => {
    const r = checkFigureGrounding('1亿元、2亿元、3亿元和4亿元', []);
    expect(groundingFallbackReason(r.ungrounded)).toBe('大模型答案中的数字“1亿元”“2亿元”“3亿元”等4处未在引用条款中出现，已改用离线答案');
  });
});
