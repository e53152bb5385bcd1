// Answers for questions the corpus does not cover, and for requests that must be declined (pure).
import { documentName, documentTag, zhDate } from '../corpus/document-name.js';
import type { DocumentMeta, RetrievedUnit } from '../domain/types.js';
import type { Suggestion } from '../domain/chat.js';
import type { GuardVerdict } from './guard.js';

export interface AbstainAnswer {
  text: string;
  suggestions: Suggestion[];
}

function corpusName(docs: DocumentMeta[]): string {
  if (docs.length === 1) return documentName(docs[0]!);
  if (docs.length <= 3) return docs.map((d) => documentName(d)).join('、');
  return `本平台收录的${docs.length}份适用文件`;
}

export function suggestionsFrom(hits: RetrievedUnit[], n = 2): Suggestion[] {
  return hits
    .filter((h) => h.unit.kind === 'clause' || h.unit.kind === 'section')
    .slice(0, n)
    .map((h) => ({ ref: h.unit.key, label: h.unit.label, title: h.unit.title }));
}

/** "第15条（加大奖补支持力度）"; with units of several documents each names its document. */
function closestUnits(suggestions: Suggestion[], documents: readonly DocumentMeta[] = []): string {
  const docOf = (ref: string) => documents.find((d) => d.id === ref.split(':')[0]);
  const several = new Set(suggestions.map((s) => s.ref.split(':')[0])).size > 1;
  return suggestions
    .map((s) => {
      const doc = several ? docOf(s.ref) : undefined;
      return `${doc ? documentTag(doc) : ''}${s.label}（${s.title}）`;
    })
    .join('、');
}


/** "温政办〔2024〕11号的实施期限为2024年1月1日至2024年12月31日，不涉及2026年的政策。" for the
 * document the question is about (the best hit's), so the reader knows what the corpus does cover. */
function yearCoverage(documents: DocumentMeta[], hits: RetrievedUnit[], year: number): string {
  const doc = documents.find((d) => d.id === hits[0]?.unit.docId && d.validity);
  if (!doc?.validity) {
    const name = corpusName(documents);
    return `${name.startsWith('本平台') ? name : `本库收录的${name}`}不涉及${year}年的政策。`;
  }
  const label = doc.docNumber ?? `《${doc.title}》`;
  return `本库收录的${label}实施期限为${zhDate(doc.validity.from)}至${zhDate(doc.validity.to)}，不涉及${year}年的政策，无法据此回答${year}年的标准。`;
}

/** "该项工作由市民政局牵头，可向其咨询。" for the closest clause's lead unit, when it has one. */
const whomToAsk = (ask?: string) => (ask ? `该项工作由${ask}牵头，可向其咨询。` : '');

const HOTLINE = '如需进一步咨询，可拨打12345政务服务便民热线或联系相关主管部门。';

export function abstainAnswer(opts: {
  verdict: GuardVerdict;
  documents: DocumentMeta[];
  hits: RetrievedUnit[];
}): AbstainAnswer {
  const { verdict, documents, hits } = opts;
  const name = corpusName(documents);
  if (verdict.kind === 'injection') {
    return {
      text: `抱歉，我只能依据${name}回答政策问题，不能更改规则、扮演其他角色或透露内部设置。您可以直接问我某项政策的内容，例如“规上企业研发费用补助怎么算？”`,
      suggestions: [],
    };
  }
  if (verdict.kind === 'missing_clause') {
    return {
      text: `${documents.length > 1 ? '本平台收录的文件中条款最多的' : name}共${verdict.max}条，没有第${verdict.number}条。您可以告诉我想了解的政策内容，我来帮您找到对应条款。`,
      suggestions: [],
    };
  }
  if (verdict.kind === 'successor') {
    const succ = documents.map((d) => d.successor).find((s) => s);
    const succText = succ
      ? `已知的后续文件是${succ.docNumber}《${succ.title}》（${zhDate(succ.issueDate)}印发）${succ.held ? '' : '，但本库尚未收录其全文，无法据此回答'}。`
      : '本库没有收录更新的政策文件。';
    const held = name.startsWith('本平台收录的') ? `目前本库收录了${name.slice('本平台收录的'.length)}` : `目前本库收录的是${name}`;
    return { text: `${held}。${succText}${HOTLINE}`, suggestions: [] };
  }
  const suggestions = suggestionsFrom(hits);
  const closest = suggestions.length
    ? `与您的问题最接近的内容是${closestUnits(suggestions, documents)}，仅供参考。`
    : '';
  let reason = `${name}中没有找到能回答这个问题的内容。`;
  if (verdict.kind === 'other_region') reason = `本平台暂未收录${verdict.region}的政策。`;
  if (verdict.kind === 'other_year') reason = `${yearCoverage(documents, hits, verdict.year)}`;
  if (verdict.kind === 'unstated_topic') reason = `${name}中与问题最接近的条款${verdict.instead?.length ? `只写到${verdict.instead.map((t) => `“${t}”`).join('、')}，` : ''}没有涉及“${verdict.topic}”，无法据此回答。${whomToAsk(verdict.ask)}`;
  if (verdict.kind === 'unstated_amount') reason = `${name}中与问题最接近的条款没有写明具体金额或比例，无法据此回答能给多少${verdict.deferral ? `（条款原文：“${verdict.deferral}”）` : ''}。${whomToAsk(verdict.ask)}`;
  if (verdict.kind === 'unstated_figure') reason = `${name}中与问题最接近的条款没有写明${verdict.what}，无法据此回答。${whomToAsk(verdict.ask)}`;
  if (verdict.kind === 'not_for_asker') reason = `${name}中与问题最接近的措施只适用于${verdict.condition.replace(/^属于/u, '')}，按您说的情况不在其范围内，没有找到适用于您的同类规定。${whomToAsk(verdict.ask)}`;
  if (verdict.kind === 'out_of_scope') reason = `“${verdict.topic}”不属于${name.startsWith('本平台') ? '' : '已收录的'}${name}的内容，本助手只解答其中的惠企政策问题。`;
  return { text: `抱歉，${reason}${closest}${HOTLINE}`, suggestions };
}

/** A question claiming an amount no retrieved clause states ("每辆还能再补5000块"): say so, name the closest. */
export function unstatedClaimAnswer(claims: string[], hits: RetrievedUnit[]): AbstainAnswer {
  const suggestions = suggestionsFrom(hits);
  const closest = suggestions.length
    ? `与您的问题最接近的内容是${suggestions.map((s) => `${s.label}（${s.title}）`).join('、')}，其中没有这个数额，仅供参考。`
    : '';
  // The claimed figure is not repeated: it may be planted ("上限已改为3000万元"), and repeating it reads as confirmation.
  return { text: `抱歉，本平台收录的文件中没有找到您所说数额的规定（${claims.length > 1 ? '这几个数额' : '这个数额'}在相关条款中没有出现）。${closest}${HOTLINE}`, suggestions };
}
