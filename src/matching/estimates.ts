// Benefit estimates for clauses whose text fixes a formula (pure). Every estimate shows its
// arithmetic step by step in Chinese, states how the clause was read, lists the inputs still
// missing, and is marked 仅供参考.
import type { FormulaId } from './annotation-schema.js';
import { formatYuan } from './parse-amount.js';
import type { CompanyProfile, ProfileField } from './profile.js';

export interface Estimate {
  formula: FormulaId;
  /** subsidy/award: money paid; saving: cost avoided; guarantee_quota: a guarantee line, not cash. */
  kind: 'subsidy' | 'award' | 'saving' | 'guarantee_quota';
  /** Exact amount in 元 when it can be computed. */
  amount?: number;
  /** Range in 元 when only bounds are known (or the clause gives a range / a floor). */
  min?: number;
  max?: number;
  /** The most the clause allows (最高300万元); amount, min and max never exceed it. */
  cap?: number;
  steps: string[];
  assumptions: string[];
  missing: Array<{ field: ProfileField; question: string }>;
  text: string;
  disclaimer: string;
}

export const DISCLAIMER = '以上测算仅供参考，实际金额以主管部门审核认定为准。';

const RD_THRESHOLD = 2_000_000;
const RD_CAP = 3_000_000;
const pct = (rate: number) => `${Math.round(rate * 10000) / 100}%`;
const y = formatYuan;

/**
 * Every estimate passes through here, so the invariants hold for all formulas: no figure above
 * the clause's cap, min ≤ max, and a range whose ends meet is one amount. Estimators compute
 * their bounds and text within the cap; this is the backstop for the numbers.
 */
function finish(e: Omit<Estimate, 'text' | 'disclaimer'>, summary: string): Estimate {
  const capped = (v: number | undefined) => (v === undefined || e.cap === undefined ? v : Math.min(v, e.cap));
  let amount = capped(e.amount);
  let min = capped(e.min);
  let max = capped(e.max);
  if (min !== undefined && max !== undefined && min > max) [min, max] = [max, min];
  if (amount === undefined && min !== undefined && min === max) amount = min;
  const out: Estimate = { ...e, text: `${summary}（仅供参考）`, disclaimer: DISCLAIMER };
  delete out.amount;
  delete out.min;
  delete out.max;
  if (amount !== undefined) out.amount = amount;
  else {
    if (min !== undefined) out.min = min;
    if (max !== undefined) out.max = max;
  }
  return out;
}

/** "，超过最高300万元，按300万元计" when a partial result is above the cap. */
function overCap(value: number, cap: number): string {
  return value > cap ? `，超过最高${y(cap)}，按${y(cap)}计` : '';
}

export const RD_SUBSIDY_READING =
  '原文为“按存量部分的3%和增量部分的8%给予最高300万元补助”，未定义存量与增量。本测算理解为：存量部分 = 上年度研发费用中不超过前年度水平的部分，即 min(上年度, 前年度)；增量部分 = 上年度比前年度增加的部分，即 max(上年度 − 前年度, 0)。对2024年政策，“上年度”指2023年、“前年度”指2022年。具体口径以科技、财政部门解释为准。';

