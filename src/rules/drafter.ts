// Offline rule drafter (pure): reads each clause and drafts a rule from what its sentences state
// — subjects, qualifications, thresholds, regions, durations, amounts, percentages and caps —
// each finding with the sentence it came from as its quote. Subjects and qualifications are found
// by the fact registry's policy-text words (data), places by the injected division table.
// Thresholds whose figure no registered fact names become facts of the document (returned as a
// fact file). Every drafted rule is reviewed:false: matching shows it as 待核实 until staff
// accept it.
import type { DocumentMeta, PolicyUnit } from '../domain/types.js';
import { parseChineseNumeral } from '../matching/parse-amount.js';
import type { Condition, LeafCondition, Op } from './condition.js';
import type { FactDef, FactFile, FactRegistry } from './fact-registry.js';
import type { Formula } from './formula.js';
import type { Benefit, Rule, RuleFile } from './rule-schema.js';

export const FINDING_KINDS = ['subject', 'qualification', 'threshold', 'region', 'duration', 'amount', 'percentage', 'cap'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface Finding {
  kind: FindingKind;
  /** subject/qualification: value id; region: code; threshold: the figure; duration: months; money: 元; percentage: %. */
  value: string | number;
  op?: Op;
  unit?: string;
  fact?: string;
  quote: string;
}

export interface DraftedRule extends Rule {
  findings: Finding[];
}

export interface DraftOptions {
  doc: Pick<DocumentMeta, 'id' | 'regionCode' | 'region'>;
  units: readonly PolicyUnit[];
  registry: FactRegistry;
  /** The division table's placesInText (injected). */
  places?: (text: string, context?: string) => Array<{ code: string; name: string }>;
  contains?: (ancestor: string, code: string) => boolean;
}

export interface DraftResult {
  file: RuleFile & { rules: DraftedRule[] };
  /** Facts the document needs that the registry lacks (thresholds on unnamed figures). */
  facts: FactFile;
}

const NUM = '(\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十百千]+)';
const BENEFIT = /给予|补贴|奖励|补助|资助|奖补|贴息|减按|返还|享受|可申请|可办理|办理人才引进|免费|优先|予以|支持|积分|落户|待遇|抵减|备案|津贴|补缴/;
const INTERNAL = /^(为(全面|进一步|加强|切实)|本(办法|政策|意见|公告)(自|所称|中)|以上有关|上述所需|成立|设立总规模|市.{0,12}局是|各(地|级|有关)|地方各级|按照.{0,10}原则|享受本办法的|符合本办法规定的同一|.{0,12}(负责|牵头)[^。]{0,20}工作)/;
const AUTOMATIC = /自行享受|无需税务机关审核|无需.{0,4}审批|直接享受/;
const INDIRECT = /优先|担保|贷款|用地|落户|绿色通道|引进手续|办理人才引进|人才引进/;

function toNumber(raw: string): number | null {
  return /^\d/.test(raw) ? Number(raw) : parseChineseNumeral(raw);
}

/** Sentences of a unit with their text exactly as in it (quotes are substrings). */
function sentences(text: string): string[] {
  return text.split(/[。；;！？\n]/).map((s) => s.trim()).filter((s) => s.length >= 4);
}

const compiled = new Map<string, RegExp>();
function wordsRegex(words: readonly string[] | undefined): RegExp | null {
  if (!words || words.length === 0) return null;
  const source = words.join('|');
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source)));
  return re;
}

interface Figure {
  kind: 'money' | 'percent' | 'persons' | 'age' | 'mu' | 'items' | 'times';
  value: number;
  index: number;
  end: number;
}

const COUNTERS: Array<[Figure['kind'], RegExp]> = [
  ['percent', new RegExp(`${NUM}\\s*[%％]`, 'g')],
  ['age', new RegExp(`${NUM}\\s*周?岁`, 'g')],
  ['persons', new RegExp(`${NUM}\\s*(?:人|名)(?![民才员次])`, 'g')],
  ['mu', new RegExp(`${NUM}\\s*亩`, 'g')],
  ['items', new RegExp(`${NUM}\\s*项`, 'g')],
  ['times', new RegExp(`${NUM}\\s*倍`, 'g')],
];

