// Question-and-answer pages (政策问答): each 问：… 答：… pair, or each numbered question
// (一、…？) with the answer under it, becomes one clause unit `q<n>` titled by the question. Pure.

import type { PolicyUnit } from '../domain/types.js';
import type { Paragraph } from './segment-paragraphs.js';

const QUESTION = /^(?:问题?\s*\d*|Q\d*)\s*[：:]\s*/u;
const ANSWER = /^(?:答|A)\s*[：:]\s*/u;

/** Units of a 问：/答： page, or null when the text has fewer than two question-answer pairs. */
export function segmentQa(paragraphs: Paragraph[]): { units: PolicyUnit[]; warnings: string[] } | null {
  const questions = paragraphs.flatMap((p, i) => (QUESTION.test(p.text) ? [i] : []));
  const answers = paragraphs.filter((p) => ANSWER.test(p.text)).length;
  if (questions.length < 2 || answers < questions.length / 2) return null;
  const units: PolicyUnit[] = [];
  const warnings: string[] = [];
  const first = questions[0] ?? 0;
  const pre = paragraphs.slice(0, first);
  if (pre.length > 0) {
    units.push({ ref: 'preamble', kind: 'preamble', number: null, section: null, title: pre[0]?.text.slice(0, 64) ?? '', text: pre.map((p) => p.text).join('\n'), units: [], source: { start: pre[0]?.start ?? 0, end: pre[pre.length - 1]?.end ?? 0 } });
  }
  questions.forEach((q, k) => {
    const end = questions[k + 1] ?? paragraphs.length;
    const own = paragraphs.slice(q, end);
    const head = own[0];
    if (head === undefined) return;
    // The question may run over several paragraphs up to its 答：.
    const answerAt = own.findIndex((p) => ANSWER.test(p.text));
    const questionParts = own.slice(0, answerAt < 0 ? 1 : answerAt).map((p) => p.text.replace(QUESTION, ''));
    const title = questionParts.join('');
    if (answerAt < 0) warnings.push(`问题 q${k + 1}「${title.slice(0, 20)}」没有找到答复`);
    const text = own.map((p) => p.text).join('\n');
    units.push({ ref: `q${k + 1}`, kind: 'clause', number: k + 1, section: null, title, text, units: [], source: { start: head.start, end: own[own.length - 1]?.end ?? head.end } });
  });
  return { units, warnings };
}
