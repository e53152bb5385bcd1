// The extractive composer on hand-made hits: which units it cites, which sentences it keeps.
import { describe, expect, it } from 'vitest';
import { answerWord, chooseUnits, composeOffline, isFlattenedTable, pickSentences, sentenceBonus, unstatedShare, unstatedSum } from '../../src/chat/offline-answerer.js';
import { detectIntent } from '../../src/chat/intent.js';
import type { CorpusUnit, RetrievedUnit } from '../../src/domain/types.js';

const unit = (ref: string, title: string, units: string[] = ['市财政局']): CorpusUnit => ({
  ref, key: ref, label: `第${ref}条`, kind: 'clause', number: Number(ref), section: 1, title, text: '', units, source: { start: 0, end: 0 }, docId: 'd',
});
const hit = (ref: string, matched: string[], passages: Array<[string, number]>, units?: string[]): RetrievedUnit => ({
  unit: unit(ref, `标题${ref}`, units),
  score: 1,
  scores: {},
  sentences: [],
  passages: passages.map(([text, score]) => ({ text, score })),
  matched,
});
const words = (ws: Array<[string, number]>) => ws.map(([word, weight]) => ({ word, weight, alternatives: [] as string[] }));
/** The composed answer to a question about one hit, matched by one word. */
const ask = (h: RetrievedUnit, word: string, question: string) => composeOffline({ hits: [h], words: words([[word, 1]]), intent: detectIntent(question), question });

describe('chooseUnits', () => {
  const h29 = hit('29', ['小升规', '奖励'], [['对首次小升规企业给予5万元奖励。', 0.9]]);
  const h11 = hit('11', ['研发', '补助'], [['研发费用补助最高300万元。', 0.9]]);
  const h2 = hit('2', ['奖励'], [['预算安排资金。', 0.1]]);

  it('cites a second unit only when it covers words the first misses', () => {
    const ws = words([['小升规', 3], ['奖励', 1], ['研发', 3], ['补助', 1]]);
    expect(chooseUnits({ hits: [h29, h11, h2], words: ws, intent: detectIntent('小升规和研发补助') }).map((h) => h.unit.key)).toEqual(['29', '11']);
    const single = words([['小升规', 3], ['奖励', 1]]);
    expect(chooseUnits({ hits: [h29, h2], words: single, intent: detectIntent('小升规奖励') }).map((h) => h.unit.key)).toEqual(['29']);
  });

  it('keeps pinned units (named clauses, earlier turns) and nothing else', () => {
    const ws = words([['研发', 3]]);
    expect(chooseUnits({ hits: [h29, h11], words: ws, intent: detectIntent('x'), pinned: [h11.unit] }).map((h) => h.unit.key)).toEqual(['11']);
  });
});

describe('pickSentences', () => {
  const h = hit('11', [], [
    ['推动企业加大研发投入。', 0.2],
    ['对规上企业按存量部分的3%和增量部分的8%给予最高300万元补助。', 0.5],
    ['鼓励有条件的县给予财政奖励。', 0.55],
  ]);
  it('prefers sentences with numbers when an amount is asked, keeping text order', () => {
    expect(pickSentences(h, detectIntent('补助最高多少'), 1)).toEqual(['对规上企业按存量部分的3%和增量部分的8%给予最高300万元补助。']);
    expect(pickSentences(h, detectIntent('研发'), 2)).toEqual(['对规上企业按存量部分的3%和增量部分的8%给予最高300万元补助。', '鼓励有条件的县给予财政奖励。']);
  });
  it('falls back to the opening sentences when nothing matches', () => {
    const none = hit('1', [], [['甲。', 0], ['乙。', 0], ['丙。', 0]]);
    expect(pickSentences(none, detectIntent('x'), 2)).toEqual(['甲。', '乙。']);
  });
});

