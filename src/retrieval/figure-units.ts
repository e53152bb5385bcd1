// Which units of measure a text states figures in (pure): "今年47岁" states 岁, "种了80来亩" 亩.
// A question giving the asker's age, area or head count is about the clause stating a condition
// in that unit (年龄不超过45周岁, 50亩以上, 招用10人以上), not about its neighbour stating money.

const NUM = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千]+)';
/** Units specific enough to tell clauses apart (money and years are stated almost everywhere). */
const UNIT = '(周岁|岁|亩|平方米|平米|人|名|个月|吨|户)';
const FIGURE = new RegExp(`${NUM}\\s*(?:几|来|多|余|左右)?\\s*(?:个多|个)?\\s*${UNIT}`, 'gu');

const key = (u: string) => (u === '周岁' ? '岁' : u === '平米' ? '平方米' : u === '名' ? '人' : u);

/** The specific units the text states figures in, normalised (周岁 → 岁, 名 → 人). */
export function figureUnits(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(FIGURE)) {
    // "一亩补多少", "每人": the unit a benefit is paid in, not a figure.
    if (/^一\s*(?:个)?\s*\S$/u.test(m[0]) || text[m.index! - 1] === '每') continue;
    out.add(key(m[1]!));
  }
  return out;
}

/** Share of the question's figure units that the text also states figures in (0 when it gives none). */
export function figureUnitMatch(question: Set<string>, text: Set<string>): number {
  if (question.size === 0) return 0;
  let hit = 0;
  for (const u of question) if (text.has(u)) hit++;
  return hit / question.size;
}
