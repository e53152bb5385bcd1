// Documents made of field records instead of numbered clauses: compilations of policy cards
// (政策导引: a numbered card per policy with 依据文件/发文字号/服务对象/服务内容/条件要求/联络方式
// set as a two-column table), lists of policies by 服务对象 (a title line, then 政策内容：/文件依据：/
// 补贴测算：/申请渠道： lines) and application guides (1、一次性创业资助, then 补贴条件：/补贴对象：
// /补贴标准：/补贴期限：). Each record becomes one clause unit with its fields kept in order. Card
// tables read the same from pdftotext (each cell on its own lines) and pdf.js (a label and the
// value beside it on one line, see segment-table-rows.ts). Pure.

import type { PolicyBasis, PolicyUnit } from '../domain/types.js';
import { displayWidth, isSentenceFinal } from '../text/normalize.js';
import { ParagraphDraft } from './segment-draft.js';
import { SCHEME_RANK, detectMarker, isHeadingLine, isTitleLike, unclosedBracket } from './segment-markers.js';
import { readLines } from './segment-paragraphs.js';
import { splitTableRows, type PlainLine } from './segment-table-rows.js';

/** Words that end a field label (依据文件, 发文字号, 补贴条件, 申请渠道, 时间/频度, 计算公式 …). */
const LABEL_WORD = new RegExp(
  '^[\\p{Script=Han}/]{0,6}?(?:文件|依据|字号|文号|机构|日期|时间|分类|对象|内容|条件|要求|流程|频度|方式|标准|期限|渠道|测算|待遇|公式|材料|电话|部门|地址|名称|程序)$',
  'u',
);
const INLINE_LABEL = /^([\p{Script=Han}/]{2,8})\s*[：:]\s*/u;
/** Fields whose value is one short run (a title, a number, a date); the rest of a run is the next field's. */
const SHORT_FIELD = /^(?:依据文件|文件依据|政策依据|发文机构|发文单位|发文字号|文号|发布日期|发文时间|发文日期|成文日期|工具分类|政策分类|服务对象|适用对象|时间\/频度|联络方式|联系方式|咨询电话|联系电话)$/u;
const BASIS_FIELD = /^(?:依据文件|文件依据|政策依据|依据)$/u;
const DOC_NUMBER_FIELD = /^(?:发文字号|文号)$/u;
const DOC_NUMBER = /[\p{Script=Han}]{1,12}[〔［[（(]\s*\d{4}\s*[〕］\]）)]\s*第?\d{1,4}\s*号|[\p{Script=Han}]{2,12}公告\d{4}年第\d{1,4}号/u;
const EMPTY_VALUE = /^(?:[/／\-—–无]|暂无)?$/u;
const CLAUSE_END = /[。；！？：》）)”]$/u;
/** At least this many records, and this many labels each used this often, make a record document. */
const MIN_RECORDS = 3;

interface TextLine {
  text: string;
  start: number;
  end: number;
  /** A blank line or page furniture comes before this line. */
  gap: boolean;
  label: { name: string; rest: string; standalone: boolean } | null;
  /** The value beside a label on a table row: the field's, never a record's heading. */
  cell: boolean;
}

interface Field {
  name: string;
  lines: TextLine[];
  standalone: boolean;
}

export interface RecordSegmentation {
  units: PolicyUnit[];
  warnings: string[];
}

function labelOf(text: string): TextLine['label'] {
  if ([...text].length <= 10 && LABEL_WORD.test(text)) return { name: text, rest: '', standalone: true };
  const m = INLINE_LABEL.exec(text);
  if (m !== null && LABEL_WORD.test(m[1] ?? '')) return { name: m[1] ?? '', rest: text.slice(m[0].length), standalone: false };
  return null;
}

/** A line that starts with a label word: a table row as pdf.js sets it (`发文机构北京市…`). */
function startsWithLabel(text: string): boolean {
  for (let n = 2; n <= 8 && n <= text.length; n++) if (LABEL_WORD.test(text.slice(0, n))) return true;
  return false;
}

