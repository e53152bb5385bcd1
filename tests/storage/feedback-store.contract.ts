// The FeedbackStore contract, run against every implementation (memory, SQLite, PostgreSQL).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { GoldQuestionSchema, parseJsonl } from '../../src/eval/gold.js';
import type { FeedbackStore, NewFeedback } from '../../src/storage/feedback-store.js';

export type MakeFeedbackStore = (options: { now: () => Date }) => FeedbackStore | Promise<FeedbackStore>;

const T0 = Date.parse('2025-06-01T00:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000);

let turnSeq = 0;

/** A feedback row on a turn of its own (one rating per turn), unless the overrides name one. */
export function feedback(overrides: Partial<NewFeedback> = {}): NewFeedback {
  return {
    sessionId: 's-1',
    turnId: `t-${++turnSeq}`,
    rating: 'up',
    question: '小微企业研发费用加计扣除比例是多少？',
    answer: '按 100% 加计扣除〔第三条〕。',
    citations: [{ ref: 'rd:11', label: '第十一条', quote: '按实际发生额的100%在税前加计扣除', docTitle: '关于研发费用的通知' }],
    createdAt: at(0),
    ...overrides,
  };
}

export async function expectBadRequest(fn: () => unknown, message: string | RegExp): Promise<void> {
  let caught: unknown;
  try {
    await fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe('BAD_REQUEST');
  expect((caught as AppError).userMessage).toMatch(message);
  expect((caught as AppError).userMessage).toMatch(/请修改后重试。$/);
}

export function runFeedbackStoreContract(name: string, make: MakeFeedbackStore): void {
  describe(`FeedbackStore contract: ${name}`, () => {
    it('keeps one rating per turn: a later one replaces the earlier and keeps its id', async () => {
      const store = await make({ now: () => at(1) });
      const first = await store.add(feedback({ turnId: 'same-turn', rating: 'up' }));
      const other = await store.add(feedback({ turnId: 'other-turn' }));
      const again = await store.add(feedback({ turnId: 'same-turn', rating: 'down', comment: '改主意了', createdAt: at(5) }));
      expect(again.id).toBe(first.id);
      expect(other.id).not.toBe(first.id);
      expect(await store.get(first.id)).toMatchObject({ rating: 'down', comment: '改主意了' });
      expect((await store.list()).total).toBe(2);
    });

    const clock = () => at(99);
    const fresh = () => make({ now: clock });

    it('adds feedback and reads it back, defaulting createdAt to the clock', async () => {
      const store = await fresh();
      const a = await store.add(feedback({ turnId: 't-1', comment: '  很有帮助  ', retrievedRefs: ['rd:11', 'rd:12'] }));
      const { createdAt: _ignored, ...withoutTime } = feedback({ turnId: 't-2', rating: 'down' });
      const b = await store.add(withoutTime);
      expect(b.id).toBeGreaterThan(a.id);
      expect(await store.get(a.id)).toEqual({
        id: a.id,
        sessionId: 's-1',
        turnId: 't-1',
        rating: 'up',
        comment: '很有帮助',
        question: '小微企业研发费用加计扣除比例是多少？',
        answer: '按 100% 加计扣除〔第三条〕。',
        citations: [{ ref: 'rd:11', label: '第十一条', quote: '按实际发生额的100%在税前加计扣除', docTitle: '关于研发费用的通知' }],
        retrievedRefs: ['rd:11', 'rd:12'],
        createdAt: at(0),
      });
      const second = (await store.get(b.id))!;
      expect(second.createdAt).toEqual(at(99));
      expect(second).not.toHaveProperty('comment');
      expect(second).not.toHaveProperty('retrievedRefs');
    });

    it('treats a blank comment as no comment', async () => {
      const store = await fresh();
      const { id } = await store.add(feedback({ comment: '   ' }));
      expect(await store.get(id)).not.toHaveProperty('comment');
    });

    it('returns undefined for unknown or impossible ids', async () => {
      const store = await fresh();
      await store.add(feedback());
      expect(await store.get(12345)).toBeUndefined();
      expect(await store.get(0)).toBeUndefined();
      expect(await store.get(1.5)).toBeUndefined();
    });

    it('lists newest first with a total, and filters by rating and time', async () => {
      const store = await fresh();
      const ids = [
        (await store.add(feedback({ rating: 'up', createdAt: at(1) }))).id,
        (await store.add(feedback({ rating: 'down', createdAt: at(2) }))).id,
        (await store.add(feedback({ rating: 'up', createdAt: at(3) }))).id,
        (await store.add(feedback({ rating: 'down', createdAt: at(4) }))).id,
      ];
      const all = await store.list();
      expect(all.total).toBe(4);
      expect(all.items.map((i) => i.id)).toEqual([...ids].reverse());
      const down = await store.list({ rating: 'down' });
      expect(down.total).toBe(2);
      expect(down.items.map((i) => i.id)).toEqual([ids[3], ids[1]]);
      expect((await store.list({ since: at(3) })).items.map((i) => i.id)).toEqual([ids[3], ids[2]]);
      expect(await store.list({ rating: 'up', since: at(2) })).toMatchObject({ total: 1, items: [{ id: ids[2] }] });
      expect(await store.list({ since: at(10) })).toEqual({ items: [], total: 0 });
    });

    it('pages with limit and offset; total ignores paging', async () => {
      const store = await fresh();
      for (let i = 0; i < 7; i++) (await store.add(feedback({ turnId: `t-${i}`, createdAt: at(i) })));
      const page1 = await store.list({ limit: 3, offset: 0 });
      const page3 = await store.list({ limit: 3, offset: 6 });
      expect(page1.total).toBe(7);
      expect(page1.items.map((i) => i.turnId)).toEqual(['t-6', 't-5', 't-4']);
      expect((await store.list({ limit: 3, offset: 3 })).items.map((i) => i.turnId)).toEqual(['t-3', 't-2', 't-1']);
      expect(page3).toMatchObject({ total: 7, items: [{ turnId: 't-0' }] });
      expect(await store.list({ limit: 3, offset: 9 })).toEqual({ items: [], total: 7 });
    });

    it('breaks ties on the same timestamp by id, newest first', async () => {
      const store = await fresh();
      const a = (await store.add(feedback({ createdAt: at(5) }))).id;
      const b = (await store.add(feedback({ createdAt: at(5) }))).id;
      expect((await store.list()).items.map((i) => i.id)).toEqual([b, a]);
    });

    it('rejects absurd or malformed input with BAD_REQUEST in Chinese', async () => {
      const store = await fresh();
      await expectBadRequest(() => store.add(feedback({ comment: '评'.repeat(2001) })), /评论不能超过 2000 字/);
      await expectBadRequest(() => store.add(feedback({ answer: '答'.repeat(20_001) })), /回答不能超过 20000 字/);
      await expectBadRequest(() => store.add(feedback({ question: '' })), /问题不能为空/);
      await expectBadRequest(() => store.add(feedback({ rating: 'meh' as 'up' })), /评价只能是 up/);
      await expectBadRequest(() => store.add(feedback({ sessionId: 'x'.repeat(129) })), /会话编号不能超过 128 字/);
      await expectBadRequest(() => store.add(feedback({ citations: Array(51).fill(feedback().citations[0]) })), /引用不能超过 50 条/);
      await expectBadRequest(() => store.add(feedback({ citations: [{ ref: 'a' }] as never })), /引用的条款名称必须是文本/);
      await expectBadRequest(() => store.add(feedback({ createdAt: new Date('nope') })), /反馈时间必须是有效的日期时间/);
      await expectBadRequest(() => store.add({ rating: 'up' } as never), /会话编号必须是文本/);
      await expectBadRequest(() => store.list({ limit: 0 }), /每页至少 1 条/);
      await expectBadRequest(() => store.list({ limit: 501 }), /每页最多 500 条/);
      await expectBadRequest(() => store.list({ limit: 10, offset: -1 }), /偏移量不能为负数/);
      expect((await store.list()).total).toBe(0);
    });

    it('accepts input exactly at the limits', async () => {
      const store = await fresh();
      const { id } = await store.add(feedback({ comment: '评'.repeat(2000), answer: '答'.repeat(20_000) }));
      expect((await store.get(id))!.comment).toHaveLength(2000);
      expect((await store.list({ limit: 500 })).total).toBe(1);
    });

    it('exports gold candidates as JSONL in the gold question format', async () => {
      const store = await fresh();
      const up = (await store.add(
        feedback({
          citations: [
            { ref: 'rd:11', label: '第三条', quote: '甲', docTitle: 'A' },
            { ref: 'svc:29', label: '第一条', quote: '乙', docTitle: 'B' },
            { ref: 'rd:11', label: '第三条', quote: '丙', docTitle: 'A' },
          ],
        }),
      )).id;
      const downNoCite = (await store.add(feedback({ rating: 'down', question: '能补贴多少钱？', citations: [], comment: '没有回答' }))).id;
      const downCited = (await store.add(feedback({ rating: 'down', question: '条件是什么？' }))).id;
      const lines = (await store.exportGoldCandidates()).split('\n');
      expect(lines.at(-1)).toBe('');
      expect(lines.slice(0, -1).map((l) => JSON.parse(l))).toEqual([
        {
          id: `fb-${up}`,
          question: '小微企业研发费用加计扣除比例是多少？',
          expected_clauses: ['rd:11', 'svc:29'],
          must_include: [],
          answerable: true,
          source: 'feedback',
          rating: 'up',
          comment: null,
        },
        {
          id: `fb-${downNoCite}`,
          question: '能补贴多少钱？',
          expected_clauses: [],
          must_include: [],
          answerable: false,
          source: 'feedback',
          rating: 'down',
          comment: '没有回答',
        },
        {
          id: `fb-${downCited}`,
          question: '条件是什么？',
          expected_clauses: ['rd:11'],
          must_include: [],
          answerable: true,
          source: 'feedback',
          rating: 'down',
          comment: null,
        },
      ]);
      // The first keys come in the order the gold files use.
      expect(lines[0]!.startsWith(`{"id":"fb-${up}","question":`)).toBe(true);
      // Apart from the review hints (rating, comment), every line is a valid gold question.
      const reviewed = (await store.exportGoldCandidates())
        .trim()
        .split('\n')
        .map((l) => {
          const { rating: _r, comment: _c, ...rest } = JSON.parse(l) as Record<string, unknown>;
          return JSON.stringify(rest);
        })
        .join('\n');
      expect(parseJsonl(reviewed, GoldQuestionSchema, 'export.jsonl')).toHaveLength(3);
      expect((await store.exportGoldCandidates({ rating: 'down' })).trim().split('\n')).toHaveLength(2);
      expect(await store.exportGoldCandidates({ rating: 'up' })).toContain(`"fb-${up}"`);
    });

    it('exports nothing as an empty string', async () => {
      expect(await (await fresh()).exportGoldCandidates()).toBe('');
    });

    it('purges feedback created before the cutoff', async () => {
      const store = await fresh();
      await store.add(feedback({ createdAt: at(1) }));
      await store.add(feedback({ createdAt: at(2) }));
      const kept = (await store.add(feedback({ createdAt: at(3) }))).id;
      expect(await store.purgeOlderThan(at(3))).toBe(2);
      expect((await store.list()).items.map((i) => i.id)).toEqual([kept]);
      expect(await store.purgeOlderThan(at(3))).toBe(0);
    });
  });
}
