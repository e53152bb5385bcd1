// The browser API client against a recording fetch double: SSE streamed in odd chunks, JSON
// errors before the stream, `error` events inside it, and streams cut short.
import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from '../../src/web/shared/api-client.js';

function sseResponse(chunks: string[], status = 200): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (const ch of chunks) c.enqueue(enc.encode(ch));
      c.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } });
}

function recordingFetch(respond: (url: string, init: RequestInit) => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const f = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return respond(url, init);
  }) as unknown as typeof fetch;
  return { calls, f };
}

const DONE = { answer: '答〔第11条〕', citations: [{ ref: '11', label: '第11条', quote: 'q', docTitle: 'd' }], sessionId: 's-12345678', turnId: 't1' };

describe('streamChat', () => {
  it('dispatches token, citation and measure events and resolves with done', async () => {
    const frames = `event: measure\ndata: {"ref":"11","status":"eligible"}\n\nevent: token\ndata: {"text":"答"}\n\nevent: token\ndata: {"text":"〔第11条〕"}\n\nevent: citation\ndata: ${JSON.stringify(DONE.citations[0])}\n\nevent: done\ndata: ${JSON.stringify(DONE)}\n\n`;
    // Split inside a multi-byte character and inside a frame.
    const bytes = new TextEncoder().encode(frames);
    const { calls, f } = recordingFetch(() => {
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < bytes.length; i += 7) c.enqueue(bytes.slice(i, i + 7));
          c.close();
        },
      });
      return new Response(body, { status: 200 });
    });
    const api = createApiClient({ base: 'https://zct.example/', fetch: f });
    const seen: string[] = [];
    const done = await api.streamChat(
      { message: '补助？', sessionId: 's-12345678' },
      { onToken: (t) => seen.push(`t:${t}`), onCitation: (c) => seen.push(`c:${c.ref}`), onMeasure: (m) => seen.push(`m:${m.ref}`) },
    );
    expect(seen).toEqual(['m:11', 't:答', 't:〔第11条〕', 'c:11']);
    expect(done.turnId).toBe('t1');
    expect(calls[0]!.url).toBe('https://zct.example/api/chat/stream');
    expect(JSON.parse(calls[0]!.init.body as string)).toEqual({ message: '补助？', sessionId: 's-12345678' });
  });

  it('throws the server error (code and Chinese message) for a 4xx before the stream', async () => {
    const { f } = recordingFetch(() => Response.json({ error: { code: 'NOT_FOUND', message: '会话不存在或已过期' } }, { status: 404 }));
    const err = await createApiClient({ base: '', fetch: f }).streamChat({ message: 'x' }, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'NOT_FOUND', message: '会话不存在或已过期' });
  });

  it('throws for an error event inside the stream', async () => {
    const { f } = recordingFetch(() => sseResponse(['event: token\ndata: {"text":"a"}\n\n', 'event: error\ndata: {"code":"TIMEOUT","message":"回答超时，请稍后再试。"}\n\n']));
    await expect(createApiClient({ base: '', fetch: f }).streamChat({ message: 'x' }, {})).rejects.toMatchObject({ code: 'TIMEOUT', message: '回答超时，请稍后再试。' });
  });

  it('reports a stream that ends without done as interrupted', async () => {
    const { f } = recordingFetch(() => sseResponse(['event: token\ndata: {"text":"a"}\n\n']));
    await expect(createApiClient({ base: '', fetch: f }).streamChat({ message: 'x' }, {})).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });

  it('turns a network failure into a Chinese message', async () => {
    const f = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(createApiClient({ base: '', fetch: f }).unit('11')).rejects.toMatchObject({ code: 'NETWORK', message: '网络连接失败，请检查网络后重试。' });
  });

  it('explains a 401 from staff endpoints in Chinese and sends the token header', async () => {
    const { calls, f } = recordingFetch(() => Response.json({ error: { code: 'UNAUTHORIZED', message: 'unauthorized' } }, { status: 401 }));
    const api = createApiClient({ base: '', fetch: f, headers: () => ({ Authorization: 'Bearer abc' }) });
    await expect(api.staffFeedback({ limit: 20, offset: 0, rating: 'down' })).rejects.toMatchObject({ status: 401, message: expect.stringContaining('令牌') });
    expect(calls[0]!.url).toBe('/api/staff/feedback?rating=down&limit=20&offset=0');
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe('Bearer abc');
  });
});