function textLines(raw: string): TextLine[] {
  const plain: PlainLine[] = [];
  let gap = true;
  // Field labels recur on every page, and so do lines of cards that repeat each other's wording:
  // only short plain titles can be running headers here.
  const keep = (t: string): boolean => labelOf(t)?.standalone === true || startsWithLabel(t) || /[、“”（）《》]/u.test(t) || [...t].length > 24;
  for (const l of readLines(raw, keep)) {
    if (l.kind !== 'text') {
      gap = true;
      continue;
    }
    plain.push({ text: l.text, start: l.start, end: l.end, gap });
    gap = false;
  }
  const isLabelWord = (w: string): boolean => [...w].length <= 8 && LABEL_WORD.test(w);
  return splitTableRows(raw, plain, isLabelWord, MIN_RECORDS).map((l) => ({
    text: l.text,
    start: l.start,
    end: l.end,
    gap: l.gap,
    label: l.cell === 'label' ? { name: l.text, rest: '', standalone: true } : l.cell === 'value' ? null : labelOf(l.text),
    cell: l.cell === 'value',
  }));
}

/**
 * A label split over two cells of the table (`服务` … `对象`): the tail line becomes the whole
 * label when the head stood alone a few lines before; the head line is dropped.
 */
function mergeSplitLabels(lines: TextLine[], known: Set<string>): TextLine[] {
  const dropped = new Set<number>();
  lines.forEach((l, i) => {
    if (l.label !== null || [...l.text].length > 4) return;
    for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
      const head = lines[j];
      if (head === undefined || dropped.has(j) || [...head.text].length > 4) continue;
      const whole = head.text + l.text;
      if (known.has(whole)) {
        l.label = { name: whole, rest: '', standalone: true };
        dropped.add(j);
        return;
      }
    }
  });
  return lines.filter((_, i) => !dropped.has(i));
}

/** Paragraphs of a field's lines: a new one at a numbering marker or after a short finished line. */
function paragraphs(lines: TextLine[], wrapped: boolean, width: number, breakAtGaps = false, stripLabels = !breakAtGaps): string[] {
  const out: string[] = [];
  let draft: ParagraphDraft | null = null;
  let prev: TextLine | null = null;
  for (const l of lines) {
    const text = stripLabels && l.label !== null && !l.label.standalone ? l.label.rest : l.text;
    if (text.length === 0) continue;
    const breaks =
      draft === null ||
      prev === null ||
      !wrapped ||
      (breakAtGaps && l.gap) ||
      detectMarker(text) !== null ||
      ((isHeadingLine(prev.text) || isSentenceFinal(prev.text[prev.text.length - 1])) && displayWidth(prev.text) < width * 0.9);
    if (breaks) {
      if (draft !== null) out.push(draft.text());
      draft = new ParagraphDraft(text);
    } else draft?.append(text);
    prev = l;
  }
  if (draft !== null) out.push(draft.text());
  return out;
}

/** A 《 left open: a title cut by the line's end. */
function opensTitle(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '《') depth++;
    else if (ch === '》' && depth > 0) depth--;
  }
  return depth > 0;
}

/** The first 《…》 of a value, nested title marks included, without the outer marks. */
function firstTitle(value: string): string | null {
  const open = value.indexOf('《');
  if (open < 0) return null;
  let depth = 0;
  for (let i = open; i < value.length; i++) {
    if (value[i] === '《') depth++;
    else if (value[i] === '》' && --depth === 0) return value.slice(open + 1, i);
  }
  return null;
}

function basisOf(fields: Array<{ name: string; value: string }>): PolicyBasis | undefined {
  const basis = fields.find((f) => BASIS_FIELD.test(f.name));
  const number = fields.find((f) => DOC_NUMBER_FIELD.test(f.name));
  if (basis === undefined && number === undefined) return undefined;
  const value = basis?.value ?? '';
  const title = (firstTitle(value) ?? (EMPTY_VALUE.test(value) ? null : value.slice(0, 80)))?.replace(/\s+/gu, '') ?? null;
  const own = number !== undefined && !EMPTY_VALUE.test(number.value) ? number.value : null;
  const docNumber = own ?? DOC_NUMBER.exec(value)?.[0].replace(/\s+/gu, '') ?? null;
  return { title, docNumber };
}

