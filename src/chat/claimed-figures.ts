// Figures a question claims a measure grants ("每辆还能再补5000块", "奖励是20万吗") as opposed to
// the asker's own figures ("研发花了500万", "贷款300来万") (pure). A claimed amount that the best
// unit does not state means the corpus has no such measure: the chat says so instead of answering
// from the nearest clause.
import { extractFigures, ungroundedFigures, type Figure } from './extract-figures.js';

/** Words just before an amount that make it a benefit's amount. */
const BENEFIT_BEFORE = /(补|贴|奖|给|发|返|退|减|免|优惠|资助|扶持|上限|最高|封顶)[^，。；？?！!]{0,4}$/u;
/** Words just before an amount that make it the asker's own figure. */
const OWN_BEFORE = /(花|投|投入|贷|借|营收|收入|营业额|销售|产值|工资|租金|房租|成本|费用|交了|缴|买了|赚|亏|研发|规模|注册资本)[^，。；？?！!]{0,4}$/u;

export function claimedAmounts(question: string): Figure[] {
  const out: Figure[] = [];
  for (const f of extractFigures(question)) {
    if (f.kind !== 'amount') continue;
    const at = question.indexOf(f.text);
    const before = question.slice(Math.max(0, at - 8), at);
    if (BENEFIT_BEFORE.test(before) && !OWN_BEFORE.test(before)) out.push(f);
  }
  return out;
}

/** Claimed amounts none of the texts states. */
export function unstatedClaims(question: string, texts: string[]): Figure[] {
  const claims = claimedAmounts(question);
  if (claims.length === 0) return [];
  const unstated = new Set(ungroundedFigures(claims.map((c) => c.text).join('，'), texts).map((f) => f.text));
  return claims.filter((c) => unstated.has(c.text));
}
