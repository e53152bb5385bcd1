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
  return idfOf(index.docCount, p.docs.length);
}

/** The non-negative BM25 idf of a term `df` of `docCount` documents hold. */
export function idfOf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/**
 * Documents a search may return, as sorted, disjoint, non-empty half-open ranges of doc ids
 * ([starts[i], ends[i])). Units of one document are contiguous, so a set of documents is a few
 * ranges however large the corpus is.
 */
export interface DocRanges {
  starts: Uint32Array;
  ends: Uint32Array;
}

/**
 * Top-k documents for the query tokens (duplicates in the query count once), ties by doc id.
 * `weight` scales a term's contribution (e.g. 0.5 for terms added by query expansion); `allowed`
 * restricts the result to those documents (scored as if the others did not match, so k allowed
 * documents come back whenever k match).
 *
 * Document-at-a-time MaxScore: terms are ordered by their largest possible contribution, and once
 * k documents are held, terms whose bounds together cannot beat the k-th score only probe
 * documents that the other terms found. A document's score is summed in query-term order, so it
 * equals the exhaustive scan's (`searchBm25Exhaustive`) to the last bit.
 */
export function searchBm25(index: Bm25Index, queryTokens: string[], k: number, weight: (term: string) => number = () => 1, allowed?: DocRanges): ScoredDoc[] {
  if (k <= 0) return [];
  const lists: Array<{ docs: Uint32Array; impacts: Float32Array; w: number; ub: number; order: number }> = [];
  for (const term of new Set(queryTokens)) {
    const p = index.postings.get(term);
    const w = weight(term);
    if (!p || w <= 0) continue;
    lists.push({ docs: p.docs, impacts: p.impacts, w, ub: w * maxImpactOf(p), order: lists.length });
  }
  const ranges = allowed ?? { starts: Uint32Array.of(0), ends: Uint32Array.of(index.docCount) };
  const n = lists.length;
  if (n === 0 || ranges.starts.length === 0) return [];
  // Ascending bound: a prefix [0, essentialFrom) is the non-essential set.
  lists.sort((a, b) => a.ub - b.ub || a.order - b.order);
  const cum = new Float64Array(n);
  for (let i = 0, sum = 0; i < n; i++) cum[i] = sum += lists[i]!.ub;
  const pos = new Uint32Array(n);
  const parts = new Float64Array(n);
  const heapDocs: number[] = [];
  const heapScores: number[] = [];
  let theta = -Infinity;
  // Bounds are sums in another order than the score's: prune only with a margin for rounding.
  let cut = -Infinity;
  let essentialFrom = 0;
  let r = 0;
  for (;;) {
    let doc = 0xffffffff;
    for (let i = essentialFrom; i < n; i++) {
      const l = lists[i]!;
      const p = pos[i]!;
      if (p < l.docs.length && l.docs[p]! < doc) doc = l.docs[p]!;
    }
    if (doc === 0xffffffff) break;
    while (r < ranges.starts.length && ranges.ends[r]! <= doc) r++;
    if (r === ranges.starts.length) break;
    if (doc < ranges.starts[r]!) {
      const to = ranges.starts[r]!;
      for (let i = essentialFrom; i < n; i++) pos[i] = seek(lists[i]!.docs, pos[i]!, to);
      continue;
    }
    let partial = 0;
    parts.fill(0);
    for (let i = essentialFrom; i < n; i++) {
      const l = lists[i]!;
      const p = pos[i]!;
      if (p < l.docs.length && l.docs[p] === doc) {
        const c = l.w * l.impacts[p]!;
        parts[l.order] = c;
        partial += c;
        pos[i] = p + 1;
      }
    }
    let pruned = false;
    for (let i = essentialFrom - 1; i >= 0; i--) {
      if (partial + cum[i]! <= cut) {
        pruned = true;
        break;
      }
      const l = lists[i]!;
      const p = (pos[i] = seek(l.docs, pos[i]!, doc));
      if (p < l.docs.length && l.docs[p] === doc) {
        const c = l.w * l.impacts[p]!;
        parts[l.order] = c;
        partial += c;
      }
    }
    if (pruned) continue;
    let score = 0;
    for (let j = 0; j < n; j++) score += parts[j]!;
    // Docs arrive in ascending order, so a tie never displaces a held doc (lower id wins ties).
    if (heapDocs.length < k) {
      heapPush(heapDocs, heapScores, doc, score);
      if (heapDocs.length < k) continue;
    } else if (score > theta) {
      heapReplaceTop(heapDocs, heapScores, doc, score);
    } else continue;
    theta = heapScores[0]!;
    cut = theta - Math.abs(theta) * 1e-9;
    while (essentialFrom < n && cum[essentialFrom]! <= cut) essentialFrom++;
  }
  return heapDocs.map((doc, i) => ({ doc, score: heapScores[i]! })).sort((a, b) => b.score - a.score || a.doc - b.doc);
}

