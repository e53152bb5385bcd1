import { describe, expect, it } from 'vitest';
import { unstatedBenefitKind, unstatedBenefitObject, unstatedConditionSubject, unstatedQuantity } from '../../src/chat/benefit-object.js';
import type { QueryWord } from '../../src/retrieval/hybrid-retriever.js';

const w = (word: string, alternatives: string[] = []): QueryWord => ({ word, weight: 1, alternatives });

describe('what a benefit the question asks for is for', () => {
  const care = ['落实市级养老服务资金补助，新增老年食堂200个。'];

  it('names the benefit when the clause never says its object', () => {
    expect(unstatedBenefitObject('开了家花店，有没有装修补贴', [w('花店'), w('装修'), w('补贴')], care)).toBe('装修补贴');
    expect(unstatedBenefitObject('厂里的班车有补助吗，班车补助多少', [w('班车'), w('补助')], care)).toBe('班车补助');
    // A light word between them: 律师费有补贴吗, 装修的补贴.
    expect(unstatedBenefitObject('打官司的律师费有补贴吗', [w('律师费')], care)).toBe('律师费补贴');
    expect(unstatedBenefitObject('店面装修的补贴多少', [w('装修')], care)).toBe('装修补贴');
    // A word starting with a character that can also ask (开) is still a thing: 开业补贴.
    expect(unstatedBenefitObject('新开了个面馆，开业补贴有吗', [w('面馆'), w('开业')], care)).toBe('开业补贴');
    // Who pays and a modal in between, and a fee character the segmenter keeps apart (摊位 + 费).
    expect(unstatedBenefitObject('去外地赶集的摊位费政府能补贴吗', [w('赶集'), w('摊位'), w('费'), w('政府'), w('补贴')], care)).toBe('摊位补贴');
    expect(unstatedBenefitObject('食堂装修市里会给补助吗', [w('食堂'), w('装修'), w('市里'), w('补助')], care)).toBe('装修补助');
  });

  it('a basis of payment (按亩, 按人) is not what a benefit is for', () => {
    const perMu = ['对新建种植基地面积在100亩以上的，给予企业100元/亩奖励。'];
    expect(unstatedBenefitObject('基地县里按亩奖励不', [w('基地'), w('县里'), w('按亩'), w('奖励')], perMu)).toBeUndefined();
    expect(unstatedBenefitObject('基地有没有灌溉奖励', [w('基地'), w('灌溉'), w('奖励')], perMu)).toBe('灌溉奖励');
  });

  it('a word asking which kind (何种, 哪种, 哪类) is not what a benefit is for', () => {
    const kept = ['留用见习人员的，按每人3000元给予用人单位留用补贴。'];
    expect(unstatedBenefitObject('留下见习的人，单位可以得到何种补贴', [w('见习'), w('单位'), w('何种'), w('补贴')], kept)).toBeUndefined();
    expect(unstatedBenefitObject('留用了见习生有哪类补贴', [w('留用'), w('见习生'), w('哪类'), w('补贴')], kept)).toBeUndefined();
  });

  it('how or from whom a benefit is paid (现金, 一部分, 财政) is not what it is for', () => {
    const rd = ['对研发投入大的企业按一定比例给予财政奖励，单个企业最高奖励200万元。'];
    expect(unstatedBenefitObject('搞研发投入的，市里发不发现金奖励', [w('研发'), w('投入'), w('现金'), w('奖励')], rd)).toBeUndefined();
    expect(unstatedBenefitObject('研发投入能不能要到一部分奖励', [w('研发'), w('投入'), w('一部分'), w('奖励')], rd)).toBeUndefined();
    // A kind of its own (配套, 专门, 一次性) still names what is asked for.
    expect(unstatedBenefitObject('研发投入有没有配套奖励', [w('研发'), w('投入'), w('配套'), w('奖励')], rd)).toBe('配套奖励');
  });

  it('a conditional 的话 is not what a benefit is for', () => {
    expect(unstatedBenefitObject('养老机构贷款的话能贴息吗', [w('养老'), w('机构'), w('贷款'), w('的话'), w('贴息')], ['对养老机构贷款予以贴息。'])).toBeUndefined();
  });

  it('passes when the clause states the object, an alternative for it, or both its characters close together', () => {
    expect(unstatedBenefitObject('养老服务补助怎么申请', [w('养老服务'), w('补助')], care)).toBeUndefined();
    expect(unstatedBenefitObject('电车补贴有吗', [w('电车', ['新能源汽车'])], ['落实新能源汽车减免车辆购置税等政策。'])).toBeUndefined();
    expect(unstatedBenefitObject('买了电动车，购车补贴有吗', [w('电动车'), w('购车')], ['落实新能源汽车减免车辆购置税等政策。'])).toBeUndefined();
    // The whole phrase said in other words: 房租补贴 → 租金补贴.
    const rent = ['给予创业租金补贴。'];
    expect(unstatedBenefitObject('房租补贴怎么领', [w('房租'), w('房租补贴', ['租金补贴'])], rent)).toBeUndefined();
    expect(unstatedBenefitObject('房租补贴怎么领', [w('房租')], rent)).toBe('房租补贴');
    // Its parts and neighbours are not the phrase: 开业补贴 is not stated by 补贴 or 创业.
    expect(unstatedBenefitObject('开业补贴怎么领', [w('开业'), w('开业补贴', ['开业', '补贴', '创业'])], rent.concat('支持创业。'))).toBe('开业补贴');
  });

  it('a quantity, a contrast, a form word or a place before the benefit is not its object', () => {
    expect(unstatedBenefitObject('种了三百亩，一亩补贴多少', [w('一亩')], care)).toBeUndefined();
    expect(unstatedBenefitObject('除了贴息，还有别的吗', [w('除了')], care)).toBeUndefined();
    expect(unstatedBenefitObject('管委会能拿到奖励吗', [w('拿到')], care)).toBeUndefined();
    expect(unstatedBenefitObject('鹿城补贴多少', [w('鹿城')], care, (x) => x === '鹿城')).toBeUndefined();
  });

  it('a general object (建设补贴) counts only where the text pays for it close by', () => {
    const build = ['深化护理保险体系建设。落实养老服务资金补助。'];
    expect(unstatedBenefitObject('新增床位有没有建设补贴', [w('床位'), w('建设')], build)).toBe('建设补贴');
    expect(unstatedBenefitObject('新增床位有没有建设补贴', [w('建设')], ['对新建床位给予建设补助。'])).toBeUndefined();
  });

  it('no benefit word asked: nothing to check', () => {
    expect(unstatedBenefitObject('装修的钱能报吗', [w('装修')], care)).toBeUndefined();
  });
});

