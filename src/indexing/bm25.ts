// BM25 keyword index over pre-tokenised documents (pure: no I/O, no tokenizer inside).

export interface Bm25Params {
  k1: number;
  b: number;
}

export const DEFAULT_BM25: Bm25Params = { k1: 1.2, b: 0.75 };

/** Okapi BM25 term score with the Lucene-style non-negative idf. */
export function bm25TermScore(
  tf: number,
  docFreq: number,
  docCount: number,
  docLength: number,
  avgDocLength: number,
  { k1, b }: Bm25Params = DEFAULT_BM25,
): number {
  const idf = Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
  const norm = tf + k1 * (1 - b + (b * docLength) / (avgDocLength || 1));
  return idf * ((tf * (k1 + 1)) / norm);
}

export interface Posting {
  docs: Uint32Array;
  tfs: Uint16Array;
  /** Precomputed BM25 contribution of the term to each doc (impact scores). */
  impacts: Float32Array;
}

export interface Bm25Index {
  docCount: number;
  avgDocLength: number;
  docLengths: Uint32Array;
  /** term → parallel arrays of doc ids, term frequencies and impacts, docs ascending. */
  postings: Map<string, Posting>;
  params: Bm25Params;
}

export function buildBm25(docs: string[][], params: Bm25Params = DEFAULT_BM25): Bm25Index {
  const lists = new Map<string, { docs: number[]; tfs: number[] }>();
  const docLengths = new Uint32Array(docs.length);
  let total = 0;
  docs.forEach((tokens, docId) => {
    docLengths[docId] = tokens.length;
    total += tokens.length;
    const counts = new Map<string, number>();
    for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [term, tf] of counts) {
      let list = lists.get(term);
      if (!list) lists.set(term, (list = { docs: [], tfs: [] }));
      list.docs.push(docId);
      list.tfs.push(Math.min(tf, 65535));
    }
  });
  const postings = new Map<string, Posting>();
  const avgDocLength = docs.length ? total / docs.length : 0;
  for (const [term, l] of lists) {
    const impacts = new Float32Array(l.docs.length);
    for (let i = 0; i < l.docs.length; i++) {
      impacts[i] = bm25TermScore(l.tfs[i]!, l.docs.length, docs.length, docLengths[l.docs[i]!]!, avgDocLength, params);
    }
    postings.set(term, { docs: Uint32Array.from(l.docs), tfs: Uint16Array.from(l.tfs), impacts });
  }
  return { docCount: docs.length, avgDocLength, docLengths, postings, params };
}

/**
 * The same index as `buildBm25` over the table's units (in table order), built with typed arrays:
 * two passes over the term ids (document frequencies, then postings), no per-document maps.
 */
export function buildBm25FromTermIds(
  { vocab, offsets, ids }: { vocab: readonly string[]; offsets: Uint32Array; ids: Uint32Array },
  params: Bm25Params = DEFAULT_BM25,
): Bm25Index {
  const n = offsets.length - 1;
  const terms = vocab.length;
  const docLengths = new Uint32Array(n);
  const df = new Uint32Array(terms);
  const last = new Int32Array(terms).fill(-1);
  let total = 0;
  for (let d = 0; d < n; d++) {
    const from = offsets[d]!;
    const to = offsets[d + 1]!;
    docLengths[d] = to - from;
    total += to - from;
    for (let j = from; j < to; j++) {
      const t = ids[j]!;
      if (last[t] !== d) {
        last[t] = d;
        df[t]!++;
      }
    }
  }
  const start = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) start[t + 1] = start[t]! + df[t]!;
  const allDocs = new Uint32Array(start[terms]!);
  const allTfs = new Uint16Array(start[terms]!);
  const cursor = start.slice(0, terms);
  const slot = new Uint32Array(terms);
  last.fill(-1);
  for (let d = 0; d < n; d++) {
    for (let j = offsets[d]!; j < offsets[d + 1]!; j++) {
      const t = ids[j]!;
      if (last[t] !== d) {
        last[t] = d;
        const s = cursor[t]!++;
        slot[t] = s;
        allDocs[s] = d;
        allTfs[s] = 1;
      } else if (allTfs[slot[t]!]! < 65535) {
        allTfs[slot[t]!]!++;
      }
    }
  }
  const avgDocLength = n ? total / n : 0;
  const postings = new Map<string, Posting>();
  for (let t = 0; t < terms; t++) {
    const count = df[t]!;
    if (count === 0) continue;
    const docs = allDocs.subarray(start[t]!, start[t + 1]!);
    const tfs = allTfs.subarray(start[t]!, start[t + 1]!);
    const impacts = new Float32Array(count);
    for (let i = 0; i < count; i++) impacts[i] = bm25TermScore(tfs[i]!, count, n, docLengths[docs[i]!]!, avgDocLength, params);
    postings.set(vocab[t]!, { docs, tfs, impacts });
  }
  return { docCount: n, avgDocLength, docLengths, postings, params };
}