describe('composeOffline', () => {
  it('answers department questions with the responsible units, lead first, and cites that line', () => {
    const h = hit('29', ['小升规'], [['对首次小升规企业给予5万元奖励。', 0.9]], ['市发展改革委', '市财政局']);
    const r = composeOffline({ hits: [h], words: words([['小升规', 1]]), intent: detectIntent('小升规找哪个部门') });
    expect(r.text).toContain('责任单位：市发展改革委、市财政局');
    expect(r.text).toContain('〔第29条〕');
    expect(r.citations).toContainEqual({ ref: '29', quote: '责任单位：市发展改革委、市财政局' });
  });

  it('quotes a "title" that is the measure itself when the rest of the clause is procedure', () => {
    const t = '留用见习人员的，按每人3000元给予用人单位留用补贴';
    const h = { ...hit('18', ['留用'], [[`${t}。`, 0.5], ['办理程序按有关通知执行。', 0.3]]), unit: { ...unit('18', t), text: `${t}。办理程序按有关通知执行。` } };
    const r = composeOffline({ hits: [h], words: words([['留用', 1]]), intent: detectIntent('留用补贴多少'), question: '留用补贴多少' });
    expect(r.text.startsWith(`${t}〔第18条〕`)).toBe(true);
  });

  it('asked for materials or a phone number the clause does not give, says so and whom to ask', () => {
    const plain = { ...hit('44', ['保费'], [['对出口信用保险保费给予补助。', 0.9]], ['市商务局']), unit: { ...unit('44', '外贸', ['市商务局']), text: '对出口信用保险保费给予补助。' } };
    const r = composeOffline({ hits: [plain], words: words([['保费', 1]]), intent: detectIntent('保费补助要准备什么材料'), question: '保费补助要准备什么材料' });
    expect(r.text).toContain('条款没有写明申报材料和手续，具体请咨询市商务局');
    const phone = composeOffline({ hits: [plain], words: words([['保费', 1]]), intent: detectIntent('保费补助电话多少'), question: '保费补助电话多少' });
    expect(phone.text).toContain('条款没有写明联系电话');
    const listed = { ...plain, unit: { ...plain.unit, text: '对保费给予补助。申报材料：申请表、保单。' }, passages: [{ text: '对保费给予补助。', score: 0.9 }, { text: '申报材料：申请表、保单。', score: 0 }] };
    const r2 = composeOffline({ hits: [listed], words: words([['保费', 1]]), intent: detectIntent('保费补助要准备什么材料'), question: '保费补助要准备什么材料' });
    expect(r2.text).not.toContain('没有写明');
  });

  it('asked how long a document is in force, its summary leads with the sentence saying so', () => {
    const h = hit('90', [], [
      ['上述领域政策安排资金共计12亿元。', 0],
      ['各牵头单位要抓紧制定配套政策。', 0],
      ['本文件自印发之日起施行，有效期至2027年12月31日。', 0],
    ]);
    const r = composeOffline({ hits: [h], words: words([['到期', 1]]), intent: detectIntent('这份文件什么时候到期'), pinned: [h.unit], summarize: [h.unit] });
    expect(r.text.startsWith('本文件自印发之日起施行，有效期至2027年12月31日')).toBe(true);
    const what = composeOffline({ hits: [h], words: words([['讲', 1]]), intent: detectIntent('结语讲了什么'), pinned: [h.unit], summarize: [h.unit] });
    expect(what.text.startsWith('上述领域政策安排资金共计12亿元')).toBe(true);
  });

  it('an amount question keeps the sentence breaking the stated total down (其中…)', () => {
    const h = hit('27', ['资金'], [
      ['落实财政资金保障。', 0.1],
      ['市级财政安排资金3.2亿元。', 0.6],
      ['其中，养老服务领域资金0.4亿元，文化领域资金0.9亿元。', 0.2],
      ['另行制定配套办法。', 0.1],
    ]);
    const asked = composeOffline({ hits: [h], words: words([['资金', 1]]), intent: detectIntent('市里给养老这块安排了多少钱') });
    expect(asked.text).toContain('养老服务领域资金0.4亿元');
    expect(asked.citations.map((c) => c.quote)).toContain('其中，养老服务领域资金0.4亿元，文化领域资金0.9亿元。');
    const notAmount = composeOffline({ hits: [h], words: words([['资金', 1]]), intent: detectIntent('财政资金保障是怎么安排的') });
    expect(notAmount.text).not.toContain('0.4亿元');
  });

  it('asked for a sum a clause does not state (only a target), says the sum is not written and whom to ask', () => {
    const h = hit('45', ['海外仓'], [['2024年，新增各类海外仓10个以上。', 0.8]], ['市商务局']);
    expect(ask(h, '海外仓', '海外仓建一个补多少').text).toContain('条款没有写明具体金额或比例，具体请咨询市商务局');
    // A count asked for is what the target states; and a clause with a sum says it.
    expect(ask(h, '海外仓', '今年要新增多少个海外仓').text).not.toContain('没有写明');
    const paid = hit('29', ['小升规'], [['对首次小升规企业给予5万元奖励。', 0.9]]);
    expect(ask(paid, '小升规', '小升规奖多少').text).not.toContain('没有写明');
  });

  it('a sum that is a target (新增贷款400亿元), not a payment, does not answer how much is given', () => {
    const target = hit('21', ['上市'], [['力争新增制造业中长期贷款400亿元左右，新增上市企业8家。', 0.8]], ['市金融办']);
    expect(ask(target, '上市', '上市给多少奖励').text).toContain('条款没有写明具体金额或比例，具体请咨询市金融办');
    // A budget set aside is a sum asked for too.
    const budget = hit('8', ['大学'], [['市级财政2024年预算安排资金22.77亿元。', 0.8]]);
    expect(ask(budget, '大学', '给大学投了多少钱').text).not.toContain('没有写明');
  });

  it('a rate per unit of area or time is followed by the cap that goes with it', () => {
    const h = hit('card7', ['租金'], [
      ['对门店租金按实际租赁面积进行补助。', 0.3],
      ['补助标准：中心城区2元/㎡/日，其他区域1元/㎡/日。', 0.6],
      ['单店年度租金支持金额不超过100万元。', 0.1],
    ]);
    expect(ask(h, '租金', '门店租金按什么标准补').text).toContain('不超过100万元');
  });

  it('an amount question leads with a card\'s computed figure and keeps the rule beside it', () => {
    const h = hit('card3', ['灵活就业', '社保'], [
      ['政策内容：对离校1年内未就业的毕业生灵活就业后缴纳社保费的，给予社保补贴，补贴期限最长不超过2年。', 0.7],
      ['文件依据：《某市就业实施意见》。', 0.1],
      ['补贴测算：按最低缴费基数缴费额的30%补贴，具体补贴金额为248.8元/人月。', 0.4],
      ['申请渠道：街道公共服务窗口。', 0.1],
    ]);
    const asked = ask(h, '社保', '打零工自己交社保，一个月能补多少');
    expect(asked.text).toContain('248.8元/人月');
    expect(asked.text).toContain('补贴期限最长不超过2年');
    expect(asked.text.indexOf('248.8元')).toBeLessThan(asked.text.indexOf('不超过2年'));
    // Not asked an amount, the rule alone answers.
    expect(ask(h, '社保', '灵活就业社保补贴是给谁的').text).not.toContain('248.8元');
  });

  it('an amount question whose field states only a threshold also quotes the grant that follows', () => {
    const h = hit('5', ['门店'], [
      ['支持内容：对新开设品牌门店、装修投入超过80万元的企业，给予资金支持。', 0.6],
      ['其中连锁企业按投入的最高30%，最高给予60万元支持。', 0.2],
      ['申报时间：每年3月。', 0.1],
    ]);
    const asked = composeOffline({ hits: [h], words: words([['门店', 1]]), intent: detectIntent('新开品牌门店能给多少支持') });
    expect(asked.text).toContain('最高给予60万元支持');
    const h2 = hit('6', ['门店'], [
      ['对装修投入超过80万元的门店，给予资金支持。', 0.6],
      ['连锁企业按投入的30%给予补助。', 0.2],
    ]);
    expect(composeOffline({ hits: [h2], words: words([['门店', 1]]), intent: detectIntent('新开门店能给多少') }).text).toContain('按投入的30%给予补助');
    // A cap is a grant, not a threshold: 不超过 is what is given.
    const h3 = hit('7', ['专利'], [
      ['每件资助不超过2000元。', 0.6],
      ['年费按应缴金额给予资助，资助金额不超过年费的30%。', 0.2],
    ]);
    expect(composeOffline({ hits: [h3], words: words([['专利', 1]]), intent: detectIntent('专利每件资助多少') }).text).not.toContain('年费');
  });

  it('a message asking a count and a floor area gets the sentence stating the area', () => {
    const h = hit('15', ['基地'], [
      ['申请实训基地应同时具备以下条件：', 0.4],
      ['具有中级以上职称的讲师不少于8人；', 0.3],
      ['具有300平方米以上的实训场所，设备配套齐全；', 0.1],
      ['每年承担一定数量的公益培训任务。', 0.1],
    ]);
    const q = '想申请实训基地，讲师要几个？场地要多大？';
    const r = ask(h, '基地', q);
    expect(r.text).toContain('300平方米以上');
  });

  it('a fee named 手续费 is not a question about procedure: no procedure or contact field is quoted', () => {
    const h = hit('48', ['补贴'], [
      ['服务流程：在线填写申报书→评审立项→结果公示→资金拨付。', 0.2],
      ['按照融资费用（包括利息和手续费）的20%给予企业补贴。', 0.3],
      ['联络方式：市科委：12345678', 0.1],
    ]);
    const q = '融资租赁的利息和手续费能补多少';
    const r = ask(h, '补贴', q);
    expect(r.text.startsWith('按照融资费用')).toBe(true);
    expect(r.text).not.toContain('服务流程');
    expect(r.text).not.toContain('没有写明申报材料');
  });

  it('the tier an asker’s figure lies in leads an amount question, not a question on something else', () => {
    const h = hit('14', ['培训'], [
      ['具有2年以上人才培训经验的独立法人单位。', 0.14],
      ['培训师资力量雄厚，拥有专职或兼职教师20人以上。', 0.16],
    ]);
    const q = '我们培训学校办了三年多，师资方面有什么要求';
    expect(ask(h, '培训', q).text.startsWith('培训师资力量雄厚')).toBe(true);
    const elig = '我们培训学校办了三年多，能申请吗';
    expect(ask(h, '培训', elig).text).toMatch(/^(有。|可以。)?具有2年以上/u);
  });

  it('two asks that the same sentence would answer get two sentences when the measure has a second nearly as fit', () => {
    const h = hit('3', ['贷款'], [
      ['招用人员达到职工人数25%的小微企业，可申请最高不超过300万元的贷款。', 0.5],
      ['符合条件的人员自主创业的，可申请最高不超过20万元的贷款。', 0.4],
      ['贷款期限一般不超过3年。', 0.1],
    ]);
    const q = '我一个人最多能贷到多少？等以后办成了小微企业、招到员工又能贷多少';
    const r = ask(h, '贷款', q);
    expect(r.text).toContain('20万元');
    expect(r.text).toContain('300万元');
  });

  it('a list item split at "；" is read to its full stop, not into the next item', () => {
    const h = hit('3', ['预缴'], [
      ['（一）上年度符合条件的企业，预缴时累计利润不超过30万元的，可以享受优惠；', 0.5],
      ['超过30万元的，应停止享受其中的减半政策；', 0.2],
      ['按上年度平均额预缴的，可以享受优惠。', 0.1],
      ['（二）本年度新办的企业，累计利润不超过30万元的，可以享受优惠；', 0.3],
    ]);
    const q = '预缴的时候累计利润超过30万了还能享受优惠吗';
    const r = ask(h, '预缴', q);
    expect(r.text).toContain('应停止享受其中的减半政策');
    expect(r.text).not.toContain('本年度新办');
    // The first item joined to the sentence announcing the list reads the same way.
    const joined = hit('3', ['预缴'], [
      ['企业预缴所得税时，按以下规定执行：（一）上年度符合条件的企业，预缴时累计利润不超过30万元的，可以享受优惠；', 0.5],
      ['超过30万元的，应停止享受其中的减半政策；', 0.2],
      ['按上年度平均额预缴的，可以享受优惠。', 0.1],
      ['（二）本年度新办的企业，累计利润不超过30万元的，可以享受优惠；', 0.3],
    ]);
    const j = ask(joined, '预缴', q);
    expect(j.text).toContain('应停止享受其中的减半政策');
    expect(j.text).not.toContain('本年度新办');
  });

  it('asked for the conditions, a lead announcing a list is followed by its items', () => {
    const h = hit('15', ['基地'], [
      ['服务对象：本市培训机构。', 0.1],
      ['申请实训基地应同时具备以下条件：1.在本市注册的独立法人，从业3年以上。', 0.4],
      ['条件要求：2.专职教师不少于8人；', 0.1],
      ['教学队伍稳定。', 0.05],
      ['3.具有300平方米以上的实训场所。', 0.1],
      ['联络方式：市经信局：12345678', 0.05],
    ]);
    const q = '想申请实训基地，需要满足哪些条件';
    const r = ask(h, '基地', q);
    expect(r.text).toContain('专职教师不少于8人');
    expect(r.text).toContain('教学队伍稳定');
    expect(r.text).toContain('300平方米以上');
    expect(r.text).not.toContain('12345678');
    const amount = '实训基地认定后给多少钱';
    expect(ask(h, '基地', amount).text).not.toContain('300平方米以上');
  });

  it('a rare word with 年, 月 or 个 in it (年费) points at its sentence like any other word', () => {
    const h = hit('59', ['专利'], [
      ['国内发明专利授权后，每件专利资助不超过1000元。', 0.3],
      ['专精特新企业的发明专利年费，按实际缴纳金额的30%予以资助。', 0.2],
      ['专利资助按年度集中申报，每件专利单独申请。', 0.28],
    ]);
    const q = '每件专利能资助多少？专利年费能不能补';
    expect(ask(h, '专利', q).text).toContain('实际缴纳金额的30%');
  });

  it('a lead chosen for the asker’s tier still leaves room for the rule it conditions', () => {
    const h = hit('8', ['技能'], [
      ['申领条件由参加失业保险3年以上放宽至参保1年以上。', 0.2],
      ['参保职工取得职业技能等级证书的，可在参保地申请技能提升补贴。', 0.3],
      ['所需资金由失业保险基金列支。', 0.05],
    ]);
    const q = '失业保险缴了两年，刚拿到技能等级证书，技能提升补贴能不能申请';
    const r = ask(h, '技能', q);
    expect(r.text).toContain('参保1年以上');
    expect(r.text).toContain('可在参保地申请');
  });

  it('a long title that states a whole rule with its figures can be quoted as a sentence', () => {
    const title = '对新上的工业类项目，固定资产投资1000万元及以上且亩均投资强度不低于200万元的，按固定资产投资的5%给予企业奖励';
    const h = { ...hit('2', ['项目'], [
      [`${title}。`, 0.3],
      ['对现代服务业类项目，固定资产投资3000万元及以上的，按固定资产投资的5%给予企业奖励。', 0.3],
    ]), unit: { ...unit('2', title), text: '' } };
    const q = '县里新落地的工业类项目，厂房设备投了2000万，奖励多少';
    // Quoted with its marker, not only named in the basis line.
    expect(ask(h, '项目', q).text).toMatch(/工业类项目[^〔（]*〔第2条〕/u);
  });

  it('a sentence split at "；" reads on to the clause after it, not into the next item', () => {
    const h = hit('15', ['落户'], [
      ['引进人才无产权房屋的，可在聘用单位的集体户落户；', 0.5],
      ['聘用单位无集体户的，可在人才服务机构集体户落户。', 0.1],
      ['（二）引进人才的配偶可随调随迁。', 0.1],
    ]);
    const q = '没买房，户口落在哪';
    const r = ask(h, '落户', q);
    expect(r.text).toContain('人才服务机构集体户');
    expect(r.text).not.toContain('随调随迁');
  });

  it('a quoted support or breakdown sentence split at "；" also reads on to its next clause', () => {
    const h = hit('134', ['补贴'], [
      ['连续一年没有失信记录的，可享受每床每月50元的运营补贴。', 0.5],
      ['连续三年没有失信记录的，可享受每床每月100元的运营补贴；', 0.45],
      ['连续五年没有失信记录的，可享受每床每月150元的运营补贴。', 0.05],
    ]);
    const q = '养老院一直没有失信记录，每张床每月能补多少';
    expect(ask(h, '补贴', q).text).toContain('每床每月150元');
  });

  it('two things asked together (X和Y) each get the sentence that says them', () => {
    const h = hit('45', ['直播', '冷链'], [
      ['支持直播电商基地建设，给予场地租金补助。', 0.6],
      ['新建冷链仓储中心5个以上。', 0.2],
      ['推进商贸数字化改造。', 0.1],
    ]);
    const ws = [{ word: '直播', weight: 4, alternatives: [] }, { word: '冷链', weight: 4, alternatives: [] }];
    const both = '想做直播和冷链，市里支持不';
    expect(composeOffline({ hits: [h], words: ws, intent: detectIntent(both), question: both }).text).toContain('新建冷链仓储中心5个以上');
    const one = '想做直播，冷链也在弄，市里支持不';
    expect(composeOffline({ hits: [h], words: ws, intent: detectIntent(one), question: one }).text).not.toContain('冷链仓储');
  });

  it('quotes the condition on a figure the asker gave (注册8个月 → 满6个月)', () => {
    const h = hit('1', ['资助'], [
      ['补贴标准：8000元。', 0.5],
      ['（1）申请人为毕业5年内的高校毕业生；', 0.1],
      ['（2）初创企业登记注册满6个月，且连续3个月有员工正常缴纳社会保险费。', 0.1],
    ]);
    const q = '公司注册快8个月了，员工社保交了3个多月，创业资助能拿多少';
    const r = ask(h, '资助', q);
    expect(r.text).toContain('登记注册满6个月');
    const plain = '创业资助能拿多少';
    expect(ask(h, '资助', plain).text).not.toContain('登记注册满6个月');
  });

  it('lists several measures, each with its own marker and citation', () => {
    const a = hit('29', ['小升规'], [['小升规给予5万元奖励。', 0.9]]);
    const b = hit('11', ['研发'], [['研发最高300万元补助。', 0.9]]);
    const r = composeOffline({ hits: [a, b], words: words([['小升规', 1], ['研发', 1]]), intent: detectIntent('小升规和研发分别有什么') });
    expect(r.text).toMatch(/1\. 第29条（标题29）：小升规给予5万元奖励〔第29条〕.*\n2\. 第11条（标题11）：研发最高300万元补助〔第11条〕/s);
    expect([...new Set(r.citations.map((c) => c.ref))]).toEqual(['29', '11']);
  });
});