function figuresIn(s: string): Figure[] {
  const out: Figure[] = [];
  const money = new RegExp(`(?<![\\d.])${NUM}\\s*(亿|万)?\\s*(元)?`, 'g');
  for (const m of s.matchAll(money)) {
    if (!m[2] && !m[3]) continue;
    const next = s.slice(m.index + m[0].length, m.index + m[0].length + 2);
    if (!m[3] && /^(户|人|个|家|亩|吨|平方|件|项|名|套|台|次|标准|亿)/.test(next)) continue;
    const base = toNumber(m[1]!);
    if (base === null) continue;
    out.push({ kind: 'money', value: Math.round(base * (m[2] === '亿' ? 1e8 : m[2] === '万' ? 1e4 : 1) * 100) / 100, index: m.index, end: m.index + m[0].length });
  }
  for (const [kind, re] of COUNTERS) {
    for (const m of s.matchAll(re)) {
      const v = toNumber(m[1]!);
      if (v === null || (m.index > 0 && /[\d.]/.test(s[m.index - 1]!))) continue;
      // 每增加1人, 每成功推荐1个: a unit of a rate, not a threshold.
      if (kind === 'persons' && /(每|增加)[^，,。；]{0,4}$/.test(s.slice(Math.max(0, m.index - 6), m.index))) continue;
      out.push({ kind, value: v, index: m.index, end: m.index + m[0].length });
    }
  }
  // 16—24岁: the first number of an age range carries no 岁 of its own.
  for (const m of s.matchAll(new RegExp(`${NUM}\\s*[—\\-–~～至到]\\s*${NUM}\\s*周?岁`, 'g'))) {
    const v = toNumber(m[1]!);
    if (v !== null) out.push({ kind: 'age', value: v, index: m.index, end: m.index + m[1]!.length });
  }
  return out.sort((a, b) => a.index - b.index);
}

const LOWER_AFTER = /^(（含[^）]{0,8}）)?(及以上|或以上|以上|（含）以上|以上（含）)/;
const UPPER_AFTER = /^(（含[^）]{0,8}）)?(及以下|以下|以内)/;
const GTE_BEFORE = /(达到|不低于|不少于|满|在)[^，,。；%]{0,12}$/;
const GT_BEFORE = /(超过|高于|大于)[^，,。；%]{0,12}$/;
const LTE_BEFORE = /(不超过|不高于|不多于|至)$/;
const LT_BEFORE = /((?<!不)低于|不足|(?<!不)少于|未满)[^，,。；]{0,6}$/;
const CAP_BEFORE = /(最高|上限|最多|封顶)[^，,。；]{0,8}$|(总额|额度|每年|每人|每个企业|每家|单品种|每户)[^，,。；]{0,4}(不超过|最高)[^，,。；]{0,3}$/;
const RANGE_DASH = /^\s*[—\-–~～至到]\s*/;

/** What a figure is in its sentence: a threshold (with its comparison), a cap, or a benefit figure. */
function classify(s: string, f: Figure, benefitBefore: boolean): { role: 'threshold' | 'cap' | 'benefit'; op?: Op } {
  const c = classifyStrict(s, f, benefitBefore);
  // 低于10万元（含10万元）: the bracket makes the comparison inclusive.
  if (c.op && /^（含/.test(s.slice(f.end, f.end + 2))) return { ...c, op: c.op === 'lt' ? 'lte' : c.op === 'gt' ? 'gte' : c.op };
  return c;
}

