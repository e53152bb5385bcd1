// Everyday words per unit (corpus/expansions/<docId>.json, see its README): parsed and attached to
// the units they describe (pure). The index reads them beside the unit's text; answers never do.
import { z } from 'zod';
import type { CorpusUnit } from '../domain/types.js';

export const ExpansionFileSchema = z.object({
  docId: z.string().min(1),
  note: z.string().optional(),
  units: z.record(z.string(), z.string()),
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

/** Units with their everyday line (`everyday`); lines for refs the document no longer has are reported. */
export function attachExpansions(units: CorpusUnit[], files: ExpansionFile[]): { units: CorpusUnit[]; warnings: string[] } {
  const lines = new Map<string, string>();
  for (const f of files) for (const [ref, line] of Object.entries(f.units)) lines.set(`${f.docId}:${ref}`, line.trim());
  const keys = new Set(units.map((u) => u.key));
  const warnings = [...lines.keys()].filter((k) => !keys.has(k) && units.some((u) => u.docId === k.split(':')[0])).map((k) => `日常说法 ${k} 对应的单元不存在，已忽略`);
  return { units: units.map((u) => (lines.get(u.key) ? { ...u, everyday: lines.get(u.key)! } : u)), warnings };
}
