// Console form ↔ profile conversion, with the real form description derived from the schema.
import { describe, expect, it } from 'vitest';
import { profileFormSchema } from '../../src/server/routes/web-routes.js';
import { displayValue, formLabel, fromFormValue, profileFromValues, profileSummary, toFormValue } from '../../src/web/console/form-values.js';
import { PROFILE_FIELDS } from '../../src/matching/profile.js';
import type { ProfileFormField, ProfileFormSchema } from '../../src/web/shared/types.js';

const schema = profileFormSchema() as ProfileFormSchema;
const field = (name: string) => schema.groups.flatMap((g) => g.fields).find((f) => f.name === name)!;

describe('profileFormSchema', () => {
  it('has every profile field exactly once, in the six groups', () => {
    expect(schema.groups.map((g) => g.title)).toEqual(['基本信息', '规模与财务', '研发', '资质', '外贸', '其他']);
    const names = schema.groups.flatMap((g) => g.fields.map((f) => f.name));
    expect([...names].sort()).toEqual([...PROFILE_FIELDS].sort());
  });

  it('carries Chinese labels, types and enum labels', () => {
    expect(field('revenue')).toMatchObject({ type: 'money', label: '上年度营业收入（单位：元）', min: 0 });
    expect(field('aboveScale')).toMatchObject({ type: 'boolean', label: '是否为规模以上企业（规上）' });
    expect(field('employees')).toMatchObject({ type: 'integer', min: 0 });
    expect(field('hqStars')).toMatchObject({ type: 'integer', min: 1, max: 5 });
    expect(field('region').options).toContainEqual({ value: 'lucheng', label: '鹿城区' });
    expect(field('industries')).toMatchObject({ type: 'multi' });
    expect(field('industries').options).toContainEqual({ value: 'software_it', label: '软件和信息服务业' });
    for (const f of schema.groups.flatMap((g) => g.fields)) expect(f.label).toMatch(/[\u4e00-\u9fff]/u);
  });
});

describe('form values', () => {
  it('edits amounts in 万元 and stores 元', () => {
    const revenue = field('revenue');
    expect(formLabel(revenue)).toBe('上年度营业收入（单位：万元）');
    expect(toFormValue(revenue, 80_000_000)).toBe('8000');
    expect(fromFormValue(revenue, '8000')).toBe(80_000_000);
    expect(fromFormValue(revenue, '1,200.5')).toBe(12_005_000);
    expect(toFormValue(revenue, 1234)).toBe('0.1234');
  });

  it('keeps booleans tri-state: empty means unknown', () => {
    const f = field('exporting');
    expect(toFormValue(f, undefined)).toBe('');
    expect(toFormValue(f, false)).toBe('false');
    expect(fromFormValue(f, '')).toBeUndefined();
    expect(fromFormValue(f, 'false')).toBe(false);
  });

  it('reports bad numbers in Chinese, naming the field', () => {
    expect((fromFormValue(field('employees'), '十二') as Error).message).toBe('“员工人数”应填写数字');
    expect((fromFormValue(field('employees'), '1.5') as Error).message).toBe('“员工人数”应填写整数');
    expect((fromFormValue(field('hqStars'), '6') as Error).message).toBe('“总部企业星级”不能大于 5');
    expect((fromFormValue(field('revenue'), '-1') as Error).message).toContain('不能小于 0');
  });

  it('builds a profile from all controls and summarises it', () => {
    const { profile, errors } = profileFromValues(schema, { region: 'lucheng', aboveScale: 'true', revenue: '8000', industries: ['software_it'], name: ' ' });
    expect(errors).toEqual([]);
    expect(profile).toEqual({ region: 'lucheng', aboveScale: true, revenue: 80_000_000, industries: ['software_it'] });
    expect(profileSummary(schema, profile)).toEqual([
      { label: '注册所在县（市、区）', value: '鹿城区' },
      { label: '所属行业（可多选）', value: '软件和信息服务业' },
      { label: '是否为规模以上企业（规上）', value: '是' },
      { label: '上年度营业收入', value: '8000万元' },
    ]);
  });

  it('displays values for every field type', () => {
    const f = (type: ProfileFormField['type']): ProfileFormField => ({ name: 'name', label: 'x', type, options: [{ value: 'a', label: '甲' }] });
    expect(displayValue(f('enum'), 'a')).toBe('甲');
    expect(displayValue(f('multi'), ['a', 'b'])).toBe('甲、b');
    expect(displayValue(f('money'), 150_000)).toBe('15万元');
    expect(displayValue(f('boolean'), false)).toBe('否');
    expect(displayValue(f('number'), undefined)).toBe('');
  });
});
