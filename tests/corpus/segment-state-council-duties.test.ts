// State Council documents close each measure with the ministries in charge, "（教育部、财政部负责。
// 列第一位者为牵头单位，下同）": the segmenter reads them as the unit's responsible units, as it does
// （责任单位：…）, and what follows the last measure's note is the closing.
import { describe, expect, it } from 'vitest';
import { segmentDocument } from '../../src/corpus/segment.js';
import { splitResponsibilityTail } from '../../src/corpus/segment-responsibility.js';

const DOC = [
  '国务院关于做好青年就业工作的若干意见',
  '各省、自治区、直辖市人民政府，国务院各部委、各直属机构：',
  '为做好青年就业工作，现提出以下意见：',
  '一、支持企业吸纳青年',
  '（一）扩大见习规模。对吸纳离校未就业青年见习的单位，按规定给予见习补贴。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）',
  '（二）落实税费减免。对招用青年的小微企业，按规定享受税费减免。（税务总局、财政部等有关部门和单位负责）',
  '二、强化服务',
  '（三）开展职业指导。各地要为青年提供职业指导和岗位推荐。（教育部、人力资源社会保障部负责）',
  '各地要结合实际抓好落实，重要情况及时报告。',
  '国务院',
  '2025年3月1日',
].join('\n');

describe('State Council duty notes', () => {
  it('reads "（…部、…部负责）" as the responsible units, lead first, boilerplate and 等有关部门 dropped', () => {
    expect(splitResponsibilityTail('给予补贴。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）')).toEqual({ body: '给予补贴。', units: ['人力资源社会保障部', '财政部'] });
    expect(splitResponsibilityTail('享受减免。（税务总局、财政部等有关部门和单位负责）')!.units).toEqual(['税务总局', '财政部']);
    // A note that someone pays or does something is not a list of those in charge.
    expect(splitResponsibilityTail('给予补贴（所需资金由财政部门负责）')).toBeNull();
    expect(splitResponsibilityTail('每年考核（每年负责一次）')).toBeNull();
  });

  it('segments such a document into measures with their ministries and a closing after the last note', () => {
    const { units } = segmentDocument(DOC);
    const clauses = units.filter((u) => u.kind === 'clause');
    expect(clauses.map((u) => u.units)).toEqual([['人力资源社会保障部', '财政部'], ['税务总局', '财政部'], ['教育部', '人力资源社会保障部']]);
    for (const c of clauses) expect(c.text).not.toContain('负责）');
    const closing = units.find((u) => u.kind === 'closing');
    expect(closing?.text).toContain('抓好落实');
    expect(clauses.at(-1)!.text).not.toContain('抓好落实');
  });
});
