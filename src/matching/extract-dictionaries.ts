// Keyword dictionaries used by the offline profile extractor. Data only, so they can be
// reviewed by policy staff without reading the extraction logic.
import type { EntityType, Industry, Ownership, Qualification, Region } from './profile.js';

/** Wenzhou counties/districts and a few well-known towns inside them. */
export const REGION_KEYWORDS: ReadonlyArray<[Region, RegExp]> = [
  ['lucheng', /鹿城/],
  ['longwan', /龙湾|永中|状元街道/],
  ['ouhai', /瓯海|娄桥|梧田|茶山|仙岩/],
  ['dongtou', /洞头/],
  ['ruian', /瑞安|塘下|飞云/],
  ['yueqing', /乐清|柳市|虹桥镇|白石街道/],
  ['longgang', /龙港/],
  ['yongjia', /永嘉|瓯北|桥头镇/],
  ['pingyang', /平阳|鳌江|萧江|水头镇/],
  ['cangnan', /苍南|灵溪|钱库|金乡/],
  ['wencheng', /文成/],
  ['taishun', /泰顺/],
];

/** Cities outside Wenzhou that people mention when describing where they are. */
export const OTHER_CITIES = [
  '杭州', '宁波', '上海', '北京', '深圳', '广州', '台州', '金华', '绍兴', '嘉兴', '湖州', '丽水',
  '衢州', '舟山', '义乌', '南京', '苏州', '无锡', '福州', '厦门', '泉州', '合肥', '武汉', '成都',
  '重庆', '天津', '青岛', '长沙', '西安', '郑州', '东莞', '佛山',
] as const;

export const INDUSTRY_KEYWORDS: ReadonlyArray<[Industry, RegExp]> = [
  ['integrated_circuit', /集成电路|芯片|半导体/],
  ['machine_tool', /工业母机|机床/],
  ['manufacturing', /制造|工厂|(?<![农林场])厂(?!房)|汽车零部件|汽配|零部件|鞋服|鞋业|制鞋|鞋厂|做鞋|皮鞋|服装|电气|泵阀|阀门|机械|模具|五金|眼镜|打火机|锁具|印刷|包装|新材料|化工|塑料|纺织|家具|电器|电子元器件|生产线|加工(企业|厂|公司)/],
  ['software_it', /软件|信息技术|信息服务|互联网|SaaS|saas|系统集成|云计算|IT公司|APP开发|app开发/],
  ['digital_economy', /数字经济|大数据|数据服务|数字贸易|数据要素/],
  ['artificial_intelligence', /人工智能|AI|大模型|机器人/],
  ['life_health', /生命健康|生物医药|眼健康|医疗器械|基因|制药/],
  ['cross_border_ecommerce', /跨境电商|跨境电子商务|独立站|海外仓|亚马逊|速卖通|TikTok ?Shop/],
  ['ecommerce', /(?<!跨境)电商|直播带货|直播电商|网店/],
  ['foreign_trade', /外贸|出口|进出口|国际贸易|外销/],
  ['logistics_port', /物流|货运|仓储|港口|航运|货代|集装箱|海铁联运|快递|集卡/],
  ['transport', /运输|车队|客运|航空|航线|货车/],
  ['retail_catering', /(?<!(亚马逊|网上|淘宝|天猫|京东|线上|网|拼多多|抖音))(开店|小店)|糕点|烘焙|面包店|服装店|专卖店|实体店|水果店|餐饮|餐馆|饭店|饭馆|小吃|零售|超市|商场|商贸|奶茶|咖啡店|便利店|门店|菜馆|食堂/],
  ['culture', /文化|文创|影视|动漫|出版|视听|演艺|传媒|短剧/],
  ['tourism', /旅游|文旅|景区|民宿|旅行社|酒店|农家乐/],
  ['sports', /体育|健身|赛事|运动休闲|足球|篮球|俱乐部/],
  ['grain', /种粮|粮食|水稻|小麦|稻谷|油菜|旱粮|稻麦|种稻|粮油|制种|繁种/],
  ['agriculture_livestock', /农业|养殖|种植|农场|畜牧|生猪|养猪|禽|种菜|种蔬菜|种水果|蔬菜基地|水果基地|茶叶|茶园|杨梅|设施农业|农产品(生产|种植|基地)|种养|果园|渔业|水产|养鸡|养鸭|养鹅|养鱼|养牛|养羊|养蜂|鸡场|猪场/],
  ['elderly_care', /养老|敬老院|老年食堂|助餐|康养|护理院|银发/],
  ['childcare', /托育|托儿所|早教/],
  ['finance', /银行|金融|担保公司|保险公司|小贷|基金管理/],
  ['industrial_design', /工业设计/],
  ['other_profit_services', /其他营利性服务|科技服务|商务服务|咨询|广告|人力资源服务|检验检测|租赁|设计服务|设计公司|会展|法律服务|律师|律所|会计|知识产权服务|事务所/],
  ['services', /服务业|服务企业|服务公司|家政|物业|维修/],
  ['construction', /建筑|施工|装修|装饰工程|工程公司/],
  ['real_estate', /房地产|地产开发|楼盘/],
  ['healthcare', /医院|诊所|医疗(?!器械)|卫生院/],
  ['education', /学校|教育|培训机构|幼儿园/],
];

