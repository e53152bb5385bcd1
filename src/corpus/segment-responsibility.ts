// Responsible units (责任单位) at the end of a clause and lead units (牵头单位) after a
// section heading: （责任单位：…） （牵头单位：…；配合单位：…） [市财政局、市税务局] 【…】 （由…牵头实施）.

import { matchingOpen, normalizeInline, trimEndChars } from '../text/normalize.js';

const TRAILING_PUNCT = '。；; \t\n\r\f\v\u00a0\u3000';

const LABEL = /^(?:主要)?(?:责任|牵头|配合|参与|实施|负责|主办|协办|落实)(?:单位|部门|处室)\s*[：:]\s*/u;
const GROUP_LABEL = /^[^：:（(〈《]{1,8}[：:]\s*/u;
const LEAD = /^由(.+?)(?:共同)?牵头(?:实施|负责|推进|落实)?$/u;
/** The State Council's form: （人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）. */
const RESPONSIBLE = /^(.+?)(?:按职责分工|分别|共同)?负责(?:[。；;，,](.*))?$/u;
const ORG_SUFFIX = /(?:局|委|办|厅|部|院|府|中心|行|会|队|集团|公司|海关|署|所|室|站|社|联|馆|处|组|团|〉|>)$/u;
const BOILERPLATE = /列第一位|为牵头单位|下同|按职责分工|分工负责|排名第一|排在首位/u;
const OPENERS = new Set(['（', '(', '〈', '<', '《', '【', '[', '〔']);
const CLOSERS = new Set(['）', ')', '〉', '>', '》', '】', ']', '〕']);

/** Splits at any of `seps` outside brackets, so 各县（市、区）政府 stays whole. */
function splitTopLevel(s: string, seps: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (OPENERS.has(ch)) depth++;
    else if (CLOSERS.has(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.includes(ch)) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

/**
 * Parses a list of responsible units: labels (责任单位：, 配合单位：) and boilerplate such as
 * 列第一位的为牵头单位，下同 are dropped; order is kept (lead first), duplicates removed.
 */
export function parseUnitList(content: string): string[] {
  const units: string[] = [];
  for (const group of splitTopLevel(content.trim().replace(LABEL, ''), '；;')) {
    for (const item of splitTopLevel(group.trim().replace(GROUP_LABEL, ''), '、，,')) {
      const unit = normalizeInline(item)
        .replace(/^由/u, '')
        .replace(/(?:共同)?(?:牵头实施|牵头负责|牵头|配合实施|配合|负责)$/u, '')
        .replace(/等(?:有关)?(?:单位|部门)?(?:和单位)?$/u, '')
        .trim();
      if (unit.length === 0 || BOILERPLATE.test(unit) || units.includes(unit)) continue;
      units.push(unit);
    }
  }
  return units;
}

interface TrailingGroup {
  open: number;
  content: string;
  square: boolean;
}

function trailingGroup(text: string): TrailingGroup | null {
  const s = trimEndChars(text, TRAILING_PUNCT);
  const close = s.length - 1;
  const last = s[close];
  if (last !== '）' && last !== ')' && last !== '】' && last !== ']') return null;
  const open = matchingOpen(s, close);
  if (open < 0) return null;
  return { open, content: s.slice(open + 1, close), square: last === '】' || last === ']' };
}

function looksLikeUnits(content: string): boolean {
  if (/[。！？]/u.test(content) || !/\p{Script=Han}/u.test(content)) return false;
  const items = parseUnitList(content);
  if (items.length === 0) return false;
  return items.filter((u) => ORG_SUFFIX.test(u)).length * 2 >= items.length;
}

/** The units of a "…负责" note whose only other words are boilerplate (列第一位者为牵头单位), else null. */
function responsibleOf(content: string): string | null {
  const m = RESPONSIBLE.exec(content.trim());
  if (!m || (m[2] !== undefined && m[2].trim() !== '' && !BOILERPLATE.test(m[2]))) return null;
  return looksLikeUnits(m[1]!) ? m[1]! : null;
}

function isResponsibilityContent(content: string, square: boolean): boolean {
  const c = content.trim();
  if (LABEL.test(c)) return true;
  if (responsibleOf(c) !== null) return true;
  if (LEAD.test(c) || /牵头[，,；;].*配合/u.test(c)) return looksLikeUnits(c.replace(LEAD, '$1'));
  return square && looksLikeUnits(c);
}

/** True when the whole string is one responsibility parenthetical (e.g. split off by a page break). */
export function isResponsibilityText(s: string): boolean {
  const g = trailingGroup(s);
  return g !== null && g.open === 0 && isResponsibilityContent(g.content, g.square);
}

export interface ResponsibilityTail {
  /** Text before the parenthetical, trailing whitespace removed. */
  body: string;
  units: string[];
}

/** Splits a trailing （责任单位：…） / [..] / 【..】 off a clause's text. */
export function splitResponsibilityTail(text: string): ResponsibilityTail | null {
  const g = trailingGroup(text);
  if (g === null || !isResponsibilityContent(g.content, g.square)) return null;
  const lead = LEAD.exec(g.content.trim());
  const units = parseUnitList(lead !== null ? (lead[1] ?? '') : (responsibleOf(g.content) ?? g.content));
  if (units.length === 0) return null;
  return { body: text.slice(0, g.open).trimEnd(), units };
}

export interface HeadingLead {
  title: string;
  units: string[];
}

/** Section heading text → title and lead units: `扩大有效投资政策（由市发展改革委牵头实施）`. */
export function parseHeadingLead(heading: string): HeadingLead {
  const g = trailingGroup(heading);
  if (g !== null) {
    const content = g.content.trim();
    const lead = LEAD.exec(content);
    if (lead !== null || LABEL.test(content) || (g.square && looksLikeUnits(content))) {
      const units = parseUnitList(lead !== null ? (lead[1] ?? '') : content);
      if (units.length > 0) return { title: heading.slice(0, g.open).trim(), units };
    }
  }
  return { title: heading.trim(), units: [] };
}
