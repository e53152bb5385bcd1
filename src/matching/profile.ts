// Company profile: the facts about a business that decide which measures apply.
// Every field is optional because profiles are built up over several chat turns; an absent
// field means "unknown", never "no". The zod schema is the edge contract (request bodies, LLM
// output, gold files); its Chinese .describe() texts drive the staff console form.
import { z } from 'zod';

export const REGIONS = [
  'lucheng', 'longwan', 'ouhai', 'dongtou', 'ruian', 'yueqing', 'longgang',
  'yongjia', 'pingyang', 'cangnan', 'wencheng', 'taishun', 'other',
] as const;
export type Region = (typeof REGIONS)[number];

export const REGION_LABELS: Record<Region, string> = {
  lucheng: '鹿城区', longwan: '龙湾区', ouhai: '瓯海区', dongtou: '洞头区', ruian: '瑞安市',
  yueqing: '乐清市', longgang: '龙港市', yongjia: '永嘉县', pingyang: '平阳县', cangnan: '苍南县',
  wencheng: '文成县', taishun: '泰顺县', other: '温州市以外地区',
};

export const ENTITY_TYPES = [
  'enterprise', 'individual_business', 'farmer', 'agricultural_entity', 'cooperative',
  'village_collective', 'institution', 'university', 'research_institute', 'hospital', 'club',
  'park_operator', 'social_org', 'individual',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  enterprise: '企业',
  individual_business: '个体工商户',
  farmer: '农户',
  agricultural_entity: '新型农业经营主体（家庭农场、种养大户等）',
  cooperative: '农民专业合作社',
  village_collective: '村集体经济组织',
  institution: '事业单位',
  university: '高校',
  research_institute: '科研院所',
  hospital: '医院',
  club: '体育俱乐部',
  park_operator: '服务业创新发展区管理机构 / 园区运营机构',
  social_org: '社会组织（含慈善组织）',
  individual: '个人',
};

export const OWNERSHIPS = ['private', 'state_owned', 'foreign_invested'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];
export const OWNERSHIP_LABELS: Record<Ownership, string> = {
  private: '民营', state_owned: '国有', foreign_invested: '外商投资',
};