/** Industries that imply the broader services category for clause 29 (规上服务业). */
export const IMPLIES_SERVICES: readonly Industry[] = ['other_profit_services', 'industrial_design'];

export const QUALIFICATION_KEYWORDS: ReadonlyArray<[Qualification, RegExp]> = [
  ['high_tech', /高新技术企业|国家高新|国高|高企|高新(?!区|园|技术产业|技术产品|技术企业)/],
  ['tech_sme', /科技型中小企业|科小/],
  ['specialized_new', /专精特新/],
  ['tech_leader', /科技领军企业|科技领军/],
  ['tech_little_giant', /科技小巨人/],
  ['first_set', /首台[（(]?套[）)]?|首批次/],
  ['eagle', /雄鹰/],
  ['chain_leader', /链主/],
  ['time_honored', /老字号/],
  ['tech_advanced_service', /技术先进型服务企业/],
  ['new_rnd_institution', /新型研发机构/],
];

export const OWNERSHIP_KEYWORDS: ReadonlyArray<[Ownership, RegExp]> = [
  ['foreign_invested', /外资|外商投资|外商独资|中外合资|合资企业|港资|台资|外企/],
  ['state_owned', /国有企业|国企|国有控股|国资/],
  ['private', /民营|民企|私营|私企|家族企业/],
];

/** Entity types in priority order: the first that matches wins. */
export const ENTITY_KEYWORDS: ReadonlyArray<[EntityType, RegExp]> = [
  ['individual_business', /个体工商户|个体户|个体经营/],
  ['agricultural_entity', /家庭农场|种养大户|种粮大户|种植大户|养殖大户|新型农业经营主体|规模化主体/],
  ['village_collective', /村集体|股份经济合作社|村经济合作社/],
  ['cooperative', /合作社/],
  ['park_operator', /创新发展区管理|管理机构|园区[^，。]{0,3}(运营|管理)(方|单位|机构|公司)|园区运营|运营管理方|运营机构|管委会/],
  ['club', /俱乐部/],
  ['social_org', /慈善组织|慈善机构|社会组织|基金会|民办非企业|社会团体/],
  ['hospital', /医院/],
  ['university', /大学(?!生)|高校(?!毕业)|学院/],
  ['research_institute', /研究院|研究所|科研院所/],
  ['institution', /事业单位/],
  ['enterprise', /公司|企业|厂|集团|有限|工作室|商行|门店|酒店|事务所/],
  ['farmer', /农户|农民|种田|种地|承包[^，。]{0,4}田/],
  ['individual', /个人|自然人|我家|自家|自己家/],
];

/** Words that, right before a keyword, negate it (没有出口, 不是规上, 还没有认定高新). */
export const NEGATION_BEFORE = /(不是|并非|没有|没|尚未|还未|未|无|不属于|不算|暂无|不做|不搞|不再|不在)[^，,。；;！!？?是但而也]{0,4}$/;
/** Words that, right after a qualification, say it is not held yet (高新还没认定). */
export const NEGATION_AFTER = /^[^，,。；;]{0,2}?(还|也|目前|暂时)?(没|未|尚未)(有)?(认定|评上|拿到|获得|通过|下来)/;
/** Aspiration: the thing is wanted, so it is not held yet (准备申请高新, 争取小升规). */
export const ASPIRATION_BEFORE = /(准备|争取|打算|希望|计划|想要|正在|即将|明年)[^，,。；;]{0,3}(申请|申报|认定|评|冲|达到|进入|成为)?[^，,。；;]{0,2}$/;
