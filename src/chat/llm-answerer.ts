// LLM answerer: a chat model (ChatOpenAI or any LangChain chat model) with structured output
// carrying the answer and citations with verbatim quotes. Verification happens in chat-service.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages';
import { z } from 'zod';
import type { ChatTurn } from '../domain/chat.js';
import type { RetrievedUnit } from '../domain/types.js';
import { citableText } from './citable-text.js';
import { fillTemplate, type AnswerPrompts } from './prompts.js';

export const LlmAnswerSchema = z.object({
  answer: z.string().describe('给用户的中文回答，句后用〔第N条〕标注来源'),
  citations: z
    .array(
      z.object({
        ref: z.string().describe('条款编号，如 "11"、"s2"、"preamble"、"closing"'),
        quote: z.string().describe('从该条款原文逐字摘录的句子'),
      }),
    )
    .describe('支撑答案的每一处引用'),
  abstain: z.boolean().describe('可引用条款无法回答时为 true'),
});
export type LlmAnswer = z.infer<typeof LlmAnswerSchema>;

export interface LlmAnswerInput {
  question: string;
  resolvedQuestion: string;
  history: ChatTurn[];
  hits: RetrievedUnit[];
  signal?: AbortSignal;
}

export interface LlmAnswerer {
  readonly model: string;
  answer(input: LlmAnswerInput): Promise<LlmAnswer>;
}

export type StructuredMethod = 'functionCalling' | 'jsonSchema' | 'jsonMode';

export function formatUnits(hits: RetrievedUnit[]): string {
  return hits.map((h) => `[${h.unit.key}] ${h.unit.label}\n${citableText(h.unit)}`).join('\n\n');
}

export function buildMessages(prompts: AnswerPrompts, input: LlmAnswerInput, docTitles: string): BaseMessage[] {
  const history = input.history.slice(-6).map((t) => (t.role === 'user' ? new HumanMessage(t.content) : new AIMessage(t.content)));
  const user = fillTemplate(prompts.user, {
    docTitles,
    units: formatUnits(input.hits),
    resolvedQuestion: input.resolvedQuestion,
    question: input.question,
  });
  return [new SystemMessage(prompts.system), ...history, new HumanMessage(user)];
}

export function createLlmAnswerer(opts: {
  model: BaseChatModel;
  modelName: string;
  prompts: AnswerPrompts;
  timeoutMs: number;
  method?: StructuredMethod;
  docTitles: string;
  /** Read the reply as a stream (first bytes arrive early); the result is still used whole. */
  streaming?: boolean;
}): LlmAnswerer {
  const structured = opts.model.withStructuredOutput(LlmAnswerSchema, { name: 'policy_answer', method: opts.method ?? 'functionCalling' });
  return {
    model: opts.modelName,
    async answer(input) {
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = input.signal ? AbortSignal.any([input.signal, timeout]) : timeout;
      const messages = buildMessages(opts.prompts, input, opts.docTitles);
      const call = async (): Promise<unknown> => {
        if (!opts.streaming) return structured.invoke(messages, { signal });
        // Streaming structured output yields growing partial objects; the last one is complete.
        let last: unknown;
        for await (const partial of await structured.stream(messages, { signal })) last = partial;
        return last;
      };
      return LlmAnswerSchema.parse(await withDeadline(call(), signal));
    },
  };
}

/** Rejects when the signal aborts even if the underlying client ignores it. */
export function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'TimeoutError'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
