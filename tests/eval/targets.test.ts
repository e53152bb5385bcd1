import { describe, expect, it } from 'vitest';
import { describeFetchError, httpTarget } from '../../src/eval/targets.js';

function fakeFetch(reply: (url: string, body: unknown) => { status: number; body: unknown }) {
  const calls: Array<{ url: string; body: unknown }> = [];
  const fn = (async (url: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body));
    calls.push({ url: String(url), body });
    const r = reply(String(url), body);
    return new Response(typeof r.body === 'string' ? r.body : JSON.stringify(r.body), { status: r.status });
  }) as typeof fetch;
  return { fn, calls };
}

describe('httpTarget', () => {
  it('posts to /api/chat with explicit history and fills optional lists', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { answer: '有', abstained: false, citations: [{ ref: '11', label: '第11条' }] } }));
    const t = httpTarget({ endpoint: 'http://127.0.0.1:3000/', fetch: f.fn });
    const history = [{ role: 'user' as const, content: '研发有补助吗' }];
    const r = await t.chat({ message: '上限多少', history });
    expect(f.calls[0]).toEqual({ url: 'http://127.0.0.1:3000/api/chat', body: { message: '上限多少', history } });
    expect(r.citations).toEqual([{ ref: '11', label: '第11条' }]);
    expect(r.retrieved).toEqual([]);
    expect(r.droppedCitations).toEqual([]);
    await t.chat({ message: '单轮' });
    expect(f.calls[1]!.body).toEqual({ message: '单轮' });
  });

  it('posts to /api/match', async () => {
    const f = fakeFetch(() => ({ status: 200, body: { profile: {}, measures: [{ ref: '11', status: 'eligible', title: 'x' }], questions: [] } }));
    const r = await httpTarget({ endpoint: 'http://h', fetch: f.fn }).match({ description: '企业' });
    expect(f.calls[0]).toEqual({ url: 'http://h/api/match', body: { description: '企业' } });
    expect(r.measures[0]).toMatchObject({ ref: '11', status: 'eligible' });
  });

  it('turns HTTP errors and malformed bodies into readable errors', async () => {
    const err = httpTarget({ endpoint: 'http://h', fetch: fakeFetch(() => ({ status: 429, body: { error: { code: 'RATE_LIMITED', message: '请求过于频繁' } } })).fn });
    await expect(err.chat({ message: 'x' })).rejects.toThrow('HTTP 429：请求过于频繁');
    const html = httpTarget({ endpoint: 'http://h', fetch: fakeFetch(() => ({ status: 502, body: '<html>bad gateway</html>' })).fn });
    await expect(html.chat({ message: 'x' })).rejects.toThrow('HTTP 502：响应不是 JSON');
    const shape = httpTarget({ endpoint: 'http://h', fetch: fakeFetch(() => ({ status: 200, body: { answer: 1 } })).fn });
    await expect(shape.chat({ message: 'x' })).rejects.toThrow('POST /api/chat 的响应格式不符');
  });

  it('says why a connection failed instead of "fetch failed"', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const t = httpTarget({ endpoint: 'http://h', fetch: (async () => { throw refused; }) as typeof fetch });
    await expect(t.match({ description: 'x' })).rejects.toThrow('无法连接 http://h/api/match（ECONNREFUSED），请确认服务已启动且地址正确');
    const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
    expect(describeFetchError(timeout, 'http://h/api/chat', 500)).toBe('请求 http://h/api/chat 超时（500 毫秒）');
  });
});
