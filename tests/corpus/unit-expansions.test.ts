import { describe, expect, it } from 'vitest';
import { attachExpansions, parseExpansionFile } from '../../src/corpus/unit-expansions.js';
import { indexText } from '../../src/retrieval/hybrid-retriever.js';
import type { CorpusUnit } from '../../src/domain/types.js';

const unit = (docId: string, ref: string): CorpusUnit => ({
  ref, key: `${docId}:${ref}`, label: `第${ref}条`, kind: 'clause', number: Number(ref), section: 1, title: 't', text: '原文', units: [], source: { start: 0, end: 0 }, docId,
});

describe('everyday words per unit', () => {
  it('attaches each line to its unit, and the index reads it beside the text', () => {
    const { file } = parseExpansionFile('d.json', JSON.stringify({ docId: 'd', units: { '1': '老房子装电梯 爬楼难' } }));
    const { units, warnings } = attachExpansions([unit('d', '1'), unit('d', '2'), unit('x', '1')], [file!]);
    expect(units.map((u) => u.everyday)).toEqual(['老房子装电梯 爬楼难', undefined, undefined]);
    expect(indexText(units[0]!)).toContain('老房子装电梯');
    expect(warnings).toEqual([]);
  });

  it('sentence words attach to the unit whose text holds their anchor; a lost anchor is reported and dropped', () => {
    const u = { ...unit('d', '1'), text: '对企业给予房租补贴。对首次入驻的企业给予一次性奖励5万元。' };
    const { file } = parseExpansionFile('d.json', JSON.stringify({ docId: 'd', sentences: { '1': [{ anchor: '首次入驻', words: '头回搬进来 刚进园区' }, { anchor: '不在原文', words: '无关' }] } }));
    const { units, warnings } = attachExpansions([u], [file!]);
    expect(units[0]!.sentenceWords).toEqual([{ anchor: '首次入驻', words: '头回搬进来 刚进园区' }]);
    expect(units[0]!.everyday).toBeUndefined();
    expect(indexText(units[0]!)).toContain('刚进园区');
    expect(warnings).toEqual([expect.stringContaining('不在原文')]);
  });

  it('reports a line whose unit is gone and a broken file, without failing', () => {
    const { file } = parseExpansionFile('d.json', JSON.stringify({ docId: 'd', units: { '9': '没有这条' } }));
    expect(attachExpansions([unit('d', '1')], [file!]).warnings[0]).toContain('d:9');
    expect(parseExpansionFile('bad.json', '{').warning).toContain('bad.json');
    expect(parseExpansionFile('bad.json', '{"units": 3}').file).toBeNull();
  });
});

describe('the corpus everyday-word files', () => {
  it('parse, and every line, sentence anchor and question anchor finds its unit in corpus/units', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const files = readdirSync('corpus/expansions').filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const name of files) {
      const { file, warning } = parseExpansionFile(name, readFileSync(`corpus/expansions/${name}`, 'utf8'));
      expect(warning, name).toBeUndefined();
      const raw = JSON.parse(readFileSync(`corpus/units/${file!.docId}.units.json`, 'utf8')) as { units: Array<{ ref: string; text: string }> };
      const units = raw.units.map((u) => ({ ...unit(file!.docId, u.ref), text: u.text }));
      const { warnings } = attachExpansions(units, [file!]);
      expect(warnings, name).toEqual([]);
    }
  });
});
