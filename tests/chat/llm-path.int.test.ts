// The LLM answerer against a local OpenAI-compatible double on 127.0.0.1 speaking the real wire
// format: every citation is verified, forged refs and quotes are caught, failures fall back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAIDouble, type OpenAIDouble } from '../fakes/openai-double.js';
import { createTestServices } from '../helpers/test-services.js';
import type { AppServices } from '../../src/bootstrap/app-services.js';

const KEY = 'sk-test-SENTINEL-do-not-leak';
let double: OpenAIDouble;
const cleanups: Array<() => void> = [];

beforeAll(async () => {
  double = await startOpenAIDouble();
});
afterAll(async () => {
  cleanups.forEach((c) => c());
  await double.close();
});

async function services(env: Record<string, string> = {}): Promise<AppServices> {
  const t = await createTestServices({ OPENAI_API_KEY: KEY, OPENAI_BASE_URL: double.url, OPENAI_MODEL: 'double-model', LLM_TIMEOUT_MS: '800', ...env });
  cleanups.push(t.cleanup);
  return t.services;
}

const goodAnswer = {
  answer: '规上企业上年度研发费用200万元以上的，按存量3%、增量8%给予最高300万元补助〔第11条〕。',
  // Every figure of the answer is in the quote (see llm-grounding.int.test.ts).
  citations: [{ ref: '11', quote: '研发费用200万元以上的，按存量部分的3%和增量部分的8%给予最高300万元补助' }],
  abstain: false,
};

describe.each([
  ['non-streaming tool calls', { LLM_STREAMING: 'false' }],
  ['streaming tool calls', { LLM_STREAMING: 'true' }],
  ['json_schema response format', { LLM_STREAMING: 'false', LLM_STRUCTURED_METHOD: 'jsonSchema' }],
])('LLM answerer (%s)', (_name, env) => {
  it('returns the model answer with verified citations', async () => {
    const s = await services(env);
    double.setReply(() => ({ kind: 'structured', value: goodAnswer }));
    const before = double.calls.length;
    const r = await s.chat.answer({ message: '研发费用补助怎么算' });
    expect(r.mode).toBe('llm');
    expect(r.answer).toContain('最高300万元补助');
    expect(r.citations).toEqual([expect.objectContaining({ ref: 'wzzb-2024-11:11', label: '第11条' })]);
    expect(r.droppedCitations).toEqual([]);
    const call = double.calls.slice(before).find((c) => JSON.stringify(c.body).includes('policy_answer'))!;
    expect(call.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(call.body.model).toBe('double-model');
    expect(Boolean(call.body.stream)).toBe(env.LLM_STREAMING === 'true');
    const sent = JSON.stringify(call.body.messages);
    expect(sent).toContain('政策通'); // system prompt from prompts/answer-system.v1.md
    expect(sent).toContain('[wzzb-2024-11:11] 第11条'); // retrieved units in the user prompt
  });
});

describe('LLM answerer verification and failures', () => {
  it('drops an invented clause number and a forged quote but keeps the valid citation', async () => {
    const s = await services({ LLM_STREAMING: 'false' });
    double.setReply(() => ({
      kind: 'structured',
      value: {
        answer: '研发补助最高300万元〔第11条〕，另据第99条还可优先推荐〔第99条〕。',
        citations: [
          { ref: '11', quote: '按存量部分的3%和增量部分的8%给予最高300万元补助' },
          { ref: '99', quote: '还可优先推荐' },
          { ref: '11', quote: '给予最高3000万元补助' },
        ],
        abstain: false,
      },
    }));
    const r = await s.chat.answer({ message: '研发费用补助怎么算' });
    expect(r.mode).toBe('llm');
    expect(r.citations.map((c) => c.ref)).toEqual(['wzzb-2024-11:11']);
    expect(r.droppedCitations.map((d) => [d.ref, d.reason])).toEqual([
      ['99', 'unknown_ref'],
      ['11', 'quote_not_found'],
    ]);
    expect(r.droppedCitations[0]!.reasonText).toBe('引用的条款不存在');
    expect(r.answer).not.toContain('〔第99条〕');
  });

  it('falls back to the offline answer when no citation survives', async () => {
    const s = await services({ LLM_STREAMING: 'false' });
    double.setReply(() => ({
      kind: 'structured',
      value: { answer: '所有企业都能拿500万元补贴〔第11条〕。', citations: [{ ref: '11', quote: '所有企业都能拿500万元补贴' }], abstain: false },
    }));
    const r = await s.chat.answer({ message: '研发费用补助怎么算' });
    expect(r.mode).toBe('offline');
    expect(r.fallbackReason).toContain('可核验');
    expect(r.answer).not.toContain('500万元补贴');
    expect(r.citations.map((c) => c.ref)).toContain('wzzb-2024-11:11');
    expect(r.droppedCitations[0]!.reason).toBe('quote_not_found');
  });

  it('answers offline and says so when the model times out', async () => {
    const s = await services({ LLM_STREAMING: 'false', LLM_TIMEOUT_MS: '300' });
    double.setReply(() => ({ kind: 'hang' }));
    const t0 = Date.now();
    const r = await s.chat.answer({ message: '小升规奖励多少' });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.mode).toBe('offline');
    expect(r.fallbackReason).toContain('超时');
    expect(r.citations.map((c) => c.ref)).toContain('wzzb-2024-11:29');
  });

  it('answers offline when the service returns 500 or garbage, never leaking the key', async () => {
    const s = await services({ LLM_STREAMING: 'false' });
    for (const reply of [{ kind: 'status', status: 500 } as const, { kind: 'garbage' } as const]) {
      double.setReply(() => reply);
      const r = await s.chat.answer({ message: '小升规奖励多少' });
      expect(r.mode).toBe('offline');
      expect(r.fallbackReason).toContain('不可用');
      expect(JSON.stringify(r)).not.toContain(KEY);
    }
  });

  it('passes the model abstention through', async () => {
    const s = await services({ LLM_STREAMING: 'false' });
    double.setReply(() => ({ kind: 'structured', value: { answer: '文件中没有相关内容。', citations: [], abstain: true } }));
    const r = await s.chat.answer({ message: '高新技术企业认定需要什么材料' });
    expect(r.abstained).toBe(true);
    expect(r.citations).toEqual([]);
  });
});

describe('LLM profile extraction', () => {
  it('uses the versioned extraction prompt and merges the model profile', async () => {
    const s = await services({ LLM_STREAMING: 'false' });
    double.setReply((body) =>
      JSON.stringify(body).includes('company_profile')
        ? { kind: 'structured', value: { region: 'ruian', aboveScale: true, industries: ['manufacturing'], rdExpenseLastYear: 5_000_000, rdExpenseYearBefore: 4_000_000 } }
        : { kind: 'structured', value: goodAnswer },
    );
    const before = double.calls.length;
    const r = await s.chat.answer({ message: '我们是瑞安的规上制造企业，去年研发费用500万，前年400万，能享受什么？' });
    const call = double.calls.slice(before).find((c) => JSON.stringify(c.body).includes('company_profile'))!;
    expect(JSON.stringify(call.body.messages)).toContain('只从中提取关于单位的事实');
    const match = r.match as { profile: Record<string, unknown>; measures: Array<{ ref: string; status: string }> };
    expect(match.profile).toMatchObject({ rdExpenseLastYear: 5_000_000, aboveScale: true });
    expect(match.measures.find((m) => m.ref === 'wzzb-2024-11:11')?.status).toBe('eligible');
    expect(r.citations.map((c) => c.ref)).toContain('wzzb-2024-11:11');
  });
});
