// Validity periods from the text (pure): 自…起施行, 有效期至…, 有效期3年, 暂定三年, 实施期限为
// 2016年至2018年, 均为2024年全年有效, 自印发之日起施行, 自发布之日起30日后施行.
import { addDays, type DateMatch, endOfPeriod, findDates, parseSmallNumber, periodEnd } from './chinese-date.js';
import { type Found, type TextView, spanOf } from './text-view.js';

export interface Validity {
  effectiveFrom: Found<string> | null;
  effectiveTo: Found<string> | null;
  warnings: string[];
}

// A validity sentence must be about this document, not a record or a cited rule.
const SELF = /本(?:实施)?(?:办法|意见|通知|政策|规定|细则|方案|公告|通告|措施|决定|文件|条例|规则|指引|指南|导引|清单|计划|若干政策|政策措施)|以上(?:政策|措施|条款|各项)|上述(?:政策|措施)|此件|本次/;
const VERB = '(?:正式)?(?:施行|执行|实施|生效|试行)';
const NUM = '(\\d+|[一二两三四五六七八九十]{1,3})';
const RELATIVE_FROM = new RegExp(`自(?:印发|发布|公布|下发|公告|发文|签发)之日起?\\s*${VERB}`);
const DELAYED_FROM = new RegExp(`自(?:印发|发布|公布)之日起\\s*${NUM}\\s*日(?:后|以后)\\s*${VERB}`);
const DURATION = new RegExp(`(?:有效期(?:限)?(?:为|是)?|暂定|试行期(?:为)?|执行期(?:为)?|实施期(?:为)?)\\s*${NUM}\\s*(年|个月)`);

interface Sentence {
  start: number;
  end: number;
  text: string;
  self: boolean;
}

function sentences(view: TextView): Sentence[] {
  const out: Sentence[] = [];
  // PDF lines wrap anywhere (even inside a date), so only sentence marks and blank lines split.
  const re = /(?:[^。；\n]|\n(?!\s*\n))+[。；]?/g;
  for (const m of view.norm.matchAll(re)) {
    const text = m[0];
    if (text.trim() === '') continue;
    out.push({ start: m.index, end: m.index + text.length, text, self: SELF.test(text) });
  }
  return out;
}

const datesIn = (s: Sentence, precisions: Array<'day' | 'month' | 'year'> = ['day']): DateMatch[] =>
  findDates(s.text, { precisions }).map((d) => ({ ...d, start: d.start + s.start, end: d.end + s.start }));

