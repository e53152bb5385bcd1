// A local OpenAI-compatible test double on 127.0.0.1 that speaks the real wire format:
// POST /v1/chat/completions (JSON and SSE streaming, tool calls for structured output,
// json_schema responses) and POST /v1/embeddings (float arrays). Records every call.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

/** What the scripted model does for one chat request. */
export type ChatReply =
  | { kind: 'structured'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: number; body?: unknown }
  | { kind: 'hang' }
  | { kind: 'garbage' };

export interface OpenAIDouble {
  url: string;
  calls: RecordedCall[];
  setReply(fn: (body: Record<string, unknown>) => ChatReply): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toolName(body: Record<string, unknown>): string | undefined {
  const tools = body.tools as Array<{ function?: { name?: string } }> | undefined;
  return tools?.[0]?.function?.name;
}

function completion(body: Record<string, unknown>, reply: ChatReply & { kind: 'structured' | 'text' }) {
  const name = toolName(body);
  const content = reply.kind === 'text' ? reply.text : JSON.stringify(reply.value);
  const message =
    reply.kind === 'structured' && name
      ? { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name, arguments: content } }] }
      : { role: 'assistant', content };
  return {
    id: 'chatcmpl-double',
    object: 'chat.completion',
    created: 1_700_000_000,
    model: String(body.model ?? 'double'),
    choices: [{ index: 0, message, finish_reason: message.content === null ? 'tool_calls' : 'stop', logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function streamCompletion(res: ServerResponse, body: Record<string, unknown>, reply: ChatReply & { kind: 'structured' | 'text' }) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const name = toolName(body);
  const content = reply.kind === 'text' ? reply.text : JSON.stringify(reply.value);
  const base = { id: 'chatcmpl-double', object: 'chat.completion.chunk', created: 1_700_000_000, model: String(body.model ?? 'double') };
  const send = (delta: unknown, finish: string | null = null) =>
    res.write(`data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] })}\n\n`);
  const pieces = content.match(/[\s\S]{1,7}/g) ?? [''];
  if (reply.kind === 'structured' && name) {
    send({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name, arguments: '' } }] });
    for (const p of pieces) send({ tool_calls: [{ index: 0, function: { arguments: p } }] });
    send({}, 'tool_calls');
  } else {
    send({ role: 'assistant', content: '' });
    for (const p of pieces) send({ content: p });
    send({}, 'stop');
  }
  // With stream_options.include_usage the last chunk carries usage and no choices.
  res.write(`data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 } })}\n\n`);
  res.write('data: [DONE]\n\n');
  res.end();
}

export async function startOpenAIDouble(): Promise<OpenAIDouble> {
  const calls: RecordedCall[] = [];
  let replyFn: (body: Record<string, unknown>) => ChatReply = () => ({ kind: 'text', text: '你好' });
  const sockets = new Set<import('node:net').Socket>();
  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      res.writeHead(400).end();
      return;
    }
    calls.push({ path: req.url ?? '', body, headers: req.headers });
    if (req.url?.endsWith('/embeddings')) {
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const data = input.map((text, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(text) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
      return;
    }
    if (!req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const reply = replyFn(body);
    if (reply.kind === 'hang') return; // never answers: the client must time out
    if (reply.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices": [');
      return;
    }
    if (reply.kind === 'status') {
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body ?? { error: { message: 'boom', type: 'server_error' } }));
      return;
    }
    if (body.stream) streamCompletion(res, body, reply);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion(body, reply)));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    setReply(fn) {
      replyFn = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Deterministic 8-dimensional vector from character codes. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(8).fill(0);
  for (let i = 0; i < text.length; i++) v[i % 8]! += (text.charCodeAt(i) % 97) / 97;
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}