describe('title sentence', () => {
  it('is not repeated after the heading when the clause has other sentences', () => {
    const h = hit('30', [], [['标题30。', 0.1], ['符合条件的企业可享受所得税优惠政策。', 0.1]]);
    const r = composeOffline({ hits: [h], words: words([['x', 1]]), intent: detectIntent('第30条讲什么'), pinned: [h.unit], summarize: [h.unit] });
    expect(r.text).toBe('符合条件的企业可享受所得税优惠政策〔第30条〕。\n依据：第30条（标题30）。');
  });
});

describe('answer first', () => {
  const clause = hit('29', ['升规', '服务业'], [
    ['推进规上服务业攻坚行动。', 0.3],
    ['对首次升规服务业企业给予5万元奖励。', 0.9],
    ['建立服务业领军企业培育库。', 0.2],
  ], ['市发展改革委', '市财政局']);

  it('opens with the one sentence that answers, says yes to a yes/no question, and ends with the basis', () => {
    const r = composeOffline({ hits: [clause], words: words([['升规', 3], ['服务业', 2]]), intent: detectIntent('服务业头回升规有没有奖'), question: '服务业头回升规有没有奖' });
    expect(r.text.startsWith('有。对首次升规服务业企业给予5万元奖励〔第29条〕。')).toBe(true);
    expect(r.text).not.toContain('培育库');
    expect(r.text).toContain('办理可咨询市发展改革委（牵头单位）');
    expect(r.text.endsWith('依据：第29条（标题29）。')).toBe(true);
    // Every quote is verbatim text of the clause or its responsibility line.
    expect(r.citations.map((c) => c.quote)).toEqual(['对首次升规服务业企业给予5万元奖励。', '责任单位：市发展改革委、市财政局']);
  });

  it('keeps at most three sentences of a measure, and only those nearly as relevant as the lead', () => {
    const long = hit('11', ['研发'], [['甲研发一。', 0.9], ['乙研发二。', 0.85], ['丙研发三。', 0.8], ['丁研发四。', 0.75], ['戊无关。', 0.3]]);
    const r = composeOffline({ hits: [long], words: words([['研发', 1]]), intent: detectIntent('研发支持') });
    const quoted = r.citations.map((c) => c.quote).filter((q) => !q.startsWith('责任单位'));
    expect(quoted.length).toBeLessThanOrEqual(3);
    expect(quoted).not.toContain('戊无关。');
  });

  it('says how to apply when the text names a channel', () => {
    const card = hit('4', ['社保'], [['对灵活就业的毕业生给予社保补贴。', 0.9], ['申请渠道：街道公共服务窗口。', 0.1]], []);
    const r = composeOffline({ hits: [card], words: words([['社保', 1]]), intent: detectIntent('社保补贴') });
    expect(r.text).toContain('申请渠道：街道公共服务窗口');
  });

  it('gives no yes-word to a refusal or to a question that is not yes/no', () => {
    expect(answerWord('这个能不能补', '给予5万元奖励。')).toBe('可以。');
    expect(answerWord('有没有补', '不得以保证金名义收取费用，不予补助。')).toBe('');
    // A yes/no ask only about a detail (a phone, a website) is not answered yes by the measure.
    expect(answerWord('技改补助要准备啥材料，有咨询电话吗', '对技改项目给予10%补助。')).toBe('');
    expect(answerWord('技改补助有没有，有官网吗', '对技改项目给予10%补助。')).toBe('有。');
    // Whether one must pay: "不用" when the text waives the charge, no yes/no word when it only reduces it.
    expect(answerWord('扩建厂房要补交地价吗', '企业在自有工业用地上扩建生产性用房的，不再增收土地价款。')).toBe('不用。');
    expect(answerWord('买电车要交购置税吗', '落实新能源汽车减免车辆购置税等政策。')).toBe('');
    expect(answerWord('保费要自己出吗', '对保费给予不低于70%的补助。')).toBe('');
    expect(answerWord('补多少', '给予5万元奖励。')).toBe('');
  });

  it('says 有 to "有奖励吗" only when the lead grants that kind of benefit', () => {
    expect(answerWord('公司上市有奖励吗', '引导和支持企业有序对接资本市场。')).toBe('');
    expect(answerWord('公司上市有奖励吗', '对在主板上市的企业给予300万元奖励。')).toBe('有。');
    expect(answerWord('装电梯有补助吗', '对加装电梯的给予每台20万元补贴。')).toBe('有。');
    // No benefit named: any grant answers.
    expect(answerWord('上市有没有支持', '引导和支持企业有序对接资本市场。')).toBe('有。');
  });
});

