// Answer text → segments: plain text and citation chips. Answers carry plain-text markers such as
// 〔第11条〕 whose label matches a citation's label. Document numbers use the same brackets
// (温政办〔2024〕11号), so only labels that look like clause/section labels, or that a citation
// names, become chips.

export interface CitationLike {
  ref: string;
  label: string;
}

export type AnswerSegment =
  | { kind: 'text'; text: string }
  | { kind: 'chip'; label: string; ref: string | null };

const MARKER = /〔([^〔〕\n]{1,40})〕/gu;
const LABEL_SHAPE = /^(第[0-9一二三四五六七八九十百零]+(条|部分)(\s.*)?|序言|结语)$/u;

/** The ref a label points at: from the citations when known, else from 第N条. */
export function refForLabel(label: string, citations: readonly CitationLike[]): string | null {
  const exact = citations.find((c) => c.label === label || c.label.split(' ')[0] === label);
  if (exact) return exact.ref;
  const n = /^第(\d+)条$/u.exec(label);
  if (n) return n[1]!;
  if (label === '序言') return 'preamble';
  if (label === '结语') return 'closing';
  return null;
}

export function isCitationLabel(label: string, citations: readonly CitationLike[]): boolean {
  return LABEL_SHAPE.test(label) || citations.some((c) => c.label === label);
}

export function splitAnswer(text: string, citations: readonly CitationLike[] = []): AnswerSegment[] {
  const out: AnswerSegment[] = [];
  let last = 0;
  const pushText = (t: string) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev?.kind === 'text') prev.text += t;
    else out.push({ kind: 'text', text: t });
  };
  for (const m of text.matchAll(MARKER)) {
    const label = m[1]!;
    if (!isCitationLabel(label, citations)) continue;
    pushText(text.slice(last, m.index));
    out.push({ kind: 'chip', label, ref: refForLabel(label, citations) });
    last = m.index! + m[0].length;
  }
  pushText(text.slice(last));
  return out;
}

/**
 * Removes validity notices the answerer appended to the answer text, so the client can show them
 * once, as a notice box, instead of twice.
 */
export function stripNotices(answer: string, notices: readonly string[]): string {
  let out = answer;
  for (const n of notices) {
    if (!n) continue;
    const i = out.lastIndexOf(n);
    if (i !== -1) out = out.slice(0, i) + out.slice(i + n.length);
  }
  return out.replace(/\n{3,}/gu, '\n\n').trimEnd();
}

/**
 * Removes the answerer's own short validity line ("提示：温政办〔2024〕11号实施期限至…，已届满…"),
 * which the conversation's validity bar already shows; call only when the answer carries
 * validity notices.
 */
export function stripValidityLines(answer: string): string {
  return answer.replace(/^提示：[^\n]*(实施期限|有效期|届满|尚未施行)[^\n]*$/gmu, '').replace(/\n{3,}/gu, '\n\n').trimEnd();
}

/** Unique citations in order of first appearance (one chip per clause in the sources row). */
export function uniqueCitations<C extends CitationLike>(citations: readonly C[]): C[] {
  const seen = new Set<string>();
  return citations.filter((c) => (seen.has(c.ref) ? false : (seen.add(c.ref), true)));
}
