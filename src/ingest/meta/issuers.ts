// Issuing organisations: recognising organisation names, splitting joint mastheads, and
// deriving jurisdiction (division code) and level from them (pure apart from the division table).
import { type Division, findByName, leadingPlaces, lineage, NATIONAL, resolveChain } from '../divisions.js';

export type Level = 'national' | 'provincial' | 'municipal' | 'district-county';

const ORG_END = /(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|办公室|委员会|管委会|总局|总署|[局委厅部署院办会处]|中心|政府|县委|市委|区委|省委|州委|旗委|工委|党委|统战部|宣传部|组织部|银行|法院|检察院|联合会|总工会|团委|妇联|残联|税务局)$/;
const NOT_ORG = /[，。：；:;、《》“”"（）()\d]|关于|印发|通知|意见|以下|各区|各县|各市|各省|各有关|各级|各单位|各部门/;
// Central organs: named without a place and not a bare local word (市财政局 is local).
const CENTRAL = /^(?:国务院|中共中央|中央|全国人大|全国人民代表大会|全国政协|国家|中华人民共和国|中国人民银行|海关总署|最高人民|中国证券监督|中国银行保险|中国银保监|中国证监|共青团中央|中华全国)|^(?:外交|国防|教育|科学技术|科技|工业和信息化|工信|公安|民政|司法|财政|人力资源社会保障|人力资源和社会保障|自然资源|生态环境|住房城乡建设|住房和城乡建设|交通运输|水利|农业农村|商务|文化和旅游|卫生健康|退役军人事务|应急管理|审计|国家安全)部$|^(?:发展改革委|国家发展改革委|税务总局|市场监管总局|银保监会|证监会|人民银行)$/;
const LOCAL_WORD = /^(?:省|市|区|县|州|旗|镇|乡)/;
const PARTY = /^(?:中共|中国共产党)/;

export function isOrgName(s: string): boolean {
  const t = s.trim();
  return t.length >= 2 && t.length <= 32 && ORG_END.test(t) && !NOT_ORG.test(t);
}

function startsNewOrg(rest: string): boolean {
  if (/^(?:中共|中国共产党|国家|国务院|共青团)/.test(rest) || CENTRAL.test(rest)) return true;
  const places = leadingPlaces(rest);
  return places.length > 0 && /[省市区县州旗]$/.test(places[0]!.name);
}

/** Split a run like 广州市人力资源和社会保障局广州市财政局 into organisations; null if not orgs. */
export function splitOrgs(token: string): string[] | null {
  const t = token.trim();
  if (t === '') return [];
  if (isOrgName(t)) {
    // Still try to split: 广州市人社局广州市财政局 is itself "org-shaped".
    for (let p = 2; p <= t.length - 2; p++) {
      const left = t.slice(0, p);
      const rest = t.slice(p);
      if (isOrgName(left) && startsNewOrg(rest)) {
        const tail = splitOrgs(rest);
        if (tail && tail.length > 0) return [left, ...tail];
      }
    }
    return [t];
  }
  return null;
}

/** A line made only of organisation names (masthead or signature), split; null otherwise. */
export function orgsOfLine(line: string): string[] | null {
  // Red mastheads read "XX局文件".
  const tokens = line.trim().replace(/文件$/, '').split(/[\s、，,]+/).filter(Boolean);
  if (tokens.length === 0) return null;
  const out: string[] = [];
  for (const tok of tokens) {
    const orgs = splitOrgs(tok);
    if (!orgs) return null;
    out.push(...orgs);
  }
  return out;
}

/** Strip web-page suffixes from a 来源 value (市人力资源社会保障局官网 → 市人力资源社会保障局). */
export function cleanSourceOrg(s: string): string {
  return s.trim().replace(/(?:官方网站|门户网站|官网|网站|网)$/, '');
}

export function isCentralOrg(name: string): boolean {
  const t = name.replace(PARTY, '');
  if (LOCAL_WORD.test(t)) return false;
  if (leadingPlaces(t).some((p) => p.candidates.length > 0)) return false;
  return CENTRAL.test(t) || /^(?:中共中央|中央)/.test(name);
}

export interface OrgJurisdiction {
  level: Level | null;
  division: Division | null;
  national: boolean;
  /** Offsets of the place name inside the org name. */
  placeStart: number;
  placeEnd: number;
}

function levelOfDivision(d: Division): Level {
  return d.kind === 'province' ? 'provincial' : d.kind === 'city' ? 'municipal' : 'district-county';
}

/** Level and division of one organisation name; context codes break ties between namesakes. */
export function jurisdictionOfOrg(name: string, context: Set<string> = new Set()): OrgJurisdiction {
  const party = PARTY.exec(name)?.[0].length ?? 0;
  const t = name.slice(party);
  if (isCentralOrg(name)) return { level: 'national', division: null, national: true, placeStart: 0, placeEnd: 0 };
  const places = leadingPlaces(t);
  const division = resolveChain(places, context);
  if (division) {
    const used = places.filter((p) => p.candidates.some((c) => lineage(division.code).some((a) => a.code === c.code)));
    const last = used[used.length - 1] ?? places[0]!;
    return { level: levelOfDivision(division), division, national: false, placeStart: party + places[0]!.start, placeEnd: party + last.end };
  }
  // 市财政局, 区人社局, 县委: a level without a place.
  const w = LOCAL_WORD.exec(t)?.[0];
  const level: Level | null = w === '省' ? 'provincial' : w === '市' || w === '州' ? 'municipal' : w === '区' || w === '县' || w === '旗' ? 'district-county' : null;
  return { level, division: null, national: false, placeStart: 0, placeEnd: 0 };
}

export { NATIONAL, findByName };
