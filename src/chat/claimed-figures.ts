// Figures a question claims a measure grants ("每辆还能再补5000块", "奖励是20万吗") as opposed to
// the asker's own figures ("研发花了500万", "贷款300来万") (pure). A claimed amount that the best
// unit does not state means the corpus has no such measure: the chat says so instead of answering
// from the nearest clause.
import { extractFigures, ungroundedFigures, type Figure } from './extract-figures.js';

/** Words just before an amount that make it a benefit's amount. */
const BENEFIT_BEFORE = /(补|贴|奖|给|发|返|退|减|免|优惠|资助|扶持|上限|最高|封顶)[^，。；？?！!]{0,4}$/u;
/** Words just before an amount that make it the asker's own figure, or one quoted to them (担保公司报的费率是2%). */
const OWN_BEFORE = /(花|投|投入|占|比重|增长|增幅|涨|降|贷|借|营收|收入|营业额|销售|产值|工资|租金|房租|成本|费用|交了|缴|买了|赚|亏|研发|规模|注册资本|报的|报价|报了|收的|收了|收我们|收我|要价|开价)[^，。；？?！!]{0,4}$/u;

/** Words just after an amount that make it the asker's own figure ("担个三四百万的贷款", "300万的订单"). */
const OWN_AFTER = /^(左右|上下|来|多)?(的)?(贷款|借款|授信|融资|担保|订单|合同|项目|投资|营收|收入|营业额|销售额|产值|研发|工程)/u;

/** A rate put to the text for checking: "是不是按15%交", "按X%还是Y%算", "补贴是30%吗". */
const CHECK_BEFORE = /(是不是|是否|到底是|是|还是)\s*(按|打|为|有)?\s*$/u;
const CHECK_AFTER = /^\s*(还是|吗|嘛|对吗|对不对|是吧|吧)/u;

export function claimedAmounts(question: string): Figure[] {
  const out: Figure[] = [];
  for (const f of extractFigures(question)) {
    if (f.kind !== 'amount' && f.kind !== 'percent') continue;
    const at = question.indexOf(f.text);
    const before = question.slice(Math.max(0, at - 8), at);
    if (OWN_BEFORE.test(before) || OWN_AFTER.test(question.slice(at + f.text.length))) continue;
    if (f.kind === 'amount' ? BENEFIT_BEFORE.test(before) : CHECK_BEFORE.test(before) || CHECK_AFTER.test(question.slice(at + f.text.length))) out.push(f);
  }
  return out;
}

/** Claimed amounts none of the texts states. */
export function unstatedClaims(question: string, texts: string[]): Figure[] {
  const claims = claimedAmounts(question);
  if (claims.length === 0) return [];
  const unstated = new Set(ungroundedFigures(claims.map((c) => c.text).join('，'), texts).map((f) => f.text));
  return claims.filter((c) => unstated.has(c.text));
}

