import { describe, expect, it } from 'vitest';
import { referencedUnit } from '../../src/chat/cross-reference.js';
import type { CorpusUnit } from '../../src/domain/types.js';

const clause = (docId: string, n: number, text: string) => ({ docId, key: `${docId}:${n}`, ref: String(n), kind: 'clause', number: n, title: text.slice(0, 10), text }) as unknown as CorpusUnit;

describe('a clause that grants by pointing at another clause of its document', () => {
  const units = [
    clause('d', 2, '对新上项目按投资额的10%给予奖励。'),
    clause('d', 5, '对总部项目按地方财政贡献的80%给予奖励，不设上限。'),
    clause('d', 6, '对迁回本地结算的企业，按新增贡献享受第5条政策。'),
    clause('d', 7, '重大项目可在第二条基础上一事一议。'),
    clause('d', 8, '本条所称企业，是指第5条以外的企业。'),
    clause('e', 5, '另一份文件的第5条。'),
  ];
  it('finds the clause pointed at, by Arabic or Chinese number, in the same document', () => {
    expect(referencedUnit(units[2]!, units)?.key).toBe('d:5');
    expect(referencedUnit(units[3]!, units)?.key).toBe('d:2');
  });
  it('ignores a clause number mentioned otherwise, and a clause pointing nowhere', () => {
    expect(referencedUnit(units[4]!, units)).toBeUndefined();
    expect(referencedUnit(units[0]!, units)).toBeUndefined();
    expect(referencedUnit(clause('d', 9, '按第12条规定执行。'), units)).toBeUndefined();
  });
});
