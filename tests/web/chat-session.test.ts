// Chat state across reloads and the transparent restart of an expired session, against a
// recording chat double.
import { describe, expect, it } from 'vitest';
import { ApiError, type ChatBody, type StreamHandlers } from '../../src/web/shared/api-client.js';
import { createChatSession, historyFrom, loadState, type KeyValueStore } from '../../src/web/chat/chat-session.js';
import type { ChatResponse } from '../../src/web/shared/types.js';

class MemoryStore implements KeyValueStore {
  readonly map = new Map<string, string>();
  getItem = (k: string) => this.map.get(k) ?? null;
  setItem = (k: string, v: string) => void this.map.set(k, v);
  removeItem = (k: string) => void this.map.delete(k);
}

const response = (over: Partial<ChatResponse> = {}): ChatResponse => ({
  answer: '答复〔第11条〕',
  citations: [{ ref: '11', label: '第11条', quote: 'q', docTitle: 'd' }],
  abstained: false,
  sessionId: 'sess-0001',
  turnId: 'turn-1',
  droppedCitations: [],
  mode: 'offline',
  suggestions: [],
  retrieved: [{ ref: '11', label: '第11条', score: 1 }],
  resolvedQuestion: 'q',
  ...over,
});

/** Records each request; replies with the scripted outcomes in order. */
function chatDouble(outcomes: Array<ChatResponse | ApiError>) {
  const calls: ChatBody[] = [];
  return {
    calls,
    async streamChat(body: ChatBody, h: StreamHandlers): Promise<ChatResponse> {
      calls.push(body);
      const next = outcomes.shift()!;
      if (next instanceof ApiError) throw next;
      for (const m of ((next.match as { measures?: never[] } | undefined)?.measures ?? [])) h.onMeasure?.(m);
      for (const ch of [...next.answer]) h.onToken?.(ch);
      for (const c of next.citations) h.onCitation?.(c);
      return next;
    },
  };
}

describe('createChatSession', () => {
  it('streams a turn, keeps the session id, and survives a reload through storage', async () => {
    const storage = new MemoryStore();
    const api = chatDouble([response(), response({ turnId: 'turn-2' })]);
    const events: string[] = [];
    const s = createChatSession({ api, storage, storageKey: 'k' });
    s.subscribe((e) => events.push(e.type));
    const reply = await s.send('  研发补助？ ');
    expect(api.calls[0]).toEqual({ message: '研发补助？' });
    expect(reply).toMatchObject({ text: '答复〔第11条〕', pending: false, turnId: 'turn-1', sessionId: 'sess-0001', retrievedRefs: ['11'] });
    expect(events[0]).toBe('added');
    expect(events).toContain('firstToken');
    expect(events.at(-1)).toBe('done');

    const again = createChatSession({ api, storage, storageKey: 'k' });
    expect(again.state.sessionId).toBe('sess-0001');
    expect(again.state.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    await again.send('追问');
    expect(api.calls[1]).toEqual({ message: '追问', sessionId: 'sess-0001' });
  });

  it('restarts an expired session transparently, sending the conversation as history', async () => {
    const storage = new MemoryStore();
    storage.setItem(
      'k',
      JSON.stringify({ sessionId: 'old-session', messages: [{ id: '1', role: 'user', text: '研发补助？' }, { id: '2', role: 'assistant', text: '答复' }] }),
    );
    const api = chatDouble([new ApiError(404, 'NOT_FOUND', '会话不存在或已过期'), response({ sessionId: 'new-session' })]);
    const s = createChatSession({ api, storage, storageKey: 'k' });
    const reply = await s.send('那申请条件呢？');
    expect(api.calls).toEqual([
      { message: '那申请条件呢？', sessionId: 'old-session' },
      { message: '那申请条件呢？', history: [{ role: 'user', content: '研发补助？' }, { role: 'assistant', content: '答复' }] },
    ]);
    expect(reply?.error).toBeUndefined();
    expect(s.state.sessionId).toBe('new-session');
  });

  it('shows other errors on the reply and can retry', async () => {
    const api = chatDouble([new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试。'), response()]);
    const s = createChatSession({ api, storage: null, storageKey: 'k' });
    const failed = await s.send('问题');
    expect(failed).toMatchObject({ error: '网络连接失败，请检查网络后重试。', pending: false });
    const ok = await s.retry(failed!);
    expect(ok?.text).toBe('答复〔第11条〕');
    expect(s.state.messages.map((m) => m.text)).toEqual(['问题', '答复〔第11条〕']);
  });

  it('ignores empty input and a second send while busy', async () => {
    const api = chatDouble([response()]);
    const s = createChatSession({ api, storage: null, storageKey: 'k' });
    expect(await s.send('   ')).toBeNull();
    const first = s.send('一');
    expect(await s.send('二')).toBeNull();
    await first;
    expect(api.calls).toHaveLength(1);
  });

  it('stores only the measures the UI shows, and clear() forgets everything', async () => {
    const storage = new MemoryStore();
    const measures = [{ ref: '11', status: 'eligible' }, { ref: '44', status: 'not_eligible' }];
    const api = chatDouble([response({ match: { profile: {}, measures, questions: [] } })]);
    const s = createChatSession({ api, storage, storageKey: 'k' });
    const reply = await s.send('我们是鹿城区的软件企业');
    expect(reply?.measures).toHaveLength(2);
    const saved = JSON.parse(storage.getItem('k')!) as { messages: Array<{ measures?: unknown[] }> };
    expect(saved.messages[1]!.measures).toEqual([{ ref: '11', status: 'eligible' }]);
    s.clear();
    expect(storage.getItem('k')).toBeNull();
    expect(s.state).toEqual({ sessionId: undefined, messages: [] });
  });
});

describe('loadState / historyFrom', () => {
  it('marks an answer interrupted by a reload and tolerates garbage', () => {
    const storage = new MemoryStore();
    storage.setItem('k', JSON.stringify({ sessionId: 's', messages: [{ id: '1', role: 'assistant', text: '', pending: true }] }));
    expect(loadState(storage, 'k').messages[0]).toMatchObject({ pending: false, error: '上次回答未完成，请重新提问。' });
    storage.setItem('k', '{not json');
    expect(loadState(storage, 'k')).toEqual({ messages: [] });
    expect(loadState(null, 'k')).toEqual({ messages: [] });
  });

  it('keeps the last turns with text, skipping errors', () => {
    const h = historyFrom(
      [
        { id: '1', role: 'user', text: 'a' },
        { id: '2', role: 'assistant', text: '', error: 'x' },
        { id: '3', role: 'user', text: 'b' },
        { id: '4', role: 'assistant', text: 'c' },
      ],
      2,
    );
    expect(h).toEqual([{ role: 'user', content: 'b' }, { role: 'assistant', content: 'c' }]);
  });
});

describe('createChatSession extraBody', () => {
  it('sends the extra fields (the console profile) with every question', async () => {
    const api = chatDouble([response(), response({ turnId: 'turn-2' })]);
    let profile: Record<string, unknown> = { aboveScale: true };
    const s = createChatSession({ api, storage: new MemoryStore(), storageKey: 'k', extraBody: () => ({ profile }) });
    await s.send('研发补助？');
    profile = { aboveScale: false };
    await s.send('追问');
    expect(api.calls[0]).toEqual({ message: '研发补助？', profile: { aboveScale: true } });
    expect(api.calls[1]).toEqual({ message: '追问', profile: { aboveScale: false }, sessionId: 'sess-0001' });
  });
});
