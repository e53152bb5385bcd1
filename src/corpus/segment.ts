// Segments one published policy document into citable units: preamble, sections, clauses and
// closing, each with normalised text and its source span in the raw text. Pure.

import type { PolicyUnit } from '../domain/types.js';
import { trimEndChars } from '../text/normalize.js';
import { buildParagraphs, type Paragraph } from './segment-paragraphs.js';
import { findFooterStart, findOwnTextStart, isClosingParagraph, isFrameLine, isMasthead } from './segment-frame.js';
import { isTitleLike, type NumberingScheme } from './segment-markers.js';
import { parseHeadingLead, splitResponsibilityTail } from './segment-responsibility.js';
import { segmentQa } from './segment-qa.js';
import { segmentRecords } from './segment-records.js';
import { inferStructure, type Heading } from './segment-structure.js';

export type { NumberingScheme } from './segment-markers.js';

export interface SegmentResult {
  units: PolicyUnit[];
  warnings: string[];
}

export interface SegmentOptions {
  /** Keep a 通知 cover letter in the preamble (default false: the preamble starts at the policy's own title). */
  includeCoverLetter?: boolean;
  /** Force the numbering scheme of sections (null = none); inferred by default. */
  sectionScheme?: NumberingScheme | null;
  /** Force the numbering scheme of clauses; inferred by default. */
  clauseScheme?: NumberingScheme;
}

/** Start of an annex: 附件：…, 附件1, 附表：1. … (alone or before the annex title). */
const ANNEX = /^(?:附件|附表)\s*[\d一二三四五六七八九十]*\s*(?:[：:]\s*|$)/u;

function span(paragraphs: Paragraph[]): { start: number; end: number } {
  return { start: paragraphs[0]?.start ?? 0, end: paragraphs[paragraphs.length - 1]?.end ?? 0 };
}

function firstSentence(text: string): string {
  const m = /^[^。！？]*[。！？]/u.exec(text);
  const sentence = m !== null ? m[0] : text;
  return trimEndChars(sentence, '。！？：；， \t\n\r\f\v\u00a0\u3000').trim();
}

/**
 * Segments raw published text (as in corpus/raw/*.txt) into units in document order.
 *
 * 1. `buildParagraphs`: lines → normalised paragraphs (page markers and running headers dropped,
 *    hard wraps and page breaks joined, width and spacing repaired; spaces next to CJK are always
 *    removed, so the seed's stray `政策 and 政府` reads `政策and政府`).
 * 2. The 抄送 list and issuer/date footer are cut off; `inferStructure` picks the section and
 *    clause numbering schemes and keeps only headings that continue the sequence.
 * 3. Each heading owns the paragraphs up to the next heading; the clause's trailing
 *    （责任单位：…） / [..] / 【..】 becomes `units`; after the last clause come the closing paragraphs.
 * Problems that do not stop segmentation (numbering restarts, skipped markers) go to `warnings`.
 */
