// Offline, rule-based extraction of a company profile from free Chinese text (pure).
// It is deliberately conservative: a field is only set when the text says something about it,
// negations (不是规上, 还没有认定高新, 没有出口) set the field to false, and later statements in
// the same text override earlier ones.
import {
  ENTITY_KEYWORDS, IMPLIES_SERVICES, INDUSTRY_KEYWORDS, OTHER_CITIES, OWNERSHIP_KEYWORDS,
  QUALIFICATION_KEYWORDS, REGION_KEYWORDS,
} from './extract-dictionaries.js';
import { extractAmounts } from './extract-amounts.js';
import {
  clauseBefore, findAll, isAspiration, isNegatedAfter, isNegatedBefore, normalizeInput, keywordFinder,
  type KeywordFinder, type WordSegmenter,
} from './extract-text-utils.js';
import { mergeProfiles } from './merge-profiles.js';
import { ENUM_LABELS, PROFILE_FIELDS, type CompanyProfile, type Industry, type ProfileField, type Qualification } from './profile.js';
import { extractFacts, type FactExtractionOptions } from './extract-facts.js';
import type { Facts } from '../rules/condition.js';

export { mergeProfiles } from './merge-profiles.js';

export interface ExtractOptions {
  /** Year the policy applies to; explicit years (2023年) are read relative to it. */
  referenceYear?: number;
  /**
   * Word segmenter (the project's Tokenizer). With it, a scale, qualification or other yes/no
   * keyword that joins the tail of one word to the head of the next is ignored: 上规 counts in
   * 今年刚上规 but not in 马上规划 or 以上规定 (see keywordFinder). Without it keywords match as
   * plain substrings; production callers always pass one.
   */
  tokenizer?: WordSegmenter;
}

export interface ExtractionResult {
  profile: CompanyProfile;
  /** Fields the text said something about (including explicit negations). */
  found: ProfileField[];
}

export interface FactsExtractionResult {
  /** The seed's profile fields plus every registered fact the text states. */
  profile: Facts;
  found: string[];
  /** The words each fact was read from (registry facts and places). */
  evidence: Record<string, string[]>;
}

export interface FullExtractOptions extends ExtractOptions, Omit<FactExtractionOptions, 'handled' | 'tokenizer'> {}

/**
 * The whole extraction of one message: the seed's tuned rules for its own fields, then the
 * registry's words for every other fact and the division table for the region. The seed's
 * district (region) becomes a registration region code when no place name was read.
 */
export function extractAllFacts(text: string, options: FullExtractOptions): FactsExtractionResult {
  const legacy = extractProfile(text, options);
  const reg = extractFacts(text, { ...options, handled: new Set<string>(PROFILE_FIELDS) });
  const profile: Facts = { ...legacy.profile };
  for (const [k, v] of Object.entries(reg.facts)) {
    const prev = profile[k];
    profile[k] = Array.isArray(prev) && Array.isArray(v) ? [...new Set([...prev, ...v])] : prev ?? v;
  }
  if (Array.isArray(profile.lacksQualifications) && Array.isArray(profile.qualifications)) {
    profile.lacksQualifications = (profile.lacksQualifications as string[]).filter((q) => !(profile.qualifications as string[]).includes(q));
  }
  if (profile.entityType === undefined && Array.isArray(reg.facts.personGroups) && reg.facts.personGroups.length) profile.entityType = 'individual';
  const evidence = { ...reg.evidence };
  if (profile.registrationRegion === undefined && legacy.profile.region && legacy.profile.region !== 'other' && options.places) {
    const place = options.places.resolveRegion(ENUM_LABELS.region[legacy.profile.region], options.regionContext);
    if (place) {
      profile.registrationRegion = place.code;
      evidence.registrationRegion = [ENUM_LABELS.region[legacy.profile.region]];
    }
  }
  const found = [...new Set([...legacy.found, ...Object.keys(profile).filter((k) => profile[k] !== undefined)])];
  return { profile, found, evidence };
}

type BooleanField = {
  [K in ProfileField]-?: NonNullable<CompanyProfile[K]> extends boolean ? K : never;
}[ProfileField];

