// ConversationStore on PostgreSQL: the same tables as SQLite (turns cascade with their session).
// Multi-statement writes run in one transaction; a session with its turns and profile is read in
// one round trip (loadSession), because replicas keep no session cache on PostgreSQL.
import { exchangeFromRow, sessionFromRow, turnFromRow } from '../row-mapping.js';
import {
  CountSessionsSchema,
  ListTurnsSchema,
  NewSessionSchema,
  NewTurnSchema,
  ProfileSchema,
  plausibleId,
  sessionGone,
  type CompanyProfileJson,
  type ConversationStore,
} from '../conversation-store.js';
import { date, identifier, parseInput } from '../validate.js';
import type { PgDatabase, PgQueryable } from './pg-database.js';

interface SessionRow {
  id: string;
  client_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface TurnRow {
  session_id: string;
  turn_id: string;
  role: 'user' | 'assistant';
  content: string;
  refs_json: string | null;
  abstained: boolean | null;
  created_at: Date | string;
}



const SESSION_COLUMNS = 'id, client_id, created_at, updated_at';
const INSERT_SESSION = 'INSERT INTO sessions (id, client_id, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT (id) DO NOTHING';
// GREATEST keeps updatedAt monotonic when writes arrive out of order.
const TOUCH = 'UPDATE sessions SET updated_at = GREATEST(updated_at, $1) WHERE id = $2';

export interface PgConversationStoreOptions {
  /** Clock for the profile's update time. */
  now?: () => Date;
}

export function createPgConversationStore(db: PgDatabase, { now = () => new Date() }: PgConversationStoreOptions = {}): ConversationStore {
  const createIn = async (tx: PgQueryable, create: { clientId?: string; createdAt: Date } | undefined, id: string) => {
    if (create) await tx.query(INSERT_SESSION, [id, create.clientId ?? null, create.createdAt]);
  };

  const appendTurns: ConversationStore['appendTurns'] = async (sessionId, turns, options = {}) => {
    const id = parseInput(identifier('会话编号'), sessionId, '会话');
    const parsed = turns.map((t) => parseInput(NewTurnSchema, t, '对话记录'));
    const create = options.create && parseInput(NewSessionSchema, { ...options.create, id }, '会话');
    await db.transaction(async (tx) => {
      await createIn(tx, create, id);
      for (const t of parsed) {
        if ((await tx.query(TOUCH, [t.createdAt, id])).rowCount === 0) throw sessionGone();
        await tx.query(
          'INSERT INTO turns (session_id, turn_id, role, content, refs_json, abstained, citations_json, retrieved_refs_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
          [
            id,
            t.turnId,
            t.role,
            t.content,
            t.refs ? JSON.stringify(t.refs) : null,
            t.abstained ?? null,
            t.citations ? JSON.stringify(t.citations) : null,
            t.retrievedRefs ? JSON.stringify(t.retrievedRefs) : null,
            t.createdAt,
          ],
        );
      }
    });
  };

  const latestTurnsSql = `SELECT * FROM (
      SELECT id, session_id, turn_id, role, content, refs_json, abstained, created_at
      FROM turns WHERE session_id = $1 ORDER BY id DESC LIMIT $2
    ) t ORDER BY id`;

  return {
    async createSession(input) {
      const s = parseInput(NewSessionSchema, input, '会话');
      await db.query(INSERT_SESSION, [s.id, s.clientId ?? null, s.createdAt]);
      const r = await db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [s.id]);
      return sessionFromRow(r.rows[0]!);
    },

    async getSession(id) {
      if (!plausibleId(id)) return undefined;
      const r = await db.query<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $1`, [id]);
      return r.rows[0] ? sessionFromRow(r.rows[0]) : undefined;
    },

    async appendTurn(sessionId, turn) {
      return appendTurns(sessionId, [turn]);
    },

    appendTurns,

    async loadSession(id, options = {}) {
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      if (!plausibleId(id)) return undefined;
      // One statement, one snapshot: the session row, its latest turns and its profile.
      const r = await db.query<SessionRow & { profile_json: string | null; turns: TurnRow[] | null }>(
        `SELECT s.id, s.client_id, s.created_at, s.updated_at, s.profile_json,
           (SELECT json_agg(t ORDER BY t.id) FROM (
              SELECT id, session_id, turn_id, role, content, refs_json, abstained, created_at
              FROM turns WHERE session_id = s.id ORDER BY id DESC LIMIT $2) t) AS turns
         FROM sessions s WHERE s.id = $1`,
        [id, limit],
      );
      const row = r.rows[0];
      if (!row) return undefined;
      return {
        session: sessionFromRow(row),
        turns: (row.turns ?? []).map(turnFromRow),
        ...(row.profile_json == null ? {} : { profile: JSON.parse(row.profile_json) as CompanyProfileJson }),
      };
    },

    async getExchange(sessionId, turnId) {
      if (!plausibleId(sessionId) || !plausibleId(turnId)) return undefined;
      const r = await db.query<{ content: string; citations_json: string | null; retrieved_refs_json: string | null; question: string | null }>(
        `SELECT a.content, a.citations_json, a.retrieved_refs_json,
           (SELECT u.content FROM turns u WHERE u.session_id = a.session_id AND u.id < a.id AND u.role = 'user' ORDER BY u.id DESC LIMIT 1) AS question
         FROM turns a WHERE a.session_id = $1 AND a.turn_id = $2 AND a.role = 'assistant' ORDER BY a.id DESC LIMIT 1`,
        [sessionId, turnId],
      );
      const a = r.rows[0];
      if (!a) return undefined;
      return exchangeFromRow(a);
    },

    async listTurns(sessionId, options = {}) {
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      if (!plausibleId(sessionId)) return [];
      return (await db.query<TurnRow>(latestTurnsSql, [sessionId, limit])).rows.map(turnFromRow);
    },

    async touch(sessionId, at) {
      const when = parseInput(date('活动时间'), at, '会话');
      if (!plausibleId(sessionId)) return false;
      return (await db.query(TOUCH, [when, sessionId])).rowCount > 0;
    },

    async countSessions(filter = {}) {
      const f = parseInput(CountSessionsSchema, filter, '统计条件');
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (f.clientId !== undefined) {
        params.push(f.clientId);
        clauses.push(`client_id = $${params.length}`);
      }
      if (f.since) {
        params.push(f.since);
        clauses.push(`created_at >= $${params.length}`);
      }
      const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`, params);
      return r.rows[0]!.n;
    },

