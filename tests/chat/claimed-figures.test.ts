import { describe, expect, it } from 'vitest';
import { claimedAmounts, unstatedClaims, unstatedFigure, unstatedRate } from '../../src/chat/claimed-figures.js';

describe('amounts a question claims a measure grants', () => {
  it('tells a claimed benefit from the asker’s own figures', () => {
    expect(claimedAmounts('听朋友说开民宿每间房能奖3000块，是不是真的').map((f) => f.text)).toEqual(['3000块']);
    expect(claimedAmounts('首台套奖励上限是500万吗').map((f) => f.text)).toEqual(['500万']);
    expect(claimedAmounts('去年研发投了800万，能补多少')).toEqual([]);
    expect(claimedAmounts('找担保公司贷了200万，费率多少')).toEqual([]);
    // What the amount is, said right after it: a loan, an order or a project of the asker's.
    expect(claimedAmounts('银行能给放个两百万左右的贷款吗，利息补多少')).toEqual([]);
    expect(claimedAmounts('政府给接了个五百万的订单，有奖励吗')).toEqual([]);
    expect(claimedAmounts('听说政府给补两百万的，真的假的').map((f) => f.text)).toEqual(['两百万']);
  });

  it('a rate put up for checking is a claim; a share the asker reports is not', () => {
    expect(claimedAmounts('个体户的经营所得是不是按5%交').map((f) => f.text)).toEqual(['5%']);
    expect(claimedAmounts('出口信保保费补贴到底是按40%还是60%补').map((f) => f.text)).toEqual(['40%', '60%']);
    expect(claimedAmounts('贷款贴息比例是50%吗').map((f) => f.text)).toEqual(['50%']);
    expect(claimedAmounts('我们研发费用占营收是6%，能申请吗')).toEqual([]);
    expect(claimedAmounts('今年营收增长是30%，有奖励吗')).toEqual([]);
    expect(claimedAmounts('补助能拿到30%')).toEqual([]);
    // A figure someone quoted to the asker (报的, 收的) is their situation, not a claim about the policy.
    expect(claimedAmounts('银行那边报的利率是4.5%，贴息能贴多少')).toEqual([]);
    expect(claimedAmounts('担保公司收的费率是3%，国家上限多少')).toEqual([]);
    expect(unstatedClaims('保费补贴是不是按50%补', ['按实际缴纳保费的50%给予补助。'])).toEqual([]);
    expect(unstatedClaims('保费补贴是不是按70%补', ['按实际缴纳保费的50%给予补助。']).map((f) => f.text)).toEqual(['70%']);
  });

  it('only claims no text states are unstated', () => {
    expect(unstatedClaims('小升规奖励5万是真的吗', ['对首次“小升规”的服务业企业给予5万元奖励。'])).toEqual([]);
    expect(unstatedClaims('小升规奖励50万是真的吗', ['对首次“小升规”的服务业企业给予5万元奖励。']).map((f) => f.text)).toEqual(['50万']);
  });

  it('a count in the text ("3万个") never grounds a claimed sum of money ("3万元")', () => {
    const text = ['全市新建充电桩3万个以上，对购买电动汽车的减免车辆购置税。'];
    expect(unstatedClaims('买电车每台补贴3万元吗', text).map((f) => f.text)).toEqual(['3万元']);
    expect(unstatedClaims('买电车每台补贴3万元吗', ['每台补贴3万元。'])).toEqual([]);
  });
});