describe('extra citations', () => {
  it('a second unit that shares only form words (最高, 奖励) with the question is not cited', () => {
    const main = hit('44', ['出口信用保险'], [['对出口信用保险保费给予不低于70%的补助。', 0.9]]);
    const generic = hit('11', ['最高', '奖励'], [['给予最高300万元奖励。', 0.6]]);
    const ws = words([['出口信用保险', 4], ['最高', 2], ['奖励', 1.5]]);
    expect(chooseUnits({ hits: [main, generic], words: ws, intent: detectIntent('出口信保最高奖励多少') }).map((h) => h.unit.key)).toEqual(['44']);
  });
});

describe('what a sentence adds beyond its words', () => {
  const guide = hit('3', ['场地', '补贴'], [
    ['场地租金补贴\n补贴条件：创业者租用经营场地，且正常经营满6个月。', 0.5],
    ['补贴对象：符合条件的创业者。', 0.1],
    ['补贴标准：每户每年4000元；', 0.0],
    ['在农村创业的每户每年5000元。', 0.0],
    ['补贴期限：最长2年。', 0.0],
  ]);

  it('an amount question is answered by the guide’s figure field, read to its full stop', () => {
    const q = '租场地开店的补贴一年能给多少钱';
    const r = composeOffline({ hits: [guide], words: words([['场地', 2], ['补贴', 1]]), intent: detectIntent(q), question: q });
    expect(r.text.startsWith('补贴标准：每户每年4000元')).toBe(true);
    expect(r.text).toContain('5000元');
  });

  it('an amount paid per period is read with how long it is paid', () => {
    const q = '租场地开店的补贴一年能给多少钱';
    const r = composeOffline({ hits: [guide], words: words([['场地', 2], ['补贴', 1]]), intent: detectIntent(q), question: q });
    expect(r.text).toContain('补贴期限：最长2年');
    // Asked something else, the period is not added.
    const who = '租场地开店的补贴谁能申请';
    expect(composeOffline({ hits: [guide], words: words([['场地', 2], ['补贴', 1]]), intent: detectIntent(who), question: who }).text).not.toContain('最长2年');
  });

  it('a duration question brings the period field even though no query word is in it', () => {
    const q = '场地补贴最长能领几年';
    const picked = pickSentences(guide, detectIntent(q), 3, false, q);
    expect(picked).toContain('补贴期限：最长2年。');
  });

  it('the sentence sharing the question’s rare characters wins over the unit’s theme sentences', () => {
    const land = hit('22', ['工业', '用地'], [
      ['全市工业用地比例不低于40%。', 0.5],
      ['推行弹性年期出让、先租后让等方式供应工业用地。', 0.45],
      ['推进低效工业用地再开发。', 0.5],
    ]);
    const q = '厂子用的工业用地可以先租着以后再买吗';
    const r = composeOffline({ hits: [land], words: words([['工业', 1], ['用地', 1]]), intent: detectIntent(q), question: q });
    expect(r.text.split('〔')[0]).toContain('先租后让');
  });

  it('a question asking for a figure in a unit (多少岁) prefers the sentence stating it', () => {
    const talent = hit('14', ['引进', '人才'], [
      ['引进人才的子女可随迁。', 0.3],
      ['引进时年龄一般不超过45周岁。', 0.2],
    ]);
    const q = '引进人才最大多少岁';
    const r = composeOffline({ hits: [talent], words: words([['引进', 1], ['人才', 1]]), intent: detectIntent(q), question: q });
    expect(r.text.split('〔')[0]).toContain('45周岁');
  });
});

