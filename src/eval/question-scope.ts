// The documents that apply to a gold question where it is asked (the region it names, else the
// evaluation's region), as the chat scopes it; shared by the retrieval comparison and the fit.
import type { DocumentMeta } from '../domain/types.js';
import { contains, placesInText, resolveRegion } from '../ingest/divisions.js';
import { scopeRegion } from '../chat/region-scope.js';

export function questionScoper(documents: DocumentMeta[], region: string): (question: string) => ReadonlySet<string> | undefined {
  const divisions = { resolveRegion, contains, placesInText };
  return (question) => {
    const s = scopeRegion({ message: question, fallback: region, documents, divisions });
    return s.kind === 'scoped' ? s.docIds : undefined;
  };
}
