// Probe defect 6: normalisation and segmentation must take time linear in the input length.
// Each case is timed at two sizes in the same test and the ratio bounded, so a slow machine
// does not fail it but a quadratic step does (4× the input → ~16× the time).

import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

/** Best of three runs, to damp scheduler noise on a busy 2-core machine. */
function best(f: () => void): number {
  return Math.min(time(f), time(f), time(f));
}

const pathological: Array<[string, (n: number) => string]> = [
  ['one article followed by a run of ASCII commas', (n) => `第一条 温${','.repeat(n)}`],
  ['spaced ASCII commas after CJK', (n) => `第一条 温${' ,'.repeat(n / 2)}`],
  ['one-character lines', (n) => Array.from({ length: n / 2 }, () => '温').join('\n')],
  ['lines of a lone closing parenthesis', (n) => Array.from({ length: n / 2 }, () => ')').join('\n')],
  ['a run of semicolons not reaching the end', (n) => `第一条 温${'；'.repeat(n)}x`],
  ['nested ASCII brackets around CJK', (n) => `第一条 ${'(a'.repeat(n / 4)}温${'a)'.repeat(n / 4)}`],
  ['thousands of numbered articles', (n) => Array.from({ length: n / 16 }, (_, i) => `第${i + 1}条 支持企业发展。`).join('\n')],
  ['thousands of policy cards', (n) => Array.from({ length: n / 64 }, (_, i) => `\f${(i % 30) + 1}. 某项补贴\n依据文件\n\n《某办法》\n\n发文字号\n\n某发〔2024〕${i}号\n\n服务内容\n\n给予补贴。`).join('\n')],
  ['thousands of distinct label words', (n) => Array.from({ length: n / 12 }, (_, i) => `政策${i}内容：给予补贴。\n文件依据：无\n申请渠道：窗口`).join('\n')],
];

describe('probe defect 6: segment time is linear', () => {
  const big = 32_000;
  it.each(pathological)('%s', (_name, make) => {
    const small = make(big / 4);
    const large = make(big);
    segmentDocument(small); // warm-up (JIT)
    const tSmall = best(() => segmentDocument(small));
    const tLarge = best(() => segmentDocument(large));
    // Linear: ~4×. Quadratic: ~16×. The floor keeps sub-millisecond timings from dividing noise.
    expect(tLarge, `small ${tSmall.toFixed(1)} ms, large ${tLarge.toFixed(1)} ms`).toBeLessThan(Math.max(tSmall, 5) * 9);
    expect(tLarge).toBeLessThan(3_000); // target < 1 s; generous for a noisy CI machine
  });
});