export function segmentDocument(raw: string, options: SegmentOptions = {}): SegmentResult {
  const { includeCoverLetter = false } = options;
  // Policy cards, lists by 服务对象 and guides: records of labelled fields, not numbered clauses.
  const records = options.clauseScheme === undefined && options.sectionScheme === undefined ? segmentRecords(raw) : null;
  if (records !== null) return records;
  const paragraphs = buildParagraphs(raw);
  const qa = options.clauseScheme === undefined ? segmentQa(paragraphs) : null;
  if (qa !== null) return qa;
  const body = paragraphs.slice(0, findFooterStart(paragraphs));
  const structure = inferStructure(body, { sectionScheme: options.sectionScheme, clauseScheme: options.clauseScheme });
  const warnings = [...structure.warnings];
  const units: PolicyUnit[] = [];

  type Head = Heading & { kind: 'section' | 'clause' };
  const heads: Head[] = [
    ...structure.sections.map((h) => ({ ...h, kind: 'section' as const })),
    ...structure.clauses.map((h) => ({ ...h, kind: 'clause' as const })),
  ].sort((a, b) => a.index - b.index);
  const firstHead = heads[0]?.index ?? body.length;

  // Preamble: the policy's own opening (title line and introductory paragraphs).
  const prefix = body.slice(0, firstHead);
  const ownStart = findOwnTextStart(prefix);
  // Mastheads (温州市财政局文件) and document numbers are letterhead, not the policy's opening.
  const own = includeCoverLetter ? prefix : prefix.slice(ownStart).filter((p) => !isMasthead(p.text));
  if (own.length > 0) {
    const candidate = prefix.slice(ownStart).find((p) => !isMasthead(p.text) && !isFrameLine(p.text))?.text ?? '';
    const title = isTitleLike(candidate) && [...candidate].length <= 64 ? candidate : '';
    units.push({ ref: 'preamble', kind: 'preamble', number: null, section: null, title, text: own.map((p) => p.text).join('\n'), units: [], source: span(own) });
  }

  // Paragraphs owned by each heading, up to the next heading.
  const owned = heads.map((h, i) => {
    const next = heads[i + 1]?.index ?? body.length;
    const rest: Paragraph[] = [];
    for (let j = h.index + 1; j < next; j++) {
      const p = body[j];
      if (p !== undefined && !structure.structural.has(j)) rest.push(p);
    }
    return rest;
  });

  // Closing: paragraphs after the last clause's responsibility note, or from a closing phrase on.
  let closing: Paragraph[] = [];
  const lastIdx = heads.length - 1;
  const last = heads[lastIdx];
  const lastRest = owned[lastIdx];
  if (last !== undefined && lastRest !== undefined) {
    const clauseHeads = heads.map((h, i) => ({ h, i })).filter((x) => x.h.kind === 'clause');
    const withTail = clauseHeads.filter(({ h, i }) => [body[h.index], ...(owned[i] ?? [])].some((p) => p !== undefined && splitResponsibilityTail(p.text) !== null));
    let cut = -1;
    if (last.kind === 'clause' && withTail.length * 2 >= clauseHeads.length && clauseHeads.length > 0) {
      const all = [body[last.index], ...lastRest];
      const tailAt = all.findIndex((p) => p !== undefined && splitResponsibilityTail(p.text) !== null);
      if (tailAt >= 0) cut = tailAt; // paragraphs after index `tailAt` of `all` → lastRest[tailAt..]
    }
    if (cut < 0) {
      const signal = lastRest.findIndex((p) => isClosingParagraph(p.text));
      if (signal >= 0) cut = signal;
    }
    if (cut >= 0 && cut < lastRest.length) {
      closing = lastRest.slice(cut);
      owned[lastIdx] = lastRest.slice(0, cut);
    }
  }

  // Annexes (附件 / 附表: application steps, forms flattened one table cell per line) follow the
  // last clause or the closing; they become one annex unit, never clauses of their own.
  let annex: Paragraph[] = [];
  const annexIn = (list: Paragraph[]): number => list.findIndex((p) => ANNEX.test(p.text));
  if (closing.length > 0 && annexIn(closing) >= 0) {
    const at = annexIn(closing);
    annex = closing.slice(at);
    closing = closing.slice(0, at);
  } else if (lastRest !== undefined) {
    const rest = owned[lastIdx] ?? [];
    const at = annexIn(rest);
    if (at >= 0) {
      annex = rest.slice(at);
      owned[lastIdx] = rest.slice(0, at);
    }
  }

  // Numbering that restarts under each section: refs s<section>.<n> with the printed numbers, when
  // they are unique; otherwise (restarts under a lower level) clauses are numbered across the document.
  let sectionOf: number | null = null;
  const restartRefs = structure.restarted
    ? heads.map((h) => {
        if (h.kind === 'section') sectionOf = h.number;
        return h.kind === 'clause' && sectionOf !== null ? `s${sectionOf}.${h.number}` : null;
      })
    : [];
  const restartRefsOk = structure.restarted && restartRefs.every((r, i) => r !== null || heads[i]?.kind === 'section') && new Set(restartRefs.filter((r) => r !== null)).size === structure.clauses.length;
  if (structure.restarted) {
    warnings.push(
      restartRefsOk
        ? `条款编号（${structure.clauseScheme}）在各部分下重新从1开始，单元编号采用“s部分.序号”（如 s2.3）`
        : `条款编号（${structure.clauseScheme}）在各标题下重新从1开始，已按全文顺序编为第1至${structure.clauses.length}条`,
    );
  }

  let section: number | null = null;
  heads.forEach((h, i) => {
    const head = body[h.index];
    if (head === undefined) return;
    const rest = owned[i] ?? [];
    const headText = head.text.slice(h.marker.length).trim();
    const source = span([head, ...rest]);
    if (h.kind === 'section') {
      section = h.number;
      const { title, units: leads } = parseHeadingLead(headText);
      const text = rest.length > 0 ? rest.map((p) => p.text).join('\n') : title;
      units.push({ ref: `s${h.number}`, kind: 'section', number: h.number, section: h.number, title, text, units: leads, source });
      return;
    }
    let text = [headText, ...rest.map((p) => p.text)].join('\n');
    const tail = splitResponsibilityTail(text);
    if (tail !== null) text = tail.body;
    const title = firstSentence(headText);
    // Printed numbers, never renumbered, except where restarts would repeat a ref.
    const fallback = structure.restarted && !restartRefsOk;
    const ref = restartRefsOk ? (restartRefs[i] ?? String(h.number)) : String(fallback ? h.ordinal : h.number);
    const number = fallback ? h.ordinal : h.number;
    units.push({ ref, kind: 'clause', number, section, title, text, units: tail?.units ?? [], source });
  });

  // A page of numbered questions (一、…？ with the answer below): refs q<n>, titled by the question.
  const asked = units.filter((u) => u.kind === 'clause');
  const clauseHeads = heads.filter((h) => h.kind === 'clause');
  const isQuestion = (h: Head | undefined): boolean => /[？?]$/u.test(body[h?.index ?? -1]?.text ?? '');
  if (asked.length >= 2 && asked.length === clauseHeads.length && !structure.restarted && !units.some((u) => u.kind === 'section') && clauseHeads.every(isQuestion)) {
    for (const u of asked) {
      u.ref = `q${u.number}`;
      u.title = u.title.length > 0 ? `${u.title}？`.replace(/？+$/u, '？') : u.title;
    }
  }
  const clauses = units.filter((u) => u.kind === 'clause');
  const withoutUnits = clauses.filter((u) => u.units.length === 0);
  if (withoutUnits.length > 0 && withoutUnits.length < clauses.length) {
    warnings.push(`以下条款未注明责任单位：${withoutUnits.map((u) => u.ref).join('、')}`);
  }
  for (const u of units) if (u.kind === 'clause' && u.text.trim().length === 0) warnings.push(`单元 ${u.ref} 没有正文`);
  if (closing.length > 0) {
    units.push({ ref: 'closing', kind: 'closing', number: null, section: null, title: '', text: closing.map((p) => p.text).join('\n'), units: [], source: span(closing) });
  }
  if (annex.length > 0) {
    const title = annex.find((p) => !/^(?:附件|附表)\s*\d*\s*[：:]?$/u.test(p.text))?.text.replace(ANNEX, '').split(/附件|附表/u)[0]?.slice(0, 40) ?? '';
    units.push({ ref: 'annex', kind: 'annex', number: null, section: null, title, text: annex.map((p) => p.text).join('\n'), units: [], source: span(annex) });
    const cells = annex.filter((p) => [...p.text].length <= 12 && !/[。；]/u.test(p.text)).length;
    if (cells >= 20) warnings.push(`附件含表格（约${cells}个单元格逐行排列），已整体保留为一个附件单元，未切分为条款`);
  }
  return { units, warnings };
}
