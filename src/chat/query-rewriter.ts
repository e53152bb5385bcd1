// LLM query rewriting (with a model configured): an everyday question is rewritten into the
// documents' terms for retrieval only. The rewrite never reaches the answer as a fact: the chat
// retrieves with the original question plus the rewrite and keeps it only when the units it
// retrieves answer confidently (see chat-service), and every citation is verified as usual.
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { HumanMessage, SystemMessage } from '@langchain/core/messages';
import { z } from 'zod';
import { withDeadline } from './llm-answerer.js';

export const RewriteSchema = z.object({
  queries: z.array(z.string()).describe('1–3 个检索短语，使用政策文件中的正式说法'),
});

export interface QueryRewriter {
  /** Up to three rewrites in document terms; [] when the model fails or says nothing usable. */
  rewrite(question: string, signal?: AbortSignal): Promise<string[]>;
}

const MAX_REWRITES = 3;
const MAX_CHARS = 60;

export function createLlmQueryRewriter(opts: { model: BaseChatModel; instructions: string; timeoutMs: number; method?: 'functionCalling' | 'jsonSchema' | 'jsonMode' }): QueryRewriter {
  const structured = opts.model.withStructuredOutput(RewriteSchema, { name: 'query_rewrite', method: opts.method ?? 'functionCalling' });
  return {
    async rewrite(question, outer) {
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
      try {
        const out = RewriteSchema.parse(await withDeadline(structured.invoke([new SystemMessage(opts.instructions), new HumanMessage(question)], { signal }), signal));
        return cleanRewrites(out.queries, question);
      } catch {
        return [];
      }
    },
  };
}

/** Trimmed, distinct, bounded rewrites that differ from the question. */
export function cleanRewrites(queries: string[], question: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const q of queries) {
    const t = q.replace(/\s+/gu, ' ').trim().slice(0, MAX_CHARS);
    if (!t || t === question.trim() || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
    if (out.length >= MAX_REWRITES) break;
  }
  return out;
}
