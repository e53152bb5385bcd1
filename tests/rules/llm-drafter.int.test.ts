// draft-rules with an LLM configured, against the local OpenAI-compatible double: the model's
// items are verified against the unit (a forged quote, an amount its quote does not state and an
// unregistered fact are dropped and reported), a verified item is merged, a conflicting one leaves
// the offline draft in place, and the file stays reviewed:false. Works on a temporary corpus copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConfiguredUnitDrafter } from '../../src/bootstrap/rule-drafting.js';
import { loadConfig } from '../../src/config/config.js';
import { leavesOf } from '../../src/rules/condition.js';
import { runDraftRules } from '../../src/rules/draft-command.js';
import { buildRegistry } from '../../src/rules/fact-registry.js';
import { mergeLlmDraft } from '../../src/rules/llm-drafter.js';
import type { Rule, RuleFile } from '../../src/rules/rule-schema.js';
import { startOpenAIDouble, type OpenAIDouble } from '../fakes/openai-double.js';
import { tempCorpus, type TempCorpus } from '../e2e/helpers/temp-corpus.js';

const DOC = 'gz-grad-startup-subsidy-2025';
let double: OpenAIDouble;
let corpus: TempCorpus;

beforeAll(async () => {
  double = await startOpenAIDouble();
  corpus = tempCorpus();
});
afterAll(async () => {
  await double.close();
  corpus.remove();
});

const reply = {
  conditions: [
    { fact: 'hiresEmployees', op: 'truthy', value: null, description: '申请前连续6个月缴纳社保', quote: '申请前连续6个月为员工缴纳社会保险' },
    { fact: 'hiresEmployees', op: 'truthy', value: null, description: '有在职员工正常缴纳社会保险费', quote: '初创企业申请补贴当月前连续3个月有在职员工' },
    { fact: 'age', op: 'lte', value: 50, description: '年龄不超过50周岁', quote: '女性不超过55周岁' },
    { fact: 'rentArea', op: 'gte', value: 100, description: '租赁面积', quote: '初创企业租赁场地用于经营' },
  ],
  benefits: [
    { text: '租金补贴合计', quote: '补贴期限：累计不超过3年', amount: 18000, cap: null },
    { text: '每年补贴6000元', quote: '每连续租满1年补贴6000元', amount: 6000, cap: null },
  ],
};

describe('draft-rules with an LLM', () => {
  it('drops unverifiable items (reported), merges a verified one, keeps offline on conflict, stays reviewed:false', async () => {
    double.setReply((body) => ({ kind: 'structured', value: JSON.stringify(body).includes('条款 3：') ? reply : { conditions: [], benefits: [] } }));
    const config = loadConfig({ OPENAI_API_KEY: 'sk-test-draft', OPENAI_BASE_URL: double.url, OPENAI_MODEL: 'double-model', LLM_TIMEOUT_MS: '5000', LLM_STREAMING: 'false', PROMPTS_DIR: 'prompts', LOG_LEVEL: 'silent' });
    const llm = createConfiguredUnitDrafter(config)!;
    const lines: string[] = [];
    await runDraftRules({ corpusDir: corpus.dir, docIds: [DOC], out: (s) => lines.push(s), llm });
    const out = lines.join('');

    const call = double.calls.find((c) => JSON.stringify(c.body).includes('条款 3：'))!;
    const sent = JSON.stringify(call.body);
    expect(sent).toContain('规则起草助手'); // prompts/draft-rules.v1.md
    expect(sent).toContain('draft_rule');
    expect(sent).toContain('每连续租满1年补贴6000元'); // the unit text

    expect(out).toMatch(/3 大模型建议已丢弃：条件“申请前连续6个月缴纳社保”：引文不在条款原文中/u);
    expect(out).toMatch(/大模型建议已丢弃：条件“租赁面积”：事实“rentArea”未登记/u);
    expect(out).toMatch(/大模型建议已丢弃：待遇“租金补贴合计”：金额未在引文中出现/u);
    expect(out).toMatch(/大模型建议并入 1 项（引文已核验），丢弃 3 项/u);

    const file = JSON.parse(readFileSync(join(corpus.dir, 'rules', `${DOC}.rules.json`), 'utf8')) as RuleFile;
    expect(file.origin).toBe('drafted');
    const rule = file.rules.find((r) => r.ref === '3')!;
    expect(rule.reviewed).toBe(false);
    const leaves = leavesOf(rule.conditions);
    expect(leaves.find((l) => l.fact === 'hiresEmployees')).toMatchObject({ op: 'truthy', quote: '初创企业申请补贴当月前连续3个月有在职员工' });
    expect(leaves.some((l) => l.quote.includes('6个月'))).toBe(false);
    // Conflict: the offline age limits stay, the model's 50 is not taken.
    expect(leaves.filter((l) => l.fact === 'age').map((l) => l.value)).toEqual([55, 60]);
    expect(rule.benefits.map((b) => b.formula?.kind === 'fixed' ? b.formula.amount : null)).toEqual([null, 6000]);
    expect(rule.note).toContain('含大模型建议 1 项');
  }, 60_000);
});

describe('merge rule (pure)', () => {
  const unit = { ref: '1', text: '对高校毕业生、退役军人创办的小微企业给予补贴。补贴标准：每户5000元。' };
  const registry = buildRegistry([JSON.parse(readFileSync('corpus/facts/core.facts.json', 'utf8'))]);
  const offline: Rule = {
    ref: '1', reviewed: false, audience: { text: '（待核实）', tags: [] }, actionability: 'apply', value: 2,
    conditions: { all: [{ fact: 'personGroups', op: 'includesAny', value: ['college_graduate', 'veteran'], description: '高校毕业生或退役军人', quote: '高校毕业生、退役军人' }] },
    benefits: [{ text: '补贴', quote: '补贴标准：每户5000元' }],
  };
  it('a verified, more specific item replaces the offline one; an amount fills a missing formula', () => {
    const r = mergeLlmDraft(offline, {
      conditions: [{ fact: 'personGroups', op: 'includesAny', value: ['veteran'], description: '退役军人', quote: '退役军人' }],
      benefits: [{ text: '每户5000元', quote: '每户5000元', amount: 5000, cap: null }],
    }, unit, registry);
    expect(r.dropped).toEqual([]);
    expect(leavesOf(r.rule.conditions)).toEqual([expect.objectContaining({ value: ['veteran'] })]);
    expect(r.rule.benefits).toEqual([{ text: '补贴', quote: '补贴标准：每户5000元', formula: { kind: 'fixed', amount: 5000, result: 'subsidy' } }]);
    expect(r.rule.reviewed).toBe(false);
  });
});