export function findValidity(
  view: TextView,
  { issueDate, labelled }: { issueDate: Found<string> | null; labelled: { from: Found<string> | null; to: Found<string> | null } },
): Validity {
  const warnings: string[] = [];
  const all = sentences(view);
  // Closing clauses live near the end; a sentence without 本办法 only counts there.
  const tailStart = all.length > 0 ? all[Math.max(0, all.length - 6)]!.start : 0;
  const eligible = all.filter((s) => s.self || s.start >= tailStart || /全年(?:实施|执行)?有效/.test(s.text));

  let from: Found<string> | null = null;
  let fromIsRelative = false;
  let to: Found<string> | null = null;
  let duration: { years: number; months: number; span: Found<string>['span'] } | null = null;

  for (const s of eligible) {
    const span = (a: number, b: number) => spanOf(view, a, b);
    // Absolute start: 自2025年5月1日起施行.
    if (!from || fromIsRelative) {
      for (const d of datesIn(s)) {
        const after = view.norm.slice(d.end, d.end + 12);
        const before = view.norm.slice(Math.max(s.start, d.start - 3), d.start);
        if (new RegExp(`^\\s*(?:起|开始)\\s*${VERB}`).test(after) && /(?:自|从|于)\s*$/.test(before)) {
          const m = new RegExp(`^\\s*(?:起|开始)\\s*${VERB}`).exec(after)!;
          const k = before.search(/(?:自|从|于)\s*$/);
          from = { value: d.iso, span: span(d.start - before.length + k, d.end + m[0].length) };
          fromIsRelative = false;
          break;
        }
      }
    }
    if (!from) {
      const delayed = DELAYED_FROM.exec(s.text);
      const rel = delayed ?? RELATIVE_FROM.exec(s.text);
      if (rel && issueDate) {
        const days = delayed ? parseSmallNumber(delayed[1]!) ?? 0 : 0;
        from = { value: addDays(issueDate.value, days), span: span(s.start + rel.index, s.start + rel.index + rel[0].length) };
        fromIsRelative = true;
      }
    }
    // Absolute end: 有效期至2027年12月31日, 执行至…止.
    if (!to) {
      for (const d of datesIn(s)) {
        const before = view.norm.slice(Math.max(s.start, d.start - 8), d.start);
        const m = /(?:有效期(?:限)?(?:至|到|截至|截止(?:到|至)?)|(?:执行|实施|施行)(?:至|到|截至)|截至|截止(?:到|至)?)\s*$/.exec(before);
        if (m) {
          to = { value: d.iso, span: span(d.start - m[0].length, d.end) };
          break;
        }
      }
    }
    // Ranges: 政策期限为2016年至2018年, 有效期为2024年1月1日至2025年12月31日.
    const range = /(?:政策期限|实施期限|执行期限|有效期限?|实施期|执行期|试行期|政策有效期)(?:为|是)?\s*$/;
    const ds = datesIn(s, ['day', 'month', 'year']);
    for (let i = 0; i + 1 < ds.length; i++) {
      const a = ds[i]!, b = ds[i + 1]!;
      const between = view.norm.slice(a.end, b.start);
      const lead = view.norm.slice(Math.max(s.start, a.start - 10), a.start);
      if (/^\s*(?:至|到|—|-|~|－)\s*$/.test(between) && range.test(lead)) {
        const m = range.exec(lead)!;
        if (!from || fromIsRelative) {
          from = { value: a.iso, span: span(a.start - m[0].length, b.end) };
          fromIsRelative = false;
        }
        if (!to) to = { value: endOfPeriod(b), span: span(a.start - m[0].length, b.end) };
      }
    }
    // 均为2024年全年有效 / 2024年度有效.
    const whole = /(\d{4})\s*年\s*(?:全年|度)\s*(?:实施|执行)?\s*有效/.exec(s.text);
    if (whole) {
      const y = Number(whole[1]);
      const sp = span(s.start + whole.index, s.start + whole.index + whole[0].length);
      if (!from) from = { value: `${y}-01-01`, span: sp };
      if (!to) to = { value: `${y}-12-31`, span: sp };
    }
    if (!duration && (s.self || s.start >= tailStart) && !/记录|保存|证书|资格/.test(s.text)) {
      const d = DURATION.exec(s.text);
      const n = d ? parseSmallNumber(d[1]!) : null;
      if (d && n !== null && n > 0 && n < 100) {
        duration = { years: d[2] === '年' ? n : 0, months: d[2] === '个月' ? n : 0, span: span(s.start + d.index, s.start + d.index + d[0].length) };
      }
    }
  }

  // Registry panels (实施日期/失效日期 on government sites) state the dates outright.
  if (labelled.from && (!from || fromIsRelative)) {
    if (from && from.value !== labelled.from.value) warnings.push(`网页标注的实施日期（${labelled.from.value}）与正文“${from.span.text}”推算的日期（${from.value}）不一致，已采用网页标注，请核对`);
    from = labelled.from;
  }
  if (!to && duration) {
    const base = from ?? issueDate;
    if (base) to = { value: periodEnd(base.value, duration), span: duration.span };
    else warnings.push(`找到“${duration.span.text}”，但没有找到起始日期，无法计算截止日期`);
  }
  if (labelled.to) {
    if (to && to.value !== labelled.to.value) warnings.push(`网页标注的失效日期（${labelled.to.value}）与正文推算的日期（${to.value}）不一致，已采用网页标注，请核对`);
    to = labelled.to;
  }
  if (from && to && to.value < from.value) {
    warnings.push(`截止日期（${to.value}）早于起始日期（${from.value}），请核对有效期`);
  }
  return { effectiveFrom: from, effectiveTo: to, warnings };
}
