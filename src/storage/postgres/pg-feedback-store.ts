// FeedbackStore on PostgreSQL. Each add is one INSERT … ON CONFLICT in autocommit: when it
// returns, the row is committed (PostgreSQL's default synchronous_commit=on flushes the WAL), so
// the caller may acknowledge it.
import { feedbackFromRow } from '../row-mapping.js';
import {
  FeedbackQuerySchema,
  GoldExportSchema,
  NewFeedbackSchema,
  type FeedbackStore,
  type Rating,
} from '../feedback-store.js';
import { formatGoldCandidates } from '../gold-candidates.js';
import { date, parseInput } from '../validate.js';
import type { PgDatabase } from './pg-database.js';

interface FeedbackRow {
  id: number;
  session_id: string;
  turn_id: string;
  rating: Rating;
  comment: string | null;
  question: string;
  answer: string;
  citations_json: string;
  retrieved_refs_json: string | null;
  created_at: Date;
}


function where(filter: { rating?: Rating; since?: Date }): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.rating) {
    params.push(filter.rating);
    clauses.push(`rating = $${params.length}`);
  }
  if (filter.since) {
    params.push(filter.since);
    clauses.push(`created_at >= $${params.length}`);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function createPgFeedbackStore(db: PgDatabase, { now = () => new Date() }: { now?: () => Date } = {}): FeedbackStore {
  return {
    async add(input) {
      const f = parseInput(NewFeedbackSchema, input, '反馈');
      // One rating per turn: a later one replaces the earlier (same id).
      const r = await db.query<{ id: number }>(
        `INSERT INTO feedback (session_id, turn_id, rating, comment, question, answer, citations_json, retrieved_refs_json, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (session_id, turn_id) DO UPDATE SET
           rating = excluded.rating, comment = excluded.comment, question = excluded.question, answer = excluded.answer,
           citations_json = excluded.citations_json, retrieved_refs_json = excluded.retrieved_refs_json, created_at = excluded.created_at
         RETURNING id`,
        [
          f.sessionId,
          f.turnId,
          f.rating,
          f.comment ?? null,
          f.question,
          f.answer,
          JSON.stringify(f.citations),
          f.retrievedRefs ? JSON.stringify(f.retrievedRefs) : null,
          f.createdAt ?? now(),
        ],
      );
      return { id: Number(r.rows[0]!.id) };
    },

    async get(id) {
      if (!Number.isSafeInteger(id) || id < 1) return undefined;
      const row = (await db.query<FeedbackRow>('SELECT * FROM feedback WHERE id = $1', [id])).rows[0];
      return row ? feedbackFromRow(row) : undefined;
    },

    async list(query = {}) {
      const q = parseInput(FeedbackQuerySchema, query, '反馈查询条件');
      const w = where(q);
      const total = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM feedback ${w.sql}`, w.params)).rows[0]!.n;
      const n = w.params.length;
      const rows = await db.query<FeedbackRow>(`SELECT * FROM feedback ${w.sql} ORDER BY created_at DESC, id DESC LIMIT $${n + 1} OFFSET $${n + 2}`, [
        ...w.params,
        q.limit,
        q.offset,
      ]);
      return { items: rows.rows.map(feedbackFromRow), total };
    },

    async exportGoldCandidates(options = {}) {
      const o = parseInput(GoldExportSchema, options, '导出条件');
      const w = where(o);
      const rows = await db.query<FeedbackRow>(`SELECT * FROM feedback ${w.sql} ORDER BY id`, w.params);
      return formatGoldCandidates(rows.rows.map(feedbackFromRow));
    },

    async purgeOlderThan(cutoff) {
      const at = parseInput(date('清理截止时间'), cutoff, '清理条件');
      return (await db.query('DELETE FROM feedback WHERE created_at < $1', [at])).rowCount;
    },
  };
}