/** Moves field lines to where the table put them: fix-ups for labels set beside their values. */
function settleFields(fields: Field[]): void {
  fields.forEach((f, k) => {
    const next = fields[k + 1];
    if (next === undefined) return;
    // A short field keeps its first run; the rest (numbered items, a new run) opens the next field.
    if (f.standalone && SHORT_FIELD.test(f.name)) {
      let cut = f.lines.findIndex((l, i) => i > 0 && (l.gap || detectMarker(l.text) !== null));
      if (cut < 0 && f.lines.length > 0 && next.standalone && !SHORT_FIELD.test(next.name)) {
        // A title or number ends its run; text after it that reads as prose belongs to the next field.
        cut = f.lines.findIndex((l, i) => i > 0 && CLAUSE_END.test(f.lines[i - 1]?.text ?? ''));
      }
      if (cut > 0 && !SHORT_FIELD.test(next.name)) next.lines.unshift(...f.lines.splice(cut));
    }
    // A label set in the middle of its value: the unfinished sentence before it is the next field's.
    if (next.standalone && !SHORT_FIELD.test(next.name) && f.lines.length > 1) {
      const first = next.lines[0];
      const last = f.lines[f.lines.length - 1];
      if (last !== undefined && first !== undefined && !CLAUSE_END.test(last.text) && detectMarker(first.text) === null) {
        let from = f.lines.length - 1;
        while (from > 1 && !CLAUSE_END.test(f.lines[from - 1]?.text ?? '') && detectMarker(f.lines[from]?.text ?? '') === null) from--;
        next.lines.unshift(...f.lines.splice(from));
      }
    }
  });
}

function withUnlabelledRecords(lines: TextLine[], opening: number[]): number[] {
  const open = new Set(opening);
  const extra: number[] = [];
  lines.forEach((l, i) => {
    const next = lines[i + 1];
    if (!l.gap || l.label !== null || next === undefined || next.gap || next.label !== null || open.has(i + 1)) return;
    if (!isTitleLike(l.text) || [...l.text].length > 30 || detectMarker(l.text) !== null) return;
    for (let j = i + 2; j < Math.min(lines.length, i + 6); j++) {
      const x = lines[j];
      if (x === undefined || x.gap || open.has(j)) return;
      if (x.label !== null) {
        extra.push(i + 1);
        return;
      }
    }
  });
  return [...opening, ...extra].sort((a, b) => a - b);
}

/**
 * Segments a record document, or returns null when the text is not one (fewer than three records
 * or no recurring field labels): the caller then reads numbered clauses as usual.
 */