function classifyStrict(s: string, f: Figure, benefitBefore: boolean): { role: 'threshold' | 'cap' | 'benefit'; op?: Op } {
  const before = s.slice(Math.max(0, f.index - 16), f.index);
  const after = s.slice(f.end, f.end + 10);
  if (f.kind === 'age') {
    if (UPPER_AFTER.test(after) || /(不超过|不高于|以下)[^，,。；]{0,2}$/.test(before)) return { role: 'threshold', op: 'lte' };
    if (RANGE_DASH.test(after)) return { role: 'threshold', op: 'gte' };
    if (/[—\-–~～至到]$/.test(before)) return { role: 'threshold', op: 'lte' };
    return { role: 'threshold', op: LOWER_AFTER.test(after) ? 'gte' : 'lte' };
  }
  if (f.kind === 'money' && (CAP_BEFORE.test(before) || (/(不超过|不高于)$/.test(before) && benefitBefore))) return { role: 'cap' };
  if (LOWER_AFTER.test(after)) return { role: 'threshold', op: 'gte' };
  if (UPPER_AFTER.test(after)) return { role: 'threshold', op: 'lte' };
  if (LTE_BEFORE.test(before)) return f.kind === 'percent' && benefitBefore ? { role: 'benefit' } : { role: 'threshold', op: 'lte' };
  if (GT_BEFORE.test(before)) return { role: 'threshold', op: 'gt' };
  if (LT_BEFORE.test(before)) return { role: 'threshold', op: 'lt' };
  if (GTE_BEFORE.test(before) && !benefitBefore) return { role: 'threshold', op: 'gte' };
  if (f.kind === 'money' || f.kind === 'percent') return { role: 'benefit' };
  return { role: 'threshold', op: 'gte' };
}

const DURATION = new RegExp(`(?<![\\d.])${NUM}\\s*(个)?\\s*(年|月)(?!度|级|龄)`, 'g');

function durationsIn(s: string): Array<{ months: number; index: number }> {
  const out: Array<{ months: number; index: number }> = [];
  for (const m of s.matchAll(DURATION)) {
    if (/^\d{4}$/.test(m[1]!)) continue;
    const v = toNumber(m[1]!);
    if (v === null || v === 0) continue;
    // 3—12个月: the first number takes the unit of the second.
    out.push({ months: m[3] === '年' ? v * 12 : v, index: m.index });
  }
  for (const m of s.matchAll(new RegExp(`${NUM}\\s*[—\\-–~～至到]\\s*${NUM}\\s*(个)?\\s*(年|月)`, 'g'))) {
    const v = toNumber(m[1]!);
    if (v !== null && !out.some((d) => d.index === m.index)) out.push({ months: m[4] === '年' ? v * 12 : v, index: m.index });
  }
  return out;
}

const UNIT_OF: Record<Figure['kind'], string> = { money: '元', percent: '%', persons: '人', age: '岁', mu: '亩', items: '项', times: '倍' };

