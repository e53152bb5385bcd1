// A peer for the project's retrievers: MiniSearch (a maintained BM25 library) over the same unit
// texts, the same jieba tokens and the same query expansion. The only file that imports minisearch.
import MiniSearch from 'minisearch';
import type { CorpusUnit } from '../domain/types.js';
import type { Tokenizer } from '../text/tokenizer.js';

export interface PeerRetriever {
  /** Unit keys, best first, among `docIds` when given. */
  retrieve(query: string, options?: { k?: number; docIds?: ReadonlySet<string> }): string[];
}

export interface MiniSearchPeerOptions {
  units: CorpusUnit[];
  /** The text indexed for each unit, in `units` order (the project's own index texts). */
  texts: string[];
  tokenizer: Tokenizer;
  expand: (query: string) => string;
  /** MiniSearch BM25+ parameters; its defaults unless given. */
  bm25?: { k: number; b: number; d: number };
}

export function createMiniSearchPeer({ units, texts, tokenizer, expand, bm25 }: MiniSearchPeerOptions): PeerRetriever {
  const ms = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    tokenize: (text) => tokenizer.tokenize(text),
    // Tokens are already normalised by the tokenizer; MiniSearch must not lower-case or stem again.
    processTerm: (term) => term,
    searchOptions: { combineWith: 'OR', ...(bm25 ? { bm25 } : {}) },
  });
  ms.addAll(texts.map((text, id) => ({ id, text })));
  return {
    retrieve(query, { k = 10, docIds } = {}) {
      const results = ms.search(expand(query));
      const out: string[] = [];
      for (const r of results) {
        const unit = units[r.id as number]!;
        if (docIds && !docIds.has(unit.docId)) continue;
        out.push(unit.key);
        if (out.length >= k) break;
      }
      return out;
    },
  };
}
