// FeedbackStore in process memory: for tests and for running without any database. Validates with
// the same schemas as the database adapters and passes the same contract suite.
import {
  FeedbackQuerySchema,
  GoldExportSchema,
  NewFeedbackSchema,
  type FeedbackRecord,
  type FeedbackStore,
} from '../feedback-store.js';
import { formatGoldCandidates } from '../gold-candidates.js';
import { date, parseInput } from '../validate.js';

const clone = <T>(value: T): T => structuredClone(value);

export function createMemoryFeedbackStore({ now = () => new Date() }: { now?: () => Date } = {}): FeedbackStore {
  const rows: FeedbackRecord[] = [];
  let nextId = 1;
  const matching = (f: { rating?: string; since?: Date }) =>
    rows.filter((r) => (!f.rating || r.rating === f.rating) && (!f.since || r.createdAt.getTime() >= f.since.getTime()));

  return {
    async add(input) {
      const f = parseInput(NewFeedbackSchema, input, '反馈');
      // One rating per turn: a later one replaces the earlier and keeps its id.
      const earlier = rows.findIndex((r) => r.sessionId === f.sessionId && r.turnId === f.turnId);
      const record: FeedbackRecord = {
        id: earlier >= 0 ? rows[earlier]!.id : nextId++,
        sessionId: f.sessionId,
        turnId: f.turnId,
        rating: f.rating,
        question: f.question,
        answer: f.answer,
        citations: clone(f.citations),
        createdAt: new Date((f.createdAt ?? now()).getTime()),
      };
      if (f.comment !== undefined) record.comment = f.comment;
      if (f.retrievedRefs) record.retrievedRefs = [...f.retrievedRefs];
      if (earlier >= 0) rows.splice(earlier, 1);
      rows.push(record);
      return { id: record.id };
    },
    async get(id) {
      const r = rows.find((x) => x.id === id);
      return r ? clone(r) : undefined;
    },
    async list(query = {}) {
      const q = parseInput(FeedbackQuerySchema, query, '反馈查询条件');
      const all = matching(q).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
      return { items: all.slice(q.offset, q.offset + q.limit).map(clone), total: all.length };
    },
    async exportGoldCandidates(options = {}) {
      const o = parseInput(GoldExportSchema, options, '导出条件');
      return formatGoldCandidates(matching(o).sort((a, b) => a.id - b.id));
    },
    async purgeOlderThan(cutoff) {
      const at = parseInput(date('清理截止时间'), cutoff, '清理条件').getTime();
      const before = rows.length;
      rows.splice(0, rows.length, ...rows.filter((r) => r.createdAt.getTime() >= at));
      return before - rows.length;
    },
  };
}