export interface ScoredDoc {
  doc: number;
  score: number;
}

/** Inverse document frequency of a term, 0 when unknown. */
export function bm25Idf(index: Bm25Index, term: string): number {
  const p = index.postings.get(term);
  if (!p) return 0;
  return Math.log(1 + (index.docCount - p.docs.length + 0.5) / (p.docs.length + 0.5));
}

/**
 * Top-k documents for the query tokens (duplicates in the query count once).
 * `weight` scales a term's contribution (e.g. 0.5 for terms added by query expansion).
 * Scores accumulate in a typed array reused across calls, so large corpora stay fast.
 */
export function searchBm25(index: Bm25Index, queryTokens: string[], k: number, weight: (term: string) => number = () => 1): ScoredDoc[] {
  const terms = [...new Set(queryTokens)];
  const acc = accumulatorFor(index);
  const touched: number[] = [];
  for (const term of terms) {
    const p = index.postings.get(term);
    const w = weight(term);
    if (!p || w <= 0) continue;
    const { docs, impacts } = p;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (acc[doc] === 0) touched.push(doc);
      acc[doc]! += w * impacts[i]!;
    }
  }
  const out = topKFromArray(touched, acc, k);
  for (const doc of touched) acc[doc] = 0;
  return out;
}

/** The k docs with the highest accumulated score, via a size-k min-heap; ties by doc id. */
function topKFromArray(docs: number[], score: Float64Array, k: number): ScoredDoc[] {
  const heap: number[] = [];
  const worse = (a: number, b: number) => score[a]! < score[b]! || (score[a] === score[b] && a > b);
  const siftUp = (i: number) => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(heap[i]!, heap[p]!)) break;
      [heap[i], heap[p]] = [heap[p]!, heap[i]!];
      i = p;
    }
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && worse(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (const doc of docs) {
    if (heap.length < k) {
      heap.push(doc);
      siftUp(heap.length - 1);
    } else if (k > 0 && worse(heap[0]!, doc)) {
      heap[0] = doc;
      siftDown(0);
    }
  }
  return heap.map((doc) => ({ doc, score: score[doc]! })).sort((a, b) => b.score - a.score || a.doc - b.doc);
}

const accumulators = new WeakMap<Bm25Index, Float64Array>();

function accumulatorFor(index: Bm25Index): Float64Array {
  let acc = accumulators.get(index);
  if (!acc) accumulators.set(index, (acc = new Float64Array(index.docCount)));
  return acc;
}

/** Selects the k best entries without sorting everything. */
export function topK(scores: Map<number, number>, k: number): ScoredDoc[] {
  const out: ScoredDoc[] = [];
  for (const [doc, score] of scores) {
    if (out.length < k) {
      out.push({ doc, score });
      if (out.length === k) out.sort((a, b) => b.score - a.score || a.doc - b.doc);
    } else if (score > out[k - 1]!.score) {
      out[k - 1] = { doc, score };
      for (let i = k - 1; i > 0 && out[i]!.score > out[i - 1]!.score; i--) [out[i], out[i - 1]] = [out[i - 1]!, out[i]!];
    }
  }
  if (out.length < k) out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return out;
}
