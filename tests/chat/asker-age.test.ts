import { describe, expect, it } from 'vitest';
import { statedAge, statesAgeLimit } from '../../src/chat/asker-age.js';

describe('the asker’s own age', () => {
  it('reads 47岁, 四十六周岁 and 今年48了', () => {
    expect(statedAge('我今年47岁，能申请吗')).toBe(47);
    expect(statedAge('都四十六周岁了')).toBe(46);
    expect(statedAge('我舅今年48了，还能走引进吗')).toBe(48);
  });
  it('is no age when the figure is a period or a count', () => {
    expect(statedAge('公司开了3年了')).toBeNull();
    expect(statedAge('招了12个人')).toBeNull();
    expect(statedAge('孩子3岁')).toBeNull();
  });
  it('an age limit in a unit', () => {
    expect(statesAgeLimit('引进时年龄原则上不超过45周岁')).toBe(true);
    expect(statesAgeLimit('工作满2年')).toBe(false);
  });
});