describe('a rate per unit the clause never states', () => {
  it('"每瓦补多少" against a clause with no per-watt figure names the missing unit; a stated rate passes', () => {
    expect(unstatedRate('工厂屋顶装了光伏，每瓦能补多少', ['支持建设分布式光伏，给予一次性奖励。'])).toBe('瓦');
    expect(unstatedRate('工厂屋顶装了光伏，每瓦能补多少', ['按装机容量给予0.1元/瓦补贴。'])).toBeNull();
    // Counting words, and a text that drops them (每张床 → 每床).
    expect(unstatedRate('村里修水塘，每亩补多少', ['对新建水塘给予一次性奖励20万元。'])).toBe('亩');
    expect(unstatedRate('村里修水塘，每亩补多少', ['按200元/亩给予补助。'])).toBeNull();
    expect(unstatedRate('护理站每张床一年补多少', ['按每床每年800元给予运营补助。'])).toBeNull();
    expect(unstatedRate('护理站每张床一年补多少', ['给予护理站一次性建设补助。'])).toBe('张');
    expect(unstatedRate('买电车每辆补多少', ['落实新能源汽车减免车辆购置税政策。'])).toBe('辆');
    // "一亩地补多少" asks the same rate as 每亩; "一亩" in a story does not.
    expect(unstatedRate('家里承包的茶园一亩地能补几多', ['对新建茶园给予一次性奖励20万元。'])).toBe('亩');
    expect(unstatedRate('家里承包的茶园一亩地能补几多', ['按200元/亩给予补助。'])).toBeNull();
    expect(unstatedRate('开了一家民宿，能补多少', ['对民宿给予一次性奖励2万元。'])).toBeNull();
    // A daily rate: asked per day, stated only as a total or not at all.
    expect(unstatedRate('驻村干部伙食补助一天有几多', ['适当提高驻村干部下乡补贴。'])).toBe('天');
    expect(unstatedRate('误工补贴每天补多少钱', ['给予每人一次性补贴500元。'])).toBe('天');
    expect(unstatedRate('驻村干部伙食补助一天有几多', ['按每人每天50元给予伙食补助。'])).toBeNull();
    expect(unstatedRate('陪护补贴一天多少', ['陪护补贴按120元/天发放。'])).toBeNull();
    // How many days something takes is no daily rate.
    expect(unstatedRate('审批要几天能办好', ['材料齐全的当场办结。'])).toBeNull();
    // No rate asked: nothing to check.
    expect(unstatedRate('光伏有补贴吗', ['支持建设分布式光伏。'])).toBeNull();
  });
});

describe('a period, an age or points the units never state', () => {
  it('names what is missing when no figure of that kind is written', () => {
    expect(unstatedFigure('大棚贷款的贴息最多贴几年', '对设施农业项目贷款予以贴息支持。')).toBe('具体期限');
    expect(unstatedFigure('实习补贴能发几个月', '对实习的学生给予实习补贴。')).toBe('具体期限');
    expect(unstatedFigure('申报人才项目，年龄上限是多少岁', '适当放宽人才工程年龄限制。')).toBe('具体年龄');
    expect(unstatedFigure('积分落户每交一年社保加几分', '落实积分制度。')).toBe('具体分值');
    // A year of the calendar is no period.
    expect(unstatedFigure('贴息能贴几年', '2024年对项目贷款予以贴息。')).toBe('具体期限');
  });
  it('passes when a figure of that kind is written, in any unit of a duration', () => {
    expect(unstatedFigure('贴息最多贴几年', '贴息期限最长不超过3年。')).toBeNull();
    expect(unstatedFigure('贴息最多贴几年', '贴息期限为24个月。')).toBeNull();
    expect(unstatedFigure('补贴能发几个月', '补贴期限最长为两年。')).toBeNull();
    expect(unstatedFigure('多大年纪以内能申请', '本办法所称青年是指45周岁以下的居民。')).toBeNull();
    expect(unstatedFigure('一年能加几分', '每满1年积2分。')).toBeNull();
    // "哪几年" asks which years: calendar years answer it.
    expect(unstatedFigure('这个办法管哪几年', '本办法执行期限为2021年至2023年。')).toBeNull();
    expect(unstatedFigure('这个办法管几年', '本办法自2021年起执行。')).toBe('具体期限');
  });
  it('the asker telling their own story asks for nothing', () => {
    const text = '对首次入规企业给予奖励。';
    expect(unstatedFigure('社保断了几年，现在补上了，入规有奖吗', text)).toBeNull();
    expect(unstatedFigure('干了好几年，今年入规了，奖多少', text)).toBeNull();
    expect(unstatedFigure('房贷还有十几年，入规奖多少', text)).toBeNull();
    expect(unstatedFigure('这几年一直亏，入规有奖吗', text)).toBeNull();
    // "五十几岁" is the asker's own age, not an ask for one.
    expect(unstatedFigure('我姑五十几岁了，开店有补贴吗', text)).toBeNull();
    expect(unstatedFigure('我姑都五十几岁了，开店补贴卡多少岁', text)).toBe('具体年龄');
    // "奖多少 分几年给" asks for a period, not for points.
    expect(unstatedFigure('奖多少 分几年给', '第一年奖励5万元，第二年奖励3万元。')).toBeNull();
  });
});
