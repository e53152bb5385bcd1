// Rules load only when every quote is in its unit (checked at load, with a Chinese message);
// unreviewed rules never make a measure 符合; both rule stores honour one contract; the seed's
// migrated rules pass the checks.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contains } from '../../src/ingest/divisions.js';
import { matchMeasures } from '../../src/matching/engine.js';
import { parseFactFile } from '../../src/rules/fact-registry.js';
import { loadRules } from '../../src/rules/load-rules.js';
import { parseRuleFile } from '../../src/rules/rule-schema.js';
import { createFileRuleStore, createMemoryRuleStore, type RuleStore } from '../../src/rules/rule-store.js';
import { ruleFileProblems } from '../../src/rules/quote-check.js';
import { CLAUSE, doc, registry, ruleFile, unit } from './rules-fixtures.js';

const core = parseFactFile(JSON.parse(readFileSync('corpus/facts/core.facts.json', 'utf8')));
const d = doc('demo', '330300', 'municipal');
const units = [unit('demo', '1', CLAUSE)];

describe('quote verification at load', () => {
  it('loads a rule whose quotes are in its unit', async () => {
    const r = await loadRules({ store: createMemoryRuleStore([ruleFile('demo')]), factFiles: [core], documents: [d], units });
    expect(r.ruleSets).toHaveLength(1);
    expect(r.drafted).toEqual([]);
  });

  it('refuses a rule whose quote is not in its unit, saying which and what to do', async () => {
    const bad = ruleFile('demo', true, '营业收入达到2000万元的企业，奖励50万元');
    await expect(loadRules({ store: createMemoryRuleStore([bad]), factFiles: [core], documents: [d], units })).rejects.toThrow(
      /规则文件 demo 未通过核验，已拒绝加载：规则 demo:1 的条件“企业”引文不在条款原文中.*请改为该条原文中逐字出现的文字/,
    );
  });

  it('refuses unregistered facts and formula figures the quote does not state', () => {
    const f = ruleFile('demo');
    (f.rules[0]!.conditions as { all: Array<{ fact: string }> }).all[0]!.fact = 'noSuchFact';
    f.rules[0]!.benefits[0]!.formula = { kind: 'fixed', amount: 500_000, result: 'award' };
    const problems = ruleFileProblems(f, units, registry);
    expect(problems.join('\n')).toContain('未登记的事实“noSuchFact”');
    expect(problems.join('\n')).toContain('公式金额 500000 元未在引文');
  });

  it('drafts rules at load for a document without a rule file, all unreviewed', async () => {
    const r = await loadRules({ store: createMemoryRuleStore(), factFiles: [core], documents: [d], units });
    expect(r.drafted).toEqual(['demo']);
    expect(r.ruleSets[0]!.file.rules.every((x) => x.reviewed === false)).toBe(true);
  });

  it("the seed's migrated rules pass every check", async () => {
    const seed = parseRuleFile(JSON.parse(readFileSync('corpus/rules/wzzb-2024-11.rules.json', 'utf8')));
    const seedUnits = JSON.parse(readFileSync('corpus/units/wzzb-2024-11.units.json', 'utf8')).units;
    const seedFacts = parseFactFile(JSON.parse(readFileSync('corpus/facts/wzzb-2024-11.facts.json', 'utf8')));
    const { buildRegistry } = await import('../../src/rules/fact-registry.js');
    expect(ruleFileProblems(seed, seedUnits, buildRegistry([core, seedFacts]))).toEqual([]);
    expect(seed.rules.filter((r) => r.actionability !== 'internal').every((r) => r.reviewed)).toBe(true);
  });
});

describe('reviewed vs draft status', () => {
  const run = (reviewed: boolean) =>
    matchMeasures({ facts: { entityType: 'enterprise', revenue: 2e7 }, ruleSets: [{ file: ruleFile('demo', reviewed), doc: d }], units, registry, asOf: '2024-05-01', contains }).measures[0]!;

  it('a reviewed rule whose conditions hold is 符合', () => {
    expect(run(true)).toMatchObject({ status: 'eligible', statusLabel: '符合', reviewed: true });
  });

  it('the same rule unreviewed is 待核实, never 符合', () => {
    expect(run(false)).toMatchObject({ status: 'possible', statusLabel: '待核实', reviewed: false });
  });

  it('a draft whose condition fails is still 不符合', () => {
    const m = matchMeasures({ facts: { entityType: 'enterprise', revenue: 1e6 }, ruleSets: [{ file: ruleFile('demo', false), doc: d }], units, registry, asOf: '2024-05-01', contains }).measures[0]!;
    expect(m).toMatchObject({ status: 'not_eligible', statusLabel: '不符合' });
  });
});

describe.each<[string, () => RuleStore]>([
  ['memory', () => createMemoryRuleStore()],
  ['files', () => createFileRuleStore(mkdtempSync(path.join(tmpdir(), 'rules-')))],
])('RuleStore contract: %s', (_name, make) => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((x) => rmSync(x, { recursive: true, force: true })));
  it('lists, gets and replaces files by document', async () => {
    const store = make();
    expect(await store.list()).toEqual([]);
    expect(await store.get('demo')).toBeUndefined();
    await store.put(ruleFile('demo'));
    await store.put(ruleFile('other'));
    expect(await store.list()).toEqual(['demo', 'other']);
    await store.put(ruleFile('demo', false));
    expect((await store.get('demo'))!.rules[0]!.reviewed).toBe(false);
  });
});
