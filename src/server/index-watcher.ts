// Notices a newly published index (I/O edge): `npm run cli -- ingest` or `withdraw` writes a new
// index version and moves the pointer file (data/index.json) atomically; a running server polls
// the pointer and reloads (LiveServices swaps atomically; requests in flight keep theirs). Polling
// a small file's content works on every file system, local or shared, where change events may not.
import { readFile } from 'node:fs/promises';

export interface IndexWatcherOptions {
  /** The pointer file (data/index.json). */
  file: string;
  intervalMs?: number;
  /** Called when the pointer names another index than the last one seen. */
  onChange: (pointer: string) => Promise<unknown>;
  onError?: (err: unknown) => void;
}

export interface IndexWatcher {
  /** Remember the current pointer as seen (e.g. after the server itself published an index). */
  sync(): Promise<void>;
  stop(): void;
}

async function readPointer(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

export function watchIndexPointer({ file, intervalMs = 2000, onChange, onError = () => {} }: IndexWatcherOptions): IndexWatcher {
  let seen: string | undefined;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const now = await readPointer(file);
      if (now !== undefined && seen !== undefined && now !== seen) {
        seen = now;
        await onChange(now);
        // The reload may itself have published (a rebuild): take that as seen too.
        seen = (await readPointer(file)) ?? seen;
      } else if (seen === undefined) {
        seen = now;
      }
    } catch (err) {
      onError(err);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    async sync() {
      seen = await readPointer(file);
    },
    stop() {
      clearInterval(timer);
    },
  };
}
