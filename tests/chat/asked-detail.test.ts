import { describe, expect, it } from 'vitest';
import { unitsStatingAskedDetail, unstatedLoneDetail } from '../../src/chat/asked-detail.js';
import type { CorpusUnit } from '../../src/domain/types.js';

const unit = (ref: string, text: string, docId = 'd'): CorpusUnit =>
  ({ docId, ref, key: `${docId}:${ref}`, label: `第${ref}条`, title: '', text, kind: 'clause', units: [] }) as unknown as CorpusUnit;

describe('a detail of a measure another unit of its document states', () => {
  const rule = unit('2', '固定资产投资1000万元及以上的，按投资额的5%给予奖励。');
  const stages = unit('21', '奖励分三个阶段，分别按应奖励额的30%、30%和40%兑现。');
  const annual = unit('12', '鼓励企业逐年增加地方财政贡献。');
  const papers = unit('6', '申请认定基地，应当提交下列材料：申请表、岗位信息表。');
  const elsewhere = unit('6', '申请时提交下列材料。', 'other');

  it('finds how the money is paid out, not a unit that merely says 逐年', () => {
    expect(unitsStatingAskedDetail('这笔奖金一次性到位，还是分年发', rule, [annual, stages])).toEqual([stages]);
  });
  it('finds the materials, only in the same document', () => {
    expect(unitsStatingAskedDetail('那要交哪些材料', rule, [elsewhere, papers])).toEqual([papers]);
  });
  it('keeps the earlier unit when it states the detail, or when no detail is asked', () => {
    expect(unitsStatingAskedDetail('分几次给', stages, [rule])).toEqual([]);
    expect(unitsStatingAskedDetail('最高多少', rule, [stages])).toEqual([]);
  });
});

describe('a detail asked alone that no nearest clause gives', () => {
  const clause = ['对新认定的企业给予一次性奖励20万元，由市经信局负责兑现。'];

  it('names the processing time, phone number or web address asked for alone', () => {
    expect(unstatedLoneDetail('这个奖励申请以后，大概几天能到账？', clause)).toBe('办理时限');
    expect(unstatedLoneDetail('材料交齐之后审批要多长时间', clause)).toBe('办理时限');
    expect(unstatedLoneDetail('经信局的咨询电话是多少', clause)).toBe('联系电话');
    expect(unstatedLoneDetail('在哪个网站上报名？', clause)).toBe('网址');
    // When the money arrives, and things to hand in said as 东西.
    expect(unstatedLoneDetail('这笔奖金什么时候能到账', clause)).toBe('办理时限');
    expect(unstatedLoneDetail('申请的话要带哪些东西', clause)).toBe('申报材料');
    // When applications open, not how long they take.
    expect(unstatedLoneDetail('这个奖励啥时候开始申报？', clause)).toBe('申报时间');
    expect(unstatedLoneDetail('几月份可以报名', clause)).toBe('申报时间');
    expect(unstatedLoneDetail('这个奖励啥时候开始申报？', ['每年4月组织申报，由市经信局负责兑现。'])).toBeNull();
  });

  it('passes when a clause gives the detail, when something else is asked too, or when the detail word is only told', () => {
    expect(unstatedLoneDetail('申请以后几天能到账', ['收到申请后10个工作日内拨付。'])).toBeNull();
    expect(unstatedLoneDetail('有没有咨询电话', ['咨询电话：0577-88960000。'])).toBeNull();
    expect(unstatedLoneDetail('在哪个网站申请', ['通过浙里办平台在线申报。'])).toBeNull();
    // Another ask beside it is answered with the clause.
    expect(unstatedLoneDetail('能奖多少钱，多久能到账', clause)).toBeNull();
    // A story that mentions a website or a phone without asking for one.
    expect(unstatedLoneDetail('我在官网上看到这个政策了，新认定的企业奖多少？', clause)).toBeNull();
    // A benefit's period is not processing time.
    expect(unstatedLoneDetail('这个补贴能领多久', clause)).toBeNull();
  });
});

describe('a phone number is a number, not an amount', () => {
  it('an amount of five or more digits does not state a phone number', () => {
    expect(unstatedLoneDetail('咨询电话是多少', ['补助总额不超过50000元。'])).toBe('联系电话');
    expect(unstatedLoneDetail('咨询电话是多少', ['联系人：王女士，88960000。'])).toBeNull();
  });
});

describe('several details asked together, none given', () => {
  const clause = ['对首次认定的企业给予20万元奖励。'];
  it('are declined together, materials and deadlines included', () => {
    expect(unstatedLoneDetail('去哪个网站报，要带什么材料', clause)).toBe('申报材料、网址');
    expect(unstatedLoneDetail('每年几号前要报上去', clause)).toBe('截止时间');
    expect(unstatedLoneDetail('要准备哪些资料？多长时间能批下来？', clause)).toBe('办理时限、申报材料');
  });
  it('one of them given, or another ask beside them: answered with the clause', () => {
    expect(unstatedLoneDetail('去哪个网站报，要带什么材料', ['申请人应提交申请表和营业执照复印件。'])).toBeNull();
    expect(unstatedLoneDetail('奖多少，要带什么材料', clause)).toBeNull();
    expect(unstatedLoneDetail('每年几号前要报上去', ['每年3月31日前申报。'])).toBeNull();
  });
  it('where to hand in, asked with other missing details, is not given by the responsible units alone', () => {
    const withUnits = ['对首次认定的企业给予20万元奖励。责任单位：市经信局、市财政局'];
    expect(unstatedLoneDetail('得准备啥材料？递到什么窗口？办事热线有吗', withUnits)).toBe('联系电话、申报材料、申请渠道');
    // Asked alone, the responsible units say whom to apply to.
    expect(unstatedLoneDetail('这个去哪里申请', withUnits)).toBeNull();
  });
});
