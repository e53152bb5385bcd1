// Mutually exclusive alternatives (pure): levels, listing boards, kinds of tax, degrees. Asked about
// one ("国家级的…奖多少", "增值税有优惠吗") and answered from sentences that name only others of the
// same set (省级、市级…; 企业所得税…), the answer is about something else. See corpus/dict/alternatives.txt.

/** One set; each slot is a member and its other names. Ranked sets run from the highest down. */
export interface AlternativeSet {
  slots: string[][];
  ranked: boolean;
}

/**
 * One set per line, members separated by spaces, other names of a member joined by "|"; a line
 * starting with ">" is ranked from the highest member down, so "省级以上" covers 国家级.
 */
export function parseAlternatives(text: string): AlternativeSet[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const ranked = l.startsWith('>');
      const slots = l.replace(/^>\s*/u, '').split(/\s+/).filter(Boolean).map((m) => m.split('|').filter(Boolean));
      return { slots, ranked };
    })
    .filter((s) => s.slots.length >= 2);
}

/** Slots of the set named in a text, a longer name winning where names overlap (企业所得税 over 所得税). */
function slotsIn(text: string, set: AlternativeSet): Map<number, number[]> {
  const found: Array<{ slot: number; at: number; end: number }> = [];
  set.slots.forEach((names, slot) => {
    for (const name of names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) found.push({ slot, at, end: at + name.length });
    }
  });
  // Drop a name inside a longer name of another member (增值税 inside 土地增值税).
  const kept = found.filter((f) => !found.some((g) => g !== f && g.slot !== f.slot && g.at <= f.at && g.end >= f.end && g.end - g.at > f.end - f.at));
  const out = new Map<number, number[]>();
  for (const f of kept) out.set(f.slot, [...(out.get(f.slot) ?? []), f.end]);
  return out;
}

/** "省级以上" covers the ranks above 省级, "市级及以下" those below. */
function covers(text: string, set: AlternativeSet, named: Map<number, number[]>, asked: number): boolean {
  if (!set.ranked) return false;
  for (const [slot, ends] of named) {
    for (const end of ends) {
      const after = text.slice(end, end + 3);
      if (/^(及|和)?以上/u.test(after) && asked < slot) return true;
      if (/^(及|和)?以下/u.test(after) && asked > slot) return true;
    }
  }
  return false;
}

/** The asker saying who they are: "我是内地的大学生", "我们属于港澳企业", "作为本科生". */
const SELF = /(?:我|我们|本人|俺|咱|我家|我们家|我们公司|我们单位)(?:是|属于)|作为|身为/gu;

/**
 * The members the question asks about. Where the asker says who they are, that wins over other
 * members the question names: "我是内地学生，港澳青年的补贴我能领吗" asks about 内地, and 港澳 only
 * names the measure.
 */
function askedSlots(question: string, set: AlternativeSet): Map<number, number[]> {
  for (const m of question.matchAll(SELF)) {
    const phrase = question.slice(m.index + m[0].length).split(/[，。,？?！!；;、]/u)[0]!;
    const own = slotsIn(phrase, set);
    if (own.size) return own;
  }
  return slotsIn(question, set);
}

/** What a sentence names only to leave it out: "（不含…）", "不包括…", "除…外". */
const EXCLUDED = /(不含|不包括|不包含)[^，。；;）)]*|除[^，。；;）)]{1,20}(以外|之外|外)/gu;

/**
 * The member the question asks about when the answer's sentences name other members of its set
 * and never it (nor a range that covers it); undefined otherwise.
 */
export function unstatedAlternative(question: string, answerText: string, sets: readonly AlternativeSet[]): string | undefined {
  return alternativeGap(question, answerText, sets)?.asked;
}

/** The member asked about and unstated, with the members the answer names instead (in its words). */
export function alternativeGap(question: string, answerText: string, sets: readonly AlternativeSet[]): { asked: string; instead: string[] } | undefined {
  // A member named only to be left out ("不含房地产住宅类项目", "除港股外") is not one the answer gives.
  const given = answerText.replace(EXCLUDED, '');
  for (const set of sets) {
    const asked = askedSlots(question, set);
    if (asked.size === 0) continue;
    const stated = slotsIn(given, set);
    if (stated.size === 0 || [...asked.keys()].some((s) => stated.has(s))) continue;
    const missing = [...asked.keys()].find((s) => !covers(given, set, stated, s));
    // In the asker's own words (港股 rather than 港交所).
    if (missing === undefined) continue;
    const instead = [...stated.keys()].map((slot) => set.slots[slot]!.find((n) => given.includes(n))!);
    return { asked: set.slots[missing]!.find((n) => question.includes(n)) ?? set.slots[missing]![0]!, instead };
  }
  return undefined;
}