describe('answers that fit what the asker said', () => {
  const q = (question: string) => ({ words: words([['种植基地', 2], ['奖励', 1]]), intent: detectIntent(question), question });

  it('leads with the tier the asker’s own figure lies in', () => {
    const h = hit('17', ['种植基地'], [
      ['对新建茶叶种植基地面积在50亩及以上至300亩的，给予80元/亩奖励；', 0.8],
      ['对新建面积在300亩以上的，给予150元/亩奖励。', 0.5],
    ]);
    expect(composeOffline({ hits: [h], ...q('我们新开了四百亩茶园种植基地，一亩奖励多少') }).text.split('〔')[0]).toContain('150元/亩');
    expect(composeOffline({ hits: [h], ...q('我们新开了一百亩茶园种植基地，一亩奖励多少') }).text.split('〔')[0]).toContain('80元/亩');
  });

  it('quotes a sentence for each of two asks in one message', () => {
    const h = hit('5', ['书店'], [
      ['服务对象：经营时间已满两年的社区书店。', 0.7],
      ['服务内容：以奖励为主。', 0.3],
      ['单家书店奖励最高不超过60万元。', 0.3],
      ['申报时间：每年5月。', 0.2],
    ]);
    const one = composeOffline({ hits: [h], words: words([['书店', 2]]), intent: detectIntent('社区书店要开满几年才行'), question: '社区书店要开满几年才行' });
    expect(one.text).not.toContain('60万元');
    const two = composeOffline({ hits: [h], words: words([['书店', 2]]), intent: detectIntent('社区书店要开满几年才行，一家最多给多少'), question: '社区书店要开满几年才行，一家最多给多少' });
    expect(two.text).toContain('已满两年');
    expect(two.text).toContain('60万元');
  });
});

describe('a rate and its ceiling', () => {
  it('a rate asked for comes with the cap stated right after it, and not with a cap of another measure', () => {
    const h = hit('9', ['房租'], [
      ['对入驻园区的初创企业给予不超过40%的房租补贴。', 0.8],
      ['每家企业每年补贴金额不超过20万元。', 0.1],
      ['对孵化器运营机构按绩效给予最高100万元奖励。', 0.1],
    ]);
    const r = composeOffline({ hits: [h], words: words([['房租', 2]]), intent: detectIntent('初创企业房租能补多少'), question: '初创企业房租能补多少' });
    expect(r.text).toContain('40%');
    expect(r.text).toContain('不超过20万元');
    expect(r.text).not.toContain('100万元');
  });
});

describe('the answer first', () => {
  it('a message asking how much and whom to ask leads with the amount, then names the department', () => {
    const h = hit('29', ['小升规'], [['对首次小升规企业给予5万元奖励。', 0.9]], ['市发展改革委', '市财政局']);
    const both = composeOffline({ hits: [h], words: words([['小升规', 1]]), intent: detectIntent('小升规奖多少，找哪个部门'), question: '小升规奖多少，找哪个部门' });
    expect(both.text.startsWith('对首次小升规企业给予5万元奖励')).toBe(true);
    expect(both.text).toContain('责任单位：市发展改革委、市财政局');
    const who = composeOffline({ hits: [h], words: words([['小升规', 1]]), intent: detectIntent('小升规找哪个部门'), question: '小升规找哪个部门' });
    expect(who.text.startsWith('责任单位')).toBe(true);
    // Asked what support there is and where to go: the support first.
    const what = composeOffline({ hits: [h], words: words([['小升规', 1]]), intent: detectIntent('小升规有啥支持，去哪办'), question: '小升规有啥支持，去哪办' });
    expect(what.text.indexOf('给予5万元奖励')).toBeGreaterThanOrEqual(0);
    expect(what.text.indexOf('给予5万元奖励')).toBeLessThan(what.text.indexOf('责任单位：市发展改革委'));
  });
});

describe('worked examples', () => {
  it('a sentence illustrating the rule with an example firm never leads; the rule does', () => {
    const h = hit('18', ['返还'], [
      ['政策内容：对不裁员的参保企业，可返还其上年度实际缴纳失业保险费的50%。', 0.3],
      ['标准测算：以一家拥有40名参保职工的企业为例，返还标准为1200元/人月×6月×40人=288000元。', 0.6],
    ]);
    const r = composeOffline({ hits: [h], words: words([['返还', 2]]), intent: detectIntent('稳岗返还能返多少'), question: '稳岗返还能返多少' });
    expect(r.text.startsWith('政策内容：对不裁员的参保企业')).toBe(true);
  });
});

describe('an ask for a head count', () => {
  it('"要招几个人" beside "能拿多少" is answered by the sentence stating the number of people', () => {
    const h = hit('2', ['大赛'], [
      ['补贴条件：获奖项目带动就业5人或以上。', 0.3],
      ['补贴标准：一等奖30万元，二等奖20万元。', 0.6],
    ]);
    const q = '创业大赛拿了一等奖能拿多少？要招几个人';
    const r = composeOffline({ hits: [h], words: words([['大赛', 2]]), intent: detectIntent(q), question: q });
    expect(r.text).toContain('30万元');
    expect(r.text).toContain('5人');
  });
});

describe('an estimate from the asker\'s figures', () => {
  // A clause of two measures: a charity target and a disability subsidy.
  const two = hit('66', ['残疾人', '补贴'], [['新增慈善组织30家，慈善信托规模扩大3000万元。', 0], ['落实困难残疾人生活补贴政策，新增残疾人就业1300人。', 0.8]]);
  const compose = (h: RetrievedUnit, quote: string, question: string) =>
    composeOffline({ hits: [h], words: words([['残疾人', 3], ['补贴', 1]]), intent: detectIntent(question), question, estimates: new Map([[h.unit.key, { text: '未满足“为慈善组织”这一条件，不能享受该项', quote, given: '企业' }]]) });

  it('is left out when its rule quotes another measure of the clause than the one asked about', () => {
    const r = compose(two, '新增慈善组织30家，慈善信托规模扩大3000万元。', '我们厂招残疾人有补贴吗');
    expect(r.text).not.toContain('慈善组织');
    expect(r.text.startsWith('有。落实困难残疾人生活补贴政策')).toBe(true);
  });

  it('is shown, after the sentence it reads, when that sentence is the one asked about', () => {
    const r = compose(two, '落实困难残疾人生活补贴政策，新增残疾人就业1300人。', '我们厂招残疾人有补贴吗');
    expect(r.text).toContain('不能享受该项');
  });
});

