// Must-pass expectations for the seed document corpus/raw/wzzb-2024-11.txt.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import type { PolicyUnit } from '../../src/domain/types.js';
import { expectTraceable, expectCleanText } from './segment-helpers.js';

const raw = readFileSync(new URL('../../corpus/raw/wzzb-2024-11.txt', import.meta.url), 'utf8');
const { units, warnings } = segmentDocument(raw);
const clauses = units.filter((u) => u.kind === 'clause');
const sections = units.filter((u) => u.kind === 'section');
const byRef = new Map(units.map((u) => [u.ref, u]));
const get = (ref: string): PolicyUnit => {
  const u = byRef.get(ref);
  if (u === undefined) throw new Error(`missing unit ${ref}`);
  return u;
};

describe('segmentDocument on the seed (温政办〔2024〕11号)', () => {
  it('finds 66 clauses numbered 1..66 in order, 8 sections, one preamble and one closing', () => {
    expect(clauses.map((c) => c.number)).toEqual(Array.from({ length: 66 }, (_, i) => i + 1));
    expect(clauses.map((c) => c.ref)).toEqual(Array.from({ length: 66 }, (_, i) => String(i + 1)));
    expect(sections.map((s) => s.ref)).toEqual(['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8']);
    expect(units.filter((u) => u.kind === 'preamble')).toHaveLength(1);
    expect(units.filter((u) => u.kind === 'closing')).toHaveLength(1);
    expect(units[0]?.kind).toBe('preamble');
    expect(units[units.length - 1]?.kind).toBe('closing');
    expect(warnings).toEqual([]);
  });

  it('keeps document order: each section precedes its clauses and sources increase', () => {
    const starts = units.map((u) => u.source.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    for (let i = 1; i < units.length; i++) expect(units[i]!.source.start).toBeGreaterThanOrEqual(units[i - 1]!.source.end);
  });

  it('gives sections their titles and lead units', () => {
    expect(sections.map((s) => s.title)).toEqual([
      '扩大有效投资政策',
      '科技创新政策',
      '两大万亿产业集群培育政策',
      '现代服务业高质量发展政策',
      '世界一流强港金南翼和交通强市建设政策',
      '扩大内需和对外开放政策',
      '乡村振兴和城乡一体化发展政策',
      '保障和改善民生政策',
    ]);
    expect(sections.map((s) => s.units)).toEqual([
      ['市发展改革委'],
      ['市科技局'],
      ['市经信局'],
      ['市发展改革委'],
      ['市交通运输局'],
      ['市商务局'],
      ['市农业农村局', '市发展改革委'],
      ['市人力社保局'],
    ]);
    expect(sections.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(sections.map((s) => s.section)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(get('s2').text).toContain('2.85%以上');
    expect(get('s1').text.startsWith('深入实施扩大有效投资“百项千亿”工程')).toBe(true);
    expect(get('s4').text).toContain('重点在打造服务业重点平台'); // page break inside the intro
  });

  it('maps clauses to sections', () => {
    const ranges: Array<[number, number, number]> = [
      [1, 7, 1], [8, 17, 2], [18, 26, 3], [27, 34, 4], [35, 40, 5], [41, 46, 6], [47, 58, 7], [59, 66, 8],
    ];
    for (const [from, to, section] of ranges) {
      for (let n = from; n <= to; n++) expect(get(String(n)).section, `clause ${n}`).toBe(section);
    }
  });

  it('repairs page breaks and spacing inside clauses', () => {
    expect(get('2').text).toContain('5.47亿元');
    expect(get('2').text).toContain('2.22亿元');
    expect(get('4').text).toContain('2024年全市保障建设项目使用林地4000亩以上');
    expect(get('11').text).toContain('200万元以上');
    expect(get('11').text).toContain('3%');
    expect(get('11').text).toContain('最高300万元');
    expect(get('10').text).toContain('积极组织申报省级重大科技项目');
    expect(get('25').text).toContain('不列入D类企业');
    expect(get('47').text).toContain('综合性扶持政策and政府性融资担保');
    expect(get('58').text).toContain('山区5县GDP平均增速');
  });

  it('parses responsible units, lead first, without boilerplate', () => {
    expect(get('1').units).toEqual(['市发展改革委', '市财政局', '市自然资源和规划局']);
    expect(get('1').units.join('')).not.toContain('列第一位');
    expect(get('11').units).toEqual(['市科技局', '市经信局', '市财政局', '市国资委', '市税务局']);
    expect(get('23').units[get('23').units.length - 1]).toBe('市自然资源和规划局');
    expect(get('12').units).toContain('市委组织部〈市委人才办〉');
    expect(get('46').units).toEqual(['市投资促进局', '市科技局', '市财政局', '市税务局']);
    for (const c of clauses) expect(c.units.length, `clause ${c.ref}`).toBeGreaterThan(0);
  });

  it('strips the responsibility parenthetical from clause text but keeps the first sentence', () => {
    for (const c of clauses) {
      expect(c.text).not.toContain('责任单位');
      expect(c.text.startsWith(c.title)).toBe(true);
    }
    expect(get('11').text.endsWith('加回比例可逐步提高至200%。')).toBe(true);
    expect(get('23').text.endsWith('人工智能创新应用先导区。')).toBe(true);
  });

  it('extracts clause titles', () => {
    expect(get('11').title).toBe('推动企业加大研发投入');
    expect(get('1').title).toBe('发挥重大建设项目带动支撑作用');
    expect(get('52').title).toBe('支持科技强农、机械强农');
  });

  it('keeps the policy opening in the preamble and the closing without the footer', () => {
    const preamble = get('preamble');
    expect(preamble.title).toBe('温州市进一步推动经济高质量发展若干政策');
    expect(preamble.text).toContain('为全面贯彻落实习近平总书记考察浙江重要讲话精神');
    expect(preamble.text).not.toContain('现印发给你们');
    const closing = get('closing');
    expect(closing.text).toContain('90.38亿元');
    expect(closing.text).toContain('2024年全年实施有效');
    expect(closing.text).not.toContain('抄送');
    expect(closing.text).not.toContain('印发');
    for (const u of units) expect(u.text).not.toContain('抄送');
  });

  it('produces clean, traceable text', () => {
    for (const u of units) {
      expectCleanText(u);
      expectTraceable(raw, u);
    }
  });
});
