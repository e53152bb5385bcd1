// Everyday words per unit (corpus/expansions/<docId>.json, see its README): parsed and attached to
// the units they describe (pure). The index reads them beside the unit's text; answers never do.
import { z } from 'zod';
import type { CorpusUnit, SentenceWords } from '../domain/types.js';

export const ExpansionFileSchema = z.object({
  docId: z.string().min(1),
  note: z.string().optional(),
  units: z.record(z.string(), z.string()).default({}),
  /** Per unit, everyday words of single sentences, each found by a verbatim anchor inside it. */
  sentences: z.record(z.string(), z.array(z.object({ anchor: z.string().min(2), words: z.string().min(1) }))).default({}),
  /** Per unit, questions people would ask that one of its sentences (the anchor's) answers. */
  questions: z.record(z.string(), z.array(z.object({ q: z.string().min(2), anchor: z.string().min(2) }))).default({}),
});
export type ExpansionFile = z.infer<typeof ExpansionFileSchema>;

/** Parses one file; a broken file is reported, never fatal (the unit's own text still indexes). */
export function parseExpansionFile(name: string, json: string): { file: ExpansionFile | null; warning?: string } {
  try {
    const parsed = ExpansionFileSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return { file: null, warning: `${name}：格式不符（${parsed.error.issues[0]?.message ?? '未知错误'}），已忽略` };
    return { file: parsed.data };
  } catch (err) {
    return { file: null, warning: `${name}：不是有效的 JSON（${(err as Error).message}），已忽略` };
  }
}

/**
 * Units with their everyday line (`everyday`) and sentence words (`sentenceWords`); lines for refs
 * the document no longer has, and anchors its text no longer holds, are reported and dropped.
 */
export function attachExpansions(units: CorpusUnit[], files: ExpansionFile[]): { units: CorpusUnit[]; warnings: string[] } {
  const lines = new Map<string, string>();
  const sentenceLines = new Map<string, SentenceWords[]>();
  for (const f of files) {
    for (const [ref, line] of Object.entries(f.units)) lines.set(`${f.docId}:${ref}`, line.trim());
    const add = (ref: string, list: SentenceWords[]) => {
      const key = `${f.docId}:${ref}`;
      sentenceLines.set(key, [...(sentenceLines.get(key) ?? []), ...list]);
    };
    for (const [ref, list] of Object.entries(f.sentences)) add(ref, list.map((w) => ({ anchor: w.anchor, words: w.words.trim() })));
    // A question is read like the words of the sentence it is anchored to.
    for (const [ref, list] of Object.entries(f.questions)) add(ref, list.map((x) => ({ anchor: x.anchor, words: x.q.trim() })));
  }
  const byKey = new Map(units.map((u) => [u.key, u]));
  const heldDoc = (k: string) => units.some((u) => u.docId === k.split(':')[0]);
  const warnings = [...new Set([...lines.keys(), ...sentenceLines.keys()])].filter((k) => !byKey.has(k) && heldDoc(k)).map((k) => `日常说法 ${k} 对应的单元不存在，已忽略`);
  for (const [k, list] of sentenceLines) {
    const text = byKey.get(k)?.text;
    if (text === undefined) continue;
    for (const w of list) if (!text.includes(w.anchor)) warnings.push(`日常说法 ${k} 的锚点“${w.anchor}”不在原文中，已忽略`);
  }
  return {
    units: units.map((u) => {
      const everyday = lines.get(u.key);
      const sentenceWords = sentenceLines.get(u.key)?.filter((w) => u.text.includes(w.anchor));
      if (!everyday && !sentenceWords?.length) return u;
      return { ...u, ...(everyday ? { everyday } : {}), ...(sentenceWords?.length ? { sentenceWords } : {}) };
    }),
    warnings,
  };
}
