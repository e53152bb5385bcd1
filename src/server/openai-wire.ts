// The OpenAI chat-completions wire contract as this service implements it (pure): which request
// parameters are honoured, ignored or refused, OpenAI-shaped error bodies, and usage counting.
import { AppError, type ErrorCode } from '../domain/errors.js';
import { httpStatus } from './error-handler.js';

/** The fields OpenAI puts in every error body besides `message`. */
export interface OpenAIErrorFields {
  type: string;
  param: string | null;
  code: string | null;
}

export interface OpenAIErrorBody {
  error: { message: string } & OpenAIErrorFields;
}

/** An AppError that also carries OpenAI's `type`, `param` and `code` for the /v1 routes. */
export function openaiError(code: ErrorCode, message: string, fields: Partial<OpenAIErrorFields>): AppError {
  return new AppError(code, message, { details: { openai: fields } });
}

/** A zod issue path as OpenAI names parameters: messages[0].content. */
function paramName(path: readonly PropertyKey[]): string | null {
  if (path.length === 0) return null;
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function defaultType(status: number): string {
  if (status === 429) return 'requests';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

/**
 * The body of a /v1 error: {error: {message, type, param, code}}. Explicit fields come from
 * openaiError; otherwise the type follows the status, `param` names the first invalid field of a
 * validation error, and `code` is our error code in lower case (bad_request, not_found, …).
 */
export function openaiErrorBody(err: AppError): OpenAIErrorBody {
  const details = err.details as { openai?: Partial<OpenAIErrorFields> } | Array<{ path?: PropertyKey[] }> | undefined;
  const given = !Array.isArray(details) ? details?.openai : undefined;
  const issuePath = Array.isArray(details) ? details[0]?.path : undefined;
  const status = httpStatus(err);
  return {
    error: {
      message: err.userMessage,
      type: given?.type ?? defaultType(status),
      param: given?.param !== undefined ? given.param : issuePath ? paramName(issuePath) : null,
      code: given?.code !== undefined ? given.code : status === 429 ? 'rate_limit_exceeded' : err.code.toLowerCase(),
    },
  };
}

type Refusal = { code: 'unsupported_parameter' | 'unsupported_value'; why: string } | null;
const isSet = (v: unknown) => v !== undefined && v !== null;
const nonEmpty = (v: unknown) => isSet(v) && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0) && v !== '';

/**
 * Parameters the client would expect to change the reply but this service cannot honour: a turn
 * is one verified extractive answer, not free generation. Refused with 400 so the client is not
 * misled into thinking they took effect.
 */
const REFUSED: Record<string, (v: unknown) => Refusal> = {
  n: (v) => (isSet(v) && v !== 1 ? { code: 'unsupported_value', why: '每次只返回一个经过核验的回答，n 只能为 1' } : null),
  tools: (v) => (nonEmpty(v) ? { code: 'unsupported_parameter', why: '不支持工具调用' } : null),
  tool_choice: (v) => (isSet(v) && v !== 'none' ? { code: 'unsupported_parameter', why: '不支持工具调用' } : null),
  functions: (v) => (nonEmpty(v) ? { code: 'unsupported_parameter', why: '不支持函数调用' } : null),
  function_call: (v) => (isSet(v) && v !== 'none' ? { code: 'unsupported_parameter', why: '不支持函数调用' } : null),
  response_format: (v) =>
    isSet(v) && (v as { type?: unknown }).type !== 'text' ? { code: 'unsupported_value', why: '回答只能是文本，不支持 JSON 输出格式' } : null,
  logprobs: (v) => (v === true ? { code: 'unsupported_value', why: '回答不是逐词生成的，没有概率信息' } : null),
  top_logprobs: (v) => (isSet(v) ? { code: 'unsupported_parameter', why: '回答不是逐词生成的，没有概率信息' } : null),
  logit_bias: (v) => (nonEmpty(v) ? { code: 'unsupported_parameter', why: '回答不是逐词生成的，不能调整词的概率' } : null),
  stop: (v) => (nonEmpty(v) ? { code: 'unsupported_parameter', why: '按停止词截断的回答无法与完整回答区分（finish_reason 仍为 stop），可能丢掉适用条件' } : null),
  audio: (v) => (isSet(v) ? { code: 'unsupported_parameter', why: '只支持文本回答' } : null),
  modalities: (v) =>
    isSet(v) && !(Array.isArray(v) && v.every((m) => m === 'text')) ? { code: 'unsupported_value', why: '只支持文本回答' } : null,
  prediction: (v) => (isSet(v) ? { code: 'unsupported_parameter', why: '不支持预测输出' } : null),
  web_search_options: (v) => (isSet(v) ? { code: 'unsupported_parameter', why: '只依据已加载的政策文件回答，不联网检索' } : null),
  store: (v) => (v === true ? { code: 'unsupported_value', why: '本服务不保存对话补全记录' } : null),
};

/**
 * Accepted and ignored: sampling and bookkeeping parameters that cannot change a verified
 * extractive answer (it is the same at any temperature), so refusing them would only break
 * clients that send them by default.
 */
const IGNORED = new Set([
  'temperature',
  'top_p',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'user',
  'metadata',
  'service_tier',
  'reasoning_effort',
  'verbosity',
  'parallel_tool_calls',
  'prompt_cache_key',
  'safety_identifier',
]);

/** Honoured: the conversation, the model id, streaming with usage, and length limits (max_tokens). */
const HONOURED = new Set(['model', 'messages', 'stream', 'stream_options', 'max_tokens', 'max_completion_tokens']);

/** The first parameter of the request that is refused or unknown, as an OpenAI-style 400. */
export function checkParameters(body: Record<string, unknown>): AppError | null {
  for (const [name, value] of Object.entries(body)) {
    if (HONOURED.has(name) || IGNORED.has(name)) continue;
    const refuse = REFUSED[name];
    if (!refuse) {
      return openaiError('BAD_REQUEST', `不认识的请求参数：${name}。请删除该参数后重试。`, { type: 'invalid_request_error', param: name, code: 'unknown_parameter' });
    }
    const refusal = refuse(value);
    if (refusal) {
      return openaiError('BAD_REQUEST', `不支持参数 ${name}：${refusal.why}。请删除该参数后重试。`, { type: 'invalid_request_error', param: name, code: refusal.code });
    }
  }
  return null;
}

/**
 * Usage as this service counts it: Unicode characters, not model tokens (the offline answerer has
 * no tokenizer the client could reproduce, and characters are what MAX_MESSAGE_CHARS limits).
 * prompt_tokens: characters of the user and assistant messages the answer was based on (system,
 * developer and tool messages are ignored, so not counted); completion_tokens: characters of the
 * returned content.
 */
export function countUsage(promptTexts: string[], completion: string) {
  const chars = (s: string) => [...s].length;
  const prompt_tokens = promptTexts.reduce((n, t) => n + chars(t), 0);
  const completion_tokens = chars(completion);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

/** Cuts content to `max` characters (max_tokens is honoured in the same unit usage counts). */
export function truncateContent(content: string, max: number | null | undefined): { content: string; truncated: boolean } {
  if (!max) return { content, truncated: false };
  const chars = [...content];
  return chars.length <= max ? { content, truncated: false } : { content: chars.slice(0, max).join(''), truncated: true };
}
