// What detail of a measure a follow-up asks for, and whether a unit states it (pure): the
// materials to hand in, or how the money is paid out. A follow-up on a measure may be answered by
// another unit of the same document ("提交下列材料", "分三年按30%、30%和40%兑现").
import type { CorpusUnit } from '../domain/types.js';

const DETAILS: Array<{ asked: RegExp; stated: RegExp }> = [
  // Materials and where to hand them in.
  { asked: /(材料(?!费)|资料(?!费)|手续(?!费)|交到哪|交给谁|提交什么|要交什么|(带|交|准备|提供|递)(哪几样|哪些|什么|啥)(东西|证件|表))/u, stated: /((向|到)[^。；]{1,20}(提交|报送|递交)[^。]{0,6}材料|(提交|报送|递交)(下列|以下|如下|相关)?材料[：:]|下列材料|以下材料|(申请|申报)材料(包括|如下|有|为|：)|材料清单|所需材料)/u },
  // How the money is paid: at once or in instalments.
  { asked: /(一次(性)?(给|发|拿|付|兑现|到位|给齐|给清)|分(几|多少|两|三)?(次|回|年|期|批)(给|发|拿|付|兑现)?|分期)/u, stated: /(分(期|批|年|次)|按[^。]{0,12}\d+%[、，和]\d+%|一次性(兑现|拨付|给予|发放)|分[一二三四五两]年|第[一二三四五]年[^。]{0,8}(奖励|补助|补贴|给予|兑现|拨付))/u },
];

/** The units among `candidates` (in order) that state the detail `question` asks for, when `unit` does not. */
export function unitsStatingAskedDetail(question: string, unit: CorpusUnit, candidates: readonly CorpusUnit[]): CorpusUnit[] {
  const detail = DETAILS.find((d) => d.asked.test(question));
  if (!detail || detail.stated.test(`${unit.title}${unit.text}`)) return [];
  return candidates.filter((u) => u !== unit && u.docId === unit.docId && detail.stated.test(`${u.title}${u.text}`));
}

/**
 * Details a question may ask for alone, which clauses seldom give: how long processing takes, a
 * phone number, a web address. Each is asked only in a part that asks (a story's "在个税APP上填好"
 * is not an ask), and stated by a unit that gives it.
 */
const LONE_DETAILS: Array<{ name: string; asked: RegExp; stated: RegExp }> = [
  {
    name: '办理时限',
    asked: /((多少|几)个?工作日|多少天|几天|多久|多长时间|多少时间|(啥|什么|哪天|几时)时候|几时|哪天)[^，。？！?!；;]{0,6}(批|审|办|下来|到账|出结果|兑现|拨付|发放|答复|回复|受理|下证|放款)|(审批|审核|办理|办下来|批下来|到账|兑现|拨付|发放|受理|下证|放款)[^，。？！?!；;]{0,4}((多少|几)个?工作日|多少天|几天|多久|多长时间)/u,
    stated: /([\d一二三四五六七八九十百]+个?工作日|[\d一二三四五六七八九十]+(日|天)内|个月内|即办|当场|时限|限时办结)/u,
  },
  {
    name: '联系电话',
    asked: /(电话|热线|手机号|联系方式)/u,
    // A number of 7–8 digits (with an area code) or a mobile number, not an amount (50000元).
    stated: /((?<!\d)(0\d{2,3}[-—]?)?\d{7,8}(?![\d万元亿%])|(?<!\d)1[3-9]\d{9}(?!\d)|电话|热线|联系方式)/u,
  },
  {
    name: '申报材料',
    // Asked for ("要带哪些材料", "材料有哪些"), not told ("材料交齐之后…").
    asked: /((什么|哪些|啥|哪几样|哪)[^，。？?]{0,3}(材料|资料)|(交|带|准备|提供|递)(哪些|什么|啥|哪几样)(东西|证件)|(材料|资料)[^，。？?]{0,4}(有哪些|是什么|要什么|有啥|包括)|交到哪|提交什么|要交什么|要带什么|带哪些)/u,
    stated: /(材料|资料|证明|复印件|原件|申请表|申报表)/u,
  },
  {
    name: '申请渠道',
    // Where to apply ("去哪里申请", "在哪儿报"), not who decides.
    asked: /((去|到|在)哪(里|儿)?|哪个地方)[^，。？?]{0,2}(申请|申报|办理|报名|领取|提交|递交|领)|(申请|申报|办理)[^，。？?]{0,3}(地点|地址|窗口|渠道|入口)|(哪个|什么|啥)(窗口|地方|大厅)/u,
    // A place, a channel or whom to apply to; a clause's responsible units count (see detailText).
    stated: /(窗口|服务中心|大厅|网上|线上|平台|办事处|街道|社区|受理|经办机构|服务机构|渠道|入口|(在|到|向)[^。；，]{1,16}(申请|申报|提出|提交|办理)|责任单位：)/u,
  },
  {
    name: '截止时间',
    asked: /(截止|截至|最晚|几号前|哪天前|什么时候(之前|前|截止|结束))/u,
    stated: /(截止|截至|之前|以前|\d+月\d+日前|申报时间|受理时间)/u,
  },
  {
    name: '申报时间',
    // When applications open ("啥时候开始申报", "几月份报名"), not how long processing takes.
    asked: /((什么|啥)时候|几月份?|哪个月)[^，。？?]{0,3}(开始|能|可以|才能)?(申报|申请|报名|受理|开放申报)|(申报|申请|报名)[^，。？?]{0,3}(时间|日期|几月)/u,
    stated: /(申报时间|受理时间|申报期|申请时间|报名时间|\d+月份?[^。]{0,4}(申报|受理|报名)|每年[^。]{0,8}(申报|受理|报名|组织))/u,
  },
  {
    name: '网址',
    asked: /(网址|网站|网页|官网|链接|小程序|公众号)/u,
    stated: /(https?:|www\.|\.cn\b|\.com\b|网站|网址|平台|小程序|公众号|浙里办|粤省事|政务服务网)/u,
  },
];

