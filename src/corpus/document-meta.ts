// zod schema for corpus/raw/<id>.meta.json.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const period = z.object({ from: isoDate, to: isoDate });

export const DocumentMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '文档 id 只能包含小写字母、数字和连字符'),
  title: z.string().min(1),
  fullTitle: z.string().optional(),
  docNumber: z.string().min(1),
  issuer: z.string().min(1),
  issueDate: isoDate,
  region: z.string().min(1),
  file: z.string().min(1),
  validity: period,
  unitValidity: z.record(z.string(), period.extend({ quote: z.string() })).default({}),
  successor: z
    .object({ title: z.string(), docNumber: z.string(), issueDate: isoDate, held: z.boolean() })
    .nullable()
    .default(null),
});
