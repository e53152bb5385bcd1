// The ConversationStore contract, run against every implementation (SQLite and the in-memory fake).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { ConversationStore, NewTurn } from '../../src/storage/conversation-store.js';
import { at, expectBadRequest } from './feedback-store.contract.js';

export type MakeConversationStore = (options: { now: () => Date }) => ConversationStore;

const turn = (n: number, overrides: Partial<NewTurn> = {}): NewTurn => ({
  turnId: `t-${n}`,
  role: n % 2 === 0 ? 'user' : 'assistant',
  content: `第 ${n} 句`,
  createdAt: at(n),
  ...overrides,
});

function expectNotFound(fn: () => unknown): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('NOT_FOUND');
  expect((caught as AppError).userMessage).toBe('会话不存在或已被清理，请开始新的对话。');
}

export function runConversationStoreContract(name: string, make: MakeConversationStore): void {
  describe(`ConversationStore contract: ${name}`, () => {
    const fresh = () => make({ now: () => at(500) });

    it('creates and reads sessions; creating twice keeps the first', () => {
      const store = fresh();
      expect(store.createSession({ id: 's1', clientId: 'c1', createdAt: at(0) })).toEqual({
        id: 's1',
        clientId: 'c1',
        createdAt: at(0),
        updatedAt: at(0),
      });
      expect(store.createSession({ id: 's1', clientId: 'other', createdAt: at(9) })).toEqual({
        id: 's1',
        clientId: 'c1',
        createdAt: at(0),
        updatedAt: at(0),
      });
      const anonymous = store.createSession({ id: 's2', createdAt: at(1) });
      expect(anonymous).not.toHaveProperty('clientId');
      expect(store.getSession('s2')).toEqual(anonymous);
      expect(store.getSession('nope')).toBeUndefined();
      expect(store.getSession('x'.repeat(500))).toBeUndefined();
    });

    it('appends turns and lists the latest N in chronological order', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      for (let i = 0; i < 6; i++) store.appendTurn('s1', turn(i));
      expect(store.listTurns('s1').map((t) => t.turnId)).toEqual(['t-0', 't-1', 't-2', 't-3', 't-4', 't-5']);
      expect(store.listTurns('s1', { limit: 4 }).map((t) => t.turnId)).toEqual(['t-2', 't-3', 't-4', 't-5']);
      expect(store.listTurns('s1', { limit: 1 }).map((t) => t.turnId)).toEqual(['t-5']);
      expect(store.listTurns('unknown')).toEqual([]);
    });

    it('orders by insertion, not by timestamp, when clocks tie or go backwards', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      store.appendTurn('s1', turn(1, { turnId: 'first', createdAt: at(5) }));
      store.appendTurn('s1', turn(2, { turnId: 'second', createdAt: at(5) }));
      store.appendTurn('s1', turn(3, { turnId: 'third', createdAt: at(4) }));
      expect(store.listTurns('s1').map((t) => t.turnId)).toEqual(['first', 'second', 'third']);
      expect(store.getSession('s1')!.updatedAt).toEqual(at(5));
    });

    it('round-trips refs and abstained, and leaves them out when not given', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      store.appendTurn('s1', turn(0, { content: '研发补助怎么申请？' }));
      store.appendTurn('s1', turn(1, { content: '见第十一条。', refs: ['11', 'rd:12'], abstained: false }));
      store.appendTurn('s1', turn(3, { content: '无法回答。', refs: [], abstained: true }));
      expect(store.listTurns('s1')).toEqual([
        { sessionId: 's1', turnId: 't-0', role: 'user', content: '研发补助怎么申请？', createdAt: at(0) },
        { sessionId: 's1', turnId: 't-1', role: 'assistant', content: '见第十一条。', refs: ['11', 'rd:12'], abstained: false, createdAt: at(1) },
        { sessionId: 's1', turnId: 't-3', role: 'assistant', content: '无法回答。', refs: [], abstained: true, createdAt: at(3) },
      ]);
    });

    it('moves updatedAt forward with each turn and with touch()', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      store.appendTurn('s1', turn(1, { createdAt: at(10) }));
      expect(store.getSession('s1')!.updatedAt).toEqual(at(10));
      expect(store.touch('s1', at(20))).toBe(true);
      expect(store.getSession('s1')!.updatedAt).toEqual(at(20));
      expect(store.touch('s1', at(15))).toBe(true);
      expect(store.getSession('s1')!.updatedAt).toEqual(at(20));
      expect(store.getSession('s1')!.createdAt).toEqual(at(0));
      expect(store.touch('missing', at(30))).toBe(false);
    });

    it('refuses turns and profiles for sessions that do not exist', () => {
      const store = fresh();
      expectNotFound(() => store.appendTurn('missing', turn(0)));
      expectNotFound(() => store.saveProfile('missing', { industry: '制造业' }));
      expect(store.listTurns('missing')).toEqual([]);
    });

    it('counts sessions by client and creation time', () => {
      const store = fresh();
      store.createSession({ id: 'a', clientId: 'c1', createdAt: at(0) });
      store.createSession({ id: 'b', clientId: 'c1', createdAt: at(10) });
      store.createSession({ id: 'c', clientId: 'c2', createdAt: at(10) });
      store.createSession({ id: 'd', createdAt: at(20) });
      expect(store.countSessions()).toBe(4);
      expect(store.countSessions({ clientId: 'c1' })).toBe(2);
      expect(store.countSessions({ since: at(10) })).toBe(3);
      expect(store.countSessions({ clientId: 'c1', since: at(10) })).toBe(1);
      expect(store.countSessions({ clientId: 'nobody' })).toBe(0);
    });

    it('deletes a session with its turns and profile', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      store.appendTurn('s1', turn(0));
      store.saveProfile('s1', { region: '瑞安' });
      expect(store.deleteSession('s1')).toBe(true);
      expect(store.getSession('s1')).toBeUndefined();
      expect(store.listTurns('s1')).toEqual([]);
      expect(store.getProfile('s1')).toBeUndefined();
      expect(store.deleteSession('s1')).toBe(false);
      // The id can be used again and starts empty.
      store.createSession({ id: 's1', createdAt: at(50) });
      expect(store.listTurns('s1')).toEqual([]);
    });

    it('saves, replaces and loads the profile per session', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      store.createSession({ id: 's2', createdAt: at(0) });
      expect(store.getProfile('s1')).toBeUndefined();
      const profile = { region: '瑞安', scale: '规上', rdExpense: { lastYear: 5_000_000, yearBefore: 4_000_000 }, tags: ['高新技术企业'] };
      store.saveProfile('s1', profile);
      expect(store.getProfile('s1')).toEqual(profile);
      expect(store.getProfile('s2')).toBeUndefined();
      store.saveProfile('s1', { region: '鹿城' });
      expect(store.getProfile('s1')).toEqual({ region: '鹿城' });
    });

    it('rejects invalid turns, sessions and profiles with BAD_REQUEST', () => {
      const store = fresh();
      store.createSession({ id: 's1', createdAt: at(0) });
      expectBadRequest(() => store.appendTurn('s1', turn(0, { content: '字'.repeat(20_001) })), /对话内容不能超过 20000 字/);
      expectBadRequest(() => store.appendTurn('s1', turn(0, { role: 'system' as 'user' })), /角色只能是 user 或 assistant/);
      expectBadRequest(() => store.appendTurn('s1', turn(0, { refs: [''] })), /引用中的条款编号不能为空/);
      expectBadRequest(() => store.appendTurn('s1', turn(0, { createdAt: 'yesterday' as never })), /对话时间必须是有效的日期时间/);
      expectBadRequest(() => store.createSession({ id: '', createdAt: at(0) }), /会话编号不能为空/);
      expectBadRequest(() => store.createSession({ id: 's3', clientId: 'c'.repeat(201), createdAt: at(0) }), /客户端标识不能超过 200 字/);
      expectBadRequest(() => store.saveProfile('s1', ['not', 'an', 'object'] as never), /企业画像必须是 JSON 对象/);
      expectBadRequest(() => store.saveProfile('s1', { blob: 'x'.repeat(60_000) }), /不超过 50000 字/);
      expectBadRequest(() => store.listTurns('s1', { limit: 0 }), /至少读取 1 条/);
      expectBadRequest(() => store.touch('s1', new Date(Number.NaN)), /活动时间必须是有效的日期时间/);
      expect(store.listTurns('s1')).toEqual([]);
      expect(store.getProfile('s1')).toBeUndefined();
    });

    it('purges idle sessions entirely and old turns of active ones', () => {
      const store = fresh();
      store.createSession({ id: 'idle', createdAt: at(0) });
      store.appendTurn('idle', turn(1));
      store.appendTurn('idle', turn(2));
      store.createSession({ id: 'active', createdAt: at(0) });
      store.appendTurn('active', turn(3));
      store.appendTurn('active', turn(200, { turnId: 'recent' }));
      store.saveProfile('active', { region: '龙湾' });
      expect(store.purgeOlderThan(at(100))).toEqual({ sessions: 1, turns: 3 });
      expect(store.getSession('idle')).toBeUndefined();
      expect(store.listTurns('active').map((t) => t.turnId)).toEqual(['recent']);
      expect(store.getProfile('active')).toEqual({ region: '龙湾' });
      expect(store.purgeOlderThan(at(100))).toEqual({ sessions: 0, turns: 0 });
    });
  });
}