/** The reference for `searchBm25`: accumulates every posting of every query term. */
export function searchBm25Exhaustive(index: Bm25Index, queryTokens: string[], k: number, weight: (term: string) => number = () => 1, allowed?: DocRanges): ScoredDoc[] {
  const terms = [...new Set(queryTokens)];
  const acc = new Float64Array(index.docCount);
  const touched: number[] = [];
  const ok = allowed ? rangeMember(allowed) : () => true;
  for (const term of terms) {
    const p = index.postings.get(term);
    const w = weight(term);
    if (!p || w <= 0) continue;
    const { docs, impacts } = p;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i]!;
      if (!ok(doc)) continue;
      if (acc[doc] === 0) touched.push(doc);
      acc[doc]! += w * impacts[i]!;
    }
  }
  return topKFromArray(touched, acc, k);
}

/** Membership in sorted, merged ranges (binary search). */
export function rangeMember({ starts, ends }: DocRanges): (doc: number) => boolean {
  return (doc) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (doc < starts[mid]!) hi = mid - 1;
      else if (doc >= ends[mid]!) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Sorted, merged ranges from doc ids (any order, duplicates allowed). */
export function docRangesOf(docs: Iterable<number>): DocRanges {
  const sorted = Uint32Array.from(docs).sort();
  const starts: number[] = [];
  const ends: number[] = [];
  for (const d of sorted) {
    if (ends.length && d <= ends[ends.length - 1]!) {
      if (d === ends[ends.length - 1]) ends[ends.length - 1] = d + 1;
    } else {
      starts.push(d);
      ends.push(d + 1);
    }
  }
  return { starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** Merges several range lists (each sorted and disjoint) into one. */
export function unionDocRanges(lists: readonly DocRanges[]): DocRanges {
  const all: Array<[number, number]> = [];
  for (const l of lists) for (let i = 0; i < l.starts.length; i++) all.push([l.starts[i]!, l.ends[i]!]);
  all.sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of all) {
    if (ends.length && s <= ends[ends.length - 1]!) ends[ends.length - 1] = Math.max(ends[ends.length - 1]!, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts: Uint32Array.from(starts), ends: Uint32Array.from(ends) };
}

/** First index ≥ from whose doc is ≥ target (galloping, then binary search). */
function seek(docs: Uint32Array, from: number, target: number): number {
  const len = docs.length;
  if (from >= len || docs[from]! >= target) return from;
  let step = 1;
  let lo = from;
  while (lo + step < len && docs[lo + step]! < target) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, len);
  // docs[lo] < target; answer in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (docs[mid]! < target) lo = mid;
    else hi = mid;
  }
  return hi;
}

const maxImpacts = new WeakMap<Posting, number>();

function maxImpactOf(p: Posting): number {
  let m = maxImpacts.get(p);
  if (m === undefined) {
    m = 0;
    for (let i = 0; i < p.impacts.length; i++) if (p.impacts[i]! > m) m = p.impacts[i]!;
    maxImpacts.set(p, m);
  }
  return m;
}

/** Min-heap on (score, then higher doc id is worse), as parallel arrays. */
function heapWorse(ds: number[], ss: number[], a: number, b: number): boolean {
  return ss[a]! < ss[b]! || (ss[a] === ss[b] && ds[a]! > ds[b]!);
}

function heapSwap(ds: number[], ss: number[], a: number, b: number): void {
  const d = ds[a]!;
  ds[a] = ds[b]!;
  ds[b] = d;
  const s = ss[a]!;
  ss[a] = ss[b]!;
  ss[b] = s;
}

function heapPush(ds: number[], ss: number[], doc: number, score: number): void {
  ds.push(doc);
  ss.push(score);
  let i = ds.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!heapWorse(ds, ss, i, p)) break;
    heapSwap(ds, ss, i, p);
    i = p;
  }
}

function heapReplaceTop(ds: number[], ss: number[], doc: number, score: number): void {
  ds[0] = doc;
  ss[0] = score;
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < ds.length && heapWorse(ds, ss, l, m)) m = l;
    if (r < ds.length && heapWorse(ds, ss, r, m)) m = r;
    if (m === i) return;
    heapSwap(ds, ss, i, m);
    i = m;
  }
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
