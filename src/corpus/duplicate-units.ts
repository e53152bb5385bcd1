// Units of one document that say the same thing (pure): a source that repeats a card or clause
// word for word (the Beijing guide's card67 and card71) is worth a staff member's look, since the
// two compete for every question about it and only one is what the issuer meant.

/** Units shorter than this (after removing spaces) are headings or stubs, not repeated measures. */
const MIN_CHARS = 20;

/** One warning per group of units whose texts are equal once whitespace is removed. */
export function duplicateUnitWarnings(units: ReadonlyArray<{ ref: string; text: string }>): string[] {
  const byText = new Map<string, string[]>();
  for (const u of units) {
    const key = u.text.replace(/\s+/gu, '');
    if ([...key].length < MIN_CHARS) continue;
    const refs = byText.get(key);
    if (refs) refs.push(u.ref);
    else byText.set(key, [u.ref]);
  }
  return [...byText.values()].filter((refs) => refs.length > 1).map((refs) => `单元 ${refs.join('、')} 的正文完全相同，请核对原文是否重复`);
}
