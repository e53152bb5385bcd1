// Schema of the hand-written clause annotations (corpus/annotations/<docId>.json) and of the
// small JSON predicate language their conditions are written in.
//
// A condition is a leaf `{field, op, value}` over the company profile, or `{all: [...]}` /
// `{any: [...]}`. Every leaf carries a Chinese description, the question to ask when the fact
// is unknown, and a verbatim quote from the clause that justifies it. A leaf may also say how
// to treat an unknown fact: rare distinctions (三星级总部企业, 职业俱乐部) are assumed absent
// unless the profile makes them plausible, so the user is not asked about every one of them.
import { z } from 'zod';
import { PROFILE_FIELDS, type ProfileField } from './profile.js';

export const OPS = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'truthy', 'falsy', 'includesAny'] as const;
export type Op = (typeof OPS)[number];

export const FORMULA_IDS = [
  'rd_subsidy', 'service_upgrade_award', 'service_top100_award', 'service_zone_award',
  'export_credit_insurance', 'fx_hedging_guarantee', 'high_reliability_fee', 'container_toll',
] as const;
export type FormulaId = (typeof FORMULA_IDS)[number];

export const ACTIONABILITIES = ['apply', 'automatic', 'indirect', 'internal'] as const;
export type Actionability = (typeof ACTIONABILITIES)[number];

/** A plausibility test used only to decide how to treat an unknown fact (no quote needed). */
export interface Prior {
  field: ProfileField;
  op: Op;
  value?: unknown;
  unknown?: UnknownPolicy;
}

/** When the leaf's fact is unknown: assume it false unless one of `unlessAny` is true or unknown. */
export interface UnknownPolicy {
  assume: false;
  unlessAny?: Prior[];
}

export interface LeafCondition {
  field: ProfileField;
  op: Op;
  value?: unknown;
  description: string;
  question: string;
  quote: string;
  unknown?: UnknownPolicy;
}

export type Condition =
  | LeafCondition
  | { all: Condition[]; description?: string }
  | { any: Condition[]; description?: string };

const FieldSchema = z.enum(PROFILE_FIELDS as [ProfileField, ...ProfileField[]]);

const PriorSchema: z.ZodType<Prior> = z.lazy(() =>
  z.object({
    field: FieldSchema,
    op: z.enum(OPS),
    value: z.unknown().optional(),
    unknown: UnknownPolicySchema.optional(),
  }),
);

const UnknownPolicySchema: z.ZodType<UnknownPolicy> = z.lazy(() =>
  z.object({ assume: z.literal(false), unlessAny: z.array(PriorSchema).optional() }),
);

const LeafSchema = z.object({
  field: FieldSchema,
  op: z.enum(OPS),
  value: z.unknown().optional(),
  description: z.string().min(1),
  question: z.string().min(1),
  quote: z.string().min(1),
  unknown: UnknownPolicySchema.optional(),
});

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafSchema,
    z.object({ all: z.array(ConditionSchema).min(1), description: z.string().optional() }),
    z.object({ any: z.array(ConditionSchema).min(1), description: z.string().optional() }),
  ]),
);

export const BenefitSchema = z.object({
  text: z.string().min(1),
  quote: z.string().min(1),
  formula: z.enum(FORMULA_IDS).optional(),
  /** Only offered when this holds (or is still unknown). */
  when: ConditionSchema.optional(),
});
export type Benefit = z.infer<typeof BenefitSchema>;

export const AnnotationSchema = z
  .object({
    ref: z.string().regex(/^(s[1-8]|\d{1,2})$/),
    audience: z.object({ text: z.string().min(1), tags: z.array(z.string()) }),
    actionability: z.enum(ACTIONABILITIES),
    conditions: ConditionSchema.optional(),
    benefit: BenefitSchema.optional(),
    additionalBenefits: z.array(BenefitSchema).optional(),
    /** 0 (nothing for a business) .. 5 (direct money). */
    value: z.number().int().min(0).max(5),
    note: z.string().optional(),
  })
  .refine((a) => a.actionability === 'internal' || (a.conditions && a.benefit), {
    message: '非 internal 条款必须有 conditions 和 benefit',
  });
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AnnotationFileSchema = z.object({
  docId: z.string().min(1),
  /** Conditions every measure of the document shares (e.g. being in Wenzhou), quoted from `sourceRef`. */
  documentConditions: z.object({ sourceRef: z.string(), condition: ConditionSchema }),
  /** Notices shown with every match result (validity period, successor document). */
  notices: z.array(z.object({ text: z.string(), quote: z.string(), sourceRef: z.string() })).default([]),
  annotations: z.array(AnnotationSchema),
});
export type AnnotationFile = z.infer<typeof AnnotationFileSchema>;

export function isLeaf(c: Condition): c is LeafCondition {
  return 'field' in c;
}

/** Every leaf of a condition tree, for quote checks and question lists. */
export function leavesOf(c: Condition | undefined): LeafCondition[] {
  if (!c) return [];
  if (isLeaf(c)) return [c];
  return ('all' in c ? c.all : c.any).flatMap(leavesOf);
}