/** A unit's text as unstatedLoneDetail reads it: title, text and the units responsible for it. */
export function detailText(unit: CorpusUnit): string {
  return `${unit.title}${unit.text}${unit.units.length ? `责任单位：${unit.units.join('、')}` : ''}`;
}

/** An ask in a part of a message: a question word or mark. */
const ASKS = /(吗|么|\?|？|多少|多久|多长|几|哪|怎么|怎样|如何|能否|是否|有没有|可不可以|能不能|什么|啥|咋|给个|发个)/u;

/**
 * The one detail a question asks for (办理时限, 联系电话, 网址) when none of `texts` states it and
 * nothing else is asked, or null: "申请后多少个工作日能批下来" over a clause that gives no time limit.
 */
export function unstatedLoneDetail(question: string, texts: readonly string[]): string | null {
  const parts = questionParts(question);
  const text = texts.join('\n');
  const asked = LONE_DETAILS.filter((d) => asksDetail(parts, d));
  // Anything else asked is answered, with the clause: only details asked alone (one or several:
  // "在哪个网站报，要带什么材料") are declined, and only when the clauses give none of them.
  // Asked with other details the clause lacks, where to apply is not given by the responsible units
  // alone: the decline names the lead unit anyway ("要带什么材料，去哪个窗口，有电话吗").
  const given = asked.length > 1 ? text.replace(/责任单位：[^\n]*/gu, '') : text;
  if (!asked.length || asked.some((d) => d.stated.test(given))) return null;
  if (parts.some((p) => ASKS.test(p) && !asked.some((d) => d.asked.test(p)))) return null;
  return asked.map((d) => d.name).join('、');
}

/** The detail (办理时限, 联系电话, 网址) a question asks for that `text` does not state, or null. */
export function unstatedAskedDetail(question: string, text: string): string | null {
  const parts = questionParts(question);
  // Materials have their own note (see PROCEDURE_ASK in offline-answerer).
  const d = LONE_DETAILS.find((x) => x.name !== '申报材料' && asksDetail(parts, x));
  return d && !d.stated.test(text) ? d.name : null;
}

const questionParts = (question: string) => question.split(/[，,。？！?!；;、\n]+/u).filter((p) => p.trim());
/** Some part of the question names the detail and asks. */
const asksDetail = (parts: readonly string[], d: { asked: RegExp }) => parts.some((p) => d.asked.test(p) && ASKS.test(p));
