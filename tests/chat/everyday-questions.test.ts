// Everyday questions on the real corpus, asked from Wenzhou (DEFAULT_REGION), each phrased here
// for the behaviour it checks: new topics, everyday words, places, years, citations, answer shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalForMatch } from '../../src/text/canonical.js';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { createTestServices } from '../helpers/test-services.js';

let services: AppServices;
let cleanup: () => void;
beforeAll(async () => {
  ({ services, cleanup } = await createTestServices({ DEFAULT_REGION: '温州市' }));
});
afterAll(() => cleanup());

const has = (text: string, fact: string) => canonicalForMatch(text).includes(canonicalForMatch(fact));
const refs = (r: { citations: Array<{ ref: string }> }) => [...new Set(r.citations.map((c) => c.ref))];
const W = (ref: string) => `wzzb-2024-11:${ref}`;
/** A follow-up answered after one earlier turn that the client sends as history. */
const afterTurn = (question: string, answer: string, message: string) =>
  services.chat.answer({ message, history: [{ role: 'user' as const, content: question }, { role: 'assistant' as const, content: answer }] });

describe('a new topic drops the old one; a real follow-up keeps it', () => {
  it('a question with its own topic after a research-subsidy turn is answered on its own', async () => {
    const first = await services.chat.answer({ message: '我们研发一年投了四百来万，市里补多少' });
    expect(refs(first)).toContain(W('11'));
    const next = await services.chat.answer({ message: '电动汽车买了能少交税吗', sessionId: first.sessionId });
    expect(next.resolvedQuestion).toBe('电动汽车买了能少交税吗');
    expect(refs(next)).toEqual([W('42')]);
  });

  it('a new topic the earlier card mentions in passing is still a new topic', async () => {
    const first = await services.chat.answer({ message: '大连中山区 公益性岗位补贴' });
    expect(refs(first)).toContain('dalian-zhongshan-jiuye-list:card8');
    const next = await services.chat.answer({ message: '对了，见习补贴怎么算', sessionId: first.sessionId });
    expect(refs(next)[0]).toBe('dalian-zhongshan-jiuye-list:card9');
    const shop = await services.chat.answer({ message: '北京首店奖励多少' });
    const brand = await services.chat.answer({ message: '那老字号呢', sessionId: shop.sessionId });
    expect(refs(brand)).not.toContain(refs(shop)[0]);
  });

  it('an elliptical question is read against the earlier one and keeps its clause', async () => {
    const first = await services.chat.answer({ message: '出口收汇保险的保费政府管不管' });
    expect(refs(first)).toContain(W('44'));
    const next = await services.chat.answer({ message: '那找哪个单位办？', sessionId: first.sessionId });
    expect(refs(next)).toContain(W('44'));
    expect(has(next.answer, '市商务局')).toBe(true);
  });
});

describe('everyday words the documents say formally', () => {
  it.each([
    ['开电车的能免购置税吗', '42', '车辆购置税'],
    ['乡下房子租给游客做民宿，税上有照顾吗', '33', '税收优惠'],
    ['种稻子投保，财政给不给贴保费', '48', '水稻完全成本保险'],
    ['小孩有自闭症，康复能救助吗', '66', '孤独症'],
    ['我们是德资公司，打算在温州设研发机构，研发投入补不补', '46', '给予补助'],
    ['市里对公司研发投入有没有现金奖励，最多多少', '11', '财政奖励'],
    ['老家山上那块陡坡地想装光伏板，这方面有啥工程能参与', '51', '共富光伏农业提升工程'],
    ['建设施农业大棚找银行贷了款，利息能补一点不', '53', '贴息支持'],
    ['我妈瘫痪多年是重度残疾，家里照护有没有补贴', '66', '重度残疾人护理补贴'],
    ['居住证原来在乐清办的，后来搬到龙湾，以前住的年头还算吗', '57', '居住时间跨区互认转换'],
    ['车间有个手艺好的老钳工，厂里能推他评什么头衔', '26', '温州市首席技师'],
    ['自己厂的工业用地想往上加一层做车间，要补交地价吗', '22', '不再增收土地价款'],
    ['自家工业用地上加建厂房提高容积率，要不要补缴出让金', '22', '不再增收土地价款'],
  ])('%s → 第%s条', async (q, ref, fact) => {
    const r = await services.chat.answer({ message: q });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain(W(ref));
    expect(has(r.answer, fact)).toBe(true);
  });

  it('厂里电费太贵了，有没有办法降一点 is answered, not refused for its filler words', async () => {
    const r = await services.chat.answer({ message: '厂里电费太贵了，有没有办法降一点' });
    expect(r.abstained).toBe(false);
  });

  // 电费 stands for 电价 (what a bill costs), not for 第17条's 高可靠性供电费用 (a connection charge).
  it('厂里电费太贵了，有没有办法降一点 leads with 第5条 (电价)', async () => {
    const r = await services.chat.answer({ message: '厂里电费太贵了，有没有办法降一点' });
    expect(refs(r)[0]).toBe(W('5'));
  });
});

describe('a document whose title is the question', () => {
  it('answers from its measures, not from its title page, unless asked about the document', async () => {
    const r = await services.chat.answer({ message: '广州的大学毕业生自己创业，补贴给多少' });
    expect(refs(r)[0]).toMatch(/^gz-grad-startup-subsidy-2025:\d+$/);
    expect(r.answer).toMatch(/\d+元/);
    const when = await services.chat.answer({ message: '广州市高校毕业生创业补贴这份通知是哪天发布的' });
    expect(refs(when)[0]).toBe('gz-grad-startup-subsidy-2025:preamble');
  });
});

describe('everyday family words', () => {
  it('a second or third child is the birth support measure', async () => {
    const r = await services.chat.answer({ message: '准备生三胎了，政府有没有补贴' });
    expect(r.abstained).toBe(false);
    expect(refs(r)).toContain(W('61'));
  });
});

describe('place names in a question', () => {
  it('"那温州呢" asks the same thing for another place: the earlier topic, the new place\'s documents', async () => {
    const first = await services.chat.answer({ message: '广州的就业见习补贴标准是多少' });
    expect(refs(first)[0]).toMatch(/^gz-jianxi-jidi-2019-6:/);
    const next = await services.chat.answer({ message: '那温州呢？', sessionId: first.sessionId });
    expect(refs(next)).toContain('gov-guofa-2018-39-jiuye:5');
    expect(refs(next).some((r) => r.startsWith('gz-'))).toBe(false);
  });

  it('a second measure is not cited only for repeating the city\'s name', async () => {
    const r = await services.chat.answer({ message: '温州的研发补助最高给多少' });
    expect(refs(r)).toEqual([W('11')]);
  });
});

describe('when a document was issued', () => {
  it('states the date of record and cites the document\'s opening', async () => {
    const r = await services.chat.answer({ message: '温州这份政策文件是哪天印发的？' });
    expect(refs(r)).toEqual([W('preamble')]);
    expect(r.answer).toContain('印发日期为2024年');
  });
});

describe('small talk gets a reply of its own', () => {
  it('a greeting is greeted, with no clause cited and no "nothing found" list of nearest clauses', async () => {
    const r = await services.chat.answer({ message: '您好呀' });
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain('您好');
    expect(r.answer).not.toContain('最接近');
    const next = await services.chat.answer({ message: '首次小升规有奖励吗', sessionId: r.sessionId });
    expect(refs(next)).toContain(W('29'));
  });
});

describe('a message with no topic of its own', () => {
  it('asks which topic when nothing came before, offering the parts of the documents here', async () => {
    const r = await services.chat.answer({ message: '有啥补助？' });
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain('具体');
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(r.suggestions.every((x) => x.ref.startsWith('wzzb-2024-11:s'))).toBe(true);
  });

  it('keeps the earlier topic when there is one', async () => {
    const first = await services.chat.answer({ message: '出口信用保险保费有补助吗' });
    const next = await services.chat.answer({ message: '有啥补助？', sessionId: first.sessionId });
    expect(next.abstained).toBe(false);
    expect(refs(next)).toContain(W('44'));
  });
});

describe('a company description lists what it is about first', () => {
  it('R&D figures put the R&D measure among the first shown, before unrelated nationwide rules', async () => {
    const r = await services.chat.answer({ message: '我们厂是规上的机械制造企业，上年研发费用六百万，能享受哪些政策' });
    expect(r.match).toBeDefined();
    expect(refs(r).slice(0, 3)).toContain(W('11'));
  });
});

