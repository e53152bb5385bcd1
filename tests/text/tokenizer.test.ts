import { describe, expect, it } from 'vitest';
import { loadTextTools } from '../../src/text/load-tokenizer.js';

const { tokenizer, expand } = loadTextTools('corpus');

describe('jieba tokenizer with the policy dictionary', () => {
  it('keeps policy terms whole', () => {
    const tokens = tokenizer.tokenize('我们是专精特新小巨人，去年小升规，做个转企和首台（套）产品，申请科创指数贷');
    for (const term of ['专精特新', '小升规', '个转企', '首台套', '科创指数贷']) expect(tokens).toContain(term);
  });

  it('normalises width and spacing and joins split digits', () => {
    expect(tokenizer.tokenize('２０２４ 年 研发费用 500 万')).toEqual(tokenizer.tokenize('2024年研发费用500万'));
    expect(tokenizer.tokenize('研发费用500万')).toContain('500');
  });

  it('names the glue words of a text by part of speech, not its content words', () => {
    const filler = tokenizer.fillerWords!('厂里想在自己那块地上再盖一栋车间');
    for (const w of ['自己', '那块']) expect(filler).toContain(w);
    for (const w of ['厂里', '车间']) expect(filler).not.toContain(w);
  });

  it('drops stop words and punctuation', () => {
    const tokens = tokenizer.tokenize('我们的企业，能享受什么？');
    expect(tokens).not.toContain('的');
    expect(tokens).not.toContain('，');
    expect(tokens).not.toContain('什么');
  });

  it('expands colloquial words with document terms', () => {
    expect(expand('高企能拿多少钱')).toContain('高新技术企业');
    expect(expand('集卡过路费')).toContain('通行费');
  });

  it('has a stable id that changes with the dictionary', () => {
    expect(tokenizer.id).toMatch(/^jieba-search-v2:[0-9a-f]{10}$/);
    expect(loadTextTools('corpus').tokenizer.id).toBe(tokenizer.id);
  });
});