/** Clause 11: 3% of the stock part + 8% of the increment, capped at 300万元, for ≥ 200万元 last year. */
export function estimateRdSubsidy(p: CompanyProfile): Estimate {
  const base = { formula: 'rd_subsidy' as const, kind: 'subsidy' as const, cap: RD_CAP, assumptions: [RD_SUBSIDY_READING] };
  const last = p.rdExpenseLastYear;
  const before = p.rdExpenseYearBefore;
  if (last === undefined) {
    return finish({
      ...base,
      steps: ['补助 = 存量部分 × 3% + 增量部分 × 8%，最高300万元；需要上年度和前年度研发费用才能测算。'],
      missing: [
        { field: 'rdExpenseLastYear', question: '贵企业上年度在税务部门申报并允许加计扣除的研发费用是多少？' },
        ...(before === undefined ? [{ field: 'rdExpenseYearBefore' as const, question: '贵企业前年度（上上年度）的研发费用是多少？' }] : []),
      ],
    }, '缺少上年度研发费用，暂无法测算研发补助');
  }
  if (last < RD_THRESHOLD) {
    return finish({
      ...base,
      amount: 0,
      steps: [`上年度研发费用 ${y(last)}，低于200万元门槛，不符合研发补助条件。`],
      missing: [],
    }, `上年度研发费用${y(last)}未达200万元，不能享受研发补助`);
  }
  if (before === undefined) {
    // The two extremes: everything is stock (前年度 ≥ 上年度) or everything is increment (前年度 = 0).
    const allStock = last * 0.03;
    const allIncrement = last * 0.08;
    const min = Math.round(Math.min(allStock, RD_CAP));
    const max = Math.round(Math.min(allIncrement, RD_CAP));
    const steps = [
      `上年度研发费用 L = ${y(last)}；前年度研发费用未知。`,
      `若前年度不低于上年度，则全部为存量：${y(last)} × 3% = ${y(allStock)}${overCap(allStock, RD_CAP)}。`,
      `若前年度为0，则全部为增量：${y(last)} × 8% = ${y(allIncrement)}${overCap(allIncrement, RD_CAP)}。`,
    ];
    if (min === max) {
      return finish({
        ...base,
        amount: min,
        steps: [...steps, `两种情况都达到最高${y(RD_CAP)}，前年度研发费用不影响结果。`],
        missing: [],
      }, `预计研发补助${y(min)}（已达最高${y(RD_CAP)}）`);
    }
    return finish({
      ...base,
      min,
      max,
      steps: [...steps, `因此补助在 ${y(min)} 至 ${y(max)} 之间，提供前年度研发费用后可算出确切金额。`],
      missing: [{ field: 'rdExpenseYearBefore', question: '贵企业前年度（上上年度）的研发费用是多少？' }],
    }, `前年度研发费用未知，研发补助约在${y(min)}至${y(max)}之间`);
  }
  const stock = Math.min(last, before);
  const increment = Math.max(last - before, 0);
  const stockPart = stock * 0.03;
  const incrementPart = increment * 0.08;
  const raw = stockPart + incrementPart;
  const amount = Math.round(Math.min(raw, RD_CAP));
  return finish({
    ...base,
    amount,
    steps: [
      `上年度研发费用 L = ${y(last)}，前年度研发费用 B = ${y(before)}。`,
      `存量部分 = min(L, B) = ${y(stock)}；增量部分 = max(L − B, 0) = ${y(increment)}。`,
      `存量补助 = ${y(stock)} × 3% = ${y(stockPart)}。`,
      `增量补助 = ${y(increment)} × 8% = ${y(incrementPart)}。`,
      `合计 = ${y(stockPart)} + ${y(incrementPart)} = ${y(raw)}${raw > RD_CAP ? overCap(raw, RD_CAP) : `，未超过最高${y(RD_CAP)}`}。`,
    ],
    missing: [],
  }, `预计研发补助${y(amount)}`);
}

/** Clause 29: 5万元 for a service firm that became 规上 for the first time. */
export function estimateServiceUpgradeAward(): Estimate {
  return finish({
    formula: 'service_upgrade_award', kind: 'award', amount: 50_000,
    steps: ['首次“小升规”服务业企业（含其中的其他营利性服务业企业）奖励定额5万元。'],
    assumptions: ['按原文定额计算，需经发展改革、统计部门确认为首次纳入规上统计的服务业企业。'],
    missing: [],
  }, '首次“小升规”奖励5万元');
}

/** Clause 29: 10万–30万元 by revenue-growth tier for the top 100 other profit services firms. */
export function estimateServiceTop100Award(): Estimate {
  return finish({
    formula: 'service_top100_award', kind: 'award', min: 100_000, max: 300_000, cap: 300_000,
    steps: ['在库全市前100名其他营利性服务业企业，按营业收入增速梯度奖励10万元到30万元。', '原文未公布各梯度对应的增速，故只给出区间。'],
    assumptions: ['梯度标准以发展改革、财政部门发布的实施细则为准。'],
    missing: [],
  }, '按营业收入增速梯度奖励10万至30万元');
}

/** Clause 28: 50万元 (provincial) / 30万元 (municipal) for a newly recognised zone's management body. */
export function estimateServiceZoneAward(p: CompanyProfile): Estimate {
  const base = { formula: 'service_zone_award' as const, kind: 'award' as const, cap: 500_000, assumptions: ['按原文定额，针对新认定的创新发展区管理机构。'] };
  if (p.serviceZoneLevel === 'provincial') {
    return finish({ ...base, amount: 500_000, steps: ['新认定为省级现代服务业创新发展区：管理机构奖励50万元。'], missing: [] }, '省级创新发展区管理机构奖励50万元');
  }
  if (p.serviceZoneLevel === 'municipal') {
    return finish({ ...base, amount: 300_000, steps: ['新认定为市级现代服务业创新发展区：管理机构奖励30万元。'], missing: [] }, '市级创新发展区管理机构奖励30万元');
  }
  return finish({
    ...base, min: 300_000, max: 500_000,
    steps: ['省级奖励50万元，市级奖励30万元；认定级别未知。'],
    missing: [{ field: 'serviceZoneLevel', question: '贵单位新认定的是省级还是市级现代服务业创新发展区？' }],
  }, '按认定级别奖励30万或50万元');
}