describe('a guide card\'s record of its source', () => {
  const card = hit('card9', ['花店', '扶持'], [
    ['依据文件：《某市花店扶持资金管理办法》', 0.9],
    ['服务对象：经营满三年的花店', 0.3],
    ['服务内容：扶持资金以奖励为主，单个花店奖励最高100万元。', 0.5],
  ]);

  it('does not lead an answer on what the measure gives', () => {
    const r = ask(card, '花店', '开花店有啥扶持');
    expect(r.text).not.toContain('依据文件');
    expect(r.text).toContain('最高100万元');
  });

  it('answers a question about the document it comes from', () => {
    expect(ask(card, '花店', '花店扶持是依据哪个文件').text).toContain('依据文件：《某市花店扶持资金管理办法》');
  });
});

describe('asked whether a benefit exists', () => {
  const rent = hit('3', ['租金', '补贴'], [
    ['补贴条件：（1）初创企业租赁场地用于经营，场地非自有物业。', 0.6],
    ['补贴对象：符合条件的创业者。', 0.2],
    ['补贴标准：每连续租满1年补贴6000元。', 0.5],
    ['补贴期限：累计不超过3年。', 0.1],
  ]);

  it('answers yes with what it gives first, in "有X没" as in "有没有X"', () => {
    for (const q of ['开店租门面有租金补贴没', '开店租门面有没有租金补贴']) {
      const r = ask(rent, '租金', q);
      expect(r.text.startsWith('有。补贴标准：每连续租满1年补贴6000元')).toBe(true);
    }
  });

  it('asked whether the asker can have it, the condition still leads', () => {
    expect(ask(rent, '租金', '门面是自己家的房子，能申请租金补贴吗').text).not.toMatch(/^有。补贴标准/u);
  });
});

describe('a worked computation of several tiers', () => {
  const card = hit('card5', ['见习', '补贴'], [
    ['政策内容：对见习单位按留用率给予见习补贴。', 0.5],
    ['补贴测算：对留用率一半以下的见习单位，每人每月补贴1000元。', 0.4],
    ['按6个月测算，每人6980元。', 0.1],
    ['对留用率超过一半的见习单位，每人每月补贴1500元。', 0.3],
    ['按6个月测算，每人10820元。', 0.1],
    ['申请渠道：区就业服务机构。', 0],
  ]);

  it('is quoted whole when asked how much, so the asker\'s tier is in the answer', () => {
    const r = ask(card, '见习', '留用的人过了一半，见习补贴每人能补多少');
    expect(r.text).toContain('10820元');
    expect(r.text).toContain('6980元');
  });
});

describe('asked for money', () => {
  it('a sentence with a span of time is not preferred as stating the sum', () => {
    const h = hit('card1', ['改造', '补助'], [
      ['项目交付后1年内，组织开展评价工作，对照改造目标开展综合评价。', 0.5],
      ['改造项目按照固定资产投资总额30%的比例安排补助资金，最高不超过5000万元。', 0.45],
    ]);
    expect(ask(h, '改造', '厂区改造能补多少').text.startsWith('改造项目按照固定资产投资总额30%')).toBe(true);
  });
});

describe('a charge collected at a reduced rate', () => {
  const lead = '对符合规定的项目，按照供电费用收取标准的70%执行。';
  it('answers whether there is a discount with yes', () => {
    expect(answerWord('供电费有没有打折', lead)).toBe('有。');
    expect(answerWord('供电费能不能少收点', lead)).toBe('可以。');
  });
  it('does not answer "must it be paid in full" with yes', () => {
    expect(answerWord('供电费要全额交吗', lead)).toBe('');
  });
});

describe('a follow-up asking a processing time the clause does not give', () => {
  it('is answered from the clause, saying the time is not written and whom to ask', () => {
    const h = hit('29', ['小升规'], [['对首次小升规企业给予5万元奖励。', 0.9]], ['市发展改革委']);
    expect(ask(h, '小升规', '小升规奖励多久能到账').text).toContain('条款没有写明办理时限，具体请咨询市发展改革委');
    const timed = hit('30', ['小升规'], [['对首次小升规企业给予5万元奖励，于认定后30个工作日内拨付。', 0.9]]);
    expect(ask(timed, '小升规', '小升规奖励多久能到账').text).not.toContain('没有写明办理时限');
  });
});

describe('the asker\'s own figure against the condition of the lead', () => {
  const lead = '实际运营满一年的企业，按租金的50%予以补贴。';
  it('gives no yes when the figure misses it, and 可以 when it meets it', () => {
    expect(answerWord('公司刚开了半年，行吗', lead)).toBe('');
    expect(answerWord('公司开了两年了，行吗', lead)).toBe('可以。');
  });
});

describe('unstatedSum', () => {
  it('asked how much, a text that pays no sum has none to give', () => {
    expect(unstatedSum('搞个养老驿站能补多少', '推进养老驿站建设，年内新增30个。')).toBe(true);
    expect(unstatedSum('搞个养老驿站能补多少', '对新建养老驿站给予每个10万元补助。')).toBe(false);
    // What is given without a figure still answers how much.
    expect(unstatedSum('体检要自己出多少钱', '为60岁以上老人提供免费体检。')).toBe(false);
    expect(unstatedSum('保费补多少', '对参保企业给予一定比例的保费补助。')).toBe(false);
    // A share of a wage standard, a fraction or a sum in yuan with no paying word beside it.
    expect(unstatedSum('生活费补多少', '生活费按当地最低工资标准的三分之二发放。')).toBe(false);
    expect(unstatedSum('生活费补多少', '生活费按当地工资标准2/3发放。')).toBe(false);
    expect(unstatedSum('每人能领多少', '每人每月发放1500元。')).toBe(false);
    // Reimbursed or returned is a sum asked for too.
    expect(unstatedSum('做心脏手术医保能报销多少', '将先天性疾病纳入门诊慢病管理。')).toBe(true);
    expect(unstatedSum('社保费能返多少', '支持企业稳定就业岗位。')).toBe(true);
    expect(unstatedSum('社保费能返多少', '返还其上年度实际缴纳社保费的50%。')).toBe(false);
    // The size of a fund is no sum paid to anyone; a per-firm total is.
    expect(unstatedSum('开个农庄，产业基金能补多少', '设立总规模不低于5000万元的农业产业基金，用于农业项目补助。')).toBe(true);
    expect(unstatedSum('开个农庄，产业基金能补多少', '对入选项目给予每家总额不超过50万元的资金补助。')).toBe(false);
    // Cash asked for: a free service is no cash in hand, a sum in yuan is.
    expect(unstatedSum('转成公司能给多少现金', '提供三年免费代理记账服务。')).toBe(true);
    expect(unstatedSum('转成公司能给多少现金', '给予一次性奖励5000元。')).toBe(false);
    // The asker may stand between the paying verb and 多少.
    expect(unstatedSum('这个基金能补我们多少', '设立规模10亿元的产业基金。')).toBe(true);
    expect(unstatedSum('这个基金能补我们多少', '对入选项目给予20万元补助。')).toBe(false);
    // A field's budget is no sum paid to an asker asking what they get; asked about the budget, it is the answer.
    const budget = '其中，智能制造领域资金1.2亿元，数字经济领域资金0.3亿元。';
    expect(unstatedSum('我们的设备评上了首台套，能奖多少钱', budget)).toBe(true);
    expect(unstatedSum('智能制造这块市里预算安排了多少钱', budget)).toBe(false);
    // An order of magnitude asked for is a sum too: 能有几万, 几千还是几万, 标准是几千.
    expect(unstatedSum('搬去乡下工作，补的那笔钱到手能有几万', '对到乡村就业的给予一定的专项补贴，具体标准由各区确定。')).toBe(true);
    expect(unstatedSum('生孩子那笔补贴是几千还是几万', '落实一次性育儿补贴发放工作。')).toBe(true);
    expect(unstatedSum('生孩子那笔补贴标准是每人几千', '落实一次性育儿补贴发放工作。')).toBe(true);
    expect(unstatedSum('生孩子那笔补贴是几千还是几万', '每孩发放一次性育儿补贴3000元。')).toBe(false);
    // Asking whether there is a number at all (金额有没有个数, 标准有没有公开的数字).
    expect(unstatedSum('开新航线的奖补，标准有没有公开的数字', '制定年度航线奖补政策，新增航线5条。')).toBe(true);
    expect(unstatedSum('那笔补贴具体金额有个数吗', '每孩发放一次性补贴3000元。')).toBe(false);
    // Any paying verb before 多少 or 几多, and 多少钱 alone.
    expect(unstatedSum('托育补贴到底发几多', '推进普惠托育服务发展。')).toBe(true);
    expect(unstatedSum('托育补贴一个娃领得到几多钱', '推进普惠托育服务发展。')).toBe(true);
    // A count is no sum: "发多少个名额".
    expect(unstatedSum('今年发多少个名额', '推进普惠托育服务发展。')).toBe(false);
    // Not asked how much: nothing to decline.
    expect(unstatedSum('养老驿站归谁管', '推进养老驿站建设，年内新增30个。')).toBe(false);
  });
});

