import { describe, expect, it } from 'vitest';
import { addPlaceAliases, contains, findByCode, findByName, fullName, lineage, NATIONAL, placesInText } from '../../src/ingest/divisions.js';

describe('divisions', () => {
  it('finds divisions by full and short names', () => {
    expect(findByName('温州市').map((d) => d.code)).toEqual(['330300']);
    expect(findByName('温州').map((d) => d.code)).toEqual(['330300']);
    expect(findByName('鹿城区').map((d) => d.code)).toEqual(['330302']);
    expect(findByName('鹿城').map((d) => d.code)).toEqual(['330302']);
    expect(findByName('浙江').map((d) => d.code)).toEqual(['330000']);
    expect(findByName('朝阳区').map((d) => d.code).sort()).toEqual(expect.arrayContaining(['110105', '220104']));
    expect(findByName('不存在市')).toEqual([]);
  });

  it('finds divisions by code, with parents', () => {
    expect(findByCode('330302')).toMatchObject({ name: '鹿城区', kind: 'area', parentCode: '330300' });
    expect(findByCode('33')).toMatchObject({ name: '浙江省', kind: 'province', parentCode: null });
    // Municipality districts hang directly under the municipality.
    expect(findByCode('110105')).toMatchObject({ name: '朝阳区', parentCode: '110000' });
    expect(lineage('440106').map((d) => d.name)).toEqual(['天河区', '广州市', '广东省']);
    expect(fullName('220524')).toBe('吉林省通化市柳河县');
  });

  it('answers containment: province ⊃ city ⊃ district, national ⊃ all', () => {
    expect(contains('330000', '330302')).toBe(true);
    expect(contains('330300', '330302')).toBe(true);
    expect(contains('330302', '330302')).toBe(true);
    expect(contains('330302', '330300')).toBe(false);
    expect(contains('440100', '330302')).toBe(false);
    expect(contains(NATIONAL.code, '330302')).toBe(true);
    expect(NATIONAL).toEqual({ code: '000000', name: '全国' });
  });
});

describe('well-known areas that are not divisions', () => {
  it('are read as the division they lie in, alone or after their own place, not after another', () => {
    expect(addPlaceAliases([{ name: '张江', division: '上海市浦东新区' }, { name: '某某新区', division: '不存在的地方' }])).toEqual(['某某新区 不存在的地方']);
    expect(placesInText('我们在张江做芯片', '330300').map((p) => p.code)).toEqual(['310115']);
    expect(placesInText('上海张江的公司', '330300').map((p) => p.code)).toEqual(['310000', '310115']);
    // After a place it does not lie in, the name is an ordinary word.
    expect(placesInText('温州张江路上的店', '330300').map((p) => p.code)).toEqual(['330300']);
    // Registering again changes nothing.
    expect(addPlaceAliases([{ name: '张江', division: '上海市浦东新区' }])).toEqual([]);
    expect(placesInText('张江', '330300').map((p) => p.code)).toEqual(['310115']);
  });

  it('reads a district named by ordinary words as a part of town unless its city comes first', () => {
    // 洛阳市老城区, 西安市新城区, 济南市市中区 exist; in a story they are the old or central part of any town.
    expect(placesInText('我家住老城区的老房子，没电梯', '330300')).toEqual([]);
    expect(placesInText('单位在市中区，离家远', '330300')).toEqual([]);
    expect(placesInText('洛阳老城区的门店', '330300').map((p) => p.code)).toEqual(['410300', '410302']);
  });
});
