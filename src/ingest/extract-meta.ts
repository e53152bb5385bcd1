// Document metadata found in extracted text (pure): every field carries the span it came from,
// or is null when the text does not say — nothing is guessed.
import { contains, fullName, mentionedCodes, NATIONAL } from './divisions.js';
import { findDates, parseDate } from './meta/chinese-date.js';
import { findDocNumbers } from './meta/doc-number.js';
import { cleanSourceOrg, isOrgName, jurisdictionOfOrg, type Level, orgsOfLine, splitOrgs } from './meta/issuers.js';
import { type Found, type Line, lineSpan, makeView, type Span, spanOf, squeeze, type TextView } from './meta/text-view.js';
import { findTitles } from './meta/title.js';
import { findValidity } from './meta/validity.js';

export type { Found, Level, Span };
export type DocumentStatus = 'in_force' | 'expired' | 'not_yet' | 'unknown';

export interface ExtractedMeta {
  title: Found<string> | null;
  /** The policy a 关于印发《…》的通知 carries. */
  attachedTitle: Found<string> | null;
  shortTitle: Found<string> | null;
  docNumber: Found<string> | null;
  issuers: Array<Found<string>>;
  level: Found<Level> | null;
  region: Found<{ code: string | null; name: string }> | null;
  issueDate: Found<string> | null;
  effectiveFrom: Found<string> | null;
  effectiveTo: Found<string> | null;
  supersedes: Array<Found<string>>;
  status: DocumentStatus;
  warnings: string[];
}

export interface ExtractMetaOptions {
  /** The date the status is judged on (YYYY-MM-DD); the clock is never read. */
  asOf?: string | null;
  fileName?: string;
}

const BODY_START = /^\s*(?:第[一二三四五六七八九十百\d\s]+[条章]|[一二三四五六七八九十]+\s*[、.．]|[(（]一[)）]|1\s*[、.．])/;
const LABEL = /^\s*(文号|发文字号|发文号|发布机关|发文机关|发文单位|发布机构|成文日期|发文日期|印发日期|发布日期|发布时间|发表时间|公布日期|实施日期|施行日期|生效日期|失效日期|废止日期|文章来源|信息来源|来源)\s*[:：]\s*(.+?)\s*$/;
const LABEL_ONLY = new RegExp(`${LABEL.source.slice(0, LABEL.source.indexOf('\\s*[:：]'))}\\s*[:：]\\s*$`);
const HEAD_LINES = 30;

interface Labelled {
  label: string;
  value: string;
  span: Span;
}

function headLines(view: TextView): Line[] {
  const out: Line[] = [];
  for (const l of view.nonEmpty) {
    if (out.length >= HEAD_LINES) break;
    // The notice part of 关于印发 documents comes before the attached body, keep scanning it.
    if (BODY_START.test(l.text) && out.length >= 3) break;
    out.push(l);
  }
  return out;
}

function labelledFields(view: TextView, head: Line[]): Labelled[] {
  const out: Labelled[] = [];
  for (let i = 0; i < head.length; i++) {
    const l = head[i]!;
    const m = LABEL.exec(l.text);
    if (!m) {
      // Flattened tables put the label and its value on consecutive lines (实施日期：/2019年10月16日).
      const bare = LABEL_ONLY.exec(l.text);
      const next = head[i + 1];
      if (bare && next && !LABEL.test(next.text) && !LABEL_ONLY.test(next.text)) {
        const sp = lineSpan(view, next);
        out.push({ label: bare[1]!, value: view.norm.slice(sp.start, sp.end), span: sp });
      }
      continue;
    }
    const valueStart = l.start + l.text.indexOf(m[2]!, l.text.indexOf(m[1]!) + m[1]!.length);
    out.push({ label: m[1]!, value: m[2]!, span: spanOf(view, valueStart, valueStart + m[2]!.length) });
  }
  return out;
}

function labelledDate(view: TextView, fields: Labelled[], labels: string[]): Found<string> | null {
  for (const f of fields) {
    if (!labels.includes(f.label)) continue;
    const d = findDates(view.norm.slice(f.span.start, f.span.end))[0];
    if (d) return { value: d.iso, span: spanOf(view, f.span.start + d.start, f.span.start + d.end) };
  }
  return null;
}

