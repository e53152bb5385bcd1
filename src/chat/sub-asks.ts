// Questions that ask two things at once (pure): "要开满几年才能申请，一家最多能拿多少" wants the
// condition and the amount, "能领吗？去哪领" the answer and the place. Each part that asks
// something is an ask of its own, so the answer can quote a sentence for each.

import { asksQuestion } from './question-form.js';

/** The asking parts of a message when it has two or more, else []. */
export function subAsks(question: string): string[] {
  const parts = question
    .split(/[，,。？?！!；;\s]+/u)
    .map((p) => p.trim())
    .filter((p) => [...p].length >= 2);
  // "还有评上绿色工厂的，给什么奖": the part naming what is asked about goes with the ask after it,
  // within its sentence.
  const asks: string[] = [];
  let lead = '';
  for (const p of parts) {
    if (!asksQuestion(p)) {
      lead = ASK_OPENS.test(p) ? p : lead ? `${lead}，${p}` : '';
      continue;
    }
    asks.push(lead ? `${lead}，${p}` : p);
    lead = '';
  }
  return asks.length >= 2 ? asks : [];
}

/** A part that opens a further ask ("另外…", "还有…") or sets its condition ("要是企业新招的人很多，能申请多少"): what it names is what the next ask is about. */
const ASK_OPENS = /^(另外|还有|还想问|再问|顺便|对了|其次|二是|三是|(那)?(要是|如果|假如|假设|若是|换成))/u;
