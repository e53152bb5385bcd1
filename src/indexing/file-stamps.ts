// Verified-file stamps: a sidecar (stamps.json, next to a version's manifest, written atomically)
// recording for each file whose checksum was verified its size, mtime (ns), inode and a hash of a
// sampled prefix and suffix. A later verify trusts the manifest's sha256 for a large file whose
// stamp still matches, instead of re-hashing hundreds of MB on every update and load.
//
// What still detects damage without a full hash: truncation or append changes the size; an
// in-place rewrite changes the mtime (ns resolution; even within one coarse clock tick, a rewrite
// of the header or tail changes the sampled hash); a replacement (write + rename, copy) changes
// the inode. Files below `trustFrom` bytes (tokens of small indexes, the embedder state, every file
// of the test corpora) are always hashed in full, since that costs milliseconds. The sidecar is
// not trusted for anything else: unreadable or mismatching entries just mean "hash the file".
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const STAMPS_FILE = 'stamps.json';
/** Files at least this large are trusted on a matching stamp; smaller ones are always hashed. */
export const DEFAULT_TRUST_STAMPS_FROM = 8 * 1024 * 1024;
const SAMPLE_BYTES = 64 * 1024;

const StampSchema = z.object({ sum: z.string(), size: z.number(), mtimeNs: z.string(), ino: z.string(), sample: z.string() });
type Stamp = z.infer<typeof StampSchema>;
const StampsSchema = z.object({ version: z.literal(1), files: z.record(z.string(), StampSchema) });
export type Stamps = Record<string, Stamp>;

export function sha256(buf: Buffer | string): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** sha256 over the first and last SAMPLE_BYTES of a file (the whole file when it is small). */
function sampleHash(path: string, size: number): string {
  const fd = openSync(path, 'r');
  try {
    const h = createHash('sha256');
    const head = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    readSync(fd, head, 0, head.length, 0);
    h.update(head);
    if (size > SAMPLE_BYTES) {
      const tail = Buffer.alloc(Math.min(SAMPLE_BYTES, size - SAMPLE_BYTES));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      h.update(tail);
    }
    return h.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** The stamp of a file whose content is known to hash to `sum`. */
export function stampOf(path: string, sum: string): Stamp {
  const st = statSync(path, { bigint: true });
  return { sum, size: Number(st.size), mtimeNs: String(st.mtimeNs), ino: String(st.ino), sample: sampleHash(path, Number(st.size)) };
}

export function readStamps(dir: string): Stamps {
  try {
    return StampsSchema.parse(JSON.parse(readFileSync(join(dir, STAMPS_FILE), 'utf8'))).files;
  } catch {
    return {};
  }
}

/** Atomically replaces the sidecar (best effort: a failure only means files are hashed next time). */
export function writeStamps(dir: string, files: Stamps): void {
  const path = join(dir, STAMPS_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ version: 1, files }));
    renameSync(tmp, path);
  } catch {
    /* read-only or vanished folder: verification falls back to hashing */
  }
}

export interface VerifyReport {
  /** Files hashed in full, and files trusted on their stamp. */
  hashed: string[];
  trusted: string[];
}

/**
 * Checks every file against its recorded sha256, trusting a matching stamp for large files.
 * Returns the first file that fails, or null. Refreshes the sidecar when a large file had to be
 * hashed (and matched), so the next verify can trust it.
 */
export function verifyFiles(dir: string, files: Record<string, string>, trustFrom: number, report: VerifyReport): string | null {
  const stamps = readStamps(dir);
  const next: Stamps = {};
  let refreshed = false;
  for (const [file, sum] of Object.entries(files)) {
    const path = join(dir, file);
    const st = statSync(path, { bigint: true });
    const size = Number(st.size);
    const s = stamps[file];
    if (
      size >= trustFrom &&
      s !== undefined &&
      s.sum === sum &&
      s.size === size &&
      s.mtimeNs === String(st.mtimeNs) &&
      s.ino === String(st.ino) &&
      s.sample === sampleHash(path, size)
    ) {
      next[file] = s;
      report.trusted.push(file);
      continue;
    }
    if (sha256(readFileSync(path)) !== sum) return file;
    report.hashed.push(file);
    if (size >= trustFrom) {
      next[file] = stampOf(path, sum);
      refreshed = true;
    } else if (s) next[file] = s;
  }
  if (refreshed) writeStamps(dir, next);
  return null;
}