export function segmentRecords(raw: string): RecordSegmentation | null {
  let lines = textLines(raw);
  const counts = new Map<string, number>();
  for (const l of lines) if (l.label !== null) counts.set(l.label.name, (counts.get(l.label.name) ?? 0) + 1);
  const frequent = [...counts.entries()].filter(([, n]) => n >= MIN_RECORDS);
  if (frequent.length < 3) return null;
  // A label word used once or twice inline (满足以下条件：) is text, not a field; a label word
  // alone on its line is a field label wherever labels stand alone (a card's table).
  const standaloneDoc = lines.filter((l) => l.label?.standalone === true).length * 2 > lines.filter((l) => l.label !== null).length;
  const fieldNames = new Set(frequent.map(([name]) => name));
  const groupNames = new Set<string>();
  lines.forEach((l, i) => {
    if (l.label === null || fieldNames.has(l.label.name)) return;
    // A group line (服务对象：企业) right above a record's title and its first field stays a label.
    const title = lines[i + 1];
    const group = !l.label.standalone && title !== undefined && title.label === null && isTitleLike(title.text) && fieldNames.has(lines[i + 2]?.label?.name ?? '');
    if (standaloneDoc && l.label.standalone) fieldNames.add(l.label.name);
    else if (group) groupNames.add(l.label.name);
    else l.label = null;
  });
  for (const name of groupNames) fieldNames.add(name);
  const standaloneNames = new Set(lines.flatMap((l) => (l.label?.standalone === true && fieldNames.has(l.label.name) ? [l.label.name] : [])));
  lines = mergeSplitLabels(lines, standaloneNames);
  const first = new Map<string, number>();
  lines.forEach((l, i) => {
    if (l.label !== null && !first.has(l.label.name)) first.set(l.label.name, i);
  });
  const firstAt = (name: string): number => first.get(name) ?? lines.length;
  // The label records open with. Cards (labels alone on their lines): the earliest of the labels
  // (nearly) every card has. Lists (`label：value` lines): the label most often right under a title.
  const most = frequent.reduce((m, [, n]) => Math.max(m, n), 0);
  const underTitle = new Map<string, number>();
  lines.forEach((l, i) => {
    const prev = lines[i - 1];
    if (l.label !== null && prev !== undefined && prev.label === null && isTitleLike(prev.text.slice(detectMarker(prev.text)?.length ?? 0)) && [...prev.text].length <= 40) {
      underTitle.set(l.label.name, (underTitle.get(l.label.name) ?? 0) + 1);
    }
  });
  const startLabel = standaloneDoc
    ? (frequent.filter(([, n]) => n >= most * 0.8).sort((a, b) => firstAt(a[0]) - firstAt(b[0]))[0]?.[0] ?? '')
    : ([...frequent].sort((a, b) => (underTitle.get(b[0]) ?? 0) - (underTitle.get(a[0]) ?? 0) || firstAt(a[0]) - firstAt(b[0]))[0]?.[0] ?? '');
  const opening = lines.flatMap((l, i) => (l.label?.name === startLabel ? [i] : []));
  if (opening.length < MIN_RECORDS) return null;
  // Records set as `title` + `label：value` lines may lack the opening label: a short title after
  // a blank line, followed by unlabelled text and then labels, opens a record too.
  const inline = lines.filter((l) => l.label !== null && !l.label.standalone).length * 2 > lines.filter((l) => l.label !== null).length;
  const starts = inline ? withUnlabelledRecords(lines, opening) : opening;

  // Header block of each record: the lines before its first label, back to a gap or a label.
  const heads = starts.map((s, k) => {
    const floor = k === 0 ? -1 : (starts[k - 1] ?? -1);
    let h = s;
    while (h - 1 > floor && s - (h - 1) <= 6) {
      const l = lines[h - 1];
      if (l === undefined || l.label !== null || l.cell) break;
      h--;
      if (l.gap) break;
    }
    return h;
  });
  // A label standing right before every header it occurs at (服务对象：高校毕业生) groups records.
  const headSet = new Set(heads);
  const notGroup = new Set<string>();
  lines.forEach((l, i) => {
    if (l.label !== null && (!headSet.has(i + 1) || l.label.standalone)) notGroup.add(l.label.name);
  });
  const groupLabels = new Set([...fieldNames].filter((name) => !notGroup.has(name)));
  // Hard-wrapped text (PDF): many lines run on into the next one mid-sentence.
  const runsOn = (l: TextLine, next: TextLine | undefined): boolean => next !== undefined && !next.gap && next.label === null && detectMarker(next.text) === null && !CLAUSE_END.test(l.text);
  const wrappedShare = lines.filter((l, i) => runsOn(l, lines[i + 1])).length / Math.max(1, lines.length);
  const wrapped = standaloneDoc || wrappedShare >= 0.3;
  const widths = lines.map((l) => displayWidth(l.text)).sort((a, b) => a - b);
  const width = widths[Math.floor(widths.length * 0.9)] ?? 0;
  const headWidths = heads.map((h) => displayWidth(lines[h]?.text ?? '')).sort((a, b) => a - b);
  const headWidth = headWidths[Math.floor(headWidths.length * 0.9)] ?? 0;

  // Records must carry the document: annex forms after numbered articles are not records.
  const chars = (from: number, to: number): number => lines.slice(from, to).reduce((n, l) => n + l.text.length, 0);
  if (chars(0, heads[0] ?? 0) > chars(0, lines.length) * 0.4) return null;

  const units: PolicyUnit[] = [];
  const warnings: string[] = [];
  interface Card { ordinal: number; printed: number | null; title: string; text: string; section: number | null; parent?: string; basis?: PolicyBasis; start: number; end: number; empty: boolean }
  const body: Array<PolicyUnit | Card> = [];
  const firstGroup = lines.findIndex((l) => l.label !== null && groupLabels.has(l.label.name));
  const firstHead = Math.min(heads[0] ?? lines.length, firstGroup < 0 ? lines.length : firstGroup);
  // Web page chrome (字体大小：【 A- A A+ 】) is no part of the opening; breadcrumbs are no title.
  const pre = lines.slice(0, firstHead).filter((l) => !/^(?:[A-Za-z]{0,2}[+\-]?|[【】[\]]|字体大小[：:].*)$/u.test(l.text));
  if (pre.length > 0) {
    const title = pre.find((l) => !/>.*>/u.test(l.text))?.text ?? '';
    const text = paragraphs(pre, wrapped, width, true).join('\n');
    units.push({ ref: 'preamble', kind: 'preamble', number: null, section: null, title: [...title].length <= 64 ? title : '', text, units: [], source: { start: pre[0]?.start ?? 0, end: pre[pre.length - 1]?.end ?? 0 } });
  }

  // Sections: group label lines and numbered outer headings inside header blocks.
  let topScheme: string | null = null;
  let top: { number: number; ref: string } | null = null;
  let parent: string | undefined;
  let groups = 0;
  const subCount = new Map<string, number>();
  const addSection = (l: TextLine, scheme: string | null, printed: number | null, title: string): void => {
    if (topScheme === null) topScheme = scheme ?? 'group';
    const source = { start: l.start, end: l.end };
    if ((scheme ?? 'group') === topScheme || top === null) {
      const number = printed ?? ++groups;
      top = { number, ref: `s${number}` };
      parent = top.ref;
      body.push({ ref: top.ref, kind: 'section', number, section: number, title, text: l.text, units: [], source });
      return;
    }
    const n = printed ?? (subCount.get(top.ref) ?? 0) + 1;
    subCount.set(top.ref, n);
    parent = `${top.ref}.${n}`;
    body.push({ ref: parent, kind: 'section', number: n, section: top.number, title, text: l.text, units: [], source, parent: top.ref });
  };

  const cards: Card[] = [];
  starts.forEach((s, k) => {
    const h = heads[k] ?? s;
    const group = lines[h - 1];
    if (group?.label !== null && group !== undefined && groupLabels.has(group.label.name)) addSection(group, null, null, group.text);
    const header = lines.slice(h, s);
    // Outer numbered headings (四、现代服务业篇, （一）金融服务业) open the block.
    let i = 0;
    while (i < header.length - 1) {
      const l = header[i];
      const marker = l === undefined ? null : detectMarker(l.text);
      const nextMarker = detectMarker(header[i + 1]?.text ?? '');
      if (l === undefined || marker === null || nextMarker === null || !isHeadingLine(l.text, marker) || SCHEME_RANK[marker.scheme] >= SCHEME_RANK[nextMarker.scheme]) break;
      addSection(l, marker.scheme, marker.number, l.text.slice(marker.length).trim());
      i++;
    }
    const headLine = header[i];
    const marker = headLine === undefined ? null : detectMarker(headLine.text);
    let title = headLine === undefined ? '' : headLine.text.slice(marker?.length ?? 0).trim();
    // Part of the first value printed above its label (《…（试 / 依据文件 / 行）》), set aside
    // before the heading is read so that it does not count as a heading line.
    let rest = header.length;
    const opensValue = (t: string): boolean => t.startsWith('《') && (unclosedBracket(t) >= 0 || opensTitle(t));
    while (rest > i + 1 && opensValue(header[rest - 1]?.text ?? '')) rest--;
    const spill = header.slice(rest);
    let j = i + 1;
    // A heading wrapped at the (wider) heading width continues on the next line, unless that line
    // restates the heading (the card's subtitle).
    const continues = (next: string, remaining: number): boolean =>
      detectMarker(next) === null && !next.startsWith(title.slice(0, 4)) && !title.includes(next) && (remaining >= 2 || displayWidth(next) < headWidth * 0.5);
    while (j < rest && displayWidth(header[j - 1]?.text ?? '') >= headWidth * 0.85 && continues(header[j]?.text ?? '', rest - j)) {
      title += header[j]?.text ?? '';
      j++;
    }
    const subtitle = header.slice(j, rest);
    const end = k + 1 < starts.length ? (heads[k + 1] ?? lines.length) - (groupLabels.has(lines[(heads[k + 1] ?? 0) - 1]?.label?.name ?? '') ? 1 : 0) : lines.length;
    const fields: Field[] = [];
    for (const l of lines.slice(s, end)) {
      if (l.label !== null && !groupLabels.has(l.label.name)) fields.push({ name: l.label.name, lines: l.label.standalone ? [] : [l], standalone: l.label.standalone });
      else if (fields.length === 0) fields.push({ name: '', lines: [l], standalone: false });
      else fields[fields.length - 1]?.lines.push(l);
    }
    if (spill.length > 0 && fields[0] !== undefined) fields[0].lines.unshift(...spill);
    settleFields(fields);
    const values = fields.map((f) => ({ name: f.name, value: paragraphs(f.lines, wrapped, width).join('\n') }));
    const subtitleText = subtitle.length > 0 ? paragraphs(subtitle, true, Number.POSITIVE_INFINITY, false, false).join('') : '';
    const text = [title, ...(subtitleText.length > 0 && subtitleText !== title ? [subtitleText] : []), ...values.map((v) => (v.name.length > 0 ? `${v.name}：${v.value}` : v.value))].join('\n');
    const last = lines[end - 1] ?? lines[s];
    const card: Card = {
      ordinal: k + 1,
      printed: marker !== null && marker.scheme !== 'circled' ? marker.number : null,
      title,
      text,
      section: top?.number ?? null,
      parent,
      basis: basisOf(values),
      start: lines[h]?.start ?? 0,
      end: last?.end ?? 0,
      empty: values.every((v) => v.value.length === 0),
    };
    cards.push(card);
    body.push(card);
  });

  // Printed numbers as refs when unique across the document, else the running card number.
  const printed = cards.map((c) => c.printed);
  const unique = printed.every((p) => p !== null) && new Set(printed).size === printed.length;
  const refOf = (c: Card): string => (unique ? String(c.printed) : `card${c.ordinal}`);
  for (const entry of body) {
    if ('ref' in entry) {
      units.push(entry);
      continue;
    }
    const c = entry;
    const ref = refOf(c);
    units.push({
      ref,
      kind: 'clause',
      number: unique ? c.printed : c.ordinal,
      section: c.section,
      title: c.title,
      text: c.text,
      units: [],
      source: { start: c.start, end: c.end },
      ...(c.parent !== undefined ? { parent: c.parent } : {}),
      ...(c.basis !== undefined ? { basis: c.basis } : {}),
    });
    if (c.title.length === 0) warnings.push(`第${c.ordinal}条记录没有标题`);
    if (c.empty) warnings.push(`单元 ${ref} 没有正文`);
  }
  const withBasis = cards.filter((c) => c.basis !== undefined).length;
  if (withBasis > 0 && withBasis < cards.length) {
    const missing = cards.filter((c) => c.basis === undefined).map(refOf);
    warnings.push(`以下单元未找到依据文件：${missing.join('、')}`);
  }
  return { units, warnings };
}
