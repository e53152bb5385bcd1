// In-memory FeedbackStore and ConversationStore for tests of code that uses storage (the server).
// They validate with the same schemas as the SQLite stores, pass the same contract suites
// (tests/storage/*.contract.ts) and record every call in `calls`.
import { AppError } from '../../src/domain/errors.js';
import {
  CountSessionsSchema,
  ListTurnsSchema,
  NewSessionSchema,
  NewTurnSchema,
  ProfileSchema,
  type CompanyProfileJson,
  type ConversationStore,
  type SessionRecord,
  type StoredExchange,
  type TurnRecord,
} from '../../src/storage/conversation-store.js';
import type { Citation } from '../../src/domain/types.js';
import {
  FeedbackQuerySchema,
  GoldExportSchema,
  NewFeedbackSchema,
  type FeedbackRecord,
  type FeedbackStore,
} from '../../src/storage/feedback-store.js';
import { formatGoldCandidates } from '../../src/storage/gold-candidates.js';
import { date, identifier, parseInput } from '../../src/storage/validate.js';

export interface RecordedCall {
  method: string;
  args: unknown[];
}

const clone = <T>(value: T): T => structuredClone(value);

export function createMemoryFeedbackStore({ now = () => new Date() }: { now?: () => Date } = {}): FeedbackStore & {
  calls: RecordedCall[];
} {
  const rows: FeedbackRecord[] = [];
  const calls: RecordedCall[] = [];
  let nextId = 1;
  const matching = (f: { rating?: string; since?: Date }) =>
    rows.filter((r) => (!f.rating || r.rating === f.rating) && (!f.since || r.createdAt.getTime() >= f.since.getTime()));

  return {
    calls,
    add(input) {
      calls.push({ method: 'add', args: [clone(input)] });
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
    get(id) {
      calls.push({ method: 'get', args: [id] });
      const r = rows.find((x) => x.id === id);
      return r ? clone(r) : undefined;
    },
    list(query = {}) {
      calls.push({ method: 'list', args: [clone(query)] });
      const q = parseInput(FeedbackQuerySchema, query, '反馈查询条件');
      const all = matching(q).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
      return { items: all.slice(q.offset, q.offset + q.limit).map(clone), total: all.length };
    },
    exportGoldCandidates(options = {}) {
      calls.push({ method: 'exportGoldCandidates', args: [clone(options)] });
      return formatGoldCandidates(matching(parseInput(GoldExportSchema, options, '导出条件')));
    },
    purgeOlderThan(cutoff) {
      calls.push({ method: 'purgeOlderThan', args: [cutoff] });
      const at = parseInput(date('清理截止时间'), cutoff, '清理条件').getTime();
      const before = rows.length;
      rows.splice(0, rows.length, ...rows.filter((r) => r.createdAt.getTime() >= at));
      return before - rows.length;
    },
  };
}

interface MemorySession {
  record: SessionRecord;
  turns: TurnRecord[];
  profile?: CompanyProfileJson;
}

export function createMemoryConversationStore(): ConversationStore & { calls: RecordedCall[] } {
  const sessions = new Map<string, MemorySession>();
  const calls: RecordedCall[] = [];
  const gone = () => new AppError('NOT_FOUND', '会话不存在或已被清理，请开始新的对话。');
  const extras = new WeakMap<TurnRecord, { citations: Citation[]; retrievedRefs?: string[] }>();
  const bump = (s: MemorySession, at: Date) => {
    if (at.getTime() > s.record.updatedAt.getTime()) s.record.updatedAt = new Date(at.getTime());
  };

  return {
    calls,
    createSession(input) {
      calls.push({ method: 'createSession', args: [clone(input)] });
      const s = parseInput(NewSessionSchema, input, '会话');
      if (!sessions.has(s.id)) {
        const record: SessionRecord = { id: s.id, createdAt: new Date(s.createdAt.getTime()), updatedAt: new Date(s.createdAt.getTime()) };
        if (s.clientId !== undefined) record.clientId = s.clientId;
        sessions.set(s.id, { record, turns: [] });
      }
      return clone(sessions.get(s.id)!.record);
    },
    getSession(id) {
      calls.push({ method: 'getSession', args: [id] });
      const s = sessions.get(id);
      return s ? clone(s.record) : undefined;
    },
    appendTurn(sessionId, turn) {
      calls.push({ method: 'appendTurn', args: [sessionId, clone(turn)] });
      const id = parseInput(identifier('会话编号'), sessionId, '会话');
      const t = parseInput(NewTurnSchema, turn, '对话记录');
      const s = sessions.get(id);
      if (!s) throw gone();
      const record: TurnRecord = { sessionId: id, turnId: t.turnId, role: t.role, content: t.content, createdAt: new Date(t.createdAt.getTime()) };
      if (t.refs) record.refs = [...t.refs];
      if (t.abstained !== undefined) record.abstained = t.abstained;
      s.turns.push(record);
      if (t.citations || t.retrievedRefs) extras.set(record, { citations: clone(t.citations ?? []), retrievedRefs: t.retrievedRefs && [...t.retrievedRefs] });
      bump(s, t.createdAt);
    },
    getExchange(sessionId, turnId) {
      calls.push({ method: 'getExchange', args: [sessionId, turnId] });
      const turns = sessions.get(sessionId)?.turns ?? [];
      const i = turns.findLastIndex((t) => t.turnId === turnId && t.role === 'assistant');
      if (i < 0) return undefined;
      const question = turns.slice(0, i).findLast((t) => t.role === 'user')?.content ?? '';
      const extra = extras.get(turns[i]!);
      const exchange: StoredExchange = { question, answer: turns[i]!.content, citations: clone(extra?.citations ?? []) };
      if (extra?.retrievedRefs) exchange.retrievedRefs = [...extra.retrievedRefs];
      return exchange;
    },
    listTurns(sessionId, options = {}) {
      calls.push({ method: 'listTurns', args: [sessionId, clone(options)] });
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      return clone(sessions.get(sessionId)?.turns.slice(-limit) ?? []);
    },
    touch(sessionId, at) {
      calls.push({ method: 'touch', args: [sessionId, at] });
      const when = parseInput(date('活动时间'), at, '会话');
      const s = sessions.get(sessionId);
      if (s) bump(s, when);
      return s !== undefined;
    },
    countSessions(filter = {}) {
      calls.push({ method: 'countSessions', args: [clone(filter)] });
      const f = parseInput(CountSessionsSchema, filter, '统计条件');
      return [...sessions.values()].filter(
        (s) =>
          (f.clientId === undefined || s.record.clientId === f.clientId) &&
          (!f.since || s.record.createdAt.getTime() >= f.since.getTime()),
      ).length;
    },
    deleteSession(id) {
      calls.push({ method: 'deleteSession', args: [id] });
      return sessions.delete(id);
    },
    saveProfile(sessionId, profile) {
      calls.push({ method: 'saveProfile', args: [sessionId, clone(profile)] });
      const id = parseInput(identifier('会话编号'), sessionId, '会话');
      const p = parseInput(ProfileSchema, profile, '企业画像');
      const s = sessions.get(id);
      if (!s) throw gone();
      s.profile = JSON.parse(JSON.stringify(p)) as CompanyProfileJson;
    },
    getProfile(sessionId) {
      calls.push({ method: 'getProfile', args: [sessionId] });
      const p = sessions.get(sessionId)?.profile;
      return p ? clone(p) : undefined;
    },
    purgeOlderThan(cutoff) {
      calls.push({ method: 'purgeOlderThan', args: [cutoff] });
      const at = parseInput(date('清理截止时间'), cutoff, '清理条件').getTime();
      let removedSessions = 0;
      let removedTurns = 0;
      for (const [id, s] of sessions) {
        if (s.record.updatedAt.getTime() < at) {
          removedTurns += s.turns.length;
          removedSessions++;
          sessions.delete(id);
          continue;
        }
        const kept = s.turns.filter((t) => t.createdAt.getTime() >= at);
        removedTurns += s.turns.length - kept.length;
        s.turns = kept;
      }
      return { sessions: removedSessions, turns: removedTurns };
    },
  };
}
