// Small hand-made documents and rules for the rules tests (our own phrasings, not corpus text).
import type { DocumentMeta } from '../../src/domain/types.js';
import type { RuleFileInput } from '../../src/rules/rule-schema.js';
import { parseRuleFile, type RuleFile } from '../../src/rules/rule-schema.js';
import { buildRegistry, parseFactFile } from '../../src/rules/fact-registry.js';
import { readFileSync } from 'node:fs';

export const registry = buildRegistry([parseFactFile(JSON.parse(readFileSync('corpus/facts/core.facts.json', 'utf8')))]);

export function doc(id: string, regionCode: string, level: DocumentMeta['level'], validity: DocumentMeta['validity'] = null, extra: Partial<DocumentMeta> = {}): DocumentMeta {
  return { id, title: `${id} 的标题`, docNumber: `${id}〔2024〕1号`, issuer: '某机关', level, issueDate: null, region: regionCode, regionCode, file: `${id}.txt`, validity, unitValidity: {}, successor: null, ...extra };
}

export function unit(docId: string, ref: string, text: string) {
  return { ref, kind: 'clause' as const, number: Number(ref) || null, section: null, title: text.slice(0, 10), text, units: [], source: { start: 0, end: text.length }, docId, key: `${docId}:${ref}`, label: `第${ref}条` };
}

/** One rule: enterprises with revenue ≥ 1000万元 get a fixed 20万元 award. */
export function ruleFile(docId: string, reviewed = true, quote = '营业收入达到1000万元的企业，奖励20万元'): RuleFile {
  const input: RuleFileInput = {
    docId,
    origin: reviewed ? 'reviewed' : 'drafted',
    rules: [
      {
        ref: '1',
        reviewed,
        audience: { text: '企业' },
        actionability: 'apply',
        conditions: {
          all: [
            { fact: 'entityType', op: 'in', value: ['enterprise'], description: '企业', quote },
            { fact: 'revenue', op: 'gte', value: 10_000_000, description: '营业收入不低于1000万元', quote },
          ],
        },
        benefits: [{ text: '奖励20万元', quote, formula: { kind: 'fixed', amount: 200_000, result: 'award' } }],
        value: 4,
      },
    ],
  };
  return parseRuleFile(input);
}

export const CLAUSE = '对本地注册的企业，营业收入达到1000万元的企业，奖励20万元。';
