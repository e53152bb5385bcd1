// Both ProfileExtractor implementations against one contract, plus LLM-specific fallbacks.
import { describe, expect, it } from 'vitest';
import { createLlmExtractor, createOfflineExtractor, type ProfileExtractor } from '../../src/matching/llm-extract.js';
import { FakeStructuredChatModel } from './fake-chat-model.js';

const contract = (name: string, make: () => ProfileExtractor) => {
  describe(`ProfileExtractor contract: ${name}`, () => {
    it('merges over the previous profile and lets the new text win', async () => {
      const p = await make().extract('我们不是规上企业', { aboveScale: true, region: 'ruian' });
      expect(p.aboveScale).toBe(false);
      expect(p.region).toBe('ruian');
    });
    it('works without a previous profile', async () => {
      const p = await make().extract('我们不是规上企业');
      expect(p.aboveScale).toBe(false);
    });
  });
};

contract('offline', () => createOfflineExtractor());
contract('llm (fake model)', () => createLlmExtractor({ model: new FakeStructuredChatModel({ aboveScale: false }) }));

describe('createLlmExtractor', () => {
  it('sends the text and previous profile to the model', async () => {
    const model = new FakeStructuredChatModel({ industries: ['software_it'], revenue: 5_000_000, region: null });
    const p = await createLlmExtractor({ model }).extract('做软件的，营收五百万', { region: 'lucheng' });
    expect(p).toEqual({ region: 'lucheng', industries: ['software_it'], revenue: 5_000_000 });
    expect(model.calls).toHaveLength(1);
    const human = model.calls[0]!.at(-1)!;
    expect(String(human.content)).toContain('做软件的，营收五百万');
    expect(String(human.content)).toContain('lucheng');
  });

  it('falls back to offline extraction when the model throws', async () => {
    const errors: unknown[] = [];
    const extractor = createLlmExtractor({
      model: new FakeStructuredChatModel(new Error('network down')),
      onFallback: (e) => errors.push(e),
    });
    const p = await extractor.extract('瑞安的规上企业，去年研发费用500万');
    expect(p.region).toBe('ruian');
    expect(p.rdExpenseLastYear).toBe(5_000_000);
    expect(errors).toHaveLength(1);
  });

  it('falls back when the model output does not fit the schema', async () => {
    const extractor = createLlmExtractor({ model: new FakeStructuredChatModel({ region: '火星' }) });
    const p = await extractor.extract('乐清的电气公司');
    expect(p.region).toBe('yueqing');
  });
});