describe('unstatedShare', () => {
  it('asked for a share or rate, only a figure answers it', () => {
    expect(unstatedShare('工伤保险费率现在多少', '继续执行阶段性降低工伤保险费率政策。')).toBe(true);
    expect(unstatedShare('创业贷款贴息比例是多少', '对符合条件的创业贷款给予一定比例的贴息。')).toBe(true);
    expect(unstatedShare('创业贷款贴息比例是多少', '按贷款利息的50%给予贴息。')).toBe(false);
    expect(unstatedShare('货车过路费打几折', '对货车通行费实行八五折优惠。')).toBe(false);
    expect(unstatedShare('学费能减几成', '学费减半收取。')).toBe(false);
    // Not asked for a share.
    expect(unstatedShare('工伤保险归谁管', '继续执行阶段性降低工伤保险费率政策。')).toBe(false);
  });
});

describe('asked what standard a benefit is paid at', () => {
  it('the sentence stating the standard outranks one stating a period', () => {
    const ask = '这个岗位补贴按啥标准发';
    const standard = '对安置的人员给予岗位补贴，补贴标准为当地最低工资标准。';
    const period = '岗位补贴期限最长不超过3年。';
    const siblings = [standard, period];
    expect(sentenceBonus(standard, detectIntent(ask), ask, siblings)).toBeGreaterThan(sentenceBonus(period, detectIntent(ask), ask, siblings));
  });
});

describe('asked what the conditions are', () => {
  it('the field listing the conditions outranks the one naming who it is for', () => {
    const ask = '开店的场地补贴要满足什么条件';
    const conditions = '补贴条件：店铺租赁场地用于经营且已登记注册。';
    const who = '补贴对象：满足条件的开店经营者。';
    const siblings = [conditions, who];
    expect(sentenceBonus(conditions, detectIntent(ask), ask, siblings)).toBeGreaterThan(sentenceBonus(who, detectIntent(ask), ask, siblings));
  });
});

describe('the words a sentence must hold to state the share asked for', () => {
  it('names the rate, the fee, the benefit or what the share is of', async () => {
    const { askedShareWords } = await import('../../src/chat/offline-answerer.js');
    expect(askedShareWords('走担保的话，担保费率封顶收多少')).toEqual(['担保费率']);
    expect(askedShareWords('出了坏账，银行得扛多少比例的损失')).toEqual(['比例', '损失']);
    expect(askedShareWords('担保费一般收几个点')).toEqual(['担保费']);
    expect(askedShareWords('大棚贷款贴息能贴几个点')).toEqual(['贴息']);
    // No share asked, or nothing names it.
    expect(askedShareWords('大棚贷款补多少')).toBeNull();
    expect(askedShareWords('具体比例是多少')).toBeNull();
  });
});

describe('a fee asked for', () => {
  it('names the fee whose size is asked, not a cost that is subsidised', async () => {
    const { askedFeeWords, statesFigureOf } = await import('../../src/chat/offline-answerer.js');
    expect(askedFeeWords('找担保公司贷款，一般收多少担保费')).toEqual(['担保费']);
    expect(askedFeeWords('担保费大概收几个点')).toEqual(['担保费']);
    expect(askedFeeWords('研发费用能补多少')).toBeNull();
    expect(statesFigureOf(['担保费'], '担保费率一般不超过1%。')).toBe(true);
    expect(statesFigureOf(['担保费'], '保持较低费率水平。担保费按规定收取。')).toBe(false);
  });
});

describe('which units answer', () => {
  const asUnit = (h: RetrievedUnit, patch: Partial<CorpusUnit>): RetrievedUnit => ({ ...h, unit: { ...h.unit, ...patch } });

  it('does not add a preamble or section heading that shares only the document’s name', () => {
    const lead = hit('18', ['见习', '留用'], [['留用见习人员的，按每人3000元给予留用补贴。', 0.9]]);
    const preamble = asUnit(hit('p', ['见习', '基地', '办法'], [['就业见习基地管理办法。', 0.6]]), { kind: 'preamble', ref: 'preamble', key: 'preamble' });
    const ws = words([['见习', 2], ['留用', 2], ['基地', 2], ['办法', 2]]);
    expect(chooseUnits({ hits: [lead, preamble], words: ws, intent: detectIntent('见习基地办法里留用补贴给多少') }).map((h) => h.unit.key)).toEqual(['18']);
  });

  it('skips a lead section that is only its heading, for the clause under it', () => {
    const heading = asUnit(hit('s4', ['见习', '基地', '管理'], [['见习基地管理', 0.9]]), { kind: 'section', ref: 's4', key: 's4', title: '见习基地管理', text: '见习基地管理' });
    const clause = hit('23', ['见习', '基地'], [['本办法自印发之日起施行，有效期5年。', 0.5]]);
    const ws = words([['见习', 2], ['基地', 2], ['管理', 1]]);
    expect(chooseUnits({ hits: [heading, clause], words: ws, intent: detectIntent('见习基地管理还有效吗') }).map((h) => h.unit.key)).toEqual(['23']);
    // A section with an introduction of its own still leads.
    const intro = asUnit(heading, { text: '见习基地实行动态管理，每年考核一次。' });
    expect(chooseUnits({ hits: [intro, clause], words: ws, intent: detectIntent('见习基地管理还有效吗') })[0]!.unit.key).toBe('s4');
  });
});