export function draftRules({ doc, units, registry, places, contains }: DraftOptions): DraftResult {
  const subjectFacts = [...registry.facts.values()].filter((f) => f.draftAs === 'subject');
  const qualificationFacts = [...registry.facts.values()].filter((f) => f.draftAs === 'qualification');
  const figureFacts = [...registry.facts.values()].filter((f) => f.draftAs === 'figure');
  const localFacts: FactDef[] = [];
  const prefix = doc.id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^[^a-z]+/, '') || 'doc';

  const rules: DraftedRule[] = [];
  for (const unit of units) {
    if (unit.kind !== 'clause') continue;
    const text = unit.text;
    const ss = sentences(text);
    const actionable = BENEFIT.test(text) && !INTERNAL.test(text.trim());
    if (!actionable) {
      rules.push({ ref: unit.ref, reviewed: false, audience: { text: '（非申报事项）', tags: [] }, actionability: 'internal', benefits: [], value: 0, findings: [] });
      continue;
    }
    const findings: Finding[] = [];
    const leaves: Condition[] = [];
    const subjectLeaves: LeafCondition[] = [];
    const qualLeaves: LeafCondition[] = [];
    const benefits: Benefit[] = [];

    for (const s of ss) {
      for (const f of subjectFacts) {
        const hits = (f.values ?? []).filter((v) => wordsRegex(v.textWords)?.test(s));
        for (const v of hits) {
          if (findings.some((x) => x.kind === 'subject' && x.value === v.id)) continue;
          findings.push({ kind: 'subject', value: v.id, fact: f.id, quote: s });
          subjectLeaves.push({ fact: f.id, op: f.type === 'set' ? 'includesAny' : 'in', value: [v.id], description: `适用对象：${v.label}`, question: f.question, quote: s });
        }
      }
      for (const f of qualificationFacts) {
        if (f.type === 'boolean') {
          if (wordsRegex(f.textWords)?.test(s) && !findings.some((x) => x.kind === 'qualification' && x.value === f.id)) {
            findings.push({ kind: 'qualification', value: f.id, fact: f.id, quote: s });
            qualLeaves.push({ fact: f.id, op: 'truthy', description: f.label.replace(/^是否(为)?/, ''), question: f.question, quote: s, unknown: { assume: false } });
          }
          continue;
        }
        for (const v of (f.values ?? []).filter((x) => wordsRegex(x.textWords)?.test(s))) {
          if (findings.some((x) => x.kind === 'qualification' && x.value === v.id)) continue;
          findings.push({ kind: 'qualification', value: v.id, fact: f.id, quote: s });
          // A recognised status is something an applicant states: unmentioned, it is assumed absent
          // (as the seed's reviewed rules treat rare distinctions).
          qualLeaves.push({ fact: f.id, op: 'includesAny', value: [v.id], description: `具有${v.label}资质`, question: f.question, quote: s, unknown: { assume: false } });
        }
      }
      // Titles of other documents (《…》) and basis lines name issuers, not where a measure applies.
      const placeText = s.replace(/《[^》]*》/g, '').replace(/(文件依据|依据文件|发文机构)[：:].*$/, '');
      const context = doc.regionCode && doc.regionCode !== '000000' ? doc.regionCode : undefined;
      // Place names end in a division suffix (广州市, 天河区, 广州): only those stretches are looked
      // up, since the table lookup costs per character of text.
      const stretches = placeText.match(/[\u4e00-\u9fff]{1,10}(?:省|市|区|县|州|旗|盟)/g)?.join('，');
      for (const p of (stretches ? places?.(stretches, context) : undefined) ?? []) {
        if (findings.some((x) => x.kind === 'region' && x.value === p.code)) continue;
        findings.push({ kind: 'region', value: p.code, quote: s });
        const inside = doc.regionCode && contains ? contains(doc.regionCode, p.code) || contains(p.code, doc.regionCode) : false;
        if (inside && p.code !== '000000') {
          leaves.push({ fact: 'registrationRegion', op: 'within', value: p.code, description: `在${p.name}注册或经营`, question: registry.question('registrationRegion'), quote: s });
        }
      }
      const figures = figuresIn(s);
      let benefitSeen = false;
      const amounts: number[] = [];
      const caps: number[] = [];
      const percents: number[] = [];
      for (const f of figures) {
        benefitSeen = BENEFIT.test(s.slice(0, f.index));
        const c = classify(s, f, benefitSeen);
        if (c.role === 'cap') {
          caps.push(f.value);
          findings.push({ kind: 'cap', value: f.value, unit: '元', quote: s });
        } else if (c.role === 'benefit') {
          if (f.kind === 'money') amounts.push(f.value);
          else percents.push(f.value);
          findings.push({ kind: f.kind === 'money' ? 'amount' : 'percentage', value: f.value, unit: UNIT_OF[f.kind], quote: s });
        } else {
          const fact = figureFact(s, f, figureFacts, () => {
            const id = `${prefix}R${unit.ref.replace(/[^A-Za-z0-9]/g, '')}F${localFacts.length + 1}`;
            const topic = s.slice(Math.max(0, f.index - 10), f.index).replace(/^.*[，,、（(]/, '').replace(/(达到|不低于|不少于|超过|低于|在|满|不超过)$/, '') || '相关数额';
            localFacts.push({ id, label: `${topic}（${UNIT_OF[f.kind]}）`, type: 'number', unit: UNIT_OF[f.kind], question: `请问${topic}是多少（${UNIT_OF[f.kind]}）？`, words: [], scope: doc.id });
            return id;
          });
          findings.push({ kind: 'threshold', value: f.value, op: c.op!, unit: UNIT_OF[f.kind], fact, quote: s });
          leaves.push({ fact, op: c.op!, value: f.value, description: `${registry.get(fact)?.label ?? localFacts.find((x) => x.id === fact)?.label ?? fact}${OP_ZH[c.op!]}${f.value}${UNIT_OF[f.kind]}`, quote: s });
        }
      }
      for (const d of durationsIn(s)) {
        findings.push({ kind: 'duration', value: d.months, unit: '个月', quote: s });
        const before = s.slice(Math.max(0, d.index - 8), d.index);
        if (/(注册|成立|登记)[^，,。；]{0,4}满$/.test(before)) {
          leaves.push({ fact: 'foundedDate', op: 'monthsSinceGte', value: d.months, description: `成立满${d.months}个月`, question: registry.question('foundedDate'), quote: s });
        } else if (/毕业$/.test(before) && /^[^，,。；]{0,6}内/.test(s.slice(d.index))) {
          leaves.push({ fact: 'yearsSinceGraduation', op: 'lte', value: d.months / 12, description: `毕业${d.months / 12}年内`, question: registry.question('yearsSinceGraduation'), quote: s });
        }
      }
      if (amounts.length || caps.length || percents.length || (BENEFIT.test(s) && benefits.length === 0 && /给予|享受|可申请|可办理|补贴|奖励/.test(s))) {
        benefits.push({ text: s.length > 80 ? `${s.slice(0, 80)}…` : s, quote: s, ...benefitFormula(amounts, caps, percents) });
      }
    }
    if (benefits.length === 0) benefits.push({ text: ss[0] ?? text.slice(0, 60), quote: ss[0] ?? text.slice(0, 60) });
    const conditions: Condition = {
      all: [
        ...(subjectLeaves.length ? [subjectLeaves.length === 1 ? subjectLeaves[0]! : { any: subjectLeaves, description: '适用对象' }] : []),
        ...(qualLeaves.length ? [qualLeaves.length === 1 ? qualLeaves[0]! : { any: qualLeaves, description: '资质条件（其一）' }] : []),
        ...leaves,
      ],
    };
    const audience = findings.filter((f) => f.kind === 'subject').map((f) => registry.valueLabel(f.fact!, f.value));
    const hasMoney = findings.some((f) => f.kind === 'amount' || f.kind === 'cap' || f.kind === 'percentage');
    rules.push({
      ref: unit.ref,
      reviewed: false,
      audience: { text: audience.length ? audience.join('、') : '（待核实）', tags: [] },
      actionability: AUTOMATIC.test(text) ? 'automatic' : INDIRECT.test(text) && !hasMoney ? 'indirect' : 'apply',
      conditions,
      benefits,
      value: hasMoney ? 4 : 2,
      note: '离线起草，待工作人员核实',
      findings,
    });
  }
  return {
    file: { docId: doc.id, origin: 'drafted', notices: [], rules },
    facts: { scope: doc.id, facts: localFacts },
  };
}