/** Units a benefit can be paid per ("每瓦补多少", "每辆奖多少"), with the forms a text states them in. */
const RATE_UNITS: Array<{ asked: RegExp; stated: RegExp; name: string; counted?: boolean }> = [
  { asked: /每(?:一)?(?:瓦|千瓦)(?!时)/u, stated: /(每(?:千)?瓦(?!时)|\/(?:千)?瓦(?!时)|元\/W)/u, name: '瓦' },
  { asked: /每(?:一)?(?:度电|千瓦时|度)/u, stated: /(每(?:度|千瓦时)|\/(?:度|千瓦时))/u, name: '度（千瓦时）' },
  { asked: /每(?:一)?(?:平方米|平米|平方)/u, stated: /(每平方米|\/平方米|每平米|\/㎡|每㎡)/u, name: '平方米' },
  { asked: /每(?:一)?(?:辆|台车)/u, stated: /(每辆|\/辆)/u, name: '辆' },
  { asked: /每(?:一)?吨/u, stated: /(每吨|\/吨)/u, name: '吨' },
  // A daily rate: "下乡补贴一天多少钱", "每天补几多" (not "几天能办好").
  { asked: /(?:每|一)(?:天|日)(?:能|可以|给|补|发|有|是)?[^，。,？?]{0,3}(?:多少|几)/u, stated: /(每(?:人)?(?:天|日)|\/(?:人·)?(?:天|日)|日均|按天|按日|天数)/u, name: '天' },
  // Counting words: 每部电梯, 每亩地, 每台设备, 每套房, 每户; the text may drop the word (每张床 → 每床).
  // "一张床补多少", "一亩地给几多" ask the same rate as 每张床, 每亩.
  ...['台', '部', '套', '亩', '栋', '张', '件', '床', '户'].map((c) => ({
    asked: new RegExp(`(?:每(?:一)?|一(?=${c}\\p{Script=Han}?[^，。？?]{0,3}(?:补|奖|给|发|贴)[^，。？?]{0,2}(?:多少|几)))${c}(\\p{Script=Han})?`, 'u'),
    stated: new RegExp(`(每(?:一)?${c}|\\/${c}|${c}均|按${c})`, 'u'),
    name: c,
    counted: true,
  })),
];
const RATE_ASK = /(多少|几|怎么算|咋算|标准)/u;

/**
 * "厂房屋顶装光伏，每瓦补贴多少": a rate per unit that the best clause never states (it has no 每瓦 or
 * /瓦) is a measure the corpus does not have; the unit's name, or null when the clause states it.
 */
export function unstatedRate(question: string, texts: string[]): string | null {
  if (!RATE_ASK.test(question)) return null;
  const text = texts.join('\n');
  for (const u of RATE_UNITS) {
    const asked = u.asked.exec(question);
    if (!asked || u.stated.test(text)) continue;
    const noun = u.counted ? asked[1] : undefined;
    if (noun && (text.includes(`每${noun}`) || text.includes(`/${noun}`))) continue;
    return u.name;
  }
  return null;
}

const NUMBER = '(?:[0-9０-９]{1,3}(?:\\.[0-9]+)?|[一二两三四五六七八九十百半]+)';
/**
 * Figures a text can state, by what they count (not times: "分几次给" is answered by stages). A
 * duration is stated in any of its units (6个月 answers 几年).
 */
const FIGURE_ASKS: Array<{ asked: RegExp; stated: RegExp; what: string }> = [
  {
    // "最长补几年", "补贴期限几个月", "要等多少天"; not "这几年", "前几个月", "断了几年", "好几年",
    // "十几年" (the asker's own story), nor "哪几年" (which years, answered by 2016年至2018年).
    asked: /(?<![这那前近头后过去来好十了哪])(几|多少)\s*(个)?(年|月|天|工作日|个工作日)(?!级|度|纪|龄)/u,
    stated: new RegExp(`${NUMBER}\\s*(个)?(年|周年|个月|月|天|日|工作日)(?![0-9])|(当场|当日|即时)(办结|办理)|长期`, 'u'),
    what: '具体期限',
  },
  // "卡多少岁"; not "五十几岁", "二十多岁" (the asker's own age).
  { asked: /(?<![一二三四五六七八九十])(多少|几)\s*(周)?岁|多大年纪|年龄[^，。？?]{0,4}(多少|几)/u, stated: new RegExp(`${NUMBER}\\s*周?岁`, 'u'), what: '具体年龄' },
  { asked: /(几|多少)分(?!钟|之|类|级|期|档|批|几|多少)/u, stated: new RegExp(`${NUMBER}\\s*分(?!钟|之|类|级|期|档)`, 'u'), what: '具体分值' },
];

/**
 * "贴息最长贴几年", "每住满一年加几分": a figure the question asks for (a period, an age, points) that
 * the answering units never state as a figure of that kind; what is missing, or null.
 */
export function unstatedFigure(question: string, text: string): string | null {
  for (const f of FIGURE_ASKS) if (f.asked.test(question) && !f.stated.test(text.replace(/(19|20)\d\d\s*年/gu, ''))) return f.what;
  return null;
}