describe('the quantity a question asks the value of', () => {
  const fund = ['鼓励通过政府注资、兼并重组等方式加快培育省级担保机构，在资本实力方面优势突出。'];

  it('is named when no text states it; its own parts (注册, 资本) do not state it', () => {
    expect(unstatedQuantity('办一家担保机构，注册资本最低得多少', [w('担保公司'), w('注册资本', ['注册', '资本'])], fund)).toBe('注册资本');
    expect(unstatedQuantity('办一家担保机构，注册资本最低得多少', [w('注册资本')], ['注册资本不低于1亿元。'])).toBeUndefined();
  });

  it('only a minimum or a value is checked, not a cap the asker may preface with who they are', () => {
    expect(unstatedQuantity('我们奶茶店最多能补多少', [w('奶茶店')], fund)).toBeUndefined();
    expect(unstatedQuantity('缴费基数有几档', [w('缴费基数')], fund)).toBe('缴费基数');
  });
});

describe('what the question asks the conditions of', () => {
  const hiTech = ['落实高新技术企业所得税减免等政策。'];

  it('names the subject when no text states it, across a comma or a 需要满足 before the ask', () => {
    expect(unstatedConditionSubject('外地人落户要什么条件', [w('外地人'), w('落户')], hiTech)).toBe('落户');
    expect(unstatedConditionSubject('我们想申请纳税信用评级，得满足啥条件？', [w('纳税'), w('信用'), w('评级')], hiTech)).toBe('评级');
  });

  it('passes when a text states the subject or an alternative for it, or when a place precedes the ask', () => {
    expect(unstatedConditionSubject('高新技术企业要什么条件', [w('高新技术企业')], hiTech)).toBeUndefined();
    expect(unstatedConditionSubject('高企需要满足什么条件', [w('高企', ['高新技术企业'])], hiTech)).toBeUndefined();
    expect(unstatedConditionSubject('在温州，要什么条件', [w('温州')], hiTech, (x) => x === '温州')).toBeUndefined();
    // Not a conditions ask at all.
    expect(unstatedConditionSubject('外地人落户有补贴吗', [w('外地人'), w('落户')], hiTech)).toBeUndefined();
  });
});

describe('a specific kind of benefit no nearest unit mentions', () => {
  it('an interest subsidy asked of a clause that funds something else', () => {
    const centre = ['每年安排最高100万元经费支持服务中心建设。'];
    expect(unstatedBenefitKind('园区创业团队贷款贴息有没有', centre)).toBe('贷款贴息');
    expect(unstatedBenefitKind('开店借的钱利息能补吗', centre)).toBe('贷款贴息');
    expect(unstatedBenefitKind('园区创业团队贷款贴息有没有', ['对创业担保贷款给予贴息。'])).toBeUndefined();
    expect(unstatedBenefitKind('服务中心建设有补助吗', centre)).toBeUndefined();
  });
});
