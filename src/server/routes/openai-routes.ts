// POST /v1/chat/completions, GET /v1/models and /v1/models/{id}: the same bot behind the OpenAI
// wire format (streaming and not). Citations travel in an extra `citations` field on the response
// and on the final chunk, so any OpenAI SDK client can use the bot and still read the sources.
// Which request parameters are honoured, ignored or refused: see ../openai-wire.ts.
import type { NextFunction, Request, Response, Router } from 'express';
import { createRouter } from '../router.js';
import { z } from 'zod';
import type { ChatResponse, ChatService, ChatTurn } from '../../domain/chat.js';
import { AppError } from '../../domain/errors.js';
import { chunkText } from '../../chat/answer-stream.js';
import { parseOrThrow } from '../schemas.js';
import { normalizeInbound } from '../../text/normalize-inbound.js';
import { startSse } from '../sse.js';
import { checkParameters, countUsage, openaiError, truncateContent } from '../openai-wire.js';
import { requestSignal } from './chat-routes.js';

const contentSchema = z.union([
  z.string(),
  z.array(z.object({ type: z.string(), text: z.string().optional() }).passthrough()),
]);

export function completionRequestSchema(maxMessageChars: number, maxHistoryTurns: number) {
  return z
    .object({
      model: z.string().max(200).optional(),
      messages: z
        .array(
          z.object({ role: z.enum(['system', 'user', 'assistant', 'developer', 'tool']), content: contentSchema.nullable().optional() }).passthrough(),
        )
        .min(1, 'messages 不能为空')
        .max(maxHistoryTurns + 2, `messages 过多，最多 ${maxHistoryTurns + 2} 条`),
      stream: z.boolean().nullable().optional(),
      stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullable().optional(),
      max_tokens: z.number().int().min(1).nullable().optional(),
      max_completion_tokens: z.number().int().min(1).nullable().optional(),
      user: z.string().max(200).optional(),
    })
    .passthrough()
    .superRefine((b, ctx) => {
      const last = b.messages[b.messages.length - 1];
      if (!last || last.role !== 'user') ctx.addIssue({ code: 'custom', message: '最后一条消息必须来自 user', path: ['messages'] });
      const text = last ? textOf(last.content) : '';
      if (!text.trim()) ctx.addIssue({ code: 'custom', message: '最后一条用户消息不能为空', path: ['messages'] });
      if ([...text].length > maxMessageChars) ctx.addIssue({ code: 'custom', message: `问题过长，请控制在 ${maxMessageChars} 字以内`, path: ['messages'] });
    });
}

/** The message text, normalised as every inbound text is (parts are joined first). */
function textOf(content: z.infer<typeof contentSchema> | null | undefined): string {
  if (!content) return '';
  return normalizeInbound(typeof content === 'string' ? content : content.map((p) => p.text ?? '').join(''), { simplified: true });
}

/** System messages from clients are ignored: the bot's rules are not negotiable over the wire. */
function toHistory(messages: Array<{ role: string; content?: z.infer<typeof contentSchema> | null }>): ChatTurn[] {
  return messages
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({ role: m.role as 'user' | 'assistant', content: textOf(m.content) }));
}

function completionId(r: ChatResponse): string {
  return `chatcmpl-${r.turnId.replace(/-/g, '').slice(0, 24)}`;
}

function extras(r: ChatResponse) {
  return { citations: r.citations, abstained: r.abstained, validity: r.validity ?? null, session_id: r.sessionId };
}

export function openaiRouter(chat: ChatService, opts: { model: string; maxMessageChars: number; maxHistoryTurns: number; now: () => Date }): Router {
  const router = createRouter();
  const schema = completionRequestSchema(opts.maxMessageChars, opts.maxHistoryTurns);
  const created = () => Math.floor(opts.now().getTime() / 1000);
  const modelObject = { id: opts.model, object: 'model', created: created(), owned_by: 'zhengcetong' };
  const unknownModel = (id: string, param: string | null) =>
    openaiError('NOT_FOUND', `模型“${id.slice(0, 100)}”不存在，可用模型：${opts.model}。`, { type: 'invalid_request_error', param, code: 'model_not_found' });

  router.get('/v1/models', (_req, res) => {
    res.json({ object: 'list', data: [modelObject] });
  });

  router.get('/v1/models/:id', (req, res, next) => {
    if (req.params.id !== opts.model) return next(unknownModel(String(req.params.id), 'model'));
    res.json(modelObject);
  });

  router.post('/v1/chat/completions', async (req: Request, res: Response, next: NextFunction) => {
    let body;
    try {
      body = parseOrThrow(schema, req.body);
    } catch (err) {
      next(err);
      return;
    }
    const refused = checkParameters(body);
    if (refused) return next(refused);
    if (body.stream_options && !body.stream) {
      return next(openaiError('BAD_REQUEST', 'stream_options 只能在 stream 为 true 时使用。', { type: 'invalid_request_error', param: 'stream_options', code: 'invalid_value' }));
    }
    if (body.model !== undefined && body.model !== opts.model) return next(unknownModel(body.model, 'model'));
    const history = toHistory(body.messages);
    const last = history.pop();
    if (!last) return next(new AppError('BAD_REQUEST', '缺少用户消息。'));
    const signal = requestSignal(req, res);
    try {
      const r = await chat.answer({ message: last.content, history, stateless: true }, signal);
      // The deadline (or shutdown) may have answered already.
      if (res.headersSent) return;
      const { content, truncated } = truncateContent(r.answer, body.max_completion_tokens ?? body.max_tokens);
      const finish_reason = truncated ? 'length' : 'stop';
      const base = { id: completionId(r), created: created(), model: opts.model, system_fingerprint: null };
      const usage = countUsage([...history, last].map((t) => t.content), content);
      if (!body.stream) {
        res.json({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason, logprobs: null }],
          usage,
          ...extras(r),
        });
        return;
      }
      // As OpenAI does: with include_usage every chunk has usage null and a last chunk, with no
      // choices, carries the usage of the whole request.
      const withUsage = body.stream_options?.include_usage === true;
      const chunk = (choices: unknown[], more: Record<string, unknown> = {}) => ({
        ...base,
        object: 'chat.completion.chunk',
        choices,
        ...(withUsage ? { usage: null } : {}),
        ...more,
      });
      startSse(res);
      const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
      send(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }]));
      for (const text of chunkText(content)) {
        if (signal.aborted) break;
        send(chunk([{ index: 0, delta: { content: text }, finish_reason: null, logprobs: null }]));
      }
      send(chunk([{ index: 0, delta: {}, finish_reason, logprobs: null }], extras(r)));
      if (withUsage) send(chunk([], { usage }));
      res.write('data: [DONE]\n\n');
      res.end();
    } catch (err) {
      if (res.headersSent) {
        if (!res.writableEnded) res.end();
        return;
      }
      next(err);
    }
  });
  return router;
}
