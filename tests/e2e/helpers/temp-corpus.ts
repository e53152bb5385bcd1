// A temporary copy of the repository's corpus/ for a test server (CORPUS_DIR), so tests that
// change documents (a source URL, an upload, a withdrawal) never touch corpus/ itself.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface TempCorpus {
  dir: string;
  /** Merges fields into corpus/meta/<docId>.meta.json of the copy. */
  patchMeta(docId: string, patch: (meta: Record<string, unknown>) => Record<string, unknown>): void;
  remove(): void;
}

export function tempCorpus(): TempCorpus {
  const dir = mkdtempSync(join(tmpdir(), 'zct-corpus-'));
  cpSync(resolve('corpus'), dir, { recursive: true });
  return {
    dir,
    patchMeta(docId, patch) {
      const file = join(dir, 'meta', `${docId}.meta.json`);
      writeFileSync(file, `${JSON.stringify(patch(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>), null, 2)}\n`);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