/** Yes/no facts recognised by keyword; a negation before the keyword makes the fact false. */
export const FLAG_RULES: ReadonlyArray<[BooleanField, RegExp]> = [
  ['aboveScale', /规上|规模以上|限上|规模企业/],
  ['smallMicro', /小微|小型企业|微型企业/],
  ['sme', /中小企业|中小微|小微/],
  ['exporting', /出口|外贸|外销|跨境电商/],
  ['doesRnd', /研发|研究开发|技术攻关/],
  ['hasInvestmentProject', /新建|扩建|新上|投资建设|技改|技术改造|投资项目|建设项目|新厂|上项目|扩产|投资(?=[0-9零一二两三四五六七八九十百千])/],
  ['isMajorProject', /重大(建设|产业)?项目|重点项目/],
  ['needsLand', /用地|拿地|扩建厂房|新建厂房|厂房不够|缺地/],
  ['highTechIndustryProject', /高新技术产业(投资)?项目/],
  ['digitalTransformation', /(数字化|智能化)(改造|转型)|智能工厂|数字化车间|未来工厂|上云/],
  ['recruitingTalent', /(引进|招聘|招|缺)[^,，。]{0,6}(人才|工程师|博士|专家)|海外工程师/],
  ['hasInnovativeProduct', /创新产品|新产品|首次投向市场|首版次/],
  ['usesContainerTrucks', /集装箱(运输)?(车队|卡车|运输|车)|集卡/],
  ['transportsFreshProduce', /鲜活农产品|生鲜运输|冷链运输|运(输)?(蔬菜|水果|活禽|海鲜)/],
  ['fxHedging', /汇率避险|锁汇|远期结售汇|套期保值|汇率风险|汇率波动/],
  ['keyGroupEntrepreneur', /毕业生|刚毕业|大学生创业|就业困难人员|退役军人创业/],
  ['importsAdvancedTech', /进口[^,，。]{0,6}(设备|技术|产品)/],
  ['inTop100OtherServices', /前(100|一百)(名|强)/],
  ['proLeagueClub', /职业联赛|中超|中甲|中乙|CBA|职业俱乐部|职业足球/],
  ['inCharacteristicTown', /特色小镇/],
  ['ruralTourism', /乡村旅游|民宿|农家乐/],
  ['buysTechInsurance', /科技保险/],
  ['hasForeignInvestment', /外资|外商投资|中外合资|港资|台资/],
  ['isHeadquarters', /总部企业/],
];

const FIRST_TIME_ABOVE_SCALE = /小升规|上规|升规|进规|纳入规上/;
const BELOW_SCALE = /规下|规模以下|规模以下企业/;

export function extractProfile(text: string, options: ExtractOptions = {}): ExtractionResult {
  const s = normalizeInput(text);
  const p: CompanyProfile = {};
  const words = keywordFinder(s, options.tokenizer);

  // Later statements override earlier ones, so only the last mention of each keyword decides.
  for (const [field, pattern] of FLAG_RULES) {
    const hit = words(pattern).at(-1);
    if (hit) p[field] = !isNegatedBefore(s, hit.index);
  }
  applyScale(s, p, words);
  applyRegion(s, p);
  applyEntity(s, p);
  applyOwnership(s, p);
  applyIndustries(s, p);
  applyQualifications(s, p, words);
  applyLevels(s, p);
  Object.assign(p, extractAmounts(s, { referenceYear: options.referenceYear ?? 2024 }));
  if (p.smallMicro === true) p.sme = true;

  const found = (Object.keys(p) as ProfileField[]).filter((k) => p[k] !== undefined);
  return { profile: p, found };
}

function applyScale(s: string, p: CompanyProfile, words: KeywordFinder): void {
  for (const hit of words(BELOW_SCALE)) {
    if (!isNegatedBefore(s, hit.index)) p.aboveScale = false;
  }
  // A business being founded now has no statistics history, so it cannot be 规上 yet.
  if (/(想|准备|打算|刚刚?|计划)[^,，。]{0,6}创业|初创|刚成立|新成立|刚注册|新注册/.test(s) && p.aboveScale === undefined) {
    p.aboveScale = false;
  }
  const hit = words(FIRST_TIME_ABOVE_SCALE).at(-1);
  if (hit) {
    if (isNegatedBefore(s, hit.index) || isAspiration(s, hit.index)) {
      p.aboveScale = false;
      p.firstTimeAboveScale = false;
    } else {
      p.aboveScale = true;
      p.firstTimeAboveScale = true;
    }
  }
}

function applyRegion(s: string, p: CompanyProfile): void {
  const wenzhou = REGION_KEYWORDS.flatMap(([region, re]) =>
    findAll(s, re).filter((h) => !isNegatedBefore(s, h.index)).map((h) => ({ region, index: h.index })),
  ).sort((a, b) => a.index - b.index);
  if (wenzhou[0]) {
    p.region = wenzhou[0].region;
    p.inWenzhou = true;
    return;
  }
  // "温州没有分支机构", "跟温州没有业务往来", "温州以外" deny a presence in Wenzhou.
  const denied = (h: { index: number; end: number }) =>
    isNegatedBefore(s, h.index) || /^(市)?(以外|之外|没有|没|无|不)/.test(s.slice(h.end, h.end + 3));
  const wz = findAll(s, /温州/);
  const wzPositive = wz.some((h) => !denied(h));
  const wzNegative = wz.some(denied);
  const city = OTHER_CITIES.flatMap((name) =>
    findAll(s, new RegExp(name)).filter((h) => !isNegatedBefore(s, h.index)).map((h) => ({ name, index: h.index })),
  ).sort((a, b) => a.index - b.index)[0];
  if (wzPositive) {
    p.inWenzhou = true;
  } else if (city) {
    p.region = 'other';
    p.cityName = city.name;
    p.inWenzhou = false;
  } else if (wzNegative || /外地(企业|公司)|外省|外市/.test(s)) {
    p.region = 'other';
    p.inWenzhou = false;
  }
}

