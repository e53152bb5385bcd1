import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alternativeGap, parseAlternatives, unstatedAlternative } from '../../src/chat/alternatives.js';

const sets = parseAlternatives(`
# comment
>国家级 省级 市级 县级|区级
增值税 企业所得税 土地增值税
主板 北交所|北京证券交易所 港交所|港股
港澳|香港 内地|大陆
`);

describe('unstatedAlternative', () => {
  it('asked about one member, answered with only others of its set', () => {
    expect(unstatedAlternative('拿了国家级称号奖多少', '对新认定的省级、市级示范园分别奖励40万元、20万元。', sets)).toBe('国家级');
    expect(unstatedAlternative('个体户增值税能减吗', '经营所得税减半征收。', sets)).toBeUndefined(); // 所得税 alone is no member
    expect(unstatedAlternative('个体户增值税能减吗', '企业所得税减按20%征收。', sets)).toBe('增值税');
    // In the asker's words.
    expect(unstatedAlternative('去港股上市奖多少', '在主板上市的奖励300万元。', sets)).toBe('港股');
  });
  it('a member named in the answer, a range covering it, or a set the answer never names: no objection', () => {
    expect(unstatedAlternative('省级示范园奖多少', '对新认定的省级、市级示范园分别奖励40万元、20万元。', sets)).toBeUndefined();
    expect(unstatedAlternative('国家级企业技术中心有奖吗', '对新认定的省级以上企业技术中心奖励50万元。', sets)).toBeUndefined();
    expect(unstatedAlternative('县级的有奖吗', '市级及以下的由县财政奖励。', sets)).toBeUndefined();
    expect(unstatedAlternative('县级的有奖吗', '省级以上的由市财政奖励。', sets)).toBe('县级');
    expect(unstatedAlternative('国家级称号奖多少', '对新认定的示范园奖励40万元。', sets)).toBeUndefined();
    // A member named only to be left out is not given.
    expect(unstatedAlternative('港股上市奖多少', '对主板上市企业（不含港股）奖励300万元。', sets)).toBe('港股');
    expect(unstatedAlternative('港股上市奖多少', '除港股外，在主板上市的奖励300万元。', sets)).toBe('港股');
    // A longer name is not its shorter neighbour: 土地增值税 is not 增值税.
    expect(unstatedAlternative('增值税有优惠吗', '土地增值税按规定减免。', sets)).toBe('增值税');
    expect(unstatedAlternative('土地增值税有优惠吗', '土地增值税按规定减免。', sets)).toBeUndefined();
  });
  it('who the asker says they are wins over members that only name the measure', () => {
    const clause = '在孵化基地连续就业满1年的港澳青年，可领取每人每月1500元住房补贴。';
    expect(unstatedAlternative('本人是大陆过来的硕士，港澳青年那个住房补贴我也能领吗', clause, sets)).toBe('大陆');
    expect(unstatedAlternative('我们公司属于内地企业，在港澳青年基地里，有啥补贴', clause, sets)).toBe('内地');
    // Without a self-description every member named counts, and 港澳 is stated.
    expect(unstatedAlternative('港澳青年基地里内地员工有住房补贴吗', clause, sets)).toBeUndefined();
    // The asker is one the clause names.
    expect(unstatedAlternative('我是香港过来的，在基地上班满一年了，住房补贴多少', clause, sets)).toBeUndefined();
    // The decline can say what the clause names instead.
    expect(alternativeGap('我是内地的，能领吗', clause, sets)).toEqual({ asked: '内地', instead: ['港澳'] });
  });
  it('the shipped dictionary parses into sets of two or more members', () => {
    const shipped = parseAlternatives(readFileSync('corpus/dict/alternatives.txt', 'utf8'));
    expect(shipped.length).toBeGreaterThan(5);
    expect(shipped.every((s) => s.slots.length >= 2 && s.slots.every((m) => m.length >= 1))).toBe(true);
    expect(shipped.find((s) => s.slots[0]![0] === '国家级')?.ranked).toBe(true);
    // Sizes: a large firm asking a measure for small ones; sizes below large are one member.
    const small = '对外贸小微企业办理汇率避险业务给予保费补助。';
    expect(unstatedAlternative('我们厂属于大型企业，汇率避险有补助吗', small, shipped)).toBe('大型企业');
    expect(unstatedAlternative('我们是中型企业，汇率避险有补助吗', small, shipped)).toBeUndefined();
  });
});
