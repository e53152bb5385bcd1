// The ConversationStore contract, run against every implementation (memory, SQLite, PostgreSQL).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { ConversationStore, NewTurn } from '../../src/storage/conversation-store.js';
import { at, expectBadRequest } from './feedback-store.contract.js';

export type MakeConversationStore = (options: { now: () => Date }) => ConversationStore | Promise<ConversationStore>;

const turn = (n: number, overrides: Partial<NewTurn> = {}): NewTurn => ({
  turnId: `t-${n}`,
  role: n % 2 === 0 ? 'user' : 'assistant',
  content: `第 ${n} 句`,
  createdAt: at(n),
  ...overrides,
});

async function expectNotFound(fn: () => unknown): Promise<void> {
  let caught: unknown;
  try {
    await fn();
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

    it('creates and reads sessions; creating twice keeps the first', async () => {
      const store = await fresh();
      expect(await store.createSession({ id: 's1', clientId: 'c1', createdAt: at(0) })).toEqual({
        id: 's1',
        clientId: 'c1',
        createdAt: at(0),
        updatedAt: at(0),
      });
      expect(await store.createSession({ id: 's1', clientId: 'other', createdAt: at(9) })).toEqual({
        id: 's1',
        clientId: 'c1',
        createdAt: at(0),
        updatedAt: at(0),
      });
      const anonymous = await store.createSession({ id: 's2', createdAt: at(1) });
      expect(anonymous).not.toHaveProperty('clientId');
      expect(await store.getSession('s2')).toEqual(anonymous);
      expect(await store.getSession('nope')).toBeUndefined();
      expect(await store.getSession('x'.repeat(500))).toBeUndefined();
    });

    it('appends turns and lists the latest N in chronological order', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      for (let i = 0; i < 6; i++) (await store.appendTurn('s1', turn(i)));
      expect((await store.listTurns('s1')).map((t) => t.turnId)).toEqual(['t-0', 't-1', 't-2', 't-3', 't-4', 't-5']);
      expect((await store.listTurns('s1', { limit: 4 })).map((t) => t.turnId)).toEqual(['t-2', 't-3', 't-4', 't-5']);
      expect((await store.listTurns('s1', { limit: 1 })).map((t) => t.turnId)).toEqual(['t-5']);
      expect(await store.listTurns('unknown')).toEqual([]);
    });

    it('orders by insertion, not by timestamp, when clocks tie or go backwards', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      await store.appendTurn('s1', turn(1, { turnId: 'first', createdAt: at(5) }));
      await store.appendTurn('s1', turn(2, { turnId: 'second', createdAt: at(5) }));
      await store.appendTurn('s1', turn(3, { turnId: 'third', createdAt: at(4) }));
      expect((await store.listTurns('s1')).map((t) => t.turnId)).toEqual(['first', 'second', 'third']);
      expect((await store.getSession('s1'))!.updatedAt).toEqual(at(5));
    });

    it('round-trips refs and abstained, and leaves them out when not given', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      await store.appendTurn('s1', turn(0, { content: '研发补助怎么申请？' }));
      await store.appendTurn('s1', turn(1, { content: '见第十一条。', refs: ['11', 'rd:12'], abstained: false }));
      await store.appendTurn('s1', turn(3, { content: '无法回答。', refs: [], abstained: true }));
      expect(await store.listTurns('s1')).toEqual([
        { sessionId: 's1', turnId: 't-0', role: 'user', content: '研发补助怎么申请？', createdAt: at(0) },
        { sessionId: 's1', turnId: 't-1', role: 'assistant', content: '见第十一条。', refs: ['11', 'rd:12'], abstained: false, createdAt: at(1) },
        { sessionId: 's1', turnId: 't-3', role: 'assistant', content: '无法回答。', refs: [], abstained: true, createdAt: at(3) },
      ]);
    });

    it('moves updatedAt forward with each turn and with touch()', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      await store.appendTurn('s1', turn(1, { createdAt: at(10) }));
      expect((await store.getSession('s1'))!.updatedAt).toEqual(at(10));
      expect(await store.touch('s1', at(20))).toBe(true);
      expect((await store.getSession('s1'))!.updatedAt).toEqual(at(20));
      expect(await store.touch('s1', at(15))).toBe(true);
      expect((await store.getSession('s1'))!.updatedAt).toEqual(at(20));
      expect((await store.getSession('s1'))!.createdAt).toEqual(at(0));
      expect(await store.touch('missing', at(30))).toBe(false);
    });

    it('refuses turns and profiles for sessions that do not exist', async () => {
      const store = await fresh();
      await expectNotFound(() => store.appendTurn('missing', turn(0)));
      await expectNotFound(() => store.saveProfile('missing', { industry: '制造业' }));
      expect(await store.listTurns('missing')).toEqual([]);
    });

    it('counts sessions by client and creation time', async () => {
      const store = await fresh();
      await store.createSession({ id: 'a', clientId: 'c1', createdAt: at(0) });
      await store.createSession({ id: 'b', clientId: 'c1', createdAt: at(10) });
      await store.createSession({ id: 'c', clientId: 'c2', createdAt: at(10) });
      await store.createSession({ id: 'd', createdAt: at(20) });
      expect(await store.countSessions()).toBe(4);
      expect(await store.countSessions({ clientId: 'c1' })).toBe(2);
      expect(await store.countSessions({ since: at(10) })).toBe(3);
      expect(await store.countSessions({ clientId: 'c1', since: at(10) })).toBe(1);
      expect(await store.countSessions({ clientId: 'nobody' })).toBe(0);
    });

    it('deletes a session with its turns and profile', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      await store.appendTurn('s1', turn(0));
      await store.saveProfile('s1', { region: '瑞安' });
      expect(await store.deleteSession('s1')).toBe(true);
      expect(await store.getSession('s1')).toBeUndefined();
      expect(await store.listTurns('s1')).toEqual([]);
      expect(await store.getProfile('s1')).toBeUndefined();
      expect(await store.deleteSession('s1')).toBe(false);
      // The id can be used again and starts empty.
      await store.createSession({ id: 's1', createdAt: at(50) });
      expect(await store.listTurns('s1')).toEqual([]);
    });

    it('saves, replaces and loads the profile per session', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      await store.createSession({ id: 's2', createdAt: at(0) });
      expect(await store.getProfile('s1')).toBeUndefined();
      const profile = { region: '瑞安', scale: '规上', rdExpense: { lastYear: 5_000_000, yearBefore: 4_000_000 }, tags: ['高新技术企业'] };
      await store.saveProfile('s1', profile);
      expect(await store.getProfile('s1')).toEqual(profile);
      expect(await store.getProfile('s2')).toBeUndefined();
      await store.saveProfile('s1', { region: '鹿城' });
      expect(await store.getProfile('s1')).toEqual({ region: '鹿城' });
    });

    it('rejects invalid turns, sessions and profiles with BAD_REQUEST', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      await expectBadRequest(() => store.appendTurn('s1', turn(0, { content: '字'.repeat(20_001) })), /对话内容不能超过 20000 字/);
      await expectBadRequest(() => store.appendTurn('s1', turn(0, { role: 'system' as 'user' })), /角色只能是 user 或 assistant/);
      await expectBadRequest(() => store.appendTurn('s1', turn(0, { refs: [''] })), /引用中的条款编号不能为空/);
      await expectBadRequest(() => store.appendTurn('s1', turn(0, { createdAt: 'yesterday' as never })), /对话时间必须是有效的日期时间/);
      await expectBadRequest(() => store.createSession({ id: '', createdAt: at(0) }), /会话编号不能为空/);
      await expectBadRequest(() => store.createSession({ id: 's3', clientId: 'c'.repeat(201), createdAt: at(0) }), /客户端标识不能超过 200 字/);
      await expectBadRequest(() => store.saveProfile('s1', ['not', 'an', 'object'] as never), /企业画像必须是 JSON 对象/);
      await expectBadRequest(() => store.saveProfile('s1', { blob: 'x'.repeat(60_000) }), /不超过 50000 字/);
      await expectBadRequest(() => store.listTurns('s1', { limit: 0 }), /至少读取 1 条/);
      await expectBadRequest(() => store.touch('s1', new Date(Number.NaN)), /活动时间必须是有效的日期时间/);
      expect(await store.listTurns('s1')).toEqual([]);
      expect(await store.getProfile('s1')).toBeUndefined();
    });

    it('purges idle sessions entirely and old turns of active ones', async () => {
      const store = await fresh();
      await store.createSession({ id: 'idle', createdAt: at(0) });
      await store.appendTurn('idle', turn(1));
      await store.appendTurn('idle', turn(2));
      await store.createSession({ id: 'active', createdAt: at(0) });
      await store.appendTurn('active', turn(3));
      await store.appendTurn('active', turn(200, { turnId: 'recent' }));
      await store.saveProfile('active', { region: '龙湾' });
      expect(await store.purgeOlderThan(at(100))).toEqual({ sessions: 1, turns: 3 });
      expect(await store.getSession('idle')).toBeUndefined();
      expect((await store.listTurns('active')).map((t) => t.turnId)).toEqual(['recent']);
      expect(await store.getProfile('active')).toEqual({ region: '龙湾' });
      expect(await store.purgeOlderThan(at(100))).toEqual({ sessions: 0, turns: 0 });
    });

    it('appends several turns in one write and creates the session with them when asked', async () => {
      const store = await fresh();
      await store.appendTurns('fresh-1', [turn(0), turn(1, { citations: [{ ref: 'rd:11', label: '第十一条', quote: '甲', docTitle: 'A' }], retrievedRefs: ['rd:11'] })], {
        create: { id: 'fresh-1', clientId: 'c9', createdAt: at(0) },
      });
      expect(await store.getSession('fresh-1')).toEqual({ id: 'fresh-1', clientId: 'c9', createdAt: at(0), updatedAt: at(1) });
      expect((await store.listTurns('fresh-1')).map((t) => t.turnId)).toEqual(['t-0', 't-1']);
      // Creating an existing session again changes nothing but appends.
      await store.appendTurns('fresh-1', [turn(2)], { create: { id: 'fresh-1', createdAt: at(50) } });
      expect((await store.getSession('fresh-1'))!.createdAt).toEqual(at(0));
      await expectNotFound(() => store.appendTurns('missing', [turn(0)]));
      await store.saveProfile('fresh-2', { region: '洞头' }, { create: { id: 'fresh-2', createdAt: at(3) } });
      expect(await store.getProfile('fresh-2')).toEqual({ region: '洞头' });
      expect(await store.countSessions()).toBe(2);
    });

    it('stores all turns of one write or none', async () => {
      const store = await fresh();
      await expectBadRequest(() => store.appendTurns('s-x', [turn(0), turn(1, { content: '字'.repeat(20_001) })], { create: { id: 's-x', createdAt: at(0) } }), /对话内容不能超过 20000 字/);
      expect(await store.getSession('s-x')).toBeUndefined();
      await store.createSession({ id: 's-y', createdAt: at(0) });
      await expectBadRequest(() => store.appendTurns('s-y', [turn(0), turn(1, { role: 'robot' as 'user' })]), /角色只能是 user 或 assistant/);
      expect(await store.listTurns('s-y')).toEqual([]);
    });

    it('loads a session, its latest turns and its profile in one read', async () => {
      const store = await fresh();
      expect(await store.loadSession('nope')).toBeUndefined();
      expect(await store.loadSession('x'.repeat(500))).toBeUndefined();
      await store.createSession({ id: 's1', clientId: 'c1', createdAt: at(0) });
      expect(await store.loadSession('s1')).toEqual({ session: { id: 's1', clientId: 'c1', createdAt: at(0), updatedAt: at(0) }, turns: [] });
      for (let i = 0; i < 5; i++) await store.appendTurn('s1', turn(i, i === 3 ? { refs: ['rd:11'], abstained: false } : {}));
      await store.saveProfile('s1', { region: '文成', tags: ['专精特新'] });
      const loaded = (await store.loadSession('s1', { limit: 3 }))!;
      expect(loaded.session.updatedAt).toEqual(at(4));
      expect(loaded.turns).toEqual([
        { sessionId: 's1', turnId: 't-2', role: 'user', content: '第 2 句', createdAt: at(2) },
        { sessionId: 's1', turnId: 't-3', role: 'assistant', content: '第 3 句', refs: ['rd:11'], abstained: false, createdAt: at(3) },
        { sessionId: 's1', turnId: 't-4', role: 'user', content: '第 4 句', createdAt: at(4) },
      ]);
      expect(loaded.profile).toEqual({ region: '文成', tags: ['专精特新'] });
    });

    it('finds a stored answer with the question before it, for feedback', async () => {
      const store = await fresh();
      await store.createSession({ id: 's1', createdAt: at(0) });
      const citations = [{ ref: 'rd:11', label: '第十一条', quote: '按实际发生额', docTitle: '研发' }];
      await store.appendTurns('s1', [
        turn(0, { content: '研发补助怎么算？' }),
        turn(1, { turnId: 'a1', content: '按实际发生额计算。', citations, retrievedRefs: ['rd:11', 'rd:12'] }),
        turn(2, { content: '还有吗？' }),
        turn(3, { turnId: 'a2', content: '没有了。' }),
      ]);
      expect(await store.getExchange('s1', 'a1')).toEqual({ question: '研发补助怎么算？', answer: '按实际发生额计算。', citations, retrievedRefs: ['rd:11', 'rd:12'] });
      expect(await store.getExchange('s1', 'a2')).toEqual({ question: '还有吗？', answer: '没有了。', citations: [] });
      expect(await store.getExchange('s1', 't-0')).toBeUndefined();
      expect(await store.getExchange('other', 'a1')).toBeUndefined();
    });
  });
}
