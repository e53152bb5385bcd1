// LLM query rewriting against the local OpenAI-compatible double: a question the corpus
// vocabulary misses is retrieved again with the model's document-term rewrite appended to the
// original; the rewrite counts only when what it retrieves is confident.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIDouble, type OpenAIDouble } from '../fakes/openai-double.js';
import { createTestServices } from '../helpers/test-services.js';
import type { AppServices } from '../../src/bootstrap/app-services.js';
import { cleanRewrites } from '../../src/chat/query-rewriter.js';

let double: OpenAIDouble;
let services: AppServices;
let cleanup: () => void;
const QUESTION = '娃娃有点孤僻不说话，康复训练有人管吗';

beforeAll(async () => {
  double = await startOpenAIDouble();
  ({ services, cleanup } = await createTestServices({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: double.url, OPENAI_MODEL: 'double-model', LLM_TIMEOUT_MS: '800', LLM_STREAMING: 'false' }));
});
afterAll(async () => {
  cleanup();
  await double.close();
});

const isRewrite = (body: Record<string, unknown>) => JSON.stringify(body).includes('query_rewrite');

describe('query rewriting', () => {
  it('is not needed offline: without a model the question is refused', async () => {
    const offline = await createTestServices();
    try {
      expect((await offline.services.chat.answer({ message: QUESTION })).abstained).toBe(true);
    } finally {
      offline.cleanup();
    }
  });

  it('a rewrite into document terms rescues the question; the original stays in the query', async () => {
    // The answer call fails, so the offline answer is built from the rescued retrieval.
    double.setReply((body) => (isRewrite(body) ? { kind: 'structured', value: { queries: ['孤独症儿童 康复救助'] } } : { kind: 'status', status: 500 }));
    const r = await services.chat.answer({ message: QUESTION });
    expect(r.abstained, r.answer).toBe(false);
    expect(r.citations.map((c) => c.ref)).toContain('wzzb-2024-11:66');
    expect(r.resolvedQuestion.startsWith(QUESTION)).toBe(true);
    expect(r.resolvedQuestion).toContain('孤独症');
    const sent = JSON.stringify(double.calls.filter((c) => isRewrite(c.body)).at(-1)!.body.messages);
    expect(sent).toContain(QUESTION);
    expect(sent).toContain('政策检索助手'); // prompts/rewrite-query.v1.md
  });

  it('a rewrite that retrieves nothing confident leaves the refusal in place', async () => {
    double.setReply((body) => (isRewrite(body) ? { kind: 'structured', value: { queries: ['今日天气预报 降雨概率'] } } : { kind: 'status', status: 500 }));
    const r = await services.chat.answer({ message: '我家猫最近老是不吃饭怎么办' });
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
  });

  it('a failing model changes nothing: the question is refused as offline', async () => {
    double.setReply(() => ({ kind: 'status', status: 503 }));
    const r = await services.chat.answer({ message: QUESTION });
    expect(r.abstained).toBe(true);
  });

  it('rewrites are trimmed, distinct, at most three, never the question itself', () => {
    expect(cleanRewrites([' 孤独症 ', '孤独症', QUESTION, 'a', 'b', 'c'], QUESTION)).toEqual(['孤独症', 'a', 'b']);
  });
});
