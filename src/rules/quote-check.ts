// Checks a rule file against its document when rules load (pure): every quote must occur
// verbatim (ignoring spaces and width) in its own unit, every fact must be registered, and every
// formula's figures must be stated by its quote with no amount above the cap the quote states.
// A file with any problem is refused with a Chinese message that says what to fix.
import { AppError } from '../domain/errors.js';
import type { PolicyUnit } from '../domain/types.js';
import { AMOUNT_PATTERN, amountFromParts } from '../matching/parse-amount.js';
import { containsNormalized } from '../text/canonical.js';
import { factsOf, leavesOf } from './condition.js';
import type { FactRegistry } from './fact-registry.js';
import { formulaFacts, formulaFigures, type Formula } from './formula.js';
import { ruleConditions, ruleQuotes, type RuleFile } from './rule-schema.js';

type UnitText = Pick<PolicyUnit, 'ref' | 'text'>;

const short = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Money figures a text states, in 元 (300万元, 1.5亿元, 6000元; bare numbers are not money). */
export function moneyFigures(text: string): number[] {
  const out: number[] = [];
  for (const m of text.normalize('NFKC').matchAll(new RegExp(`(?<![\\d.])${AMOUNT_PATTERN}`, 'g'))) {
    if (!m[2] && !/元$/.test(m[0])) continue;
    const v = amountFromParts(m[1]!, m[2]);
    if (v !== null) out.push(v);
  }
  return out;
}

function formulaProblems(where: string, f: Formula, quote: string, unitText: string): string[] {
  const stated = moneyFigures(quote);
  const out: string[] = [];
  // A formula's threshold is a condition of the clause, stated anywhere in it; amounts and the cap
  // are the benefit itself and must be in the benefit's own quote.
  const threshold = f.kind === 'stockIncrement' ? f.threshold : undefined;
  for (const v of formulaFigures(f)) {
    if (v === 0) continue;
    if (v === threshold) {
      if (!moneyFigures(unitText).includes(v)) out.push(`${where}的公式门槛 ${v} 元未在条款原文中出现，请核对`);
    } else if (!stated.includes(v)) out.push(`${where}的公式金额 ${v} 元未在引文“${short(quote)}”中出现，请核对公式或引文`);
  }
  if (f.cap !== undefined) {
    const over = [
      ...(f.kind === 'fixed' || f.kind === 'perHead' ? [f.amount] : []),
      ...(f.kind === 'tiers' ? f.tiers.map((t) => t.amount) : []),
      ...(f.kind === 'range' ? [f.min, f.max] : []),
    ].filter((v) => v > f.cap!);
    if (over.length) out.push(`${where}的公式金额 ${over.join('、')} 元超过上限 ${f.cap} 元，请改正`);
  }
  return out;
}

/** Every problem of a rule file, in Chinese; empty when it may be used. */
export function ruleFileProblems(file: RuleFile, units: readonly UnitText[], registry: FactRegistry): string[] {
  const byRef = new Map(units.map((u) => [u.ref, u]));
  const problems: string[] = [];
  const checkQuote = (key: string, where: string, quote: string, unit: UnitText | undefined) => {
    if (unit && !containsNormalized(unit.text, quote)) {
      problems.push(`规则 ${key} 的${where}引文不在条款原文中：“${short(quote)}”。请改为该条原文中逐字出现的文字`);
    }
  };
  const checkFacts = (key: string, ids: string[]) => {
    for (const id of ids) if (!registry.facts.has(id)) problems.push(`规则 ${key} 引用了未登记的事实“${id}”，请先在 corpus/facts/ 中登记`);
  };
  if (file.documentConditions) {
    const { sourceRef, condition } = file.documentConditions;
    const unit = byRef.get(sourceRef);
    if (!unit) problems.push(`${file.docId} 的文件级条件指向不存在的单元 ${sourceRef}`);
    for (const l of leavesOf(condition)) checkQuote(`${file.docId}:${sourceRef}`, `文件级条件“${l.description}”`, l.quote, unit);
    checkFacts(`${file.docId}:${sourceRef}`, factsOf(condition));
  }
  for (const n of file.notices) checkQuote(`${file.docId}:${n.sourceRef}`, '提示', n.quote, byRef.get(n.sourceRef));
  const seen = new Set<string>();
  for (const rule of file.rules) {
    const key = `${file.docId}:${rule.ref}`;
    if (seen.has(rule.ref)) problems.push(`规则 ${key} 重复出现，请合并为一条`);
    seen.add(rule.ref);
    const unit = byRef.get(rule.ref);
    if (!unit) {
      problems.push(`规则 ${key} 指向的条款在文件中不存在，请核对 ref`);
      continue;
    }
    for (const q of ruleQuotes(rule)) checkQuote(key, q.where, q.quote, unit);
    checkFacts(key, ruleConditions(rule).flatMap(factsOf));
    rule.benefits.forEach((b, i) => {
      if (!b.formula) return;
      checkFacts(key, formulaFacts(b.formula));
      problems.push(...formulaProblems(`规则 ${key} 待遇${i + 1}`, b.formula, b.quote, unit.text));
    });
  }
  return problems;
}

/** Refuses a rule file with problems: the message lists the first few, the details all of them. */
export function assertRuleFile(file: RuleFile, units: readonly UnitText[], registry: FactRegistry): RuleFile {
  const problems = ruleFileProblems(file, units, registry);
  if (problems.length > 0) {
    const more = problems.length > 3 ? `（另有 ${problems.length - 3} 处）` : '';
    throw new AppError('CORPUS_INVALID', `规则文件 ${file.docId} 未通过核验，已拒绝加载：${problems.slice(0, 3).join('；')}${more}。`, { details: problems });
  }
  return file;
}
