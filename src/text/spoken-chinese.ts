// Spoken Cantonese written down (pure): a question typed on a Guangzhou portal ("有冇补贴", "开咗间铺")
// uses words standard written Chinese never does. They are read as their Mandarin words before the
// question is understood; the asker's own text is what is stored and shown.

/** Cantonese written forms with no other reading in written Mandarin, and the Mandarin word for each. */
const CANTONESE: ReadonlyArray<readonly [string, string]> = [
  ['有冇', '有没有'], ['系咪', '是不是'], ['係咪', '是不是'], ['乜嘢', '什么'], ['点解', '为什么'], ['点样', '怎样'],
  ['边度', '哪里'], ['边个', '哪个'], ['而家', '现在'], ['佢哋', '他们'], ['我哋', '我们'], ['你哋', '你们'],
  ['后生仔', '年轻人'], ['铺头', '店铺'], ['开档', '开店'], ['返工', '上班'], ['唔该', '请问'],
  ['几耐', '多久'], ['几多', '多少'], ['几时', '什么时候'], ['点算', '怎么办'],
  ['冇', '没有'], ['嘅', '的'], ['咗', '了'], ['喺', '在'], ['佢', '他'], ['啲', '些'], ['咩', '什么'], ['唔', '不'],
  ['睇', '看'], ['揾', '找'], ['嚟', '来'], ['畀', '给'], ['俾', '给'], ['嗰', '那'], ['咁', '这么'], ['啱', '对'], ['攞', '拿'], ['嘢', '东西'],
];
const PATTERN = new RegExp(CANTONESE.map(([c]) => c).join('|'), 'gu');
const MANDARIN = new Map(CANTONESE);

/** The text with its written Cantonese words read as Mandarin ("有冇补贴" → "有没有补贴"). */
export function asMandarin(text: string): string {
  // "咁每年补几多？": 咁 opening a sentence links it to what was said (那), elsewhere it is 这么 (咁多).
  return text.replace(/(^|[，。？！,.?!\s])咁/gu, '$1那').replace(PATTERN, (w) => MANDARIN.get(w)!);
}
