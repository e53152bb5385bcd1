// How a document is named in answers and notices (pure): 《title》（文号）, or 《title》 alone when
// the document has no 文号; the short title where space is tight.
import type { DocumentMeta } from '../domain/types.js';

export function documentName(doc: Pick<DocumentMeta, 'title' | 'docNumber'>): string {
  return doc.docNumber ? `《${doc.title}》（${doc.docNumber}）` : `《${doc.title}》`;
}

/** 文号 if there is one, else the short title, else the title: the prefix of a clause label. */
export function documentTag(doc: Pick<DocumentMeta, 'title' | 'docNumber' | 'shortTitle'>): string {
  return doc.docNumber ?? doc.shortTitle ?? doc.title;
}

/** 2024-02-23 → 2024年2月23日, as dates of record are written in answers. */
export function zhDate(isoDay: string): string {
  return isoDay.replace(/^(\d+)-0?(\d+)-0?(\d+)$/u, '$1年$2月$3日');
}