describe('a measure named in everyday words of what the asker means to do', () => {
  it('"打算改成公司，有啥扶持" from a sole trader asks about 个转企, not for matching, and is answered', async () => {
    const r = await services.chat.answer({ message: '我在龙湾开了家个体五金店，生意还行，打算改成公司，政府有啥扶持' });
    expect(r.match).toBeUndefined();
    expect(r.abstained).toBe(false);
    expect(refs(r)).toEqual([W('25')]);
  });
  it('a description of what the company is still asks for matching', async () => {
    const r = await services.chat.answer({ message: '我们厂是规上企业，高企，去年研发费用六百万，能享受哪些政策' });
    expect(r.match).toBeDefined();
  });
});

describe('a question stays a question', () => {
  it('a bare topic naming its reward is looked up, not matched as a company description', async () => {
    const r = await services.chat.answer({ message: '升规奖励' });
    expect(r.match).toBeUndefined();
    expect(refs(r)).toEqual([W('29')]);
    expect(has(r.answer, '5万元')).toBe(true);
  });

  it('saying where the company is does not turn the question into company matching', async () => {
    const r = await services.chat.answer({ message: '咱家作坊在龙湾，龙湾是省级的数字经济试验区吗' });
    expect(r.match).toBeUndefined();
    expect(refs(r)).toEqual([W('24')]);
    expect(r.answer).not.toContain('以下依据');
  });
});

describe('years', () => {
  it('a year the document does not cover is declined with the document’s period', async () => {
    const r = await services.chat.answer({ message: '2026年研发费用补助按什么比例' });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain('2024年1月1日至2024年12月31日');
    expect(r.answer).toContain('2026年');
  });

  it('a year only a clause’s own period covers is answered from that clause', async () => {
    const r = await services.chat.answer({ message: '2026年个体户转企业还给免费记账吗' });
    expect(r.abstained).toBe(false);
    expect(refs(r)).toEqual([W('25')]);
  });
});

describe('citations and answer shape', () => {
  it('cites only the measure that answers, not units sharing a word like 奖励', async () => {
    const r = await services.chat.answer({ message: '服务业头一回上规能奖多少' });
    expect(refs(r)).toEqual([W('29')]);
    expect(r.answer.startsWith('推进规上服务业攻坚行动，对首次“小升规”服务业企业') || r.answer.startsWith('对首次')).toBe(true);
    expect(has(r.answer, '5万元')).toBe(true);
  });

  it('opens with the sentence that answers and keeps the clause short', async () => {
    const r = await services.chat.answer({ message: '短期出口信保保费补贴比例是多少' });
    expect(r.answer.split('〔')[0]).toContain('70%');
    expect(r.answer).not.toContain('百团千企');
    expect(r.answer).toContain('依据：第44条');
  });

  it('says the validity once per conversation, in one short line', async () => {
    const first = await services.chat.answer({ message: '集装箱车过高速打几折' });
    const line = first.answer.split('\n').find((l) => l.startsWith('提示：'));
    expect(line).toBeDefined();
    expect(line!.length).toBeLessThan(80);
    expect(first.validity?.length).toBeGreaterThan(0);
    const next = await services.chat.answer({ message: '拉鲜活农产品的货车又怎么算', sessionId: first.sessionId });
    expect(next.answer).not.toContain('提示：');
    expect(next.validity?.length).toBeGreaterThan(0);
  });
});

describe('the asker’s own figures', () => {
  it('computes the amount from the figure given in the question, after the sentence with the formula', async () => {
    const r = await services.chat.answer({ message: '我们厂研发一年投了七百万左右，大概能补多少' });
    expect(refs(r)).toContain(W('11'));
    const [lead, rest] = r.answer.split('〔第11条〕');
    expect(lead).toContain('存量部分的3%');
    // 700万 × 3% … 700万 × 8%, the year before unknown
    expect(rest).toContain('按您说的');
    expect(rest).toContain('21万元至56万元');
  });

  it('gives one figure when both years are stated, capped at the maximum', async () => {
    const exact = await services.chat.answer({ message: '去年研发九百万，前年七百万，补助能拿多少' });
    expect(exact.answer).toContain('预计研发补助37万元'); // 700万 × 3% + 200万 × 8%
    const capped = await services.chat.answer({ message: '去年研发费用8亿，前年也是8亿，研发补助算下来多少' });
    expect(capped.answer).toContain('300万元');
    expect(capped.answer).not.toMatch(/2400万元/);
  });

  it('says which condition a figure below the threshold misses', async () => {
    const r = await services.chat.answer({ message: '研发一年一百二十万，能补多少' });
    expect(refs(r)).toContain(W('11'));
    expect(r.answer).toContain('按您说的');
    expect(r.answer).toContain('未满足');
    expect(r.answer).toContain('200万元');
  });

  it('answers "能申请吗" from the figure: below the threshold no "有。", above it the estimate', async () => {
    const below = await services.chat.answer({ message: '我们是规上的，上年研发费一百三十万上下，研发补助能不能申请' });
    expect(refs(below)).toContain(W('11'));
    expect(below.answer).toContain('未满足');
    expect(below.answer.startsWith('有。')).toBe(false);
    const above = await services.chat.answer({ message: '我们是规上的，上年研发费九百万，研发补助能不能申请' });
    expect(above.answer).toContain('按您说的');
    expect(above.answer).not.toContain('未满足');
  });

  it('an unreviewed draft never tells the asker no from its list of groups', async () => {
    // The drafted rule for this card lists a few groups; a laid-off worker near retirement is
    // another way in that the draft does not model, so the answer must not say 不能享受.
    const r = await services.chat.answer({ message: '大连这边失业了，还差四年退休，街道安排的公益性岗位补贴是多少' });
    expect(refs(r)[0]).toMatch(/^dalian-zhongshan-jiuye-list:/);
    expect(r.answer).not.toContain('不能享受');
  });

  it('adds nothing when the question gives no figure', async () => {
    const r = await services.chat.answer({ message: '规上企业研发补助咋算' });
    expect(r.answer).not.toContain('按您说的');
  });
});

describe('follow-ups sent with a client-side history', () => {
  it('an elliptical follow-up made of compound form words keeps the earlier measure', async () => {
    const r = await services.chat.answer({
      message: '那顶多能拿多少？',
      history: [
        { role: 'user', content: '规上公司的研发补贴是怎么计算的' },
        { role: 'assistant', content: '存量部分按3%、增量部分按8%给予补助〔第11条〕。' },
      ],
    });
    expect(refs(r)).toContain(W('11'));
    expect(has(r.answer, '300万元')).toBe(true);
  });

  it('without stored refs, the earlier topic is the earlier question’s best unit, in its own document', async () => {
    const r = await services.chat.answer({
      message: '最多能贷到多少？',
      history: [
        { role: 'user', content: '想自己当老板，能申请创业担保贷款吗' },
        { role: 'assistant', content: '可以。自主创业的可申请创业担保贷款〔第3条〕。' },
      ],
    });
    expect(refs(r)).toContain('gov-guofa-2018-39-jiuye:3');
  });
});

describe('questions told as a story', () => {
  it('a long message whose last sentence asks clearly is answered, not refused for its chatter', async () => {
    const r = await services.chat.answer({
      message: '我爸前年摔了一跤以后就下不了床，家里几个兄妹轮着陪护，请保姆一个月要大几千。温州现在有长期护理保险可以用吗',
    });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain(W('65'));
  });

  it('a story with no answerable sentence is still refused', async () => {
    const r = await services.chat.answer({ message: '我家猫最近不爱吃饭，老是趴在窗台上发呆，是不是天气太热了' });
    expect(r.abstained).toBe(true);
  });
});

describe('the conversation’s place and document', () => {
  it('a bare follow-up after a question naming another held city stays in that city', async () => {
    const r = await services.chat.answer({
      message: '那能补多长时间？',
      history: [
        { role: 'user', content: '在广州创业租了个门面，房租能补贴吗' },
        { role: 'assistant', content: '可以申请租金补贴〔第3条〕。' },
      ],
    });
    expect(refs(r)).toContain('gz-grad-startup-subsidy-2025:3');
  });

  it('“这套政策依照哪个文件” on a Wenzhou portal is about the local document’s basis', async () => {
    const r = await services.chat.answer({ message: '这套政策是依照上面哪个文件来定的' });
    expect(refs(r)).toContain(W('preamble'));
  });
});