/** Clause 44: short-term export credit insurance premium subsidised at no less than 70%. */
export function estimateExportCreditInsurance(p: CompanyProfile): Estimate {
  const base = {
    formula: 'export_credit_insurance' as const, kind: 'subsidy' as const,
    assumptions: ['原文为“不低于70%”，以下按70%计算下限；本条在“市级中小微出口企业统保平台”语境下，适用对象以商务部门口径为准。'],
  };
  const premium = p.exportCreditInsurancePremium;
  if (premium === undefined) {
    return finish({
      ...base, steps: ['补助 ≥ 短期出口信用保险保费 × 70%。'],
      missing: [{ field: 'exportCreditInsurancePremium', question: '贵企业每年短期出口信用保险保费大约多少？' }],
    }, '补助不低于短期出口信用保险保费的70%');
  }
  const min = Math.round(premium * 0.7);
  return finish({
    ...base, min,
    steps: [`年保费 ${y(premium)}。`, `补助下限 = ${y(premium)} × 70% = ${y(min)}。`, `企业自付最多 = ${y(premium)} − ${y(min)} = ${y(premium - min)}。`],
    missing: [],
  }, `出口信保保费补助不低于${y(min)}`);
}

/** Clause 44: guarantee letter of up to 8% of total FX settlement, for FX hedging. */
export function estimateFxHedgingGuarantee(p: CompanyProfile): Estimate {
  const base = {
    formula: 'fx_hedging_guarantee' as const, kind: 'guarantee_quota' as const,
    assumptions: ['这是政府性融资担保机构出具的等值人民币担保保函额度（可循环使用），用于办理汇率避险业务，不是现金补贴。'],
  };
  const total = p.fxSettlementAmount;
  if (total === undefined) {
    return finish({
      ...base, steps: ['担保保函额度 ≤ 结售汇总额 × 8%。'],
      missing: [{ field: 'fxSettlementAmount', question: '贵企业年度结售汇总额大约多少（折合人民币）？' }],
    }, '担保保函额度不超过结售汇总额的8%');
  }
  const max = Math.round(total * 0.08);
  return finish({
    ...base, max,
    steps: [`结售汇总额 ${y(total)}。`, `担保保函额度上限 = ${y(total)} × 8% = ${y(max)}。`],
    missing: [],
  }, `汇率避险担保保函额度最高${y(max)}`);
}

function discount(options: {
  formula: FormulaId; standard: number | undefined; payRate: number; field: ProfileField; question: string;
  what: string; reading: string;
}): Estimate {
  const { formula, standard, payRate, field, question, what, reading } = options;
  const saveRate = 1 - payRate;
  const base = { formula, kind: 'saving' as const, assumptions: [reading] };
  if (standard === undefined) {
    return finish({
      ...base, steps: [`按标准的${pct(payRate)}缴纳，即节省${pct(saveRate)}。`],
      missing: [{ field, question }],
    }, `${what}节省${pct(saveRate)}`);
  }
  const pay = Math.round(standard * payRate);
  const saving = Math.round(standard - pay);
  return finish({
    ...base, amount: saving,
    steps: [
      `按标准应缴${what} ${y(standard)}。`,
      `实际缴纳 = ${y(standard)} × ${pct(payRate)} = ${y(pay)}。`,
      `节省 = ${y(standard)} − ${y(pay)} = ${y(saving)}（即${pct(saveRate)}）。`,
    ],
    missing: [],
  }, `${what}预计节省${y(saving)}`);
}

/** Clause 17: high-reliability power supply fee charged at 70% of the standard. */
export function estimateHighReliabilityFee(p: CompanyProfile): Estimate {
  return discount({
    formula: 'high_reliability_fee', standard: p.highReliabilitySupplyFee, payRate: 0.7,
    field: 'highReliabilitySupplyFee', question: '贵企业项目按标准应缴的高可靠性供电费用是多少？',
    what: '高可靠性供电费用', reading: '适用于符合规定的高新技术产业投资项目，按高可靠性供电费用收取标准的70%执行。',
  });
}

/** Clause 39: international standard container trucks pay tolls at 65% (六五折). */
export function estimateContainerToll(p: CompanyProfile): Estimate {
  return discount({
    formula: 'container_toll', standard: p.containerTollFee, payRate: 0.65,
    field: 'containerTollFee', question: '贵企业集装箱车辆按原价计算每年高速通行费大约多少？',
    what: '集装箱车辆高速通行费', reading: '“六五折”即按原通行费的65%收取；适用路段和车辆以交通运输部门规定为准。',
  });
}

export function estimateBenefit(formula: FormulaId, profile: CompanyProfile): Estimate {
  switch (formula) {
    case 'rd_subsidy': return estimateRdSubsidy(profile);
    case 'service_upgrade_award': return estimateServiceUpgradeAward();
    case 'service_top100_award': return estimateServiceTop100Award();
    case 'service_zone_award': return estimateServiceZoneAward(profile);
    case 'export_credit_insurance': return estimateExportCreditInsurance(profile);
    case 'fx_hedging_guarantee': return estimateFxHedgingGuarantee(profile);
    case 'high_reliability_fee': return estimateHighReliabilityFee(profile);
    case 'container_toll': return estimateContainerToll(profile);
  }
}
