// RuleStore contract, one suite for every adapter (memory, corpus files, PostgreSQL): rule files
// listed, read and replaced by document with their review state, invalid files refused before
// anything is stored, and the documents' own fact files kept beside the rules (never core).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import type { FactFile } from '../../src/rules/fact-registry.js';
import type { RuleStore } from '../../src/rules/rule-store.js';
import { ruleFile } from '../rules/rules-fixtures.js';

export const facts = (scope: string, ids: string[] = ['greenhouseArea']): FactFile => ({
  scope,
  facts: ids.map((id) => ({ id, label: `${id} 的说明`, type: 'number' as const, unit: '亩', question: `请问${id}是多少（亩）？`, words: [] })),
});

export function runRuleStoreContract(name: string, make: () => RuleStore | Promise<RuleStore>): void {
  describe(`RuleStore contract (${name})`, () => {
    it('lists, reads and replaces rule files by document, keeping the review state', async () => {
      const s = await make();
      expect(await s.list()).toEqual([]);
      expect(await s.get('demo')).toBeUndefined();
      await s.put(ruleFile('demo-b', false));
      await s.put(ruleFile('demo'));
      await s.put(ruleFile('demo-a', false));
      expect(await s.list()).toEqual(['demo', 'demo-a', 'demo-b']);
      expect(await s.get('demo')).toEqual(ruleFile('demo'));
      expect((await s.get('demo-b'))!).toMatchObject({ origin: 'drafted', rules: [{ reviewed: false }] });
      // A review replaces the draft whole.
      await s.put(ruleFile('demo-b', true));
      expect((await s.get('demo-b'))!).toMatchObject({ origin: 'reviewed', rules: [{ reviewed: true }] });
      expect(await s.list()).toHaveLength(3);
    });

    it('refuses an invalid rule file and keeps the stored one', async () => {
      const s = await make();
      await s.put(ruleFile('demo'));
      const bad = { ...ruleFile('demo', false), origin: 'guessed' } as unknown as ReturnType<typeof ruleFile>;
      const err = await s.put(bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('CORPUS_INVALID');
      expect(await s.get('demo')).toEqual(ruleFile('demo'));
    });

    it('keeps the documents’ own facts beside the rules, in scope order, never core', async () => {
      const s = await make();
      expect(await s.listFacts()).toEqual([]);
      await s.putFacts(facts('demo-b'));
      await s.putFacts(facts('demo'));
      expect((await s.listFacts()).map((f) => f.scope)).toEqual(['demo', 'demo-b']);
      await s.putFacts(facts('demo', ['greenhouseArea', 'plantingYears']));
      expect((await s.listFacts()).find((f) => f.scope === 'demo')!.facts.map((f) => f.id)).toEqual(['greenhouseArea', 'plantingYears']);
      const err = await s.putFacts(facts('core')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('BAD_REQUEST');
      expect((await s.listFacts()).map((f) => f.scope)).toEqual(['demo', 'demo-b']);
    });
  });
}
