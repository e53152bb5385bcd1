// Question-and-answer pages (fixtures written for these tests): 问：/答： pairs, and numbered
// questions (一、…？) with the answer under each.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import { unitLabel } from '../../src/corpus/labels.js';
import { expectCleanText, expectTraceable } from './segment-helpers.js';

const load = (name: string) => {
  const raw = readFileSync(new URL(`../fixtures/segment/${name}`, import.meta.url), 'utf8');
  return { raw, ...segmentDocument(raw) };
};

describe('问：/答： pairs', () => {
  const { raw, units, warnings } = load('qa-page.txt');

  it('makes each pair a unit q<n> titled by the question, the answer kept whole', () => {
    expect(units.map((u) => u.ref)).toEqual(['preamble', 'q1', 'q2', 'q3']);
    expect(units.slice(1).map((u) => u.title)).toEqual(['哪些企业可以申请稳岗返还？', '稳岗返还的标准是多少？', '如何申请？']);
    expect(units[1]?.text).toBe('问：哪些企业可以申请稳岗返还？\n答：上年度不裁员或裁员率低于全市城镇调查失业率控制目标的参保企业可以申请。\n参保不足一年的企业，按实际参保月数计算。');
    expect(unitLabel(units[2]!)).toBe('问答2');
    expect(warnings).toEqual([]);
    for (const u of units) {
      expectCleanText(u);
      expectTraceable(raw, u);
    }
  });

  it('warns about a question without an answer', () => {
    const { warnings: w } = segmentDocument('政策问答\n\n问：可以线上申请吗？\n答：可以。\n\n问：多久到账？\n\n问：找谁咨询？\n答：拨打12345。');
    expect(w).toContain('问题 q2「多久到账？」没有找到答复');
  });
});

describe('numbered questions with the answer below', () => {
  const { units } = load('qa-numbered.txt');

  it('uses refs q<n> and keeps the question mark in the title', () => {
    expect(units.map((u) => u.ref)).toEqual(['preamble', 'q1', 'q2', 'q3']);
    expect(units[1]?.title).toBe('创业担保贷款的额度是多少？');
    expect(units[3]?.text).toBe('到哪里申请？\n向创业所在地的街道公共就业服务窗口提出申请。');
  });
});
