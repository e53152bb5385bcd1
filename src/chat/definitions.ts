// Units that define a document's terms ("本办法所称港澳青年，是指…") rather than grant a measure (pure).
// An asker's story (who they are, how old) matches such a unit best, but unless the question asks
// what something is or whether one counts, the measure answers it.
import type { RetrievalResult } from '../retrieval/hybrid-retriever.js';

const DEFINES = /^(本(办法|公告|通知|细则|意见|规定|政策|实施办法|措施|清单)(中)?所?(称|指)|本(办法|公告|通知|细则)中[^，。]{2,30}指)/u;
/** Asking what something is or whether one counts: a definition answers that. */
const ASKS_DEFINITION = /(什么是|是指|指的是|指什么|什么叫|啥叫|叫什么|算不算|算是|算[^，。？?]{0,12}[吗么]|是不是|够格|属于|包括哪些|包不包括|哪些人|什么人|谁能|谁可以|怎么界定|怎么认定|定义|范围)/u;
/** How many hits after a leading definition the first measure is looked for in. */
const DEFINITION_RUNNERS = 2;

export function definesTerms(text: string): boolean {
  return DEFINES.test(text);
}

export function asksDefinition(question: string): boolean {
  return ASKS_DEFINITION.test(question);
}

/** The hits with a leading definition put behind the first clause of its document among the next few. */
export function definitionsBehind(retrieval: RetrievalResult, question: string): RetrievalResult {
  const [top, ...rest] = retrieval.hits;
  if (!top || !definesTerms(top.unit.text) || asksDefinition(question)) return retrieval;
  const measure = rest.slice(0, DEFINITION_RUNNERS).find((h) => h.unit.docId === top.unit.docId && h.unit.kind === 'clause' && !definesTerms(h.unit.text));
  return measure ? { ...retrieval, hits: [measure, top, ...rest.filter((h) => h !== measure)] } : retrieval;
}
