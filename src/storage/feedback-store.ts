// The feedback contract: thumbs up/down on an answer, with what was asked, answered and cited, so
// staff can review it and turn it into evaluation cases. An asynchronous port; adapters in
// storage/memory, storage/sqlite and storage/postgres pass tests/storage/feedback-store.contract.ts.
import { z } from 'zod';
import type { Citation } from '../domain/types.js';
import { date, identifier, LIMITS, refList, text } from './validate.js';

export type Rating = 'up' | 'down';

export interface NewFeedback {
  sessionId: string;
  turnId: string;
  rating: Rating;
  comment?: string;
  question: string;
  answer: string;
  citations: Citation[];
  /** Refs the retriever returned for this answer, cited or not. */
  retrievedRefs?: string[];
  /** Defaults to the store's clock. */
  createdAt?: Date;
}

export interface FeedbackRecord {
  id: number;
  sessionId: string;
  turnId: string;
  rating: Rating;
  comment?: string;
  question: string;
  answer: string;
  citations: Citation[];
  retrievedRefs?: string[];
  createdAt: Date;
}

export interface FeedbackQuery {
  rating?: Rating;
  /** Only feedback created at or after this time. */
  since?: Date;
  /** Page size, 1–500; default 50. */
  limit?: number;
  offset?: number;
}

export interface FeedbackPage {
  /** Newest first. */
  items: FeedbackRecord[];
  /** Number of records matching the filter, ignoring limit and offset. */
  total: number;
}

export interface GoldExportOptions {
  rating?: Rating;
  since?: Date;
}

export interface FeedbackStore {
  /** One rating per (sessionId, turnId): a later one replaces the earlier and keeps its id. */
  add(input: NewFeedback): Promise<{ id: number }>;
  get(id: number): Promise<FeedbackRecord | undefined>;
  list(query?: FeedbackQuery): Promise<FeedbackPage>;
  /**
   * Candidate evaluation cases as JSONL (see gold-candidates.ts), oldest first. They are drafts:
   * a person must review every line before it goes into evals/gold.
   */
  exportGoldCandidates(options?: GoldExportOptions): Promise<string>;
  /** Deletes feedback created before `cutoff`; returns how many rows went. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}

const rating = z.enum(['up', 'down'], { error: '评价只能是 up（有用）或 down（没用）' });

const citation = z.object(
  {
    ref: text('引用的条款编号', { min: 1, max: LIMITS.ref }),
    label: text('引用的条款名称', { max: LIMITS.label }),
    quote: text('引用原文', { max: LIMITS.quote }),
    docTitle: text('引用的文件标题', { max: LIMITS.docTitle }),
  },
  { error: '每条引用必须包含 ref、label、quote、docTitle' },
);

export const NewFeedbackSchema = z.object({
  sessionId: identifier('会话编号'),
  turnId: identifier('回答编号'),
  rating,
  comment: text('评论', { max: LIMITS.comment })
    .optional()
    .transform((c) => (c?.trim() ? c.trim() : undefined)),
  question: text('问题', { min: 1, max: LIMITS.question }),
  answer: text('回答', { max: LIMITS.answer }),
  citations: z.array(citation, { error: '引用必须是列表' }).max(LIMITS.citations, `引用不能超过 ${LIMITS.citations} 条`),
  retrievedRefs: refList('检索结果').optional(),
  createdAt: date('反馈时间').optional(),
});

export const FeedbackQuerySchema = z.object({
  rating: rating.optional(),
  since: date('起始时间').optional(),
  limit: z
    .number({ error: '每页条数必须是数字' })
    .int('每页条数必须是整数')
    .min(1, '每页至少 1 条')
    .max(LIMITS.pageSize, `每页最多 ${LIMITS.pageSize} 条`)
    .default(50),
  offset: z.number({ error: '偏移量必须是数字' }).int('偏移量必须是整数').min(0, '偏移量不能为负数').default(0),
});

export const GoldExportSchema = z.object({ rating: rating.optional(), since: date('起始时间').optional() });
