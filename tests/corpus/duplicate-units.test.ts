import { describe, expect, it } from 'vitest';
import { duplicateUnitWarnings } from '../../src/corpus/duplicate-units.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';

describe('duplicate units', () => {
  it('warns once per group of units with the same text, spaces aside, and ignores short stubs', () => {
    const text = '对首次认定的企业给予一次性奖励10万元，由市科技局负责。';
    expect(duplicateUnitWarnings([
      { ref: 'card3', text },
      { ref: 'card4', text: '对新认定的企业给予奖励。由市科技局负责办理，具体见通知。' },
      { ref: 'card9', text: text.replace('，', '， \n') },
      { ref: 'a', text: '附件' },
      { ref: 'b', text: '附件' },
    ])).toEqual(['单元 card3、card9 的正文完全相同，请核对原文是否重复']);
  });

  it('finds the repeated card of the Beijing guide when the corpus loads', async () => {
    const { warnings } = await loadCorpus('corpus');
    expect(warnings.filter((w) => w.includes('正文完全相同'))).toEqual(['beijing-chanye-daoyin-2024: 单元 card67、card71 的正文完全相同，请核对原文是否重复']);
  });
});
