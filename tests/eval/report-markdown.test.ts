import { describe, expect, it } from 'vitest';
import { mdCell, renderMarkdown } from '../../src/eval/report-markdown.js';
import { ThresholdsSchema } from '../../src/eval/gate.js';
import { fakeReport } from '../fakes/eval-report.js';

describe('renderMarkdown', () => {
  it('has the metrics table with thresholds and the failing cases by type', async () => {
    const md = renderMarkdown(await fakeReport(), ThresholdsSchema.parse({ max: { 'matching.mustNotViolations': 0 } }));
    expect(md).toContain('| 引用精确率 | `citations.precision` | 0.750 |  |');
    expect(md).toContain('| 误配（must_not）次数 | `matching.mustNotViolations` | 1 | ≤ 0 |');
    expect(md).toContain('## 失败用例（4）');
    expect(md).toContain('### 可回答（2）');
    expect(md).toContain('| q3 | 那找哪个部门？ | — | wzzb-2024-11:29 | 运行出错：连接被拒绝 |');
    expect(md).toContain('| p2 |');
    expect(md).not.toContain('| q1 |');
    expect(md).toContain('## 金标准警告');
  });

  it('keeps table cells on one line and escapes pipes', () => {
    expect(mdCell('a|b\nc')).toBe('a\\|b c');
  });
});
