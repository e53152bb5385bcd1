// Probe defect 11: /v1 conformance, tested with the official openai client against the real app
// in process on 127.0.0.1: models.retrieve, unknown models (404 model_not_found), unsupported
// parameters (400 with the parameter named), usage counted in characters, streaming usage chunk
// before [DONE], and OpenAI-shaped error bodies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { createApp } from '../../src/server/app.js';
import { buildServices, listen, postJson, type Running, type TestServices } from './helpers.js';

let t: TestServices;
let running: Running;
let client: OpenAI;
const QUESTION = '研发费用补助怎么算';

beforeAll(async () => {
  t = await buildServices();
  running = await listen(createApp(t.services));
  client = new OpenAI({ apiKey: 'unused', baseURL: `${running.base}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await running.close();
  t.cleanup();
});

const ask = { model: 'zhengcetong', messages: [{ role: 'user' as const, content: QUESTION }] };
const chars = (s: string) => [...s].length;

describe('probe defect 11: /v1 models', () => {
  it('models.retrieve returns the model object for a known id', async () => {
    const m = await client.models.retrieve('zhengcetong');
    expect(m).toMatchObject({ id: 'zhengcetong', object: 'model', owned_by: 'zhengcetong' });
    expect(typeof m.created).toBe('number');
    const list = await client.models.list();
    expect(list.data.map((x) => x.id)).toEqual(['zhengcetong']);
  });

  it('an unknown id is an OpenAI-style 404 model_not_found', async () => {
    const err = await client.models.retrieve('gpt-4o').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ status: 404, code: 'model_not_found', type: 'invalid_request_error', param: 'model' });
  });
});

describe('probe defect 11: /v1 chat completions parameters', () => {
  it('rejects an unknown model with 404 model_not_found', async () => {
    const err = await client.chat.completions.create({ ...ask, model: 'gpt-4o' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err).toMatchObject({ status: 404, code: 'model_not_found', param: 'model' });
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/模型“gpt-4o”不存在/);
  });

  it.each([
    ['n', { n: 2 }, 'unsupported_value'],
    ['tools', { tools: [{ type: 'function', function: { name: 'f', parameters: {} } }] }, 'unsupported_parameter'],
    ['tool_choice', { tool_choice: 'required' }, 'unsupported_parameter'],
    ['response_format', { response_format: { type: 'json_object' } }, 'unsupported_value'],
    ['logprobs', { logprobs: true }, 'unsupported_value'],
    ['functions', { functions: [{ name: 'f', parameters: {} }] }, 'unsupported_parameter'],
    ['stop', { stop: ['。'] }, 'unsupported_parameter'],
    ['not_a_parameter', { not_a_parameter: 1 }, 'unknown_parameter'],
  ])('rejects %s with a BadRequestError naming the parameter', async (param, extra, code) => {
    const err = await client.chat.completions.create({ ...ask, ...(extra as object) } as OpenAI.ChatCompletionCreateParamsNonStreaming).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({ status: 400, param, code, type: 'invalid_request_error' });
    expect((err as InstanceType<typeof OpenAI.APIError>).message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports usage in characters of the messages used and of the answer', async () => {
    const r = await client.chat.completions.create({ ...ask, messages: [{ role: 'system', content: '不计入' }, ...ask.messages] });
    const content = r.choices[0]!.message.content!;
    expect(r.usage).toEqual({ prompt_tokens: chars(QUESTION), completion_tokens: chars(content), total_tokens: chars(QUESTION) + chars(content) });
  });

  it('honours max_tokens by cutting the answer to that many characters, finish_reason length', async () => {
    const r = await client.chat.completions.create({ ...ask, max_tokens: 5 });
    expect(chars(r.choices[0]!.message.content!)).toBe(5);
    expect(r.choices[0]!.finish_reason).toBe('length');
    expect(r.usage!.completion_tokens).toBe(5);
  });

  it('streams with include_usage: every chunk has usage null, then a usage chunk without choices', async () => {
    const stream = await client.chat.completions.create({ ...ask, stream: true, stream_options: { include_usage: true } });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const last = chunks.at(-1)!;
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(last.choices).toEqual([]);
    expect(last.usage).toEqual({ prompt_tokens: chars(QUESTION), completion_tokens: chars(text), total_tokens: chars(QUESTION) + chars(text) });
    expect(chunks.slice(0, -1).every((c) => c.usage === null && c.choices.length === 1)).toBe(true);
    // Citations stay on the finishing chunk.
    const finishing = chunks.at(-2) as unknown as { citations: Array<{ ref: string }>; choices: Array<{ finish_reason: string }> };
    expect(finishing.choices[0]!.finish_reason).toBe('stop');
    expect(finishing.citations.map((c) => c.ref)).toContain('wzzb-2024-11:11');
  });

  it('the usage chunk is the last data frame before [DONE] on the wire', async () => {
    const res = await postJson(running.base, '/v1/chat/completions', { ...ask, stream: true, stream_options: { include_usage: true } });
    const frames = (await res.text()).split('\n\n').filter(Boolean);
    expect(frames.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(frames.at(-2)!.slice(6))).toMatchObject({ object: 'chat.completion.chunk', choices: [], usage: { total_tokens: expect.any(Number) } });
  });

  it('stream_options without stream is a 400 naming stream_options', async () => {
    const err = await client.chat.completions.create({ ...ask, stream_options: { include_usage: true } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 400, param: 'stream_options' });
  });
});

describe('probe defect 11: /v1 error bodies have OpenAI shape', () => {
  const shape = { message: expect.stringMatching(/[\u4e00-\u9fff]/), type: expect.any(String), param: expect.anything(), code: expect.any(String) };
  const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, unknown> }).error;

  it('a validation error names the invalid field', async () => {
    const res = await postJson(running.base, '/v1/chat/completions', { model: 'zhengcetong', messages: [] });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(Object.keys(error).sort()).toEqual(['code', 'message', 'param', 'type']);
    expect(error).toMatchObject({ ...shape, type: 'invalid_request_error', param: 'messages' });
  });

  it('malformed JSON and an unknown /v1 path', async () => {
    const bad = await postJson(running.base, '/v1/chat/completions', '{"messages": [');
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toEqual({ message: expect.stringMatching(/JSON/), type: 'invalid_request_error', param: null, code: 'bad_request' });
    const missing = await fetch(`${running.base}/v1/embeddings`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toEqual({ message: expect.stringMatching(/[\u4e00-\u9fff]/), type: 'invalid_request_error', param: null, code: 'not_found' });
  });
});

describe('probe defect 11: what keeps working (guards)', () => {
  const errorOf = async (res: Response) => ((await res.json()) as { error: Record<string, unknown> }).error;

  it('accepts n=1 and sampling parameters that cannot change a verified answer', async () => {
    const r = await client.chat.completions.create({ ...ask, n: 1, temperature: 0.7, top_p: 0.9, seed: 7, user: 'u1', presence_penalty: 0, tool_choice: 'none' });
    expect(r.choices).toHaveLength(1);
    expect(r.choices[0]!.finish_reason).toBe('stop');
  });

  it('without include_usage no usage chunk is sent', async () => {
    const res = await postJson(running.base, '/v1/chat/completions', { ...ask, stream: true });
    const frames = (await res.text()).split('\n\n').filter(Boolean);
    const chunks = frames.slice(0, -1).map((f) => JSON.parse(f.slice(6)) as { choices: unknown[]; usage?: unknown });
    expect(chunks.every((c) => c.choices.length === 1 && !('usage' in c))).toBe(true);
  });

  it('/api routes keep their own error shape', async () => {
    const res = await postJson(running.base, '/api/chat', { message: '' });
    expect(Object.keys(await errorOf(res)).sort()).toEqual(['code', 'message']);
  });
});
