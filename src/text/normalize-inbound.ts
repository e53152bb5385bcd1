// Inbound text normalisation (pure, linear time): every text a client sends is passed through
// this once, at the HTTP edge (the zod request schemas), so that the guard, retrieval, matching
// and storage all see the same characters. Invisible characters (zero-width, soft hyphen, NUL,
// bidi marks, variation selectors) would otherwise split words: "小\u200b升规" is not "小升规"
// to the tokenizer, and "忽\u200b略" is not "忽略" to the injection guard.
import { toSimplified } from './simplified.js';

/**
 * Full-width punctuation that published Chinese policy text keeps (，。：；（）？！ …) and that
 * the corpus normaliser (src/text/normalize.ts, toHalfWidth) leaves alone. NFKC would turn it
 * into ASCII (，→, （→( …→...), so a question would no longer look like the corpus text that
 * sentence splitting, profile extraction and clause-boundary rules were written for. Everything
 * else NFKC changes (full-width letters and digits, ％ and ．, ligatures, circled and
 * superscript digits, half-width katakana, compatibility ideographs) is normalised.
 */
const KEEP_WIDE = String.raw`\uff01-\uff04\uff06-\uff0d\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff60\uffe0-\uffe6\u2026`;
const NFKC_RUN = new RegExp(`[^${KEEP_WIDE}]+`, 'gu');

/**
 * Characters with no visible form: Unicode format characters (Cf: zero-width space and joiners,
 * word joiner, soft hyphen, BOM, bidi controls, tags) and the other default-ignorable code points
 * (variation selectors, combining grapheme joiner, Hangul fillers, Mongolian selectors), plus the
 * C0/C1 controls that are not whitespace (NUL, ESC, DEL, …).
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\0-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]/gu;
/** Whitespace runs; U+0085 (next line) is a C1 control that JavaScript's \s does not include. */
const SPACE_RUN = /[\s\x85]+/gu;
const LINE_BREAK = /[\n\r\x85\u2028\u2029]/u;

export interface InboundTextOptions {
  /** Traditional characters become Simplified (questions and descriptions, not names or comments). */
  simplified?: boolean;
  /**
   * Keep line breaks (a run of blank space containing one becomes a single "\n"). For texts read
   * as several statements (a company description, a feedback comment). Otherwise line breaks
   * become spaces: a question is one line, and the guard's patterns must see across them.
   */
  keepLineBreaks?: boolean;
}

/**
 * NFKC (except the full-width punctuation above), invisible and control characters removed,
 * each whitespace run collapsed to one space (or one line break), trimmed. Every step is a
 * single left-to-right pass, so the cost is linear in the input length.
 */
export function normalizeInbound(input: string, { keepLineBreaks = false, simplified = false }: InboundTextOptions = {}): string {
  // Invisibles go first so that NFKC composes across them ("e\u200b\u0301" → "é"), and again
  // after, because NFKC maps a few characters to other ignorables (U+3164 → U+1160).
  const normalized = input
    .replace(INVISIBLE, '')
    .replace(NFKC_RUN, (run) => run.normalize('NFKC'))
    .replace(INVISIBLE, '')
    .replace(SPACE_RUN, (run) => (keepLineBreaks && LINE_BREAK.test(run) ? '\n' : ' '))
    .trim();
  return simplified ? toSimplified(normalized) : normalized;
}