function findDocNumber(view: TextView, head: Line[], fields: Labelled[]): Found<string> | null {
  for (const f of fields) {
    if (!/文号|字号/.test(f.label)) continue;
    const n = findDocNumbers(view.norm.slice(f.span.start, f.span.end))[0];
    if (n) return { value: n.value, span: spanOf(view, f.span.start + n.start, f.span.start + n.end) };
  }
  // The document's own number stands on its own line near the top (cited ones sit in sentences).
  for (const l of head) {
    const nums = findDocNumbers(l.text);
    const n = nums[0];
    if (!n) continue;
    const rest = squeeze(l.text.slice(0, n.start) + l.text.slice(n.end));
    if (rest.length <= 6 && !/[《（(]/.test(l.text.slice(0, n.start))) return { value: n.value, span: spanOf(view, l.start + n.start, l.start + n.end) };
  }
  return null;
}

function pushIssuer(view: TextView, out: Array<Found<string>>, name: string, searchFrom: number, searchTo: number): void {
  if (out.some((o) => o.value === name)) return;
  const at = view.original.indexOf(name, searchFrom);
  const start = at >= 0 && at < searchTo ? at : searchFrom;
  out.push({ value: name, span: spanOf(view, start, at >= 0 && at < searchTo ? at + name.length : searchTo) });
}

const DATE_LINE = /^\s*[(（]?\s*([\d〇○零一二三四五六七八九十\s]{4,8}年[\d一二三四五六七八九十\s]{1,4}月[\d一二三四五六七八九十\s]{1,4}[日号]|\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*[)）]?\s*$/;

/** Signature blocks: organisation lines directly above a date line. */
function signatureBlocks(view: TextView): Array<{ orgs: Line[]; date: Found<string> }> {
  const out: Array<{ orgs: Line[]; date: Found<string> }> = [];
  const ne = view.nonEmpty;
  for (let i = 1; i < ne.length; i++) {
    const m = DATE_LINE.exec(ne[i]!.text);
    if (!m) continue;
    const iso = parseDate(m[1]!);
    if (!iso) continue;
    const orgs: Line[] = [];
    for (let j = i - 1; j >= 0 && j >= i - 4 && orgsOfLine(ne[j]!.text); j--) orgs.unshift(ne[j]!);
    if (orgs.length === 0) continue;
    const at = ne[i]!.start + ne[i]!.text.indexOf(m[1]!);
    out.push({ orgs, date: { value: iso, span: spanOf(view, at, at + m[1]!.length) } });
  }
  return out;
}

function findIssuersAndDate(view: TextView, head: Line[], fields: Labelled[], title: Found<string> | null) {
  const issuers: Array<Found<string>> = [];
  // Masthead lines and the part of the title before 关于.
  const titleStart = title?.span.start ?? Infinity;
  for (const l of head) {
    if (l.start > titleStart + 400) break;
    if (title && l.start >= title.span.start && l.end <= title.span.end) continue;
    const orgs = orgsOfLine(l.text);
    if (orgs && (l.start < titleStart || head.indexOf(l) <= head.findIndex((h) => h.start >= titleStart) + 3)) {
      for (const o of orgs) pushIssuer(view, issuers, o, l.start, l.end);
    }
  }
  if (title) {
    const i = title.value.indexOf('关于');
    const prefix = i > 0 ? title.value.slice(0, i).replace(/\s+/g, ' ').trim() : '';
    const orgs = prefix ? (orgsOfLine(prefix) ?? splitOrgs(prefix.replace(/\s+/g, ''))) : null;
    if (orgs) for (const o of orgs) pushIssuer(view, issuers, o, title.span.start, title.span.end);
  }
  const blocks = signatureBlocks(view);
  const sig = blocks[0];
  if (sig) for (const l of sig.orgs) for (const o of orgsOfLine(l.text) ?? []) pushIssuer(view, issuers, o, l.start, l.end);
  // A head line "国家税务总局 2014-04-18" (web reposts) carries both.
  let headOrgDate: Found<string> | null = null;
  for (const l of head.slice(0, 6)) {
    const d = findDates(l.text)[0];
    if (!d) continue;
    const before = l.text.slice(0, d.start).trim();
    const orgs = before ? orgsOfLine(before) : null;
    if (orgs && squeeze(l.text.slice(d.end)) === '') {
      if (issuers.length === 0) for (const o of orgs) pushIssuer(view, issuers, o, l.start, l.end);
      headOrgDate = { value: d.iso, span: spanOf(view, l.start + d.start, l.start + d.end) };
    }
  }
  if (issuers.length === 0) {
    for (const f of fields) {
      if (!/机关|单位|机构|来源/.test(f.label)) continue;
      const name = cleanSourceOrg(f.value);
      const orgs = orgsOfLine(name);
      if (orgs) for (const o of orgs) pushIssuer(view, issuers, o, f.span.start, f.span.end);
      if (issuers.length > 0) break;
    }
  }
  // Dated date line right under the title: (2023年2月8日).
  let headDate: Found<string> | null = null;
  if (title) {
    for (const l of head) {
      if (l.start <= title.span.end) continue;
      const m = DATE_LINE.exec(l.text);
      if (m) {
        const iso = parseDate(m[1]!);
        const at = l.start + l.text.indexOf(m[1]!);
        if (iso) headDate = { value: iso, span: spanOf(view, at, at + m[1]!.length) };
      }
      break;
    }
  }
  const printed = findPrintedLine(view);
  if (issuers.length === 0 && printed?.org) pushIssuer(view, issuers, printed.org.value, printed.org.span.start, printed.org.span.end);
  const issueDate =
    sig?.date ?? headDate ?? headOrgDate ?? labelledDate(view, fields, ['成文日期', '发文日期', '印发日期', '发布日期', '公布日期', '发布时间', '发表时间']) ?? printed?.date ?? null;
  return { issuers, issueDate };
}

/** "XX办公室  2023年8月9日印发" (the printing office line at the very end). */
function findPrintedLine(view: TextView): { org: Found<string> | null; date: Found<string> } | null {
  const ne = view.nonEmpty;
  for (let i = ne.length - 1; i >= Math.max(0, ne.length - 8); i--) {
    const l = ne[i]!;
    const m = /^(.*?)\s*((?:\d\s?){4}年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印发\s*$/.exec(l.text);
    if (!m) continue;
    const iso = parseDate(m[2]!);
    if (!iso) continue;
    const at = l.start + l.text.indexOf(m[2]!, m[1]!.length);
    let org: Found<string> | null = null;
    const candidate = m[1]!.trim() || ne[i - 1]?.text.trim() || '';
    if (isOrgName(candidate)) {
      const line = m[1]!.trim() ? l : ne[i - 1]!;
      org = { value: candidate, span: lineSpan(view, line) };
    }
    return { org, date: { value: iso, span: spanOf(view, at, at + m[2]!.length) } };
  }
  return null;
}

const SUPERSEDE = /(?:同时|一并)?(?:废止|停止执行|不再执行|停止施行)/;

function findSupersedes(view: TextView): Array<Found<string>> {
  const out: Array<Found<string>> = [];
  for (const m of view.norm.matchAll(/(?:[^。；\n]|\n(?!\s*\n))+[。；]?/g)) {
    const s = m[0];
    if (!SUPERSEDE.test(s)) continue;
    for (const n of findDocNumbers(s)) {
      // 财税〔2009〕69号文件第八条废止 repeals one article, not the document.
      if (/^\s*(?:文件)?\s*第[一二三四五六七八九十百\d]+条/.test(s.slice(n.end))) continue;
      const after = s.slice(n.end);
      const viaWord = /^[\s）)》]*(?:文件|文)?\s*(?:同时|一并)?(?:废止|停止执行|不再执行|停止施行)/.test(after);
      const viaLead = /(?:同时|一并)(?:废止|停止执行)/.test(s.slice(0, n.start));
      const inTitleParens = /[》]\s*[（(]\s*$/.test(s.slice(0, n.start));
      if (!(viaWord || viaLead || inTitleParens)) continue;
      if (out.some((o) => o.value === n.value)) continue;
      out.push({ value: n.value, span: spanOf(view, m.index + n.start, m.index + n.end) });
    }
  }
  return out;
}

function findRegionAndLevel(view: TextView, issuers: Array<Found<string>>, title: Found<string> | null) {
  const context = mentionedCodes(view.norm.slice(0, 3000));
  let level: Found<Level> | null = null;
  let region: Found<{ code: string | null; name: string }> | null = null;
  for (const iss of issuers) {
    const j = jurisdictionOfOrg(iss.value, context);
    if (j.national) {
      if (!level) level = { value: 'national', span: iss.span };
      if (!region) region = { value: { code: NATIONAL.code, name: NATIONAL.name }, span: iss.span };
      continue;
    }
    if (j.division) {
      // Joint documents: keep the most specific division the others contain.
      if (!region || region.value.code === null || (region.value.code !== NATIONAL.code && contains(region.value.code, j.division.code) && region.value.code !== j.division.code)) {
        const off = iss.span.text === iss.value ? iss.span.start : iss.span.start;
        region = { value: { code: j.division.code, name: fullName(j.division.code) }, span: spanOf(view, off + j.placeStart, off + j.placeEnd) };
        level = { value: j.level!, span: iss.span };
      }
      continue;
    }
    if (j.level && !level) level = { value: j.level, span: iss.span };
  }
  // 市人社局 names no city: the title's leading place (广州市高校毕业生…) names it.
  if ((!region || region.value.code === null) && title) {
    const probe = jurisdictionOfOrg(title.value.replace(/关于.*$/, '') + '局', context);
    if (probe.division) {
      region = { value: { code: probe.division.code, name: fullName(probe.division.code) }, span: spanOf(view, title.span.start + probe.placeStart, title.span.start + probe.placeEnd) };
      if (!level) level = { value: probe.level!, span: region.span };
    }
  }
  return { level, region };
}

export function statusAsOf(effectiveFrom: string | null, effectiveTo: string | null, asOf: string | null | undefined, issueDate: string | null = null): DocumentStatus {
  if (!asOf) return 'unknown';
  if (effectiveTo && asOf > effectiveTo) return 'expired';
  if (effectiveFrom && asOf < effectiveFrom) return 'not_yet';
  if (!effectiveFrom && issueDate && asOf < issueDate) return 'not_yet';
  if (effectiveFrom) return 'in_force';
  return 'unknown';
}

export function extractMeta(text: string, { asOf = null }: ExtractMetaOptions = {}): ExtractedMeta {
  const view = makeView(text);
  const head = headLines(view);
  const fields = labelledFields(view, head);
  const docNumber = findDocNumber(view, head, fields);
  const skip = (l: Line) => (docNumber !== null && l.start <= docNumber.span.start && l.end >= docNumber.span.end) || orgsOfLine(l.text) !== null || LABEL.test(l.text);
  const { title, attachedTitle, shortTitle } = findTitles(view, { head, skip });
  const { issuers, issueDate } = findIssuersAndDate(view, head, fields, title);
  const validity = findValidity(view, {
    issueDate,
    labelled: { from: labelledDate(view, fields, ['实施日期', '施行日期', '生效日期']), to: labelledDate(view, fields, ['失效日期', '废止日期']) },
  });
  const { level, region } = findRegionAndLevel(view, issuers, title);
  const supersedes = findSupersedes(view).filter((s) => s.value !== docNumber?.value);
  const warnings = [...validity.warnings];
  if (!title) warnings.push('没有找到文件标题，请人工填写');
  if (issuers.length === 0) warnings.push('没有找到发文机关，请人工填写');
  if (!issueDate) warnings.push('没有找到成文（发布）日期');
  return {
    title,
    attachedTitle,
    shortTitle,
    docNumber,
    issuers,
    level,
    region,
    issueDate,
    effectiveFrom: validity.effectiveFrom,
    effectiveTo: validity.effectiveTo,
    supersedes,
    status: statusAsOf(validity.effectiveFrom?.value ?? null, validity.effectiveTo?.value ?? null, asOf, issueDate?.value ?? null),
    warnings,
  };
}
