// ConversationStore on SQLite: sessions (with the profile in a column) and turns, which cascade
// when their session is deleted. Multi-statement writes run in one transaction. better-sqlite3 is
// synchronous: each method does its work at once and returns a settled promise (the port is async).
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
  type NewTurn,
  type WriteOptions,
  type ConversationStore,
} from '../conversation-store.js';
import type { Database, Statement } from '../database.js';
import { date, identifier, parseInput } from '../validate.js';

export interface SqliteConversationStoreOptions {
  /** Clock for the profile's update time. */
  now?: () => Date;
}

interface SessionRow {
  id: string;
  client_id: string | null;
  created_at: number;
  updated_at: number;
}

interface TurnRow {
  session_id: string;
  turn_id: string;
  role: 'user' | 'assistant';
  content: string;
  refs_json: string | null;
  abstained: 0 | 1 | null;
  created_at: number;
}



export function createSqliteConversationStore(
  db: Database,
  { now = () => new Date() }: SqliteConversationStoreOptions = {},
): ConversationStore {
  const SESSION_COLUMNS = 'id, client_id, created_at, updated_at';
  const insertSession = db.prepare(
    'INSERT INTO sessions (id, client_id, created_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const sessionById = db.prepare<SessionRow>(`SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = ?`);
  // MAX keeps updatedAt monotonic when writes arrive out of order.
  const touchSession = db.prepare('UPDATE sessions SET updated_at = MAX(updated_at, ?) WHERE id = ?');
  const insertTurn = db.prepare(
    'INSERT INTO turns (session_id, turn_id, role, content, refs_json, abstained, citations_json, retrieved_refs_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const assistantTurn = db.prepare<{ id: number; content: string; citations_json: string | null; retrieved_refs_json: string | null }>(
    "SELECT id, content, citations_json, retrieved_refs_json FROM turns WHERE session_id = ? AND turn_id = ? AND role = 'assistant' ORDER BY id DESC LIMIT 1",
  );
  const userTurnBefore = db.prepare<{ content: string }>("SELECT content FROM turns WHERE session_id = ? AND id < ? AND role = 'user' ORDER BY id DESC LIMIT 1");
  const latestTurns = db.prepare<TurnRow>(`SELECT * FROM (
      SELECT id, session_id, turn_id, role, content, refs_json, abstained, created_at
      FROM turns WHERE session_id = ? ORDER BY id DESC LIMIT ?
    ) ORDER BY id`);
  const deleteById = db.prepare('DELETE FROM sessions WHERE id = ?');
  const updateProfile = db.prepare('UPDATE sessions SET profile_json = ?, profile_updated_at = ? WHERE id = ?');
  const profileById = db.prepare<{ profile_json: string | null }>('SELECT profile_json FROM sessions WHERE id = ?');
  const purgeTurnsOfIdle = db.prepare('DELETE FROM turns WHERE session_id IN (SELECT id FROM sessions WHERE updated_at < ?)');
  const purgeOldTurns = db.prepare('DELETE FROM turns WHERE created_at < ?');
  const purgeIdle = db.prepare('DELETE FROM sessions WHERE updated_at < ?');
  const counts = new Map<string, Statement<{ n: number }>>();

  /** All turns (and the session, when asked to create it) in one transaction: all or none. */
  function appendTurns(sessionId: string, turns: readonly NewTurn[], options: WriteOptions = {}): void {
    const id = parseInput(identifier('会话编号'), sessionId, '会话');
    const parsed = turns.map((t) => parseInput(NewTurnSchema, t, '对话记录'));
    const create = options.create && parseInput(NewSessionSchema, { ...options.create, id }, '会话');
    db.transaction(() => {
      if (create) insertSession.run(id, create.clientId ?? null, create.createdAt.getTime(), create.createdAt.getTime());
      for (const t of parsed) {
        if (touchSession.run(t.createdAt.getTime(), id).changes === 0) throw sessionGone();
        insertTurn.run(
          id,
          t.turnId,
          t.role,
          t.content,
          t.refs ? JSON.stringify(t.refs) : null,
          t.abstained === undefined ? null : t.abstained ? 1 : 0,
          t.citations ? JSON.stringify(t.citations) : null,
          t.retrievedRefs ? JSON.stringify(t.retrievedRefs) : null,
          t.createdAt.getTime(),
        );
      }
    });
  }

  return {
    async createSession(input) {
      const s = parseInput(NewSessionSchema, input, '会话');
      const at = s.createdAt.getTime();
      insertSession.run(s.id, s.clientId ?? null, at, at);
      return sessionFromRow(sessionById.get(s.id)!);
    },

    async getSession(id) {
      if (!plausibleId(id)) return undefined;
      const row = sessionById.get(id);
      return row ? sessionFromRow(row) : undefined;
    },

    async appendTurn(sessionId, turn) {
      appendTurns(sessionId, [turn]);
    },

    async appendTurns(sessionId, turns, options = {}) {
      appendTurns(sessionId, turns, options);
    },

    async loadSession(id, options = {}) {
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      if (!plausibleId(id)) return undefined;
      // One synchronous connection: nothing can commit between these reads.
      const row = sessionById.get(id);
      if (!row) return undefined;
      const json = profileById.get(id)?.profile_json;
      return { session: sessionFromRow(row), turns: latestTurns.all(id, limit).map(turnFromRow), ...(json == null ? {} : { profile: JSON.parse(json) as CompanyProfileJson }) };
    },

    async getExchange(sessionId, turnId) {
      if (!plausibleId(sessionId) || !plausibleId(turnId)) return undefined;
      const answer = assistantTurn.get(sessionId, turnId);
      if (!answer) return undefined;
      return exchangeFromRow({ ...answer, question: userTurnBefore.get(sessionId, answer.id)?.content });
    },

    async listTurns(sessionId, options = {}) {
      const { limit } = parseInput(ListTurnsSchema, options, '读取条件');
      if (!plausibleId(sessionId)) return [];
      return latestTurns.all(sessionId, limit).map(turnFromRow);
    },

    async touch(sessionId, at) {
      const when = parseInput(date('活动时间'), at, '会话');
      if (!plausibleId(sessionId)) return false;
      return touchSession.run(when.getTime(), sessionId).changes > 0;
    },

    async countSessions(filter = {}) {
      const f = parseInput(CountSessionsSchema, filter, '统计条件');
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (f.clientId !== undefined) {
        clauses.push('client_id = ?');
        params.push(f.clientId);
      }
      if (f.since) {
        clauses.push('created_at >= ?');
        params.push(f.since.getTime());
      }
      const sql = `SELECT count(*) AS n FROM sessions${clauses.length ? ` WHERE ${clauses.join(' AND ')}` : ''}`;
      let stmt = counts.get(sql);
      if (!stmt) counts.set(sql, (stmt = db.prepare(sql)));
      return stmt.get(...params)!.n;
    },

    async deleteSession(id) {
      if (!plausibleId(id)) return false;
      return deleteById.run(id).changes > 0;
    },

    async saveProfile(sessionId, profile, options = {}) {
      const id = parseInput(identifier('会话编号'), sessionId, '会话');
      const p = parseInput(ProfileSchema, profile, '企业画像');
      const create = options.create && parseInput(NewSessionSchema, { ...options.create, id }, '会话');
      db.transaction(() => {
        if (create) insertSession.run(id, create.clientId ?? null, create.createdAt.getTime(), create.createdAt.getTime());
        if (updateProfile.run(JSON.stringify(p), now().getTime(), id).changes === 0) throw sessionGone();
      });
    },

    async getProfile(sessionId) {
      if (!plausibleId(sessionId)) return undefined;
      const json = profileById.get(sessionId)?.profile_json;
      return json == null ? undefined : (JSON.parse(json) as CompanyProfileJson);
    },

    async purgeOlderThan(cutoff) {
      const at = parseInput(date('清理截止时间'), cutoff, '清理条件').getTime();
      return db.transaction(() => {
        const turns = purgeTurnsOfIdle.run(at).changes + purgeOldTurns.run(at).changes;
        const sessions = purgeIdle.run(at).changes;
        return { sessions, turns };
      });
    },
  };
}
