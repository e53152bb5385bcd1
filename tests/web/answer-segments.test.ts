// Answer text → text and citation chips; validity notices removed from the body.
import { describe, expect, it } from 'vitest';
import { refForLabel, splitAnswer, stripNotices, uniqueCitations, stripValidityLines } from '../../src/web/shared/answer-segments.js';

const cites = [
  { ref: '11', label: '第11条' },
  { ref: 'wz-2025:3', label: '第3条' },
];

describe('splitAnswer', () => {
  it('turns 〔第N条〕 markers into chips with the cited ref', () => {
    expect(splitAnswer('研发补助最高300万元。〔第11条〕\n另见〔第3条〕', cites)).toEqual([
      { kind: 'text', text: '研发补助最高300万元。' },
      { kind: 'chip', label: '第11条', ref: '11' },
      { kind: 'text', text: '\n另见' },
      { kind: 'chip', label: '第3条', ref: 'wz-2025:3' },
    ]);
  });

  it('leaves document numbers such as 温政办〔2024〕11号 as text', () => {
    expect(splitAnswer('依据温政办〔2024〕11号〔第11条〕', cites)).toEqual([
      { kind: 'text', text: '依据温政办〔2024〕11号' },
      { kind: 'chip', label: '第11条', ref: '11' },
    ]);
  });

  it('makes chips for clause-shaped labels before their citation arrives (while streaming)', () => {
    expect(splitAnswer('见〔第25条〕和〔第二部分〕、〔序言〕', [])).toEqual([
      { kind: 'text', text: '见' },
      { kind: 'chip', label: '第25条', ref: '25' },
      { kind: 'text', text: '和' },
      { kind: 'chip', label: '第二部分', ref: null },
      { kind: 'text', text: '、' },
      { kind: 'chip', label: '序言', ref: 'preamble' },
    ]);
  });

  it('makes a chip for any label a citation names, and keeps markup-like text as text', () => {
    const segs = splitAnswer('<img src=x onerror=alert(1)>〔附件一〕', [{ ref: 'a1', label: '附件一' }]);
    expect(segs).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
      { kind: 'chip', label: '附件一', ref: 'a1' },
    ]);
  });

  it('returns plain text unchanged when there are no markers', () => {
    expect(splitAnswer('没有引用', cites)).toEqual([{ kind: 'text', text: '没有引用' }]);
    expect(splitAnswer('', cites)).toEqual([]);
  });
});

describe('refForLabel', () => {
  it('prefers the citation, then the clause number', () => {
    expect(refForLabel('第3条', cites)).toBe('wz-2025:3');
    expect(refForLabel('第40条', cites)).toBe('40');
    expect(refForLabel('结语', [])).toBe('closing');
    expect(refForLabel('第一部分', [])).toBeNull();
  });
});

describe('stripNotices', () => {
  it('removes an appended validity notice and trailing blank lines', () => {
    const notice = '提示：《若干政策》实施期限已届满。';
    expect(stripNotices(`回答正文〔第11条〕\n${notice}`, [notice])).toBe('回答正文〔第11条〕');
    expect(stripNotices('回答正文', [notice])).toBe('回答正文');
  });
});

describe('uniqueCitations', () => {
  it('keeps the first citation per ref', () => {
    expect(uniqueCitations([{ ref: '1', label: 'a' }, { ref: '1', label: 'b' }, { ref: '2', label: 'c' }]).map((c) => c.label)).toEqual(['a', 'c']);
  });
});

describe('stripValidityLines', () => {
  it("removes the answerer's short validity line and keeps the rest", () => {
    const answer = '有。对企业短期出口信用保险保费给予补助〔第44条〕。\n依据：第44条（打好外贸组合拳）。\n提示：温政办〔2024〕11号实施期限至2024年12月31日，已届满，请以最新文件为准（后续文件：温政发〔2025〕2号）。';
    expect(stripValidityLines(answer)).toBe('有。对企业短期出口信用保险保费给予补助〔第44条〕。\n依据：第44条（打好外贸组合拳）。');
    expect(stripValidityLines('提示：请携带营业执照。')).toBe('提示：请携带营业执照。');
  });
});
