// Questions that ask two things at once (pure): "要开满几年才能申请，一家最多能拿多少" wants the
// condition and the amount, "能领吗？去哪领" the answer and the place. Each part that asks
// something is an ask of its own, so the answer can quote a sentence for each.

import { asksQuestion } from './question-form.js';

/** The asking parts of a message when it has two or more, else []. */
export function subAsks(question: string): string[] {
  const parts = question
    .split(/[，,。？?！!；;\s]+/u)
    .map((p) => p.trim())
    .filter((p) => [...p].length >= 2 && asksQuestion(p));
  return parts.length >= 2 ? parts : [];
}
