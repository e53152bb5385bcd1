// Drafting rules with a model (when one is configured), verified and merged with the offline
// draft. The model is passed in (a structured-output chat model), the prompt is a versioned file
// (prompts/draft-rules.v1.md) loaded once by the caller. Every item the model proposes must quote
// its unit verbatim, name a registered fact, and (for money) state its figures in its quote;
// anything else is dropped and reported. Merged drafts stay reviewed:false.
//
// Merge rule (offline wins on conflicts):
// - A model condition conflicts with an offline leaf on the same fact. The offline leaf stays
//   unless the model's (verified) leaf is more specific: it narrows a set (its values a strict
//   subset of the offline `in`/`includesAny` values) or gives a comparison with a figure where the
//   offline leaf only tests presence (`truthy`) or has no value. Then the model's leaf replaces it.
// - A model benefit conflicts with an offline benefit whose quote overlaps its own. The offline
//   benefit stays unless it has no formula and the model gives a verified amount: then the offline
//   benefit gets the model's `fixed` formula (its own text and quote are kept).
// - Verified items without a conflict are added (conditions to the rule's top-level `all`).
import { z } from 'zod';
import type { PolicyUnit } from '../domain/types.js';
import { containsNormalized } from '../text/canonical.js';
import { isLeaf, leavesOf, OPS, type Condition, type LeafCondition } from './condition.js';
import type { FactRegistry } from './fact-registry.js';
import type { Formula } from './formula.js';
import { moneyFigures } from './quote-check.js';
import type { Benefit, Rule } from './rule-schema.js';

const Value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]).nullable();

export const LlmRuleDraftSchema = z.object({
  conditions: z.array(z.object({ fact: z.string(), op: z.string(), value: Value, description: z.string(), quote: z.string() })),
  benefits: z.array(z.object({ text: z.string(), quote: z.string(), amount: z.number().nullable(), cap: z.number().nullable() })),
});
export type LlmRuleDraft = z.infer<typeof LlmRuleDraftSchema>;

/** The one method drafting needs from a chat model (ChatOpenAI has it). */
export interface StructuredModel {
  withStructuredOutput(schema: typeof LlmRuleDraftSchema, opts: { name: string; method?: 'functionCalling' | 'jsonSchema' | 'jsonMode' }): {
    invoke(messages: Array<{ role: string; content: string }>, opts?: { signal?: AbortSignal }): Promise<unknown>;
  };
}

export interface UnitDraftInput {
  docTitle: string;
  unit: Pick<PolicyUnit, 'ref' | 'text'>;
  registry: FactRegistry;
}

export type LlmUnitDrafter = (input: UnitDraftInput) => Promise<LlmRuleDraft>;

export function createLlmUnitDrafter({ model, instructions, method = 'functionCalling', timeoutMs = 30_000 }: { model: StructuredModel; instructions: string; method?: 'functionCalling' | 'jsonSchema' | 'jsonMode'; timeoutMs?: number }): LlmUnitDrafter {
  const structured = model.withStructuredOutput(LlmRuleDraftSchema, { name: 'draft_rule', method });
  return async ({ docTitle, unit, registry }) => {
    const facts = [...registry.facts.values()].map((f) => {
      const values = f.values?.length ? `：${f.values.map((v) => `${v.id}=${v.label}`).join('，')}` : '';
      return `- ${f.id}（${f.label}，${f.type}${f.unit ? `，单位 ${f.unit}` : ''}）${values}`;
    });
    const user = `文件：${docTitle}\n条款 ${unit.ref}：\n${unit.text}\n\n可用事实：\n${facts.join('\n')}`;
    const out = await structured.invoke([{ role: 'system', content: instructions }, { role: 'user', content: user }], { signal: AbortSignal.timeout(timeoutMs) });
    return LlmRuleDraftSchema.parse(out);
  };
}

export interface MergeReport {
  rule: Rule;
  merged: string[];
  dropped: string[];
}

const short = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

function moreSpecific(model: LeafCondition, offline: LeafCondition): boolean {
  if ((offline.op === 'in' || offline.op === 'includesAny') && Array.isArray(offline.value) && Array.isArray(model.value)) {
    const o = new Set(offline.value as unknown[]);
    return model.value.length > 0 && model.value.length < o.size && model.value.every((v) => o.has(v));
  }
  const comparison = ['gt', 'gte', 'lt', 'lte', 'monthsSinceLte', 'monthsSinceGte'].includes(model.op) && typeof model.value === 'number';
  return comparison && (offline.op === 'truthy' || offline.value === undefined);
}

