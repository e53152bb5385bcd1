// Which documents a question is about (pure): the ones it names (文号, title or short title, or
// the place of a document's issuer when only that place's documents carry it), else the ones the
// conversation was last about. "第11条" is then read within those documents; when several
// documents have a clause 11 and nothing narrows them down, the chat asks which one.
import type { ChatTurn } from '../domain/chat.js';
import type { CorpusUnit, DocumentMeta } from '../domain/types.js';
import { splitKey } from '../corpus/labels.js';

const squash = (s: string) => s.replace(/[\s〔〕［］\[\]（）()【】﹝﹞《》“”"'·・]/gu, '');

/** The 文号 as people type it: 温政办〔2024〕11号, 温政办2024-11号, 温政办[2024]11号 all compare equal. */
function docNumberKey(n: string): string {
  return squash(n).replace(/[-—–第]/gu, '');
}

/** Short place name of a region ("浙江省温州市" → "温州", "柳河县" → "柳河"). */
function placeName(region: string): string {
  const last = region.match(/[^省市区县自治州盟旗]*?(?:[^省]{2,}?)(?:市|区|县|自治州|盟|旗)$/u)?.[0] ?? region;
  const short = last.replace(/(省|市|区|县|自治州|盟|旗)$/u, '');
  return short.replace(/^.*(省|自治区)/u, '');
}

export function documentsNamed(message: string, documents: readonly DocumentMeta[]): DocumentMeta[] {
  const text = squash(message);
  const exact = documentsNamedExactly(message, documents);
  if (exact.length) return exact;
  const byPlace = new Map<string, DocumentMeta[]>();
  for (const d of documents) {
    const p = placeName(d.region);
    if (p.length >= 2 && text.includes(p)) byPlace.set(p, [...(byPlace.get(p) ?? []), d]);
  }
  // The longest place named wins (鹿城区 over 温州 when both are held).
  const best = [...byPlace.entries()].sort((a, b) => b[0].length - a[0].length)[0];
  return best ? best[1] : [];
}

/** Documents the message names by their 文号 or their full (or short) title, nothing looser. */
export function documentsNamedExactly(message: string, documents: readonly DocumentMeta[]): DocumentMeta[] {
  const text = squash(message);
  const numbered = documents.filter((d) => d.docNumber && text.includes(docNumberKey(d.docNumber)));
  if (numbered.length) return numbered;
  return documents.filter((d) => [d.title, d.shortTitle ?? ''].some((t) => t.length >= 6 && text.includes(squash(t))));
}

/** Documents the conversation was about: those of the last answer's citations. */
export function documentsInContext(history: readonly ChatTurn[]): string[] {
  const last = [...history].reverse().find((t) => t.role === 'assistant' && t.refs?.length);
  return [...new Set((last?.refs ?? []).map((r) => splitKey(r).docId).filter((d): d is string => !!d))];
}

export type DirectScope =
  | { kind: 'none' }
  | { kind: 'scoped'; units: CorpusUnit[]; docIds: string[] }
  | { kind: 'ambiguous'; units: CorpusUnit[] };

/** Narrows directly named units (clause N of every document) to the documents in scope. */
/**
 * Narrows directly named units (clause N of every document) to the documents in scope: those the
 * question names, else those of the conversation, else the most local documents that have it (a
 * city's portal means the city's own 第11条 before the State Council's). Documents equally local
 * leave it ambiguous.
 */
export function scopeDirect(
  direct: readonly CorpusUnit[],
  named: readonly string[],
  context: readonly string[],
  localRank: (docId: string) => number = () => 0,
): DirectScope {
  if (direct.length === 0) return { kind: 'none' };
  for (const scope of [named, context]) {
    if (scope.length === 0) continue;
    const within = direct.filter((u) => scope.includes(u.docId));
    if (within.length) return { kind: 'scoped', units: within, docIds: [...scope] };
  }
  const best = Math.max(...direct.map((u) => localRank(u.docId)));
  const local = direct.filter((u) => localRank(u.docId) === best);
  const docs = [...new Set(local.map((u) => u.docId))];
  return docs.length > 1 ? { kind: 'ambiguous', units: local } : { kind: 'scoped', units: local, docIds: docs };
}
