// Warnings (in Chinese) for problems that do not stop segmentation: a number missing from a
// sequence, a unit without text, a numbered heading level the structure does not use.

import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';

describe('segmenter warnings', () => {
  it('goes on past a number missing from the whole document and says which', () => {
    const raw = ['某市促进消费若干措施', '', '第一条 为促进消费，制定本措施。', '第二条 发放消费券。', '第三条 支持夜间经济。', '第五条 支持首店经济。', '第六条 本措施自印发之日起施行。'].join('\n');
    const { units, warnings } = segmentDocument(raw);
    expect(units.filter((u) => u.kind === 'clause').map((u) => u.ref)).toEqual(['1', '2', '3', '5', '6']);
    expect(warnings).toContain('编号缺失：第3项之后是第5项，缺少第4项，请核对原文');
  });

  it('does not bridge a gap when the missing number occurs elsewhere', () => {
    const raw = ['某市措施', '一、总体要求', '二、主要任务', '四、保障措施', '三、其他'].join('\n');
    const { warnings } = segmentDocument(raw);
    expect(warnings.some((w) => w.startsWith('编号缺失'))).toBe(false);
  });

  it('warns about a clause without text', () => {
    const raw = ['某市办法', '第一条', '', '第二条 本办法自印发之日起施行。'].join('\n');
    const { units, warnings } = segmentDocument(raw);
    const empty = units.find((u) => u.ref === '1');
    if (empty !== undefined && empty.text.length === 0) expect(warnings).toContain('单元 1 没有正文');
    else expect(warnings.every((w) => /[\u4e00-\u9fff]/u.test(w))).toBe(true);
  });

  it('warns about numbered headings of a level the structure does not use', () => {
    const raw = [
      '某市办法',
      '第一章 总则',
      '第一条 为规范管理，制定本办法。',
      '第二条 本办法适用于全市。',
      '第二章 支持措施',
      '第一节 资金支持',
      '第三条 给予资金补助。',
      '一、设备补助',
      '第四条 给予设备补助。',
      '二、研发补助',
      '第五条 给予研发补助。',
    ].join('\n');
    const { units, warnings } = segmentDocument(raw);
    expect(units.filter((u) => u.kind === 'clause').map((u) => u.ref)).toEqual(['1', '2', '3', '4', '5']);
    expect(warnings).toContain('未识别的标题层级（cn-dun）：「一、设备补助」等2处，按正文保留');
  });

  it('writes every warning in Chinese', () => {
    const samples = ['关于做好安全生产工作的通知\n\n各单位要高度重视。', '某办法\n1、支持A。\n2、支持B。\n一、其他\n1、支持C。\n2、支持D。'];
    for (const raw of samples) for (const w of segmentDocument(raw).warnings) expect(w).toMatch(/[\u4e00-\u9fff]/u);
  });
});
