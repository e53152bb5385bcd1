import { describe, expect, it } from 'vitest';
import { asksDefinition, definesTerms, definitionsBehind } from '../../src/chat/definitions.js';
import type { RetrievalResult } from '../../src/retrieval/hybrid-retriever.js';
import type { RetrievedUnit } from '../../src/domain/types.js';

const hit = (docId: string, ref: string, text: string): RetrievedUnit =>
  ({ unit: { key: `${docId}:${ref}`, docId, ref, kind: 'clause', text, title: '', label: `第${ref}条`, units: [] }, score: 1, scores: {}, sentences: [], passages: [], matched: [] }) as unknown as RetrievedUnit;
const result = (hits: RetrievedUnit[]) => ({ hits, words: [], terms: [], confidence: 0.5 }) as unknown as RetrievalResult;

describe('units defining a document\'s terms', () => {
  const definition = hit('d', '2', '本办法所称青年创业者，是指40周岁以下的本市户籍居民。');
  const measure = hit('d', '5', '对青年创业者给予每年最高3万元的场地补贴。');
  const elsewhere = hit('other', '3', '对初创企业给予一次性补贴。');

  it('recognises a definition and a question asking what something is or whether one counts', () => {
    expect(definesTerms(definition.unit.text)).toBe(true);
    expect(definesTerms('本公告所称的小型企业，是指从业人员不超过100人的企业。')).toBe(true);
    expect(definesTerms(measure.unit.text)).toBe(false);
    expect(asksDefinition('青年创业者是指哪些人')).toBe(true);
    expect(asksDefinition('我38岁，算青年创业者吗')).toBe(true);
    expect(asksDefinition('我38岁，场地补贴能拿多少')).toBe(false);
  });

  it('puts a leading definition behind the next clause of its document, unless a definition is asked', () => {
    const r = definitionsBehind(result([definition, measure]), '我今年35岁，本地户口，场地补贴能拿多少');
    expect(r.hits.map((h) => h.unit.ref)).toEqual(['5', '2']);
    expect(definitionsBehind(result([definition, measure]), '我35岁算不算青年创业者').hits[0]).toBe(definition);
    // Another document's clause is not the measure this definition belongs to.
    expect(definitionsBehind(result([definition, elsewhere]), '我今年35岁，能拿多少').hits[0]).toBe(definition);
  });
});
