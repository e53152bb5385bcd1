// Document title lines (关于…的通知, wrapped over several lines), the attached policy's title
// and a short title (pure).
import { type Found, type Line, type TextView, spanOf, squeeze } from './text-view.js';

const TYPE_WORDS = '(?:通知|意见|实施意见|指导意见|若干意见|办法|管理办法|实施办法|规定|若干规定|决定|公告|通告|方案|实施方案|工作方案|细则|实施细则|措施|若干措施|政策措施|政策|若干政策|条例|规则|指引|指南|导引|批复|函|通报|计划|行动计划|纲要|规划|清单|目录|标准)';
const QUALIFIER = '(?:\\s*[（(〔\\[](?:试行|暂行|修订|修订版|征求意见稿|[^）)]{1,6}版)[）)〕\\]])?';
const ENDS_WITH_TYPE = new RegExp(`${TYPE_WORDS}${QUALIFIER}\\s*$`);
const SENTENCE = /[。；：:]|^[（(]?[一二三四五六七八九十\d]+[、.．)）]|^第[一二三四五六七八九十百\d\s]+[条章]/;
const BREADCRUMB = /[>＞»›]\s*\S+\s*[>＞»›]|^(?:首页|当前位置|您的位置|所在的位置)/;
const QUALIFIER_LINE = /^[（(][^）)]{1,10}[）)]$/;

export interface TitleResult {
  title: Found<string> | null;
  attachedTitle: Found<string> | null;
  shortTitle: Found<string> | null;
}

function titleLike(l: Line): boolean {
  const t = l.text.trim();
  return t.length >= 4 && t.length <= 70 && !SENTENCE.test(t) && !BREADCRUMB.test(t) && !/^\S+[:：]/.test(t);
}

function joinLines(view: TextView, lines: Line[]): Found<string> {
  const first = lines[0]!;
  const last = lines[lines.length - 1]!;
  const lead = first.text.length - first.text.trimStart().length;
  const trail = last.text.length - last.text.trimEnd().length;
  const span = spanOf(view, first.start + lead, last.end - trail);
  return { value: squeezeKeepingSpaces(lines.map((l) => l.text.trim()).join('')), span };
}

// Titles keep the space in 财政部 国家税务总局 but not the line breaks.
// After 关于 the title is one phrase: a space there is a typesetting gap (温州市 进一步…).
function squeezeKeepingSpaces(s: string): string {
  const t = s.replace(/\s{2,}/g, ' ').trim();
  const i = t.indexOf('关于');
  return i < 0 ? t : t.slice(0, i) + t.slice(i).replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '');
}

/** The 关于… title in the first lines, joined across wrapped lines. */
function findAboutTitle(view: TextView, head: Line[]): Found<string> | null {
  for (let i = 0; i < head.length; i++) {
    const l = head[i]!;
    if (!/关于/.test(l.text.slice(0, 40)) || !titleLike(l)) continue;
    const group: Line[] = [l];
    for (let j = i + 1; j < Math.min(head.length, i + 4) && !ENDS_WITH_TYPE.test(group.map((g) => g.text).join('')); j++) {
      const n = head[j]!;
      if (!titleLike(n) || n.text.trim().length > 40) break;
      group.push(n);
    }
    if (ENDS_WITH_TYPE.test(squeeze(group.map((g) => g.text).join('')))) return joinLines(view, group);
  }
  return null;
}

/** First title-shaped line (for guides and lists without 关于), plus a (市级版)/(试行) line. */
function findPlainTitle(view: TextView, head: Line[], skip: (l: Line) => boolean): Found<string> | null {
  for (let i = 0; i < Math.min(head.length, 8); i++) {
    const l = head[i]!;
    if (skip(l) || !titleLike(l) || /^[\d\s\-./年月日]+$/.test(l.text.trim())) continue;
    const group = [l];
    const next = head[i + 1];
    if (next && (QUALIFIER_LINE.test(next.text.trim()) || (!ENDS_WITH_TYPE.test(l.text) && ENDS_WITH_TYPE.test(next.text) && next.text.trim().length <= 30 && titleLike(next) && !skip(next)))) group.push(next);
    return joinLines(view, group);
  }
  return null;
}

const ATTACHED_IN_TITLE = /关于(?:印发|转发|颁布|发布|公布|下发)\s*《?(.+?)》?\s*的(?:通知|公告|决定|函)$/;

function findAttached(view: TextView, title: Found<string> | null, after: number): Found<string> | null {
  if (!title) return null;
  const m = ATTACHED_IN_TITLE.exec(title.value);
  if (!m) return null;
  const name = m[1]!.replace(/[《》〈〉]/g, '');
  const key = squeeze(name);
  // Prefer the attached policy's own heading line after the notice.
  for (const l of view.nonEmpty) {
    if (l.start < after) continue;
    if (squeeze(l.text) === key) return { value: name, span: spanOf(view, l.start + (l.text.length - l.text.trimStart().length), l.end - (l.text.length - l.text.trimEnd().length)) };
  }
  const at = view.original.indexOf(m[1]!, title.span.start);
  const start = at >= 0 && at < title.span.end ? at : title.span.start;
  return { value: name, span: spanOf(view, start, at >= 0 && at < title.span.end ? start + m[1]!.length : title.span.end) };
}

function shortOf(view: TextView, t: Found<string> | null): Found<string> | null {
  if (!t) return null;
  const i = t.value.indexOf('关于');
  if (i < 0) return t;
  const value = t.value.slice(i + 2);
  const at = view.original.indexOf('关于', t.span.start);
  return { value, span: at >= 0 && at < t.span.end ? spanOf(view, at + 2, t.span.end) : t.span };
}

export function findTitles(view: TextView, { head, skip }: { head: Line[]; skip: (l: Line) => boolean }): TitleResult {
  const title = findAboutTitle(view, head) ?? findPlainTitle(view, head, skip);
  const attachedTitle = findAttached(view, title, title ? title.span.end : 0);
  return { title, attachedTitle, shortTitle: shortOf(view, attachedTitle ?? title) };
}