export const INDUSTRIES = [
  'manufacturing', 'integrated_circuit', 'machine_tool', 'software_it', 'digital_economy',
  'artificial_intelligence', 'life_health', 'logistics_port', 'transport', 'foreign_trade',
  'cross_border_ecommerce', 'ecommerce', 'retail_catering', 'culture', 'tourism', 'sports',
  'agriculture_livestock', 'grain', 'elderly_care', 'childcare', 'finance', 'services',
  'other_profit_services', 'industrial_design', 'construction', 'real_estate', 'healthcare',
  'education',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const INDUSTRY_LABELS: Record<Industry, string> = {
  manufacturing: '制造业',
  integrated_circuit: '集成电路',
  machine_tool: '工业母机（机床）',
  software_it: '软件和信息服务业',
  digital_economy: '数字经济',
  artificial_intelligence: '人工智能',
  life_health: '生命健康',
  logistics_port: '港口物流、航运、货运',
  transport: '交通运输',
  foreign_trade: '外贸',
  cross_border_ecommerce: '跨境电商',
  ecommerce: '电商、直播电商',
  retail_catering: '商贸零售、餐饮',
  culture: '文化产业',
  tourism: '旅游（含民宿）',
  sports: '体育产业',
  agriculture_livestock: '农业、养殖业',
  grain: '粮食种植',
  elderly_care: '养老服务',
  childcare: '托育服务',
  finance: '金融',
  services: '服务业',
  other_profit_services: '其他营利性服务业',
  industrial_design: '工业设计',
  construction: '建筑业',
  real_estate: '房地产',
  healthcare: '医疗卫生',
  education: '教育',
};

export const QUALIFICATIONS = [
  'high_tech', 'tech_sme', 'specialized_new', 'tech_leader', 'tech_little_giant', 'first_set',
  'eagle', 'chain_leader', 'time_honored', 'tech_advanced_service', 'new_rnd_institution',
] as const;
export type Qualification = (typeof QUALIFICATIONS)[number];

export const QUALIFICATION_LABELS: Record<Qualification, string> = {
  high_tech: '高新技术企业',
  tech_sme: '科技型中小企业',
  specialized_new: '专精特新企业',
  tech_leader: '科技领军企业',
  tech_little_giant: '科技小巨人企业',
  first_set: '首台（套）、首批次产品企业',
  eagle: '“雄鹰”企业',
  chain_leader: '“链主”企业',
  time_honored: '老字号企业',
  tech_advanced_service: '技术先进型服务企业',
  new_rnd_institution: '省级新型研发机构',
};

export const LEVELS = ['national', 'provincial', 'municipal'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { national: '国家级', provincial: '省级', municipal: '市级' };

const yuan = (what: string) => z.number().nonnegative().optional().describe(`${what}（单位：元）`);

export const CompanyProfileSchema = z.object({
  name: z.string().max(100).optional().describe('单位名称'),
  region: z.enum(REGIONS).optional().describe('注册所在县（市、区）'),
  cityName: z.string().max(30).optional().describe('不在温州时所在城市名称'),
  inWenzhou: z.boolean().optional().describe('是否在温州市（含各县市区）注册经营'),
  entityType: z.enum(ENTITY_TYPES).optional().describe('主体类型'),
  ownership: z.enum(OWNERSHIPS).optional().describe('所有制性质'),
  industries: z.array(z.enum(INDUSTRIES)).optional().describe('所属行业（可多选）'),
  aboveScale: z.boolean().optional().describe('是否为规模以上企业（规上）'),
  firstTimeAboveScale: z.boolean().optional().describe('是否为本年度首次“小升规”企业'),
  smallMicro: z.boolean().optional().describe('是否为小微企业'),
  sme: z.boolean().optional().describe('是否为中小企业（含小微）'),
  employees: z.number().int().nonnegative().optional().describe('员工人数'),
  revenue: yuan('上年度营业收入'),
  doesRnd: z.boolean().optional().describe('是否开展研发活动'),
  rdExpenseLastYear: yuan('上年度税务部门允许加计扣除的研发费用'),
  rdExpenseYearBefore: yuan('前年度（上上年度）研发费用'),
  rdExpenseThisYear: yuan('本年度研发费用'),
  basicResearchExpense: yuan('基础研究研发费用投入'),
  rdRatio: z.number().nonnegative().optional().describe('研发费用占营业收入比重（百分数，如 3.5 表示 3.5%）'),
  rdGrowth: z.number().optional().describe('研发费用年增长率（百分数）'),
  qualifications: z.array(z.enum(QUALIFICATIONS)).optional().describe('已获得的资质或认定（可多选）'),
  lacksQualifications: z.array(z.enum(QUALIFICATIONS)).optional().describe('明确尚未获得的资质或认定'),
  specializedNewLevel: z.enum(LEVELS).optional().describe('专精特新认定级别'),
  exporting: z.boolean().optional().describe('是否有出口业务'),
  exportAmount: yuan('年出口额'),
  exportCreditInsurancePremium: yuan('年度短期出口信用保险保费'),
  fxHedging: z.boolean().optional().describe('是否办理汇率避险业务'),
  fxSettlementAmount: yuan('年度结售汇总额'),
  importsAdvancedTech: z.boolean().optional().describe('是否进口鼓励类先进产品或技术'),
  hasForeignInvestment: z.boolean().optional().describe('是否有外资成分'),
  hasInvestmentProject: z.boolean().optional().describe('是否有在建或拟建的投资项目'),
  isMajorProject: z.boolean().optional().describe('项目是否列入省市重大建设项目'),
  needsLand: z.boolean().optional().describe('是否有新增用地或扩建厂房需求'),
  highTechIndustryProject: z.boolean().optional().describe('是否有高新技术产业投资项目'),
  highReliabilitySupplyFee: yuan('按标准应缴的高可靠性供电费用'),
  digitalTransformation: z.boolean().optional().describe('是否开展或计划开展数字化、智能化改造'),
  recruitingTalent: z.boolean().optional().describe('是否需要引进高层次人才或海外工程师'),
  hasInnovativeProduct: z.boolean().optional().describe('是否有首次投向市场的创新产品或服务'),
  usesContainerTrucks: z.boolean().optional().describe('是否使用国际标准集装箱运输车辆'),
  containerTollFee: yuan('集装箱车辆按原价计算的年高速通行费'),
  transportsFreshProduce: z.boolean().optional().describe('是否运输鲜活农产品'),
  plantedAreaMu: z.number().nonnegative().optional().describe('粮食种植面积（亩）'),
  isHeadquarters: z.boolean().optional().describe('是否为认定的总部企业'),
  hqStars: z.number().int().min(1).max(5).optional().describe('总部企业星级'),
  inTop100OtherServices: z.boolean().optional().describe('是否在库全市前100名其他营利性服务业企业'),
  serviceZoneLevel: z.enum(['provincial', 'municipal']).optional().describe('新认定的现代服务业创新发展区级别'),
  proLeagueClub: z.boolean().optional().describe('是否为参加全国最高级别职业联赛（足球为次级联赛）的职业体育俱乐部'),
  inCharacteristicTown: z.boolean().optional().describe('项目是否位于特色小镇'),
  ruralTourism: z.boolean().optional().describe('是否经营乡村旅游（含个人出租住房经营民宿）'),
  buysTechInsurance: z.boolean().optional().describe('是否购买科技保险产品'),
  keyGroupEntrepreneur: z.boolean().optional().describe('是否为高校毕业生、就业困难人员等重点群体就业创业'),
});

export type CompanyProfile = z.infer<typeof CompanyProfileSchema>;
export type ProfileField = keyof CompanyProfile;

export const PROFILE_FIELDS = Object.keys(CompanyProfileSchema.shape) as ProfileField[];

/** Chinese label of a profile field, taken from its describe() text. */
export function fieldLabel(field: ProfileField): string {
  return CompanyProfileSchema.shape[field].description ?? field;
}

/** Chinese labels for every enum value, keyed by field. */
export const ENUM_LABELS = {
  region: REGION_LABELS,
  entityType: ENTITY_TYPE_LABELS,
  ownership: OWNERSHIP_LABELS,
  industries: INDUSTRY_LABELS,
  qualifications: QUALIFICATION_LABELS,
  lacksQualifications: QUALIFICATION_LABELS,
  specializedNewLevel: LEVEL_LABELS,
  serviceZoneLevel: { provincial: '省级', municipal: '市级' },
} as const;

export const WENZHOU_REGIONS: readonly Region[] = REGIONS.filter((r) => r !== 'other');