describe('abstention', () => {
  it('a word only another region’s documents use is unknown on this portal', async () => {
    // 注销 occurs only in Beijing's documents; asked from Wenzhou it names no local topic.
    const r = await services.chat.answer({ message: '公司注销一般怎么弄' });
    expect(r.abstained, r.answer).toBe(true);
  });
});

describe('local documents first on a local portal', () => {
  it('the city’s own measure leads when it answers nearly as well as the national line', async () => {
    const r = await services.chat.answer({ message: '企业招大学毕业生有什么补贴' });
    expect(refs(r)[0]).toBe(W('60'));
  });

  it('a question only a national document answers still gets it', async () => {
    const r = await services.chat.answer({ message: '小微企业所得税减半要不要先去税务局审批' });
    expect(refs(r)[0]).toMatch(/^chinatax-xiaowei-2014-23:/);
  });

  it('“也适用吗” is answered by the sentence extending the measure', async () => {
    const r = await services.chat.answer({ message: '国有企业买创新产品，也适用首购政策吗' });
    expect(r.answer.split('\n')[0]).toContain('参照执行');
  });
});

describe('claimed amounts', () => {
  it('a measure with an amount no clause states is declined, naming the closest clause', async () => {
    const r = await services.chat.answer({ message: '听人说在温州买电动汽车，政府每台还额外补8000块，在哪申请' });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain('没有找到您所说数额');
    expect(r.answer).not.toContain('8000');
    expect(r.citations).toEqual([]);
  });

  it('a claimed amount the clause does state is answered', async () => {
    const r = await services.chat.answer({ message: '服务业企业第一次小升规奖励5万元，是真的吗' });
    expect(r.abstained).toBe(false);
    expect(refs(r)).toContain(W('29'));
  });
});

describe('topics outside the documents that apply here', () => {
  it('a topic only a far-away document mentions is declined here and answered there', async () => {
    // 契税 occurs only in the Beijing guide: not a Wenzhou topic.
    const here = await services.chat.answer({ message: '头一套房子的契税可以少交点吗' });
    expect(here.abstained).toBe(true);
    expect(here.answer).toContain('“契税”不属于');
    const there = await services.chat.answer({ message: '北京开养老院的，承受房屋契税能免吗' });
    expect(there.abstained).toBe(false);
    expect(refs(there)[0]).toMatch(/^beijing-chanye-daoyin-2024:/);
  });

  it('everyday leave and company outings are declined, and a listed word inside another word is not a topic', async () => {
    expect((await services.chat.answer({ message: '媳妇快生了，陪产假有几天' })).abstained).toBe(true);
    expect((await services.chat.answer({ message: '年底公司搞团建吃饭，政府给报销点吗' })).abstained).toBe(true);
    // 年会 hides in 今年会: still answered.
    const price = await services.chat.answer({ message: '工厂用电的价格今年会不会下调' });
    expect(price.abstained).toBe(false);
    expect(refs(price)).toContain(W('5'));
  });
});

