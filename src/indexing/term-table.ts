// Stored tokens as a term table (pure): a vocabulary plus, per unit, a run of term ids. Kept as
// JSON with the integer arrays base64-encoded (little-endian Uint32), so a 100k-unit segment parses
// in milliseconds instead of seconds, and BM25 can be built from typed arrays.

export interface TermTable {
  vocab: string[];
  /** Unit i's term ids are ids[offsets[i] … offsets[i+1]-1]; offsets.length = units + 1. */
  offsets: Uint32Array;
  ids: Uint32Array;
}

const FORMAT = 'term-ids-v1';

export function termTableOf(tokens: readonly string[][]): TermTable {
  const idOf = new Map<string, number>();
  const vocab: string[] = [];
  const offsets = new Uint32Array(tokens.length + 1);
  let total = 0;
  for (const row of tokens) total += row.length;
  const ids = new Uint32Array(total);
  let k = 0;
  tokens.forEach((row, i) => {
    for (const t of row) {
      let id = idOf.get(t);
      if (id === undefined) {
        id = vocab.length;
        idOf.set(t, id);
        vocab.push(t);
      }
      ids[k++] = id;
    }
    offsets[i + 1] = k;
  });
  return { vocab, offsets, ids };
}

export function tokensOf(table: TermTable, unit: number): string[] {
  const out: string[] = [];
  for (let j = table.offsets[unit]!; j < table.offsets[unit + 1]!; j++) out.push(table.vocab[table.ids[j]!]!);
  return out;
}

export function unitCountOf(table: TermTable): number {
  return table.offsets.length - 1;
}

const toBase64 = (a: Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

function fromBase64(s: string): Uint32Array {
  const buf = Buffer.from(s, 'base64');
  if (buf.length % 4) throw new Error('term table: bad array length');
  // Copy into a fresh, aligned buffer (Buffer.from may hand out an unaligned pooled slice).
  const out = new Uint32Array(buf.length / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

export function encodeTermTable(tokens: readonly string[][]): string {
  const t = termTableOf(tokens);
  return JSON.stringify({ format: FORMAT, vocab: t.vocab, offsets: toBase64(t.offsets), ids: toBase64(t.ids) });
}

/** Parses and validates a stored table; throws on anything inconsistent. */
export function decodeTermTable(json: string): TermTable {
  const raw = JSON.parse(json) as { format?: unknown; vocab?: unknown; offsets?: unknown; ids?: unknown };
  if (raw.format !== FORMAT || !Array.isArray(raw.vocab) || typeof raw.offsets !== 'string' || typeof raw.ids !== 'string') {
    throw new Error('term table: unknown format');
  }
  const vocab = raw.vocab as unknown[];
  for (const v of vocab) if (typeof v !== 'string') throw new Error('term table: bad vocabulary');
  const offsets = fromBase64(raw.offsets);
  const ids = fromBase64(raw.ids);
  if (offsets.length < 1 || offsets[0] !== 0 || offsets[offsets.length - 1] !== ids.length) throw new Error('term table: bad offsets');
  for (let i = 1; i < offsets.length; i++) if (offsets[i]! < offsets[i - 1]!) throw new Error('term table: bad offsets');
  for (let j = 0; j < ids.length; j++) if (ids[j]! >= vocab.length) throw new Error('term table: bad term id');
  return { vocab: vocab as string[], offsets, ids };
}

/**
 * One table from several, with one shared vocabulary: unit p of the result is unit `ownerLocal[p]` of
 * `tables[ownerSeg[p]]` (used to lay out the live units of all segments in corpus order).
 */
export function gatherTermTables(tables: readonly TermTable[], ownerSeg: Int32Array, ownerLocal: Uint32Array): TermTable {
  const idOf = new Map<string, number>();
  const vocab: string[] = [];
  const remap = tables.map((t) =>
    Uint32Array.from(t.vocab, (term) => {
      let id = idOf.get(term);
      if (id === undefined) {
        id = vocab.length;
        idOf.set(term, id);
        vocab.push(term);
      }
      return id;
    }),
  );
  const n = ownerSeg.length;
  const offsets = new Uint32Array(n + 1);
  for (let p = 0; p < n; p++) {
    const t = tables[ownerSeg[p]!]!;
    const i = ownerLocal[p]!;
    offsets[p + 1] = offsets[p]! + t.offsets[i + 1]! - t.offsets[i]!;
  }
  const ids = new Uint32Array(offsets[n]!);
  for (let p = 0; p < n; p++) {
    const t = tables[ownerSeg[p]!]!;
    const map = remap[ownerSeg[p]!]!;
    const i = ownerLocal[p]!;
    let k = offsets[p]!;
    for (let j = t.offsets[i]!; j < t.offsets[i + 1]!; j++) ids[k++] = map[t.ids[j]!]!;
  }
  return { vocab, offsets, ids };
}