    async deleteSession(id) {
      if (!plausibleId(id)) return false;
      return (await db.query('DELETE FROM sessions WHERE id = $1', [id])).rowCount > 0;
    },

    async saveProfile(sessionId, profile, options = {}) {
      const id = parseInput(identifier('会话编号'), sessionId, '会话');
      const p = parseInput(ProfileSchema, profile, '企业画像');
      const create = options.create && parseInput(NewSessionSchema, { ...options.create, id }, '会话');
      await db.transaction(async (tx) => {
        await createIn(tx, create, id);
        const r = await tx.query('UPDATE sessions SET profile_json = $1, profile_updated_at = $2 WHERE id = $3', [JSON.stringify(p), now(), id]);
        if (r.rowCount === 0) throw sessionGone();
      });
    },

    async getProfile(sessionId) {
      if (!plausibleId(sessionId)) return undefined;
      const json = (await db.query<{ profile_json: string | null }>('SELECT profile_json FROM sessions WHERE id = $1', [sessionId])).rows[0]?.profile_json;
      return json == null ? undefined : (JSON.parse(json) as CompanyProfileJson);
    },

    async purgeOlderThan(cutoff) {
      const at = parseInput(date('清理截止时间'), cutoff, '清理条件');
      return db.transaction(async (tx) => {
        const idle = await tx.query('DELETE FROM turns WHERE session_id IN (SELECT id FROM sessions WHERE updated_at < $1)', [at]);
        const old = await tx.query('DELETE FROM turns WHERE created_at < $1', [at]);
        const sessions = await tx.query('DELETE FROM sessions WHERE updated_at < $1', [at]);
        return { sessions: sessions.rowCount, turns: idle.rowCount + old.rowCount };
      });
    },
  };
}
