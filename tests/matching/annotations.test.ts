// The clause annotations: complete, schema-valid, and every quote verbatim in its clause.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import type { PolicyUnit } from '../../src/domain/types.js';
import { containsNormalized } from '../../src/text/canonical.js';
import { leavesOf, type AnnotationFile, type Condition } from '../../src/matching/annotation-schema.js';
import { loadAnnotations } from '../../src/matching/load-annotations.js';

const RAW = readFileSync('corpus/raw/wzzb-2024-11.txt', 'utf8');
const ALL_REFS = [...Array.from({ length: 66 }, (_, i) => String(i + 1)), ...Array.from({ length: 8 }, (_, i) => `s${i + 1}`)];
const BUDGET_CLAUSES = ['2', '8', '18', '27', '35', '41', '47', '59'];

let file: AnnotationFile;
let units: Map<string, PolicyUnit>;

beforeAll(async () => {
  file = await loadAnnotations('wzzb-2024-11');
  units = new Map(segmentDocument(RAW).units.map((u) => [u.ref, u]));
});

function quotesOf(c: Condition | undefined): string[] {
  return leavesOf(c).map((l) => l.quote);
}

describe('annotations for wzzb-2024-11', () => {
  it('annotates every clause 1..66 and section s1..s8 exactly once', () => {
    const refs = file.annotations.map((a) => a.ref);
    expect([...refs].sort()).toEqual([...ALL_REFS].sort());
  });

  it('marks the budget clauses and every section introduction as internal', () => {
    for (const ref of [...BUDGET_CLAUSES, 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']) {
      expect(file.annotations.find((a) => a.ref === ref)?.actionability, ref).toBe('internal');
    }
  });

  it('every quote occurs in the text of its own clause', () => {
    const bad: string[] = [];
    for (const a of file.annotations) {
      const text = units.get(a.ref)?.text;
      expect(text, `unit ${a.ref} missing from segmenter output`).toBeTruthy();
      const benefits = [a.benefit, ...(a.additionalBenefits ?? [])].filter((b) => b !== undefined);
      const quotes = [
        ...quotesOf(a.conditions),
        ...benefits.flatMap((b) => [b.quote, ...quotesOf(b.when)]),
      ];
      for (const q of quotes) if (!containsNormalized(text!, q)) bad.push(`${a.ref}: ${q}`);
    }
    for (const q of quotesOf(file.documentConditions.condition)) {
      if (!containsNormalized(units.get(file.documentConditions.sourceRef)!.text, q)) bad.push(`document: ${q}`);
    }
    for (const n of file.notices) {
      if (!containsNormalized(units.get(n.sourceRef)!.text, n.quote)) bad.push(`notice: ${n.quote}`);
    }
    expect(bad).toEqual([]);
  });

  it('every non-internal clause has a question for each condition', () => {
    for (const a of file.annotations.filter((x) => x.actionability !== 'internal')) {
      for (const leaf of leavesOf(a.conditions)) expect(leaf.question, a.ref).toMatch(/？$/);
    }
  });
});
