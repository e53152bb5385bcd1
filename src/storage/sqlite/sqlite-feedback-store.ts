// FeedbackStore on SQLite. Each add is one INSERT in autocommit mode: when it returns, the row is
// committed (and, with synchronous=FULL, fsynced), so the caller may acknowledge it. The port is
// asynchronous; better-sqlite3 is not, so every method returns an already settled promise.
import { feedbackFromRow } from '../row-mapping.js';
import type { Database, Statement } from '../database.js';
import {
  FeedbackQuerySchema,
  GoldExportSchema,
  NewFeedbackSchema,
  type FeedbackStore,
  type Rating,
} from '../feedback-store.js';
import { formatGoldCandidates } from '../gold-candidates.js';
import { date, parseInput } from '../validate.js';

export interface SqliteFeedbackStoreOptions {
  /** Clock for createdAt when the caller gives none. */
  now?: () => Date;
}

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
  created_at: number;
}


function where(filter: { rating?: Rating; since?: Date }): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.rating) {
    clauses.push('rating = ?');
    params.push(filter.rating);
  }
  if (filter.since) {
    clauses.push('created_at >= ?');
    params.push(filter.since.getTime());
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export function createSqliteFeedbackStore(db: Database, { now = () => new Date() }: SqliteFeedbackStoreOptions = {}): FeedbackStore {
  // One rating per turn: a later one replaces the earlier (same id).
  const insert = db.prepare<{ id: number }>(`INSERT INTO feedback
    (session_id, turn_id, rating, comment, question, answer, citations_json, retrieved_refs_json, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (session_id, turn_id) DO UPDATE SET
      rating = excluded.rating, comment = excluded.comment, question = excluded.question, answer = excluded.answer,
      citations_json = excluded.citations_json, retrieved_refs_json = excluded.retrieved_refs_json, created_at = excluded.created_at
    RETURNING id`);
  const byId = db.prepare<FeedbackRow>('SELECT * FROM feedback WHERE id = ?');
  const purge = db.prepare('DELETE FROM feedback WHERE created_at < ?');
  // Filtered statements are few (rating × since), so they are prepared once on first use.
  const cache = new Map<string, Statement<unknown>>();
  const prepared = <Row>(sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt as Statement<Row>;
  };

  return {
    async add(input) {
      const f = parseInput(NewFeedbackSchema, input, '反馈');
      const row = insert.get(
        f.sessionId,
        f.turnId,
        f.rating,
        f.comment ?? null,
        f.question,
        f.answer,
        JSON.stringify(f.citations),
        f.retrievedRefs ? JSON.stringify(f.retrievedRefs) : null,
        (f.createdAt ?? now()).getTime(),
      );
      return { id: Number(row!.id) };
    },

    async get(id) {
      if (!Number.isSafeInteger(id) || id < 1) return undefined;
      const row = byId.get(id);
      return row ? feedbackFromRow(row) : undefined;
    },

    async list(query = {}) {
      const q = parseInput(FeedbackQuerySchema, query, '反馈查询条件');
      const w = where(q);
      const total = prepared<{ n: number }>(`SELECT count(*) AS n FROM feedback ${w.sql}`).get(...w.params)!.n;
      const rows = prepared<FeedbackRow>(`SELECT * FROM feedback ${w.sql} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(
        ...w.params,
        q.limit,
        q.offset,
      );
      return { items: rows.map(feedbackFromRow), total };
    },

    async exportGoldCandidates(options = {}) {
      const o = parseInput(GoldExportSchema, options, '导出条件');
      const w = where(o);
      const rows = prepared<FeedbackRow>(`SELECT * FROM feedback ${w.sql} ORDER BY id`).all(...w.params);
      return formatGoldCandidates(rows.map(feedbackFromRow));
    },

    async purgeOlderThan(cutoff) {
      return purge.run(parseInput(date('清理截止时间'), cutoff, '清理条件').getTime()).changes;
    },
  };
}
