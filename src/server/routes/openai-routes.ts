// POST /v1/chat/completions: the same bot behind the OpenAI chat-completions wire format
// (streaming and not). Citations travel in an extra `citations` field on the response and on
// the final chunk, so any OpenAI SDK client can use the bot and still read the sources.
import { Router, type NextFunction, type Request, type Response } from 'express';
import { createRouter } from '../router.js';
import { z } from 'zod';
import type { ChatResponse, ChatService, ChatTurn } from '../../domain/chat.js';
import { AppError } from '../../domain/errors.js';
import { chunkText } from '../../chat/answer-stream.js';
import { parseOrThrow } from '../schemas.js';
import { normalizeInbound } from '../../text/normalize-inbound.js';
import { startSse } from '../sse.js';
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
      stream: z.boolean().optional(),
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
  return normalizeInbound(typeof content === 'string' ? content : content.map((p) => p.text ?? '').join(''));
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

  router.get('/v1/models', (_req, res) => {
    res.json({ object: 'list', data: [{ id: opts.model, object: 'model', created: created(), owned_by: 'zhengcetong' }] });
  });

  router.post('/v1/chat/completions', async (req: Request, res: Response, next: NextFunction) => {
    let body;
    try {
      body = parseOrThrow(schema, req.body);
    } catch (err) {
      next(err);
      return;
    }
    const history = toHistory(body.messages);
    const last = history.pop();
    if (!last) return next(new AppError('BAD_REQUEST', '缺少用户消息。'));
    const signal = requestSignal(req, res);
    try {
      const r = await chat.answer({ message: last.content, history, stateless: true }, signal);
      // The deadline (or shutdown) may have answered already.
      if (res.headersSent) return;
      const base = { id: completionId(r), created: created(), model: opts.model, system_fingerprint: null };
      const usage = { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
      if (!body.stream) {
        res.json({
          ...base,
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: r.answer, refusal: null }, finish_reason: 'stop', logprobs: null }],
          usage,
          ...extras(r),
        });
        return;
      }
      startSse(res);
      const send = (payload: unknown) => res.write(`data: ${JSON.stringify(payload)}\n\n`);
      send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] });
      for (const text of chunkText(r.answer)) {
        if (signal.aborted) break;
        send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text }, finish_reason: null, logprobs: null }] });
      }
      send({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }], ...extras(r) });
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
