// Questions that ask two things at once (pure): "要开满几年才能申请，一家最多能拿多少" wants the
// condition and the amount, "能领吗？去哪领" the answer and the place. Each part that asks
// something is an ask of its own, so the answer can quote a sentence for each.

/** Words that make a stretch of a message ask something. */
const ASK_FORM = /(多少|多久|多长|多大|几|哪|什么|啥|谁|怎么|咋|如何|是否|能否|可否|能不能|可不可以|有没有|要不要|算不算|行不行|吗|呢|么|不[?？]?$)/u;

/** The asking parts of a message when it has two or more, else []. */
export function subAsks(question: string): string[] {
  const parts = question
    .split(/[，,。？?！!；;\s]+/u)
    .map((p) => p.trim())
    .filter((p) => [...p].length >= 2 && ASK_FORM.test(p));
  return parts.length >= 2 ? parts : [];
}
