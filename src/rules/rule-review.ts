// Staff review of a drafted rule (pure): each condition leaf and each benefit of the draft is
// accepted, edited or rejected, and the result is the reviewed rule (reviewed:true). Leaves are
// numbered in `leavesOf` order, so the console and the server agree on which is which without
// ids in the rule file. Rejecting a leaf removes it; an `any` or `not` left empty goes with it.
import { AppError } from '../domain/errors.js';
import { isLeaf, leavesOf, LeafSchema, type Condition, type LeafCondition } from './condition.js';
import { ACTIONABILITIES, BenefitSchema, RuleSchema, type Benefit, type Rule, type RuleFile } from './rule-schema.js';
import { z } from 'zod';

const Accept = z.strictObject({ action: z.literal('accept') });
const Reject = z.strictObject({ action: z.literal('reject') });

export const ReviewDecisionSchema = z.strictObject({
  /** One decision per condition leaf of the draft, in leavesOf order. */
  conditions: z.array(z.union([Accept, Reject, z.strictObject({ action: z.literal('edit'), condition: LeafSchema })])),
  /** One decision per benefit of the draft, in order. */
  benefits: z.array(z.union([Accept, Reject, z.strictObject({ action: z.literal('edit'), benefit: BenefitSchema })])),
  audience: z.string().trim().min(1).max(200).optional(),
  actionability: z.enum(ACTIONABILITIES).optional(),
  note: z.string().trim().max(500).optional(),
});
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export type RuleStatus = 'reviewed' | 'draft' | 'none';

/** A document's rule status: no file (drafted at load), a file with unreviewed rules, or all reviewed. */
export function ruleFileStatus(file: RuleFile | undefined): { status: RuleStatus; reviewed: number; draft: number } {
  if (!file) return { status: 'none', reviewed: 0, draft: 0 };
  const actionable = file.rules.filter((r) => r.actionability !== 'internal');
  const reviewed = actionable.filter((r) => r.reviewed).length;
  return { status: reviewed === actionable.length ? 'reviewed' : 'draft', reviewed, draft: actionable.length - reviewed };
}

function rebuild(c: Condition, next: () => LeafCondition | null): Condition | null {
  if (isLeaf(c)) return next();
  if ('not' in c) {
    const inner = rebuild(c.not, next);
    return inner ? { ...c, not: inner } : null;
  }
  if ('all' in c) return { ...c, all: c.all.map((x) => rebuild(x, next)).filter((x): x is Condition => x !== null) };
  const any = c.any.map((x) => rebuild(x, next)).filter((x): x is Condition => x !== null);
  if (any.length === 0) return null;
  return any.length === 1 ? any[0]! : { ...c, any };
}

/** The reviewed rule: the draft with the staff's decisions applied (not yet checked against the unit). */
export function applyReview(draft: Rule, decision: ReviewDecision): Rule {
  const leaves = leavesOf(draft.conditions);
  if (decision.conditions.length !== leaves.length || decision.benefits.length !== draft.benefits.length) {
    throw new AppError(
      'BAD_REQUEST',
      `审核结果与草稿不一致：草稿有 ${leaves.length} 项条件、${draft.benefits.length} 项待遇，提交的是 ${decision.conditions.length} 项条件、${decision.benefits.length} 项待遇。请刷新后重新审核。`,
    );
  }
  let i = 0;
  const next = (): LeafCondition | null => {
    const d = decision.conditions[i]!;
    const leaf = leaves[i++]!;
    if (d.action === 'reject') return null;
    return d.action === 'edit' ? d.condition : leaf;
  };
  const conditions = draft.conditions ? (rebuild(draft.conditions, next) ?? { all: [] }) : undefined;
  const benefits: Benefit[] = [];
  draft.benefits.forEach((b, k) => {
    const d = decision.benefits[k]!;
    if (d.action === 'accept') benefits.push(b);
    else if (d.action === 'edit') benefits.push(d.benefit);
  });
  const actionability = decision.actionability ?? draft.actionability;
  if (actionability !== 'internal' && benefits.length === 0) {
    throw new AppError('BAD_REQUEST', '至少保留一项待遇（可修改其文字和引文）；若该条不是申报事项，请把“事项类型”改为“非申报事项”。');
  }
  const rule: Rule = {
    ...draft,
    reviewed: true,
    actionability,
    conditions: actionability === 'internal' ? conditions : (conditions ?? { all: [] }),
    benefits,
    audience: decision.audience ? { ...draft.audience, text: decision.audience } : draft.audience,
    ...(decision.note !== undefined ? { note: decision.note || undefined } : {}),
  };
  if (rule.note === undefined) delete rule.note;
  const parsed = RuleSchema.safeParse(rule);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError('BAD_REQUEST', `审核后的规则格式有误：${issue.path.join('.') || '规则'} ${issue.message}。请修改后重新保存。`, { details: parsed.error.issues });
  }
  return parsed.data;
}

/** The file with one rule replaced (or added); a file staff touched is theirs from then on. */
export function withReviewedRule(file: RuleFile, rule: Rule): RuleFile {
  const has = file.rules.some((r) => r.ref === rule.ref);
  return {
    ...file,
    origin: file.origin === 'drafted' ? 'reviewed' : file.origin,
    rules: has ? file.rules.map((r) => (r.ref === rule.ref ? rule : r)) : [...file.rules, rule],
  };
}
