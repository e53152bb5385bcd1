// ConversationStore in process memory: for tests and for running without any database. Validates
// with the same schemas as the database adapters and passes the same contract suite.
import type { Citation } from '../../domain/types.js';
import {
  CountSessionsSchema,
  ListTurnsSchema,
  NewSessionSchema,
  NewTurnSchema,
  ProfileSchema,
  sessionGone,
  type CompanyProfileJson,
  type ConversationStore,
  type NewSession,
  type SessionRecord,
  type StoredExchange,
  type TurnRecord,
} from '../conversation-store.js';
import { date, identifier, parseInput } from '../validate.js';

interface MemorySession {
  record: SessionRecord;
  turns: TurnRecord[];
  profile?: CompanyProfileJson;
}

const clone = <T>(value: T): T => structuredClone(value);

export function createMemoryConversationStore(): ConversationStore {
  const sessions = new Map<string, MemorySession>();
  const extras = new WeakMap<TurnRecord, { citations: Citation[]; retrievedRefs?: string[] }>();
  const bump = (s: MemorySession, at: Date) => {
    if (at.getTime() > s.record.updatedAt.getTime()) s.record.updatedAt = new Date(at.getTime());
  };
  const create = (input: NewSession): MemorySession => {
    const s = parseInput(NewSessionSchema, input, '会话');
    let found = sessions.get(s.id);
    if (!found) {
      const record: SessionRecord = { id: s.id, createdAt: new Date(s.createdAt.getTime()), updatedAt: new Date(s.createdAt.getTime()) };
      if (s.clientId !== undefined) record.clientId = s.clientId;
      sessions.set(s.id, (found = { record, turns: [] }));
    }
    return found;
  };
  const latest = (id: string, limit: number) => clone(sessions.get(id)?.turns.slice(-limit) ?? []);

  const appendTurns: ConversationStore['appendTurns'] = async (sessionId, turns, options = {}) => {
    const id = parseInput(identifier('会话编号'), sessionId, '会话');
    // Validate everything first: all or nothing, like a transaction.
    const parsed = turns.map((t) => parseInput(NewTurnSchema, t, '对话记录'));
    if (options.create) parseInput(NewSessionSchema, options.create, '会话');
    if (!sessions.has(id) && !options.create) throw sessionGone();
    const s = sessions.get(id) ?? create({ ...options.create!, id });
    for (const t of parsed) {
      const record: TurnRecord = { sessionId: id, turnId: t.turnId, role: t.role, content: t.content, createdAt: new Date(t.createdAt.getTime()) };
      if (t.refs) record.refs = [...t.refs];
      if (t.abstained !== undefined) record.abstained = t.abstained;
      s.turns.push(record);
      if (t.citations || t.retrievedRefs) extras.set(record, { citations: clone(t.citations ?? []), retrievedRefs: t.retrievedRefs && [...t.retrievedRefs] });
      bump(s, t.createdAt);
    }
  };

  return {
    appendTurns,
    async createSession(input) {
      return clone(create(input).record);
    },
    async getSession(id) {
      const s = sessions.get(id);
      return s ? clone(s.record) : undefined;
    },
    async appendTurn(sessionId, turn) {
      return appendTurns(sessionId, [turn]);
    },
    async loadSession(id, options = {}) {
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      const s = sessions.get(id);
      if (!s) return undefined;
      return { session: clone(s.record), turns: latest(id, limit), ...(s.profile ? { profile: clone(s.profile) } : {}) };
    },
    async getExchange(sessionId, turnId) {
      const turns = sessions.get(sessionId)?.turns ?? [];
      const i = turns.findLastIndex((t) => t.turnId === turnId && t.role === 'assistant');
      if (i < 0) return undefined;
      const question = turns.slice(0, i).findLast((t) => t.role === 'user')?.content ?? '';
      const extra = extras.get(turns[i]!);
      const exchange: StoredExchange = { question, answer: turns[i]!.content, citations: clone(extra?.citations ?? []) };
      if (extra?.retrievedRefs) exchange.retrievedRefs = [...extra.retrievedRefs];
      return exchange;
    },
    async listTurns(sessionId, options = {}) {
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      return latest(sessionId, limit);
    },
    async touch(sessionId, at) {
      const when = parseInput(date('活动时间'), at, '会话');
      const s = sessions.get(sessionId);
      if (s) bump(s, when);
      return s !== undefined;
    },
    async countSessions(filter = {}) {
      const f = parseInput(CountSessionsSchema, filter, '统计条件');
      return [...sessions.values()].filter(
        (s) => (f.clientId === undefined || s.record.clientId === f.clientId) && (!f.since || s.record.createdAt.getTime() >= f.since.getTime()),
      ).length;
    },
    async deleteSession(id) {
      return sessions.delete(id);
    },
    async saveProfile(sessionId, profile, options = {}) {
      const id = parseInput(identifier('会话编号'), sessionId, '会话');
      const p = parseInput(ProfileSchema, profile, '企业画像');
      if (options.create) parseInput(NewSessionSchema, options.create, '会话');
      if (!sessions.has(id) && !options.create) throw sessionGone();
      const s = sessions.get(id) ?? create({ ...options.create!, id });
      s.profile = JSON.parse(JSON.stringify(p)) as CompanyProfileJson;
    },
    async getProfile(sessionId) {
      const p = sessions.get(sessionId)?.profile;
      return p ? clone(p) : undefined;
    },
    async purgeOlderThan(cutoff) {
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