describe('a listed topic is answered only from a clause that says it', () => {
  it('declines 补缴 and 残疾 when the clause found is about something else, and answers them where a clause says them', async () => {
    // 补缴 occurs in the tax document, not in the social-insurance clause a Wenzhou question lands on.
    const arrears = await services.chat.answer({ message: '打零工的，社保停了一年多，还能补缴吗' });
    expect(arrears.abstained, arrears.answer).toBe(true);
    expect(arrears.answer).toContain('没有涉及“补缴”');
    // 工伤 is listed too; the Wenzhou clause on insurance rates says it, so this is answered there.
    const rate = await services.chat.answer({ message: '工伤保险的费率是不是降过了' });
    expect(rate.abstained, rate.answer).toBe(false);
    expect(refs(rate)).toContain(W('60'));
    // Dalian's list names people with disabilities among those it helps.
    const dl = await services.chat.answer({ message: '大连中山区 残疾人找工作 有哪些帮扶' });
    expect(dl.abstained, dl.answer).toBe(false);
    expect(refs(dl)[0]).toMatch(/^dalian-zhongshan-jiuye-list:/);
  });

  it('a listed topic the next unit of the same document says is not out of scope there', async () => {
    // The age limit is in one article, 落户 in the article after it.
    const r = await services.chat.answer({ message: '我姐夫在北京一家企业干了两年多，单位要给他办引进落户，他都四十七了，年龄上原则上卡到多少岁' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('bj-yinjin-rencai-2018-38:14');
    expect(has(r.answer, '45周岁')).toBe(true);
  });
});

describe('a listed topic told in passing', () => {
  it('a story part that names one and does not ask is context: the ask after it is answered', async () => {
    const r = await services.chat.answer({ message: '孩子上个月住院了，我都顾不上厂里。我们厂是规上的，研发投入的补贴封顶多少？' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain(W('11'));
    const paid = await services.chat.answer({ message: '前年给员工补缴过社保。今年我们第一次小升规，服务业奖多少' });
    expect(paid.abstained, paid.answer).toBe(false);
    expect(refs(paid)[0]).toBe(W('29'));
  });

  it('also when the part naming it is too short to read alone (算了工伤)', async () => {
    const r = await services.chat.answer({ message: '厂里去年有人出事，算了工伤，现在都处理好了。我们厂是规上的，研发投入的补贴封顶多少？' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain(W('11'));
  });

  it('an ask that points back at it (给他, 保费 of the 养殖保险) is still about it and declined', async () => {
    expect((await services.chat.answer({ message: '养羊的，给羊买了养殖保险，保费政府补吗' })).abstained).toBe(true);
    expect((await services.chat.answer({ message: '厂里想返聘一个退休的老技术员，要不要给他交社保' })).abstained).toBe(true);
  });

  it('an ask whose verb belongs to the listed phrase (补办 of 补办身份证) is still about it and declined', async () => {
    const r = await services.chat.answer({ message: '身份证掉了，外地人在温州这边能不能补办？' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.citations).toEqual([]);
  });
});

describe('asked whether a measure still applies', () => {
  it('an ended document says so first, once, instead of opening with 有', async () => {
    const r = await services.chat.answer({ message: '研发费用补助今年还能申请吗' });
    expect(refs(r)).toContain(W('11'));
    expect(r.answer.startsWith('温政办〔2024〕11号的实施期限已于2024年12月31日届满')).toBe(true);
    expect(r.answer.match(/届满/gu)?.length).toBe(1);
  });
});

describe('who handles a field', () => {
  it('"归哪个部门管" asks for the department, its verbs are not the topic', async () => {
    const r = await services.chat.answer({ message: '科技创新这一块归谁管' });
    expect(r.abstained).toBe(false);
    expect(refs(r)[0]).toBe(W('s2'));
    expect(has(r.answer, '市科技局')).toBe(true);
  });
});

describe('a follow-up with words of its own', () => {
  it('is answered by the sentence its own words point at, in the same clause', async () => {
    const first = await services.chat.answer({ message: '查账征收的小微企业，上年应纳税所得额9万，今年预缴能享受减半吗' });
    expect(refs(first)).toEqual(['chinatax-xiaowei-2014-23:3']);
    const next = await services.chat.answer({ message: '那今年刚成立的企业呢？', sessionId: first.sessionId });
    expect(refs(next)).toEqual(['chinatax-xiaowei-2014-23:3']);
    expect(next.answer.split('〔')[0]).toContain('本年度新办');
  });
});

describe('a place is not a topic', () => {
  it('a clause that matches only the city a message names does not answer it', async () => {
    // 馄饨铺 is a word no applicable document uses; 温州 alone must not pick a clause about Wenzhou's port.
    const r = await services.chat.answer({ message: '我在温州开了家馄饨铺，有啥补贴' });
    expect(r.abstained).toBe(true);
  });
  it('a county and a benefit word with no topic asks which topic, like a bare "有什么补贴"', async () => {
    const r = await services.chat.answer({ message: '瑞安有什么补贴' });
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain('想了解哪方面');
  });
  it('the bare short name of a district held far from home is a place too, in a story part as well', async () => {
    // 柳河 names the county; its first clause shares only 柳河 and 补助 with a question on a postdoc's living allowance.
    const r = await services.chat.answer({ message: '柳河县来了个博士后，县里给不给生活补助？' });
    expect(r.abstained).toBe(true);
  });
  it('a far-away place that matched only the clause listing it is read without it, within its documents', async () => {
    // 柳河县's first clause names the county and 奖励; its listing clause answers once 柳河县 weighs nothing.
    const r = await services.chat.answer({ message: '柳河县企业去上市，奖励多少' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('liuhe-zdcy-2023:15');
    expect(has(r.answer, '300万元')).toBe(true);
  });
});

describe('the asker’s figures point at the clause stating a condition in their unit', () => {
  it('an age given in years picks the clause with the age limit, not its neighbours on income or posts', async () => {
    const r = await services.chat.answer({ message: '在北京的公司上了两年多班，今年48岁了，人才引进还有机会吗' });
    expect(refs(r)[0]).toBe('bj-yinjin-rencai-2018-38:14');
  });
});

describe('the asker’s own places scope the question, they do not rank clauses', () => {
  it('two home counties in a question on residence permits do not pull the clause listing those counties', async () => {
    // 第62条 lists 平阳、文成 among counties applying for an education review; 第57条 is the residence-permit reform.
    const r = await services.chat.answer({ message: '居住证是在文成办的，后来搬去平阳住了，以前的居住年限还认吗' });
    expect(refs(r)[0]).toBe(W('57'));
  });
});

describe('vague quantities are not topics', () => {
  it('"一个月得好几十万" does not make a question on electricity prices unanswerable', async () => {
    const r = await services.chat.answer({ message: '车间电费一个月得好几十万，电价能不能便宜些' });
    expect(r.abstained).toBe(false);
    expect(has(r.answer, '电价')).toBe(true);
  });
});

describe('the place a conversation is about', () => {
  it('holds for a new topic in the same conversation until a message names another place', async () => {
    const first = await services.chat.answer({ message: '北京搞养老院的，运营补贴一张床给多少' });
    expect(refs(first)[0]).toMatch(/^beijing-chanye-daoyin-2024:/);
    const next = await services.chat.answer({ message: '对了，我们种菜的合作社建大棚能补吗', sessionId: first.sessionId });
    expect(refs(next)[0]).toMatch(/^beijing-chanye-daoyin-2024:/);
    const home = await services.chat.answer({ message: '温州这边研发补助最高多少', sessionId: first.sessionId });
    expect(refs(home)[0]).toBe(W('11'));
  });
});

describe('years in a question', () => {
  it('years the best clause itself names are answered from it', async () => {
    // card134 grades the subsidy by years without a failed credit record (2019年至2023年…).
    const r = await services.chat.answer({ message: '北京的养老机构，2019到2023年都没失信，信用补贴每床每月多少' });
    expect(r.abstained).toBe(false);
    expect(refs(r)[0]).toBe('beijing-chanye-daoyin-2024:card134');
  });
});

describe('adverbs are not topics', () => {
  it('"那最多可以补几年" keeps the earlier clause (最 alone is not a topic of its own)', async () => {
    const first = await services.chat.answer({ message: '广州大学生创业租的办公室，房租补不补' });
    expect(refs(first)[0]).toMatch(/^gz-grad-startup-subsidy-2025:/);
    const next = await services.chat.answer({ message: '那最多可以补几年？', sessionId: first.sessionId });
    expect(refs(next)).toContain(refs(first)[0]);
    expect(next.abstained).toBe(false);
  });
});

describe('a rate the documents never state', () => {
  it('"每辆补多少" for electric cars is declined: the clause cuts purchase tax, it pays nothing per car', async () => {
    const r = await services.chat.answer({ message: '换电动车的话，政府每辆给补多少钱' });
    expect(r.abstained).toBe(true);
    expect(r.answer).toContain('每辆');
  });
});

describe('a rate the asker puts up for checking', () => {
  it('is declined when no clause states it, and answered when one does', async () => {
    const wrong = await services.chat.answer({ message: '小型微利企业所得税是不是按5%交' });
    expect(wrong.abstained).toBe(true);
    expect(wrong.answer).toContain('没有找到您所说数额');
    const right = await services.chat.answer({ message: '小型微利企业所得税是不是减按20%的税率交' });
    expect(right.abstained).toBe(false);
    expect(right.answer).toContain('20%');
  });
});

describe('a quantity no clause states', () => {
  it('is declined naming it, and answered where a card states it', async () => {
    const none = await services.chat.answer({ message: '办一家担保机构，注册资本最低得多少' });
    expect(none.abstained).toBe(true);
    expect(none.answer).toContain('没有涉及“注册资本”');
    const card = await services.chat.answer({ message: '北京办商业保理的企业，注册资本至少得多少' });
    expect(card.abstained).toBe(false);
  });
});

describe('a benefit for something no clause grants', () => {
  it('is declined naming it, while the everyday name of a granted one is answered', async () => {
    for (const [message, object] of [['温州开民宿，装修补贴多少', '装修补贴'], ['养老院的床位补贴一张多少', '床位补贴']] as const) {
      const r = await services.chat.answer({ message });
      expect(r.abstained).toBe(true);
      expect(r.answer).toContain(`没有涉及“${object}”`);
    }
    const car = await services.chat.answer({ message: '买新能源车有购车补贴吗' });
    expect(car.abstained).toBe(false);
    expect(refs(car)).toContain(W('42'));
  });
});

describe('a listed topic told in passing, then other story parts, then the ask', () => {
  it('is answered from the ask when the remaining story parts blur it', async () => {
    const r = await services.chat.answer({ message: '前几天刚在个税APP上报了住房租金扣除。媳妇刚生了老二，家里乱糟糟的，温州是不是有一次性育儿补贴能领？' });
    expect(r.abstained).toBe(false);
    expect(refs(r)).toContain(W('61'));
  });
});

describe('what is asked after the part that tells a listed topic', () => {
  it('a topic named between the told part and a short ask is the topic', async () => {
    const r = await services.chat.answer({ message: '前年公司把拖欠的工人社保补缴了一部分，资金紧张。今年打算从海外引进一名工程师，有补助吗？' });
    expect(r.abstained).toBe(false);
    expect(refs(r)).toContain(W('14'));
  });
  it('an ask about nothing right after the told part stays declined, whatever came before it', async () => {
    const r = await services.chat.answer({ message: '我是澳门人在天河工作，个税高出15%的那部分补贴，在天河怎么办？' });
    expect(r.abstained).toBe(true);
  });
});

describe('an area named without its city', () => {
  it('is answered from the documents of the place it lies in (corpus/dict/place-aliases.txt)', async () => {
    const r = await services.chat.answer({ message: '我老公调到临港的医院上班了，那边有什么津贴' });
    expect(r.abstained).toBe(false);
    expect(refs(r).every((k) => k.startsWith('shanghai-lingang-shuangte-2016:'))).toBe(true);
  });
});

describe('the document a conversation is about', () => {
  it('keeps the lead over a more local one when nearly as sure (a history the client sent)', async () => {
    const r = await afterTurn('我在广州读完大学第三年出来开了家设计工作室，一次性创业资助能拿吗', '可以申请一次性创业资助〔第1项〕', '工作室在天河租的写字楼，房租补贴一年多少');
    expect(refs(r)[0]).toBe('gz-grad-startup-subsidy-2025:3');
  });
});

describe('a follow-up asking a detail of the measure', () => {
  it('is answered by the unit of the same document that states it, with its list', async () => {
    const r = await afterTurn('想在广州认定成见习基地，需要满足啥', '每年能提供见习岗位，接收见习人员20人以上〔第5条〕', '好的，那要交哪些材料？');
    expect(refs(r)[0]).toBe('gz-jianxi-jidi-2019-6:6');
    expect(r.answer).toContain('申请表');
  });
});

describe('a follow-up that corrects the asker\'s situation', () => {
  it('is answered by the sentence for the corrected situation', async () => {
    const r = await afterTurn('公司按查账方式征收，算小型微利企业，上一年应纳税所得额6万，预缴能不能享受优惠', '上一纳税年度符合条件的，预缴时累计实际利润额不超过10万元可以享受〔第3条〕', '不好意思说错了，公司今年刚注册，没有上一年，预缴怎么办');
    expect(r.answer.startsWith('（三）本年度新办')).toBe(true);
  });
});

describe('a new topic after an opener, sharing the asker\'s situation with the earlier turn', () => {
  it('is its own topic: 还得 (must) is not a topic word that ties it to the earlier clause', async () => {
    const r = await afterTurn('下岗了想去学个手艺，培训有补贴不', '失业人员参加职业培训可按规定享受职业培训补贴〔第7条〕。', '另外，下岗以后医保还得我自己交吗？');
    expect(refs(r)[0]).toBe('gov-guofa-2018-39-jiuye:10');
  });
});

describe('the asker checks whether their own figure qualifies', () => {
  it('is read against the earlier measure, whatever else the figure matches', async () => {
    const r = await afterTurn('在平阳承包了地种水稻和小麦，种粮有补贴吗', '对达到一定规模的种粮主体按实际种植面积给予补贴〔第50条〕。', '我们家就种了30亩，这样够不够格');
    expect(refs(r)[0]).toBe(W('50'));
  });
});

describe('a message not answerable alone after a turn on a measure', () => {
  it('is read with the earlier question when the earlier unit says its words', async () => {
    const r = await afterTurn('开了几年个体户，打算升级成公司，政府有什么扶持', '支持个体工商户转型升级为企业，实施个转企直接变更登记等支持政策〔第25条〕', '听人说改完之后记账也免费？能免几年？');
    expect(r.abstained).toBe(false);
    expect(refs(r)[0]).toBe(W('25'));
    expect(r.answer).toContain('三年免费基础代理记账');
  });
  it('stays declined when the earlier unit does not say them', async () => {
    const r = await afterTurn('开了几年个体户，打算升级成公司，政府有什么扶持', '支持个体工商户转型升级为企业〔第25条〕', '听说孩子上幼儿园也能报销学费？');
    expect(refs(r)).not.toContain(W('25'));
  });
});

describe('a detail the documents do not give, asked alone', () => {
  it('a processing time or a phone number no clause states is declined, naming what is missing', async () => {
    const time = await services.chat.answer({ message: '首台套产品奖励申请后多少个工作日能批下来' });
    expect(time.abstained).toBe(true);
    expect(time.answer).toContain('办理时限');
    const phone = await services.chat.answer({ message: '研发补助的咨询电话是多少' });
    expect(phone.abstained).toBe(true);
    expect(phone.answer).toContain('联系电话');
    // Whom to ask instead: the clause's lead unit.
    expect(phone.answer).toContain('市科技局');
  });
  it('asked beside the measure itself, the measure is still answered', async () => {
    const r = await services.chat.answer({ message: '研发补助最多给多少，咨询电话多少' });
    expect(r.abstained).toBe(false);
    expect(refs(r)[0]).toBe(W('11'));
  });
});

describe('a follow-up after the conversation changed topic', () => {
  it('is read against the latest topic, not the first one', async () => {
    const first = await services.chat.answer({ message: '研发投入多的企业市里补多少' });
    expect(refs(first)).toContain(W('11'));
    const second = await services.chat.answer({ message: '另外，我们做出口的，出口信用保险有补助吗', sessionId: first.sessionId });
    expect(refs(second)[0]).toBe(W('44'));
    const third = await services.chat.answer({ message: '那找哪个部门办', sessionId: first.sessionId });
    expect(refs(third)[0]).toBe(W('44'));
    expect(third.answer).toContain('市商务局');
  });
});

describe('a story before an ask that ends in 没', () => {
  it('the ask alone is answered when the story is about something else', async () => {
    const r = await services.chat.answer({ message: '上周刚把个税申报弄完。我们做会展服务，第一次小升规了有奖励没？' });
    expect(r.abstained).toBe(false);
    expect(refs(r)[0]).toBe(W('29'));
    expect(r.answer.startsWith('有。')).toBe(true);
  });
});

describe('a measure named by a rare term, in a message that also describes the asker', () => {
  it('is asked about, not matched as a company description', async () => {
    const r = await services.chat.answer({ message: '我在温州一家做机械的制造业企业管技术，带头起草过团体标准，据说可以评产业首席专家，这个称号能享受什么待遇？' });
    expect(refs(r)[0]).toBe(W('26'));
    expect(r.answer).toContain('D类人才待遇');
    expect(r.answer).not.toContain('可以重点关注以下措施');
  });
  it('a description asking what it can have is still matched', async () => {
    const r = await services.chat.answer({ message: '我们是温州的规上制造企业，去年研发费用600万，能享受哪些政策' });
    expect(r.answer).toContain('以下措施');
  });
});

describe('a follow-up asking only where to go', () => {
  it('keeps the measure the conversation is about', async () => {
    const first = await services.chat.answer({ message: '在广州读完大学自己办了家公司，能拿的一次性创业资助是多少钱' });
    expect(refs(first)[0]).toBe('gz-grad-startup-subsidy-2025:1');
    const next = await services.chat.answer({ message: '到哪办', sessionId: first.sessionId });
    expect(refs(next)[0]).toBe('gz-grad-startup-subsidy-2025:1');
  });
});

describe('a follow-up with no topic of its own asks its own thing of the earlier measure', () => {
  it('asked the conditions after the amount, the conditions lead, not the amount again', async () => {
    const first = await services.chat.answer({ message: '在广州读完大学自己办了家公司，能拿的一次性创业资助是多少钱' });
    expect(first.answer).toContain('10000元');
    const next = await services.chat.answer({ message: '那要什么条件', sessionId: first.sessionId });
    expect(refs(next)[0]).toBe('gz-grad-startup-subsidy-2025:1');
    expect(next.answer).toMatch(/^以下依据广州市的政策文件回答：\n补贴条件/u);
  });
});

describe('a follow-up that points back at the earlier rule for someone it names', () => {
  it('keeps the earlier clause', async () => {
    const first = await services.chat.answer({ message: '北京人才引进对年龄卡得严吗' });
    expect(refs(first)[0]).toBe('bj-yinjin-rencai-2018-38:14');
    const next = await services.chat.answer({ message: '那博士后也是这个要求吗', sessionId: first.sessionId });
    expect(refs(next)[0]).toBe('bj-yinjin-rencai-2018-38:14');
  });
});

describe('asked how much, and no clause the answer quotes pays a sum', () => {
  it('is declined, saying the amount is not written and whom to ask', async () => {
    const canteen = await services.chat.answer({ message: '温州新开一个老年助餐点，政府补多少钱' });
    expect(canteen.abstained, canteen.answer).toBe(true);
    expect(canteen.answer).toContain('没有写明具体金额或比例');
    expect(canteen.answer).toContain('市民政局');
    const charger = await services.chat.answer({ message: '农村充电桩建一个补多少' });
    expect(charger.abstained, charger.answer).toBe(true);
  });
  it('a clause that states the sum is still answered with it', async () => {
    const r = await services.chat.answer({ message: '出口信用保险的保费补多少' });
    expect(r.abstained).toBe(false);
    expect(has(r.answer, '不低于70%')).toBe(true);
  });
});

describe('a year the answering document does not cover, though another document in scope does', () => {
  it('is declined with the answering document’s period', async () => {
    const r = await services.chat.answer({ message: '广州这边的见习基地，2025年再收见习人员还给补贴不' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('2024年10月15日');
  });
});

describe('a clause granting several benefits of one kind', () => {
  it('asked one of them by name, the sentence granting it leads', async () => {
    const r = await services.chat.answer({ message: '港澳青年在天河基地企业干满一年了，交通补贴一年给多少' });
    expect(r.abstained, r.answer).toBe(false);
    const lead = r.answer.split('〔')[0]!;
    expect(lead).toContain('交通补贴');
    expect(lead).not.toContain('住房补贴');
  });
});

describe('where to apply, asked with materials, when the clause gives neither', () => {
  it('is declined naming both; a clause saying where to apply is answered', async () => {
    const r = await services.chat.answer({ message: '广州高校毕业生那个一次性创业资助到哪里申报，得带啥资料' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('申请渠道');
    const skill = await services.chat.answer({ message: '拿到技能证书的参保职工，技术技能提升补贴去哪里申请' });
    expect(skill.abstained, skill.answer).toBe(false);
    expect(has(skill.answer, '参保地')).toBe(true);
  });
  it('asked who handles it, the answer’s own note on what is not written carries no clause marker', async () => {
    const r = await services.chat.answer({ message: '广州一次性创业资助归哪个部门管，要交什么材料' });
    expect(r.answer).toContain('条款没有写明');
    expect(r.answer).not.toMatch(/条款没有写明[^〔。]*〔/u);
  });
});

describe('a follow-up asking a detail of the measure just given', () => {
  it('is declined when the measure does not give it, and answered when it does', async () => {
    const first = await services.chat.answer({ message: '温州服务业企业头一回小升规，奖多少' });
    expect(refs(first)[0]).toBe(W('29'));
    const when = await services.chat.answer({ message: '那最晚几号前要报上去', sessionId: first.sessionId });
    expect(when.abstained, when.answer).toBe(true);
    expect(when.answer).toContain('截止时间');
    const skill = await services.chat.answer({ message: '拿到技能证书的参保职工，技术技能提升补贴有多少' });
    const where = await services.chat.answer({ message: '那要到哪里申请', sessionId: skill.sessionId });
    expect(where.abstained, where.answer).toBe(false);
    expect(has(where.answer, '参保地')).toBe(true);
  });
});

describe('a follow-up asking the sum of the measure just given', () => {
  it('is declined when the measure states none, and answered when it does', async () => {
    const first = await services.chat.answer({ message: '我们合作社种了八十亩旱粮，温州给补贴吗' });
    expect(refs(first)[0]).toBe(W('50'));
    const next = await services.chat.answer({ message: '具体补多少钱呢', sessionId: first.sessionId });
    expect(next.abstained, next.answer).toBe(true);
    expect(next.answer).toContain('没有写明具体金额或比例');
    const reward = await services.chat.answer({ message: '柳河新上规的服务业企业有奖励吗' });
    const sum = await services.chat.answer({ message: '那具体奖多少', sessionId: reward.sessionId });
    expect(sum.abstained, sum.answer).toBe(false);
    expect(has(sum.answer, '10万元')).toBe(true);
  });
});

describe('VAT exemptions of small taxpayers are outside the documents', () => {
  it('is declined, not answered from the clause on equipment VAT', async () => {
    const r = await services.chat.answer({ message: '开便利店的，一个季度卖多少以内能免交增值税' });
    expect(r.abstained, r.answer).toBe(true);
    expect(refs(r)).toEqual([]);
  });
});

describe('invoice paperwork and property-management complaints are outside the documents', () => {
  it('is declined as out of scope', async () => {
    const r = await services.chat.answer({ message: '普票开错抬头了，发票作废怎么弄' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('不属于');
    const fees = await services.chat.answer({ message: '物业公司收费太高了怎么办' });
    expect(fees.abstained, fees.answer).toBe(true);
  });
});

describe('an everyday word the thesaurus reads as a document term is not out of scope', () => {
  it('高速费 is the toll the transport clause discounts', async () => {
    const r = await services.chat.answer({ message: '货柜车走高速，高速费能便宜吗' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe(W('39'));
  });
});

describe('asked for a share or rate no quoted sentence states as a figure', () => {
  it('is declined; a clause stating the rate is answered with it', async () => {
    const r = await services.chat.answer({ message: '温州企业交失业保险，单位费率现在几个点' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('没有写明具体金额或比例');
    const toll = await services.chat.answer({ message: '温州跑集装箱的货车走高速，通行费打几折' });
    expect(toll.abstained, toll.answer).toBe(false);
    expect(has(toll.answer, '六五折')).toBe(true);
  });

  it('a runner-up that states the share asked, named as asked, answers when the best unit states none', async () => {
    const fee = await services.chat.answer({ message: '小微企业拟走政府性融资担保贷些款，一般收多少担保费' });
    expect(fee.abstained, fee.answer).toBe(false);
    expect(refs(fee)[0]).toBe('gov-guobanfa-2019-6-danbao:8');
    expect(has(fee.answer, '1%')).toBe(true);
    const risk = await services.chat.answer({ message: '银担合作出了代偿，银行自己要承担多少比例的风险' });
    expect(risk.abstained, risk.answer).toBe(false);
    expect(refs(risk)[0]).toBe('gov-guobanfa-2019-6-danbao:11');
    expect(has(risk.answer, '不低于20%')).toBe(true);
  });

  it('a fee asked is answered from a runner-up stating it when the best unit states no figure', async () => {
    const fee = await services.chat.answer({ message: '小微企业拟走政府性融资担保贷些款，一般收多少担保费' });
    expect(fee.abstained, fee.answer).toBe(false);
    expect(refs(fee)[0]).toBe('gov-guobanfa-2019-6-danbao:8');
    expect(has(fee.answer, '1%')).toBe(true);
  });
});

describe('asked about one of a set of alternatives the answer does not name', () => {
  it('a listing place the clause leaves out is declined in the asker’s words; one it names is answered', async () => {
    const hk = await services.chat.answer({ message: '柳河企业去港股上市奖励多少' });
    expect(hk.abstained, hk.answer).toBe(true);
    expect(hk.answer).toContain('“港股”');
    const star = await services.chat.answer({ message: '柳河的企业在科创板上市奖多少' });
    expect(star.abstained, star.answer).toBe(false);
    expect(has(star.answer, '200万元')).toBe(true);
  });
  it('a kind of standard the reward list leaves out is declined; one it names is answered', async () => {
    const local = await services.chat.answer({ message: '柳河的企业牵头制定了一项地方标准，县里奖不奖' });
    expect(local.abstained, local.answer).toBe(true);
    expect(local.answer).toContain('地方标准');
    // 起草 is how people say 制定, and 奖不奖 only asks.
    const trade = await services.chat.answer({ message: '柳河的厂子主导起草了一项行业标准，县里奖不奖' });
    expect(trade.abstained, trade.answer).toBe(false);
    expect(has(trade.answer, '30万元')).toBe(true);
  });
  it('a term of export credit insurance the clause leaves out is declined; the one it names is answered', async () => {
    const long = await services.chat.answer({ message: '成套设备出口投保中长期出口信用保险的话保费市里补多少' });
    expect(long.abstained, long.answer).toBe(true);
    expect(long.answer).toContain('中长期出口信用保险');
    const short = await services.chat.answer({ message: '我们投保的是短期出口信用保险的话保费市里补多少' });
    expect(short.abstained, short.answer).toBe(false);
    expect(has(short.answer, '不低于70%')).toBe(true);
  });
  it('an asker from the mainland is not one of the 港澳 youth a measure is for', async () => {
    const mainland = await services.chat.answer({ message: '我是湖南人，在广州上大学，假期在天河区港澳青年创业基地入驻的公司实习，每月实习补贴能领吗' });
    expect(mainland.abstained, mainland.answer).toBe(true);
    expect(mainland.answer).toContain('内地');
    const hk = await services.chat.answer({ message: '我是香港人，在广州上大学，假期在天河区港澳青年创业基地入驻的公司实习，每月实习补贴能领吗' });
    expect(hk.abstained, hk.answer).toBe(false);
    expect(has(hk.answer, '3000元')).toBe(true);
  });
  it('a private car is not the container truck a toll discount is for', async () => {
    const car = await services.chat.answer({ message: '开自家小轿车跑高速，过路费有没有折扣' });
    expect(car.abstained, car.answer).toBe(true);
    expect(car.answer).toContain('小轿车');
  });
  it('a class of new drug the reward list leaves out is declined', async () => {
    const r = await services.chat.answer({ message: '柳河的药厂引进一个四类新药，县里给奖励吗' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('四类新药');
  });
  it('a kind of company the reward list leaves out is declined; one it names is answered', async () => {
    const builder = await services.chat.answer({ message: '柳河搞房地产开发的公司首次入统，县里给奖励不' });
    expect(builder.abstained, builder.answer).toBe(true);
    expect(builder.answer).toContain('房地产');
    const shop = await services.chat.answer({ message: '柳河开商贸公司的，首次入统县里给奖励不' });
    expect(shop.abstained, shop.answer).toBe(false);
    expect(refs(shop)[0]).toBe('liuhe-zdcy-2023:14');
  });
});

describe('spoken words that only frame the ask', () => {
  it('听讲 (heard) is not what a reward is for, and 几多 asks how much', async () => {
    const r = await services.chat.answer({ message: '家政公司头一回升规，听讲有奖金的，能拿几多' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe(W('29'));
    expect(has(r.answer, '5万元')).toBe(true);
  });
});

describe('the only measure found is for another kind of company than the asker’s', () => {
  it('a factory asking the reward only service firms get is declined, naming whom it is for', async () => {
    const r = await services.chat.answer({ message: '开模具厂的，今年升了规上工业，升规奖励给多少' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('只适用于服务业企业');
    expect(r.answer).toContain('市发展改革委');
  });
});

describe('a follow-up opening with 也是 keeps the earlier measure', () => {
  it('asked whether the reward is also paid at once, the clause just given answers', async () => {
    const first = await services.chat.answer({ message: '柳河新上规的服务业企业奖多少' });
    expect(refs(first)[0]).toBe('liuhe-zdcy-2023:14');
    const next = await services.chat.answer({ message: '也是一次性发吗', sessionId: first.sessionId });
    expect(refs(next)[0]).toBe('liuhe-zdcy-2023:14');
  });
});

describe('asks the corpus has no answer for, in everyday words', () => {
  it('a per-meal sum of a few yuan is an amount ask: declined when the clause pays none', async () => {
    const r = await services.chat.answer({ message: '我爸在社区老年食堂搭伙，每顿饭政府能补几块钱？' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('没有写明具体金额');
  });

  it('traffic fines and food tips are outside every document', async () => {
    // Words the documents use (老人, 孩子, 高速) around them do not make them policy questions.
    for (const message of ['周末陪家里老人孩子去市区逛逛，有啥好吃的推荐？', '开着货车在高速上超速被拍了，扣的分和罚款在哪处理？']) {
      const r = await services.chat.answer({ message });
      expect(r.abstained, `${message}: ${r.answer}`).toBe(true);
      expect(r.citations).toEqual([]);
    }
  });

  it('a measure for Hong Kong and Macao youth asked on the Wenzhou portal, where no document has one', async () => {
    const r = await services.chat.answer({ message: '温州这边对港澳青年过来创业有没有补贴' });
    expect(r.abstained, r.answer).toBe(true);
  });

  it('a fund\'s total size is no sum paid to an applicant', async () => {
    const r = await services.chat.answer({ message: '打算在柳河弄个农家乐，县里旅游引导资金能补我多少' });
    expect(r.abstained, r.answer).toBe(true);
  });

  it('hearsay of a new policy before a clear ask is not a question about a newer document', async () => {
    const r = await services.chat.answer({ message: '听人家讲温州出了新政策，孩子自闭症做康复能有救助吗？' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain(W('66'));
  });
});

describe('written Cantonese on a Guangzhou question', () => {
  it('is read as Mandarin, and the asker\'s own words are what the conversation keeps', async () => {
    const message = '我喺广州开咗间铺头，有冇租金补贴？';
    const r = await services.chat.answer({ message });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('gz-grad-startup-subsidy-2025:3');
    const stored = (await services.sessions.get(r.sessionId))!;
    expect(stored.turns[0]!.content).toBe(message);
  });
});

describe('two asks the asker marks as separate', () => {
  it('answers each from its own measure', async () => {
    const r = await services.chat.answer({ message: '我们做外贸的有两件事想问：一是信保的保费，财政给补贴吗；二是搞跨境电商独立站有没有扶持？' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r).sort()).toEqual([W('44'), W('45')]);
    expect(has(r.answer, '70%')).toBe(true);
  });
});

describe('a place the asker names, and the local document it has', () => {
  it('a local unit ranked near the top leads a national one when the message names its place', async () => {
    const r = await services.chat.answer({ message: '广州开档口做小生意，一次性创业补贴有吗' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('gz-grad-startup-subsidy-2025:1');
  });

  it('a follow-up on a client-side answer that names the measure by its title, with the asker’s own age in it', async () => {
    const r = await afterTurn('在广州开个小铺子做买卖，一次性创业补贴有没', '有，按一次性创业资助，符合条件的初创企业法定代表人或个体户经营者可以拿10000元。', '那岁数有没有卡？我舅妈四十几岁了也想开');
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('gz-grad-startup-subsidy-2025:1');
    expect(has(r.answer, '55周岁')).toBe(true);
  });

  it('the measure a client-side answer names by its title is the one a follow-up asks about', async () => {
    // The earlier question alone ranks the contest prize first; the answer gave the start-up grant.
    const history = [
      { role: 'user' as const, content: '自己出来创业开公司，有补贴吗' },
      { role: 'assistant' as const, content: '有，按一次性创业资助，初创企业法定代表人可以拿10000元。' },
    ];
    const r = await services.chat.answer({ message: '岁数有要求吗', history, region: '广州市' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('gz-grad-startup-subsidy-2025:1');
    expect(has(r.answer, '55周岁')).toBe(true);
  });
});

describe('asked a sum the leading sentence does not pay', () => {
  it('quotes the unit’s sentence that pays it', async () => {
    const r = await services.chat.answer({ message: '大连的厂子今年一个都没裁员，失业保险能返多少' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('dalian-zhongshan-jiuye-list:card18');
    expect(has(r.answer, '50%')).toBe(true);
  });
});

describe('a clause that grants by pointing at another clause', () => {
  it('is answered with the clause it points at', async () => {
    const r = await services.chat.answer({ message: '柳河本地的公司，想把在外地结算的业务挪回县里结算，能有啥奖励' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toEqual(['liuhe-zdcy-2023:6', 'liuhe-zdcy-2023:5']);
    expect(has(r.answer, '不设上限')).toBe(true);
  });
});

describe('asked at the edge of a measure', () => {
  it('quotes the sentence that limits it and says no plain yes', async () => {
    const plots = await services.chat.answer({ message: '北京种地的农户，同一块耕地领了地力保护补贴，能不能同时再拿菜田补贴' });
    expect(plots.abstained, plots.answer).toBe(false);
    expect(has(plots.answer, '不可同时再享受市级菜田补贴')).toBe(true);
    expect(plots.answer).not.toMatch(/(^|\n)(可以|有)。/u);
    const again = await services.chat.answer({ message: '广州天河的孵化载体，市级的配套拿过了，今年评上省级，能不能再拿一次配套' });
    expect(again.abstained, again.answer).toBe(false);
    expect(has(again.answer, '不同级别叠加配套支持')).toBe(true);
    expect(again.answer).not.toMatch(/(^|\n)(可以|有)。/u);
  });
});

describe('an asker who gives their age', () => {
  it('is answered with the age limit the document states beside the measure', async () => {
    const r = await services.chat.answer({ message: '我舅今年48了，北京的单位想帮他走人才引进，这岁数还行吗' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain('bj-yinjin-rencai-2018-38:14');
    expect(has(r.answer, '45周岁')).toBe(true);
  });
});

describe('the document’s term for the asker’s own word', () => {
  it('the sentence saying it leads the answer', async () => {
    const r = await services.chat.answer({ message: '温州2024年财政给大学这块花了多少钱' });
    expect(r.abstained, r.answer).toBe(false);
    const lead = r.answer.split('〔')[0]!;
    expect(lead).toContain('高等教育');
  });
});

describe('a follow-up that changes a condition of an amount question', () => {
  it('gives the amount under the new condition', async () => {
    const r = await afterTurn('大连中山区的企业招了见习生，见习满6个月，留下来一大半，补贴咋算', '留用率超过50%的，按当地最低工资标准给予补贴〔第9项〕。', '那要是只留下两成呢');
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe('dalian-zhongshan-jiuye-list:card9');
    expect(has(r.answer, '6980元')).toBe(true);
  });
});

describe('a follow-up narrowing the earlier topic to a part of it', () => {
  it('is answered by the unit saying both, not by one saying only the new words', async () => {
    const r = await afterTurn('温州今年公共充电桩要建多少个', '2024年累计建成充电桩21万个以上，其中公共充电桩2万个以上〔第42条〕。', '那农村呢？村里一个桩都没有，有规划没');
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)[0]).toBe(W('51'));
    expect(has(r.answer, '5200个')).toBe(true);
  });
});

describe('answers that say what was asked, from the right document', () => {
  it('a request to write copy is declined as a task, not matched as a description of a shop', async () => {
    const r = await services.chat.answer({ message: '帮我写一段奶茶店开业的宣传文案' });
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain('不能代写');
  });

  it('asked for a county total, answers from the county’s clause, not a national document’s closing', async () => {
    const r = await services.chat.answer({ message: '我们在吉林柳河县开了个快递公司，刚进规上服务业，县里奖励总共多少，一次给吗' });
    expect(refs(r)).toEqual(['liuhe-zdcy-2023:14']);
    expect(r.answer).toContain('10万元');
  });

  it('an asker who gives their age is told the age limit first', async () => {
    const r = await services.chat.answer({ message: '北京人才引进，我今年四十八岁了还能办吗' });
    expect(refs(r)).toEqual(['bj-yinjin-rencai-2018-38:14']);
    expect(r.answer).toMatch(/回答：\s*引进时年龄原则上不超过45周岁/u);
  });

  it('asked how long a document is in force, says its own term, not that of the one it replaced', async () => {
    const r = await services.chat.answer({ message: '广州那个就业见习基地管理办法有效期几年，现在还管用吗' });
    expect(refs(r)).toEqual(['gz-jianxi-jidi-2019-6:23']);
    expect(r.answer).toContain('有效期5年');
    expect(r.answer).not.toContain('同时废止');
  });

  it('asked whether a tax relief needs the tax office\'s approval, says it is taken without one', async () => {
    const r = await services.chat.answer({ message: '小微企业减半交所得税，是我们自己申报就行还是要先去税务局批一下' });
    expect(refs(r)).toContain('chinatax-xiaowei-2014-23:2');
    expect(r.answer).toContain('无需税务机关审核批准');
  });

  it('a story matching the clause that defines who counts is answered by the measure, unless asked who counts', async () => {
    const r = await services.chat.answer({ message: '我是澳门居民，四十岁，具有中国国籍，在天河创业，公司在港澳青年孵化载体里，租金区里能补多少' });
    expect(refs(r)[0]).toBe('gz-tianhe-hkmo-youth-2023:5');
    expect(r.answer).toContain('50%');
    const who = await services.chat.answer({ message: '天河的港澳青年企业是指什么样的企业，港澳股东占股多少才算' });
    expect(refs(who)[0]).toBe('gz-tianhe-hkmo-youth-2023:2');
  });

  it('two asks landing on one clause each get their own sentence, the more distinct ask choosing first', async () => {
    const r = await services.chat.answer({ message: '国务院文件里，我单干自己创业，创业担保贷款封顶是多少？如果是小微企业新招的人很多，又能申请到多少？' });
    expect(refs(r)).toEqual(['gov-guofa-2018-39-jiuye:3']);
    expect(r.answer).toContain('15万元');
    expect(r.answer).toContain('300万元');
  });

  it('asked what the nation provides, a national unit about as sure leads over the local one', async () => {
    const r = await services.chat.answer({ message: '走政府性融资担保机构的路子，额度一两百万，担保费收多少合理？国家有规定没有' });
    expect(refs(r)[0]).toBe('gov-guobanfa-2019-6-danbao:8');
    expect(r.answer).toContain('不超过1%');
  });

  it('a clause a client-sent answer names in prose is of the document it names by title, even outside the new scope', async () => {
    const r = await afterTurn('天河港澳青年创业，孵化载体房租补多少', '根据《广州市天河区深化支持港澳青年创新创业高质量发展实施办法》第五条，按实际租金总额的50%补贴，每年不超过5万元。', '另外问一下，我弟在广州刚毕业，去见习基地见习有生活补贴吗');
    expect(r.resolvedQuestion).toBe('另外问一下，我弟在广州刚毕业，去见习基地见习有生活补贴吗');
    expect(refs(r).every((x) => x.startsWith('gz-jianxi-jidi-2019-6:')), refs(r).join()).toBe(true);
  });

  it('a follow-up whose own words no unit says (那做得好一些的呢) stays on the earlier clause', async () => {
    const r = await afterTurn('鹿城做咨询的公司今年头一次进规上服务业，有奖吗', '根据温州市若干政策第29条，对首次“小升规”服务业企业给予5万元奖励。', '那做得好一些的呢，最多能拿多少');
    expect(refs(r)).toEqual([W('29')]);
    expect(r.answer).toContain('10万到30万元');
  });

  it('a message saying outright it is another matter (换个问题) is read alone, never joined to the earlier clause', async () => {
    const r = await afterTurn('临港当老师满5年，居转户年限能缩短吗', '根据《上海市人民政府关于深化完善“双特”政策支持临港地区新一轮发展的若干意见》第13条，教育岗位工作满5年的，持证及参保年限可缩短至5年。', '换个问题，临港的企业用地能不能先租后让？');
    expect(r.resolvedQuestion).toBe('换个问题，临港的企业用地能不能先租后让？');
    expect(refs(r)).not.toContain('shanghai-lingang-shuangte-2016:13');
  });

  it('a follow-up asking where to hand in materials is answered by the unit of that document that says so', async () => {
    const r = await afterTurn('广州的公司想被认定为就业见习基地，门槛是什么', '根据《广州市就业见习基地管理办法》第五条，需要社会信誉良好、有见习指导力量，每年接收见习人员20人以上。', '那申请材料要交到哪个单位');
    expect(refs(r)).toContain('gz-jianxi-jidi-2019-6:6');
    expect(r.answer).toContain('提交下列材料');
  });

  it('a follow-up asking what to bring, with words of its own, finds the materials unit next to the earlier one', async () => {
    const r = await afterTurn('在广州想把公司申请成见习基地，条件有哪些', '根据《广州市就业见习基地管理办法》第五条，需要社会信誉良好，每年接收见习人员20人以上。', '这些我们都符合。那申请时要准备哪些东西？是交给人社局吗');
    expect(refs(r)).toContain('gz-jianxi-jidi-2019-6:6');
  });

  it('a short message of its own words only (评下来以后还有钱拿吗) leans on the earlier clause', async () => {
    const r = await afterTurn('广州见习基地怎样才能评上示范基地', '根据《广州市就业见习基地管理办法》第19条，连续两年每年接收见习人员50人以上且留用率达到60%以上的，可申请认定为示范基地。', '评下来以后还有钱拿吗？能拿多少？');
    expect(refs(r)).toEqual(['gz-jianxi-jidi-2019-6:19']);
    expect(r.answer).toContain('50000元');
  });

  it('a changed condition after a client-sent answer naming its clause stays on that clause', async () => {
    const r = await afterTurn('小厂走政府性担保，国家给担保费定了顶吗', '根据《国务院办公厅关于有效发挥政府性融资担保基金作用切实支持小微企业和“三农”发展的指导意见》第8条，单户担保金额500万元及以下的担保费率原则上不超过1%。', '那如果单户担保金额是600万呢');
    expect(refs(r)).toContain('gov-guobanfa-2019-6-danbao:8');
    expect(r.answer).toContain('1.5%');
  });

  it('asked for an amount a clause leaves to others to set, declines and quotes who sets it', async () => {
    const r = await services.chat.answer({ message: '大连那边毕业生去农村上班，那笔安家费到手能有几万块' });
    expect(r.abstained, r.answer).toBe(true);
    expect(r.answer).toContain('具体标准由各涉农区市县政府');
  });

  it('asked in a later year whether a document still holds, gives its term instead of declining that year', async () => {
    const r = await services.chat.answer({ message: '现在已经2026年了，温州那份高质量发展若干政策还作数吗，管到哪天' });
    expect(r.abstained, r.answer).toBe(false);
    expect(refs(r)).toContain(W('closing'));
    expect(r.answer).toContain('2024年全年实施有效');
  });

  it('asked which ministry is in charge of a State Council measure, names it from the duty note', async () => {
    const r = await services.chat.answer({ message: '国务院稳就业的文件里，技能提升补贴归哪个部门管' });
    expect(refs(r)).toEqual(['gov-guofa-2018-39-jiuye:8']);
    expect(r.answer.startsWith('责任单位：人力资源社会保障部、财政部')).toBe(true);
  });

  it('a fee rate the best units do not state is found in their document, and the issuer named earns no second unit', async () => {
    const r = await services.chat.answer({ message: '公司准备请政府性融资担保机构作担保，金额六百万，按国务院的文件担保费率最多收多少' });
    expect(refs(r)).toEqual(['gov-guobanfa-2019-6-danbao:8']);
    expect(r.answer).toContain('1.5%');
  });

  it('asked for the term of a document that states it in its preamble, cites the preamble', async () => {
    const r = await services.chat.answer({ message: '上海临港的双特政策执行期限到什么时候' });
    expect(refs(r)).toEqual(['shanghai-lingang-shuangte-2016:preamble']);
    expect(r.answer).toContain('2016年至2018年');
  });

  it('an asker who has a disability card is answered from the clause on disabled people', async () => {
    const r = await services.chat.answer({ message: '我有残疾证，温州这边有什么补贴' });
    expect(refs(r)).toEqual([W('66')]);
    expect(r.answer).toContain('残疾人');
  });

  it('a follow-up to an answer that names its clause in prose (…办法》第8条) stays on that clause', async () => {
    const r = await afterTurn('澳门过来的，我在天河那个青年之家基地里上班一年多了，房子是自己租的，区里管住房吗？', '可以看看天河区支持港澳青年的实施办法第8条：基地里的企业连续干满1年的港澳青年，在职时可领住房补贴。', '那每个月能拿多少，领多长时间');
    expect(refs(r)).toEqual(['gz-tianhe-hkmo-youth-2023:8']);
    expect(r.answer).toContain('1500元');
  });
});
