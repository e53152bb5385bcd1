// Eligibility rules as data: one file per document (corpus/rules/<docId>.rules.json), one rule
// per actionable unit, each condition and benefit carrying a verbatim quote of its unit. Files
// are drafted offline (`npm run cli -- draft-rules <docId>`, reviewed:false) or written and
// checked by staff (reviewed:true); a rule still unreviewed is shown as 待核实, never as 符合.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import { ConditionSchema, leavesOf, OPS, type Condition } from './condition.js';
import { FormulaSchema } from './formula.js';

export const ACTIONABILITIES = ['apply', 'automatic', 'indirect', 'internal'] as const;
export type Actionability = (typeof ACTIONABILITIES)[number];

export const BenefitSchema = z.strictObject({
  text: z.string().min(1),
  quote: z.string().min(1),
  formula: FormulaSchema.optional(),
  /** Only offered when this holds (or is still unknown). */
  when: ConditionSchema.optional(),
});
export type Benefit = z.infer<typeof BenefitSchema>;

/** What the drafter read, each with the sentence it read it from (kept for review and scoring). */
export const FindingSchema = z.strictObject({
  kind: z.enum(['subject', 'qualification', 'threshold', 'region', 'duration', 'amount', 'percentage', 'cap']),
  value: z.union([z.string(), z.number()]),
  op: z.enum(OPS).optional(),
  unit: z.string().optional(),
  fact: z.string().optional(),
  quote: z.string().min(1),
});

export const RuleSchema = z
  .strictObject({
    /** The unit's ref inside its document (11, s2, card3); the key is "<docId>:<ref>". */
    ref: z.string().min(1),
    /** Whether staff checked this rule; unreviewed rules never make a measure 符合. */
    reviewed: z.boolean(),
    audience: z.strictObject({ text: z.string().min(1), tags: z.array(z.string()).default([]) }),
    actionability: z.enum(ACTIONABILITIES),
    conditions: ConditionSchema.optional(),
    benefits: z.array(BenefitSchema).default([]),
    /** 0 (nothing for a business) .. 5 (direct money): a ranking hint. */
    value: z.number().int().min(0).max(5),
    note: z.string().optional(),
    findings: z.array(FindingSchema).optional(),
  })
  .refine((r) => r.actionability === 'internal' || (r.conditions !== undefined && r.benefits.length > 0), {
    message: '非 internal 的规则必须有 conditions 和至少一项 benefits',
  });
export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z.strictObject({
  docId: z.string().min(1),
  /** How the file came to be: reviewed by staff, migrated from hand annotations, or drafted. */
  origin: z.enum(['reviewed', 'migrated', 'drafted']),
  /** Conditions every rule of the document shares, quoted from `sourceRef`. */
  documentConditions: z.strictObject({ sourceRef: z.string().min(1), condition: ConditionSchema }).optional(),
  /** Notices shown with every match result of the document. */
  notices: z.array(z.strictObject({ text: z.string(), quote: z.string(), sourceRef: z.string() })).default([]),
  rules: z.array(RuleSchema),
});
export type RuleFile = z.infer<typeof RuleFileSchema>;
export type RuleFileInput = z.input<typeof RuleFileSchema>;

export function parseRuleFile(json: unknown, source = '规则文件'): RuleFile {
  const result = RuleFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || '（根）';
    throw new AppError('CORPUS_INVALID', `${source} 格式有误：${where} ${issue?.message ?? ''}。请按 corpus/rules/README.md 修改。`.trim(), {
      details: result.error.issues,
    });
  }
  return result.data;
}

/** Every condition of a rule (its own and its benefits' `when`). */
export function ruleConditions(r: Rule): Condition[] {
  return [r.conditions, ...r.benefits.map((b) => b.when)].filter((c): c is Condition => c !== undefined);
}

/** Every quote a rule carries, with where it sits (for checks and reviews). */
export function ruleQuotes(r: Rule): Array<{ where: string; quote: string }> {
  const out: Array<{ where: string; quote: string }> = [];
  for (const l of leavesOf(r.conditions)) out.push({ where: `条件“${l.description}”`, quote: l.quote });
  r.benefits.forEach((b, i) => {
    out.push({ where: `待遇${i + 1}“${b.text}”`, quote: b.quote });
    for (const l of leavesOf(b.when)) out.push({ where: `待遇${i + 1}的条件“${l.description}”`, quote: l.quote });
  });
  for (const f of r.findings ?? []) out.push({ where: `起草依据（${f.kind} ${f.value}）`, quote: f.quote });
  return out;
}
