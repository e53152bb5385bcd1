// The fact registry: what a profile can say about a company or person, kept as data
// (corpus/facts/*.facts.json). Each fact has an id, a Chinese label, a type (boolean, number
// with unit, enum, set, region, date), the question to ask when it is unknown, and the words
// that state it (regular-expression sources, matched on word boundaries by the extractor). Rules
// reference facts by id; a new document may add facts as data. Pure: files are parsed here,
// read elsewhere.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';

export const FACT_TYPES = ['boolean', 'number', 'enum', 'set', 'region', 'date', 'text'] as const;
export type FactType = (typeof FACT_TYPES)[number];

export const FactValueSchema = z.strictObject({
  id: z.string().min(1),
  label: z.string().min(1),
  /** Words that state this value (regex sources). */
  words: z.array(z.string().min(1)).default([]),
  /** Words that state it in policy texts, for the rule drafter (regex sources). */
  textWords: z.array(z.string().min(1)).optional(),
});

export const FactSchema = z.strictObject({
  id: z.string().regex(/^[a-z][A-Za-z0-9]*$/, '事实编号只能用字母和数字，以小写字母开头'),
  label: z.string().min(1),
  type: z.enum(FACT_TYPES),
  /** 元, 人, %, 岁, 亩, 年, 个月 … for numbers. */
  unit: z.string().min(1).optional(),
  /** Numbers that may be negative (growth rates). */
  signed: z.boolean().optional(),
  integer: z.boolean().optional(),
  values: z.array(FactValueSchema).optional(),
  question: z.string().min(1),
  /** Words that state the fact (booleans) or name its topic (numbers). */
  words: z.array(z.string().min(1)).default([]),
  /** Words that state it in policy texts, for the rule drafter (regex sources). */
  textWords: z.array(z.string().min(1)).optional(),
  /** Where the drafter files it: subject, qualification, or a figure compared with thresholds. */
  draftAs: z.enum(['subject', 'qualification', 'figure']).optional(),
  /** For open-world sets: the fact listing values explicitly not held (qualifications → lacksQualifications). */
  lacks: z.string().min(1).optional(),
  /** Where the fact came from: core, or the document that added it. */
  scope: z.string().min(1).optional(),
});
export type FactDef = z.infer<typeof FactSchema>;

export const FactFileSchema = z.strictObject({
  /** core, or the document id that needs these facts. */
  scope: z.string().min(1),
  facts: z.array(FactSchema),
});
export type FactFile = z.infer<typeof FactFileSchema>;

export interface FactRegistry {
  facts: ReadonlyMap<string, FactDef>;
  get(id: string): FactDef | undefined;
  /** The question for a fact, or a generic one naming its label. */
  question(id: string): string;
  label(id: string): string;
  /** Label of an enum/set value (高新技术企业 for high_tech). */
  valueLabel(id: string, value: unknown): string;
  /** open-world set fact → the fact listing values not held. */
  lacks: Readonly<Record<string, string>>;
}

export function parseFactFile(json: unknown, source = '事实文件'): FactFile {
  const r = FactFileSchema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new AppError('CORPUS_INVALID', `${source} 格式有误：${issue?.path.join('.') || '（根）'} ${issue?.message ?? ''}。请按 corpus/facts/README.md 修改。`, {
      details: r.error.issues,
    });
  }
  return r.data;
}

/** One registry from several files; a fact defined twice is refused unless both agree on type. */
export function buildRegistry(files: readonly FactFile[]): FactRegistry {
  const facts = new Map<string, FactDef>();
  for (const file of files) {
    for (const f of file.facts) {
      const prev = facts.get(f.id);
      if (prev && prev.type !== f.type) {
        throw new AppError('CORPUS_INVALID', `事实“${f.id}”在 ${prev.scope ?? 'core'} 与 ${file.scope} 中类型不一致（${prev.type} / ${f.type}），请统一。`);
      }
      if (prev) {
        // A document may add values to a shared enum or set (a new qualification).
        const values = [...(prev.values ?? [])];
        for (const v of f.values ?? []) if (!values.some((x) => x.id === v.id)) values.push(v);
        facts.set(f.id, { ...prev, values, words: [...new Set([...prev.words, ...f.words])] });
      } else {
        facts.set(f.id, { ...f, scope: f.scope ?? file.scope });
      }
    }
  }
  const lacks: Record<string, string> = {};
  for (const f of facts.values()) if (f.lacks) lacks[f.id] = f.lacks;
  return {
    facts,
    get: (id) => facts.get(id),
    question: (id) => facts.get(id)?.question ?? `请补充：${id}`,
    label: (id) => facts.get(id)?.label ?? id,
    valueLabel: (id, value) => facts.get(id)?.values?.find((v) => v.id === value)?.label ?? String(value),
    lacks,
  };
}

const ISO_DATE = /^\d{4}-\d{2}(-\d{2})?$/;

function valueSchema(f: FactDef): z.ZodType {
  const ids = (f.values ?? []).map((v) => v.id);
  const en = ids.length ? z.enum(ids as [string, ...string[]]) : z.string().min(1);
  switch (f.type) {
    case 'boolean': return z.boolean();
    case 'number': {
      let n = z.number().finite();
      if (!f.signed) n = n.nonnegative();
      return f.integer ? n.int() : n;
    }
    case 'enum': return en;
    case 'set': return z.array(en);
    case 'region': return z.string().min(2).max(40);
    case 'date': return z.string().regex(ISO_DATE, '日期格式应为 YYYY-MM 或 YYYY-MM-DD');
    case 'text': return z.string().max(100);
  }
}

/** The edge schema of a profile: every registered fact optional, nothing else. */
export function profileSchema(registry: FactRegistry): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const f of registry.facts.values()) shape[f.id] = valueSchema(f).optional().describe(f.label);
  return z.strictObject(shape);
}

/** Problems with the facts a set of ids references: unknown ids, or values the fact does not list. */
export function unknownFacts(registry: FactRegistry, ids: Iterable<string>): string[] {
  return [...new Set(ids)].filter((id) => !registry.facts.has(id));
}