describe('sentences for what the asker says of themselves', () => {
  it('puts the age limit first when the asker gives their age', () => {
    const family = '引进人员的家属可以随迁。';
    const limit = '申报时年龄一般不超过40周岁。';
    const siblings = [family, limit];
    const q = '人才引进我都43了还能申请吗';
    expect(sentenceBonus(limit, detectIntent(q), q, siblings)).toBeGreaterThan(sentenceBonus(family, detectIntent(q), q, siblings));
    // Without an age of their own, the limit earns no more than the question's words give it.
    const plain = '人才引进能申请吗';
    const gap = (question: string) => sentenceBonus(limit, detectIntent(question), question, siblings) - sentenceBonus(family, detectIntent(question), question, siblings);
    expect(gap(q)).toBeGreaterThan(gap(plain) + 0.4);
  });

  it('asked whether a document is still in force, the end of the one it replaced does not answer', () => {
    const own = '本细则自发布之日起施行，有效期3年。';
    const other = '《某市创业补贴暂行办法》（某人社发〔2016〕8号）同时废止。';
    const q = '这个细则是不是已经失效了';
    expect(sentenceBonus(own, detectIntent(q), q, [own, other])).toBeGreaterThan(sentenceBonus(other, detectIntent(q), q, [own, other]));
    expect(sentenceBonus(other, detectIntent(q), q, [own, other])).toBeLessThan(sentenceBonus(other, detectIntent('某市创业补贴'), '某市创业补贴', [own, other]));
  });

  it('says a title cut from the first sentence when it is the best answer', () => {
    const h = { ...hit('23', ['有效期'], [['本细则自发布之日起施行，有效期3年。', 0.5], ['《旧办法》同时废止。', 0.4]]), unit: { ...unit('23', '本细则自发布之日起施行，有效期3年'), text: '本细则自发布之日起施行，有效期3年。《旧办法》同时废止。' } };
    const r = composeOffline({ hits: [h], words: words([['细则', 1], ['有效期', 2]]), intent: detectIntent('细则有效期几年'), question: '细则有效期几年' });
    expect(r.text).toMatch(/^本细则自发布之日起施行，有效期3年〔第23条〕/u);
  });

  it('asked where to apply, says where before who is in charge', () => {
    const h = hit('8', ['技能', '补贴'], [['取得职业技能等级证书的，可在参保地申请技能提升补贴。', 0.8]], ['人力资源社会保障部', '财政部']);
    const r = composeOffline({ hits: [h], words: words([['技能', 2], ['补贴', 1]]), intent: detectIntent('技能补贴去哪领'), question: '技能补贴去哪领' });
    expect(r.text.startsWith('取得职业技能等级证书的')).toBe(true);
    expect(r.text).toContain('人力资源社会保障部');
    // Asked who is in charge, the responsible units lead.
    const who = composeOffline({ hits: [h], words: words([['技能', 2], ['补贴', 1]]), intent: detectIntent('技能补贴哪个部门负责'), question: '技能补贴哪个部门负责' });
    expect(who.text.startsWith('责任单位：人力资源社会保障部')).toBe(true);
  });
});

describe('flattened tables', () => {
  const table = '附表1 企业申请表 （年） 企业名称 统一社会信用代码 注册地址 法定代表人 联系人 联系电话 电子邮箱 所属行业 职工人数 上年营业收入 上年研发投入 申请事项 申请金额 企业承诺 （盖章） 年 月 日 附表2 项目情况表 项目名称 建设地点 总投资 已完成投资 开工时间 竣工时间 备注 附表3 资金使用表 支出科目 预算金额 实际金额 差额 说明';
  it('a form flattened into cells is one, prose of the same length is not', () => {
    expect(isFlattenedTable(table)).toBe(true);
    const prose = '对首次认定的高新技术企业给予一次性奖励，对重新认定的企业给予奖励，奖励资金由市、县两级财政按比例分担，企业应当在规定时间内向所在地科技部门提出申请，逾期不予受理，具体申报时间以当年通知为准，申报材料包括申请表、营业执照复印件和认定证书复印件。';
    expect(isFlattenedTable(prose)).toBe(false);
  });
  it('is never quoted in support of an answer', () => {
    const h = hit('annex', ['申请', '材料'], [['申请补贴需提交以下材料：1.申请表。', 0.9], [table, 0.85]]);
    const r = composeOffline({ hits: [h], words: words([['申请', 1], ['材料', 2]]), intent: detectIntent('申请补贴要交什么材料'), question: '申请补贴要交什么材料' });
    expect(r.text).toContain('申请表');
    expect(r.text).not.toContain('统一社会信用代码');
  });
  it('leads only when nothing else matches', () => {
    const h = hit('annex', ['申请', '材料'], [[table, 0.95], ['申请补贴需提交以下材料：1.申请表。', 0.6]]);
    const r = composeOffline({ hits: [h], words: words([['申请', 1], ['材料', 2]]), intent: detectIntent('申请补贴要交什么材料'), question: '申请补贴要交什么材料' });
    expect(r.text.startsWith('申请补贴需提交以下材料')).toBe(true);
  });
});

describe('asked whether a measure covers the whole cost', () => {
  it('adds the sentence capping the share', () => {
    const h = hit('5', ['检测', '券'], [
      ['创新券单张最高限额为5万元。', 0.9],
      ['申领单位应在本市注册。', 0.5],
      ['使用创新券支付额不得超过服务合同金额的50%。', 0.2],
    ]);
    const ws = words([['检测', 2], ['券', 2]]);
    const q = '检测费用能用券全额抵扣吗';
    expect(composeOffline({ hits: [h], words: ws, intent: detectIntent(q), question: q }).text).toContain('50%');
    // Not asked about the whole cost, the cap on the share is not added for it.
    const other = '检测用券单张最多多少';
    expect(composeOffline({ hits: [h], words: ws, intent: detectIntent(other), question: other }).text).not.toContain('50%');
  });
});

describe('a rate is read with its cap', () => {
  it('quotes the cap right after the rate, even when a sentence on another measure states a cap of its own', () => {
    const h = hit('9', ['承包', '营业额', '补助'], [
      ['补助标准：按照不超过已完成营业额的0.5%进行补助。', 0.9],
      ['一个项目当年补助额最高不超过80万元。', 0.1],
      ['对境外投资项目给予额度不超过100万元的一次性补助。', 0.8],
    ]);
    const q = '境外承包项目按完成营业额补助吗';
    const r = composeOffline({ hits: [h], words: words([['承包', 2], ['营业额', 2], ['补助', 1]]), intent: detectIntent(q), question: q });
    expect(r.text).toContain('0.5%');
    expect(r.text).toContain('最高不超过80万元');
  });
});

describe('a list asked for reads in the document order', () => {
  it('an item that answers best follows the opening of its list', () => {
    const h = hit('6', ['材料'], [
      ['申请认定示范点，应当向区服务中心提交下列材料：', 0.8],
      ['（一）《示范点申请表》；', 0.7],
      ['（二）《示范点岗位需求信息表》；', 0.9],
    ]);
    h.unit.text = h.passages.map((p) => p.text).join('\n');
    const text = ask(h, '材料', '要交哪些材料').text;
    expect(text.indexOf('提交下列材料')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('提交下列材料')).toBeLessThan(text.indexOf('（二）'));
  });
});