function replaceLeaf(c: Condition, from: LeafCondition, to: LeafCondition): Condition {
  if (isLeaf(c)) return c === from ? to : c;
  if ('not' in c) return { ...c, not: replaceLeaf(c.not, from, to) };
  if ('all' in c) return { ...c, all: c.all.map((x) => replaceLeaf(x, from, to)) };
  return { ...c, any: c.any.map((x) => replaceLeaf(x, from, to)) };
}

/** Verifies the model's items against the unit and merges them into the offline rule (pure). */
export function mergeLlmDraft(offline: Rule, draft: LlmRuleDraft, unit: Pick<PolicyUnit, 'ref' | 'text'>, registry: FactRegistry): MergeReport {
  const merged: string[] = [];
  const dropped: string[] = [];
  let conditions: Condition = offline.conditions ?? { all: [] };
  const benefits: Benefit[] = offline.benefits.map((b) => ({ ...b }));
  const inUnit = (q: string) => q.trim().length > 0 && containsNormalized(unit.text, q);

  for (const c of draft.conditions) {
    const where = `条件“${short(c.description)}”`;
    if (!inUnit(c.quote)) dropped.push(`${where}：引文不在条款原文中（“${short(c.quote)}”）`);
    else if (!registry.facts.has(c.fact)) dropped.push(`${where}：事实“${c.fact}”未登记`);
    else if (!(OPS as readonly string[]).includes(c.op)) dropped.push(`${where}：比较方式“${c.op}”不受支持`);
    else {
      const leaf: LeafCondition = { fact: c.fact, op: c.op as LeafCondition['op'], ...(c.value !== null ? { value: c.value } : {}), description: c.description, quote: c.quote.trim() };
      const same = leavesOf(conditions).find((l) => l.fact === leaf.fact);
      if (!same) {
        conditions = 'all' in conditions ? { ...conditions, all: [...conditions.all, leaf] } : { all: [conditions, leaf] };
        merged.push(`新增${where}`);
      } else if (moreSpecific(leaf, same)) {
        conditions = replaceLeaf(conditions, same, leaf);
        merged.push(`${where}比离线草稿更具体，替换“${short(same.description)}”`);
      } else {
        merged.push(`${where}与离线草稿冲突，保留离线草稿`);
      }
    }
  }

  for (const b of draft.benefits) {
    const where = `待遇“${short(b.text)}”`;
    const stated = moneyFigures(b.quote);
    if (!inUnit(b.quote)) {
      dropped.push(`${where}：引文不在条款原文中（“${short(b.quote)}”）`);
      continue;
    }
    if ((b.amount !== null && !stated.includes(b.amount)) || (b.cap !== null && !stated.includes(b.cap))) {
      dropped.push(`${where}：金额未在引文中出现`);
      continue;
    }
    if (b.amount !== null && b.cap !== null && b.amount > b.cap) {
      dropped.push(`${where}：金额超过上限`);
      continue;
    }
    const formula: Formula | undefined = b.amount !== null ? { kind: 'fixed', amount: b.amount, result: 'subsidy', ...(b.cap !== null ? { cap: b.cap } : {}) } : undefined;
    const overlap = benefits.find((x) => containsNormalized(x.quote, b.quote) || containsNormalized(b.quote, x.quote));
    if (!overlap) {
      benefits.push({ text: b.text, quote: b.quote.trim(), ...(formula ? { formula } : {}) });
      merged.push(`新增${where}`);
    } else if (!overlap.formula && formula) {
      overlap.formula = formula;
      merged.push(`${where}给出离线草稿缺少的金额，补入公式`);
    } else {
      merged.push(`${where}与离线草稿冲突，保留离线草稿`);
    }
  }

  const added = merged.filter((m) => !m.endsWith('保留离线草稿')).length;
  const note = added ? `${offline.note ?? '离线起草'}；含大模型建议 ${added} 项（引文已核验），待工作人员核实` : offline.note;
  return { rule: { ...offline, reviewed: false, conditions, benefits, ...(note ? { note } : {}) }, merged, dropped };
}