function applyEntity(s: string, p: CompanyProfile): void {
  for (const [entityType, re] of ENTITY_KEYWORDS) {
    const hit = findAll(s, re).find((h) => {
      if (isNegatedBefore(s, h.index)) return false;
      // "我们和温州大学合作" names a partner, not the speaker.
      if (/^(university|hospital|research_institute)$/.test(entityType)) {
        return !/(和|与|跟|同|联合|合作|给|为|向|对|帮)[^,，。]{0,8}$/.test(clauseBefore(s, h.index));
      }
      return true;
    });
    if (hit) {
      p.entityType = entityType;
      return;
    }
  }
}

function applyOwnership(s: string, p: CompanyProfile): void {
  for (const [ownership, re] of OWNERSHIP_KEYWORDS) {
    if (findAll(s, re).some((h) => !isNegatedBefore(s, h.index))) {
      p.ownership = ownership;
      if (ownership === 'foreign_invested') p.hasForeignInvestment = true;
      return;
    }
  }
}

function applyIndustries(s: string, p: CompanyProfile): void {
  const found = new Set<Industry>();
  for (const [industry, re] of INDUSTRY_KEYWORDS) {
    if (findAll(s, re).some((h) => !isNegatedBefore(s, h.index))) found.add(industry);
  }
  if (IMPLIES_SERVICES.some((i) => found.has(i))) found.add('services');
  if (found.size > 0) p.industries = [...found];
}

function applyQualifications(s: string, p: CompanyProfile, words: KeywordFinder): void {
  const state = new Map<Qualification, { held: boolean; index: number }>();
  for (const [q, re] of QUALIFICATION_KEYWORDS) {
    // The last mention of a qualification decides whether it is held.
    const hit = words(re).at(-1);
    if (hit) {
      const held = !(isNegatedBefore(s, hit.index) || isNegatedAfter(s, hit.end) || isAspiration(s, hit.index));
      state.set(q, { held, index: hit.index });
    }
  }
  const has = [...state].filter(([, v]) => v.held).map(([q]) => q);
  const lacks = [...state].filter(([, v]) => !v.held).map(([q]) => q);
  if (has.length > 0) p.qualifications = has;
  if (lacks.length > 0) p.lacksQualifications = lacks;
}

function applyLevels(s: string, p: CompanyProfile): void {
  const sn = findAll(s, /专精特新/).at(-1);
  if (sn && p.qualifications?.includes('specialized_new')) {
    const around = s.slice(Math.max(0, sn.index - 6), sn.end + 4);
    if (/国家级|小巨人/.test(around)) p.specializedNewLevel = 'national';
    else if (/省级/.test(around)) p.specializedNewLevel = 'provincial';
    else if (/市级/.test(around)) p.specializedNewLevel = 'municipal';
  }
  const zone = /(省级|市级)(现代)?服务业创新发展区/.exec(s);
  if (zone) p.serviceZoneLevel = zone[1] === '省级' ? 'provincial' : 'municipal';
  const stars = /([一二三四五1-5])星级?(以上)?(的)?总部/.exec(s);
  if (stars) {
    p.hqStars = '一二三四五'.indexOf(stars[1]!) + 1 || Number(stars[1]);
    p.isHeadquarters = true;
  }
  if (p.ownership === 'foreign_invested') p.hasForeignInvestment = true;
}

/**
 * extractProfile that remembers the last few texts. One chat message is looked at by several
 * callers (does it state facts? the matching itself, the LLM extractor's fallback); sharing one
 * of these makes that one extraction per message. Each caller gets its own copy of the result.
 */
export function createProfileExtraction(
  options: ExtractOptions & Partial<FullExtractOptions> = {},
  { size = 16 }: { size?: number } = {},
): (text: string) => FactsExtractionResult {
  const recent = new Map<string, FactsExtractionResult>();
  return (text) => {
    let result = recent.get(text);
    if (result) {
      recent.delete(text);
    } else {
      result = options.registry
        ? extractAllFacts(text, options as FullExtractOptions)
        : { ...extractProfile(text, options), evidence: {} };
      if (recent.size >= size) recent.delete(recent.keys().next().value!);
    }
    recent.set(text, result);
    return structuredClone(result);
  };
}

/** Convenience for callers that accumulate a profile across turns. */
export function extractAndMerge(
  previous: CompanyProfile | undefined,
  text: string,
  options: ExtractOptions = {},
): CompanyProfile {
  return mergeProfiles(previous ?? {}, extractProfile(text, options).profile);
}