const OP_ZH: Partial<Record<Op, string>> = { gte: '不低于', gt: '超过', lte: '不超过', lt: '低于' };

function figureFact(s: string, f: Figure, facts: readonly FactDef[], local: () => string): string {
  if (f.kind === 'age') return 'age';
  const before = s.slice(Math.max(0, f.index - 14), f.index);
  const unit = UNIT_OF[f.kind];
  const named = facts.filter((x) => (x.unit ?? '') === unit && wordsRegex(x.textWords)?.test(before));
  // The topic named nearest before the figure names it.
  named.sort((a, b) => lastIndex(before, b) - lastIndex(before, a));
  return named[0]?.id ?? local();
}

function lastIndex(s: string, f: FactDef): number {
  const re = wordsRegex(f.textWords);
  if (!re) return -1;
  let last = -1;
  for (const m of s.matchAll(new RegExp(re.source, 'g'))) last = m.index;
  return last;
}

function benefitFormula(amounts: number[], caps: number[], percents: number[]): { formula?: Formula } {
  const cap = caps.length ? Math.max(...caps) : undefined;
  if (amounts.length === 1 && percents.length === 0 && (cap === undefined || amounts[0]! <= cap)) {
    return { formula: { kind: 'fixed', amount: amounts[0]!, result: 'subsidy', ...(cap !== undefined ? { cap } : {}) } };
  }
  if (amounts.length > 1 && percents.length === 0) {
    const top = Math.max(...amounts);
    const bound = cap !== undefined ? Math.min(cap, top) : top;
    return { formula: { kind: 'range', min: Math.min(...amounts), max: bound, result: 'subsidy', ...(cap !== undefined && cap >= top ? { cap } : {}) } };
  }
  if (amounts.length === 0 && cap !== undefined && percents.length === 0) {
    return { formula: { kind: 'range', min: 0, max: cap, cap, result: 'subsidy' } };
  }
  return {};
}
