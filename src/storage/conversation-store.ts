// The conversation contract (an asynchronous port): sessions, their turns and the company profile
// gathered in each. Adapters: storage/memory, storage/sqlite, storage/postgres, all run through
// tests/storage/conversation-store.contract.ts. Times are Dates, ordering is insertion order.
import { z } from 'zod';
import { AppError } from '../domain/errors.js';
import type { Citation } from '../domain/types.js';
import { date, identifier, LIMITS, refList, text } from './validate.js';

export interface NewSession {
  id: string;
  /** Who opened it (e.g. a hashed client address), for per-client counts. */
  clientId?: string;
  createdAt: Date;
}

export interface SessionRecord {
  id: string;
  clientId?: string;
  createdAt: Date;
  /** Last activity: appended turns and touch(). Retention counts from here. */
  updatedAt: Date;
}

export interface NewTurn {
  turnId: string;
  role: 'user' | 'assistant';
  content: string;
  /** Refs the assistant cited (assistant turns). */
  refs?: string[];
  abstained?: boolean;
  /** What the assistant cited (assistant turns), so feedback can refer to the stored turn. */
  citations?: Citation[];
  /** Refs the retriever returned for this answer, cited or not (assistant turns). */
  retrievedRefs?: string[];
  createdAt: Date;
}

/** One stored answer and the question it answered: what feedback is about. */
export interface StoredExchange {
  question: string;
  answer: string;
  citations: Citation[];
  retrievedRefs?: string[];
}

export interface TurnRecord extends NewTurn {
  sessionId: string;
}

export type CompanyProfileJson = Record<string, unknown>;

/** A session with its latest turns and profile, read in one go. */
export interface LoadedSession {
  session: SessionRecord;
  /** The latest `limit` turns, oldest first. */
  turns: TurnRecord[];
  profile?: CompanyProfileJson;
}

export interface WriteOptions {
  /** Creates this session first (in the same transaction) when it does not exist yet. */
  create?: NewSession;
}

export interface ConversationStore {
  /** Idempotent: creating an existing id returns the stored session unchanged. */
  createSession(input: NewSession): Promise<SessionRecord>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** Also moves the session's updatedAt to the turn's time. NOT_FOUND if the session is gone. */
  appendTurn(sessionId: string, turn: NewTurn): Promise<void>;
  /** Several turns in one transaction (one commit per chat turn); all or none are stored. */
  appendTurns(sessionId: string, turns: readonly NewTurn[], options?: WriteOptions): Promise<void>;
  /** The session, its latest `limit` turns (default 40) and its profile in one read. */
  loadSession(id: string, options?: { limit?: number }): Promise<LoadedSession | undefined>;
  /** The assistant turn `turnId` of the session with the user turn before it; undefined if none. */
  getExchange(sessionId: string, turnId: string): Promise<StoredExchange | undefined>;
  /** The latest `limit` turns (default 40), oldest first; [] for an unknown session. */
  listTurns(sessionId: string, options?: { limit?: number }): Promise<TurnRecord[]>;
  /** Marks activity; false if the session does not exist. */
  touch(sessionId: string, at: Date): Promise<boolean>;
  /** Sessions created at or after `since`, optionally for one client. */
  countSessions(filter?: { clientId?: string; since?: Date }): Promise<number>;
  /** Removes the session, its turns and its profile; false if there was none. */
  deleteSession(id: string): Promise<boolean>;
  /** Replaces the session's profile. NOT_FOUND if the session is gone (and not created). */
  saveProfile(sessionId: string, profile: CompanyProfileJson, options?: WriteOptions): Promise<void>;
  getProfile(sessionId: string): Promise<CompanyProfileJson | undefined>;
  /**
   * Retention: deletes sessions idle since before `cutoff` (with their turns and profile) and,
   * in sessions that remain, turns created before `cutoff`.
   */
  purgeOlderThan(cutoff: Date): Promise<{ sessions: number; turns: number }>;
}

export const sessionGone = () => new AppError('NOT_FOUND', '会话不存在或已被清理，请开始新的对话。');

/** Ids that cannot be valid are simply not found, for reads. */
export const plausibleId = (id: unknown): id is string => typeof id === 'string' && id.length > 0 && id.length <= LIMITS.id;

export const NewSessionSchema = z.object({
  id: identifier('会话编号'),
  clientId: text('客户端标识', { min: 1, max: LIMITS.clientId }).optional(),
  createdAt: date('会话创建时间'),
});

export const NewTurnSchema = z.object({
  turnId: identifier('对话轮次编号'),
  role: z.enum(['user', 'assistant'], { error: '角色只能是 user 或 assistant' }),
  content: text('对话内容', { max: LIMITS.turnContent }),
  refs: refList('引用').optional(),
  abstained: z.boolean({ error: 'abstained 必须是 true 或 false' }).optional(),
  citations: z
    .array(
      z.object({
        ref: text('引用的条款编号', { min: 1, max: LIMITS.ref }),
        label: text('引用的条款名称', { max: LIMITS.label }),
        quote: text('引用原文', { max: LIMITS.quote }),
        docTitle: text('引用的文件标题', { max: LIMITS.docTitle }),
      }),
    )
    .max(LIMITS.citations)
    .optional(),
  retrievedRefs: refList('检索结果').optional(),
  createdAt: date('对话时间'),
});

export const ListTurnsSchema = z.object({
  limit: z
    .number({ error: '条数必须是数字' })
    .int('条数必须是整数')
    .min(1, '至少读取 1 条')
    .max(LIMITS.turnsPerRead, `最多读取 ${LIMITS.turnsPerRead} 条`)
    .default(40),
});

export const CountSessionsSchema = z.object({
  clientId: text('客户端标识', { min: 1, max: LIMITS.clientId }).optional(),
  since: date('起始时间').optional(),
});

export const ProfileSchema = z
  .record(z.string(), z.unknown(), { error: '企业画像必须是 JSON 对象' })
  .refine((p) => {
    try {
      return JSON.stringify(p).length <= LIMITS.profileJson;
    } catch {
      return false;
    }
  }, `企业画像必须能转成 JSON，且不超过 ${LIMITS.profileJson} 字`);
