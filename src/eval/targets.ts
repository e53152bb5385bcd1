// What the runner evaluates: a build reached in process (ready services) or over HTTP.
// Both speak the same small contract so every metric is computed the same way.
import { z } from 'zod';
import type { ChatObservation, MatchObservation } from './case-scoring.js';

/** Lenient shapes for HTTP responses: only what the eval reads, with defaults for optional lists. */
const ChatObservationSchema = z.looseObject({
  answer: z.string(),
  abstained: z.boolean(),
  citations: z.array(z.looseObject({ ref: z.string() })).default([]),
  retrieved: z.array(z.looseObject({ ref: z.string() })).default([]),
  mode: z.string().default(''),
  resolvedQuestion: z.string().default(''),
  droppedCitations: z.array(z.unknown()).default([]),
});
const MatchObservationSchema = z.looseObject({
  measures: z.array(z.looseObject({ ref: z.string(), status: z.enum(['eligible', 'possible', 'not_eligible']) })),
});

function checked<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(整体)'}：${i.message}`).join('；');
    throw new Error(`${what} 的响应格式不符：${detail}`);
  }
  return parsed.data;
}

export interface EvalChatRequest {
  message: string;
  history?: Array<{ role: 'user' | 'assistant'; content: string }>;
}

export interface EvalMatchRequest {
  description?: string;
  profile?: Record<string, unknown>;
}

export interface EvalTarget {
  /** Shown in progress output and the report, e.g. "进程内" or the endpoint URL. */
  readonly name: string;
  chat(request: EvalChatRequest): Promise<ChatObservation>;
  match(request: EvalMatchRequest): Promise<MatchObservation>;
  /** Refs the build's corpus holds, to warn about gold refs it cannot know (in process only). */
  knownRefs?(): string[];
}

/** The parts of AppServices the eval uses (structural, so fakes need not build the real ones). */
export interface InProcessServices {
  chat: { answer(request: EvalChatRequest): Promise<ChatObservation> };
  match?: { match(request: EvalMatchRequest): Promise<MatchObservation> };
  search?: { corpus: { units: Array<{ key: string }> } };
}

export function inProcessTarget(services: InProcessServices): EvalTarget {
  return {
    name: '进程内',
    chat: (request) => services.chat.answer(request),
    async match(request) {
      if (!services.match) throw new Error('这个构建没有提供匹配服务（AppServices.match）');
      return services.match.match(request);
    },
    ...(services.search ? { knownRefs: () => services.search!.corpus.units.map((u) => u.key) } : {}),
  };
}

export interface HttpTargetOptions {
  endpoint: string;
  /** Sent as `region` with every question (the portal the gold set was written for). */
  region?: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

/** fetch() only says "fetch failed"; the useful part (ECONNREFUSED, timeout) is in the cause. */
export function describeFetchError(err: unknown, url: string, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `请求 ${url} 超时（${timeoutMs} 毫秒）`;
  const detail = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err);
  return `无法连接 ${url}（${detail}），请确认服务已启动且地址正确`;
}

async function postJson(url: string, body: unknown, fetchFn: typeof globalThis.fetch, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    throw new Error(describeFetchError(err, url, timeoutMs));
  }
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${res.status}：响应不是 JSON（${text.slice(0, 120)}）`);
  }
  if (!res.ok) {
    const err = (json as { error?: { message?: string; code?: string } | string }).error;
    const msg = typeof err === 'string' ? err : (err?.message ?? text.slice(0, 200));
    throw new Error(`HTTP ${res.status}：${msg}`);
  }
  return json;
}

/** Calls POST /api/chat (with explicit `history` for follow-ups) and POST /api/match. */
export function httpTarget({ endpoint, region, fetch: fetchFn = globalThis.fetch, timeoutMs = 60_000 }: HttpTargetOptions): EvalTarget {
  const base = endpoint.replace(/\/+$/, '');
  return {
    name: base,
    async chat(request) {
      const body = { ...(request.history?.length ? request : { message: request.message }), ...(region ? { region } : {}) };
      return checked(ChatObservationSchema, await postJson(`${base}/api/chat`, body, fetchFn, timeoutMs), 'POST /api/chat');
    },
    async match(request) {
      return checked(MatchObservationSchema, await postJson(`${base}/api/match`, request, fetchFn, timeoutMs), 'POST /api/match');
    },
  };
}
