import { describe, expect, it } from 'vitest';
import { parseDirectRefs } from '../../src/retrieval/direct-ref.js';

describe('parseDirectRefs', () => {
  it('reads clause numbers in Chinese and Arabic numerals', () => {
    expect(parseDirectRefs('第十一条写了啥').clauses).toEqual([11]);
    expect(parseDirectRefs('第11条和第 29 条').clauses).toEqual([11, 29]);
    expect(parseDirectRefs('11条说了啥').clauses).toEqual([11]);
    expect(parseDirectRefs('看一下 44条').clauses).toEqual([44]);
    expect(parseDirectRefs('第六十六条').clauses).toEqual([66]);
  });
  it('does not treat quoted policy names as references', () => {
    expect(parseDirectRefs('全国“民营经济31条”怎么落实').clauses).toEqual([]);
    expect(parseDirectRefs('有一条政策说研发补助').clauses).toEqual([]);
    expect(parseDirectRefs('符合条件的企业').clauses).toEqual([]);
  });
  it('reads sections, preamble and closing', () => {
    expect(parseDirectRefs('第二部分是什么政策').sections).toEqual([2]);
    expect(parseDirectRefs('序言里说了什么').preamble).toBe(true);
    expect(parseDirectRefs('结语').closing).toBe(true);
  });
});
