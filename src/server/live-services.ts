// The services the app serves from, swappable while requests are in flight: a reload builds a
// complete new AppServices (corpus, verified or rebuilt index, chat) and replaces the reference in
// one assignment. Requests already running keep the services they started with; a failed reload
// leaves the current ones in place. One reload runs at a time; concurrent calls share it, except a
// caller that just changed the corpus, which gets the next one (the running one may predate the change).
import type { AppServices } from '../bootstrap/app-services.js';
import { AppError } from '../domain/errors.js';
import type { ReloadSummary } from './routes/staff-routes.js';

export interface LiveServices {
  readonly current: AppServices;
  /** Builds new services and swaps them in; concurrent calls share one reload. */
  reload(): Promise<ReloadSummary>;
  /**
   * The same, for a caller that just changed the corpus (publish, withdraw): a reload already
   * running may have read the corpus before the change, so this one waits for it and runs again.
   */
  reloadAfterChange(): Promise<ReloadSummary>;
}

export interface LiveServicesOptions {
  rebuild: () => Promise<AppServices>;
  onSwap?: (next: AppServices, previous: AppServices) => void;
  onError?: (err: unknown) => void;
}

export function isLiveServices(x: AppServices | LiveServices): x is LiveServices {
  return typeof (x as LiveServices).reload === 'function';
}

export function summarize(services: AppServices): ReloadSummary {
  const m = services.search.index.manifest;
  return {
    units: m.unitCount,
    corpusHash: m.corpusHash,
    builtAt: m.builtAt,
    rebuilt: services.search.rebuilt,
    ...(services.search.rebuildReason ? { reason: services.search.rebuildReason } : {}),
  };
}

export function createLiveServices(initial: AppServices, { rebuild, onSwap = () => {}, onError = () => {} }: LiveServicesOptions): LiveServices {
  let current = initial;
  let running: Promise<ReloadSummary> | undefined;
  let queued: Promise<ReloadSummary> | undefined;
  const start = (): Promise<ReloadSummary> =>
    (running = (async () => {
      try {
        const next = await rebuild();
        const previous = current;
        current = next;
        onSwap(next, previous);
        return summarize(next);
      } catch (err) {
        onError(err);
        const reason = err instanceof AppError ? err.userMessage : '加载语料或索引时出错';
        throw new AppError('UNAVAILABLE', `重新加载失败（${reason}），服务仍在使用原来的语料和索引。请检查语料文件后重试。`, { cause: err });
      } finally {
        running = undefined;
      }
    })());
  return {
    get current() {
      return current;
    },
    reload() {
      return running ?? start();
    },
    reloadAfterChange() {
      if (!running) return start();
      // A reload already under way may have read the corpus before the caller's change (a withdraw
      // committed just now): such callers share one more reload after it, never the one in flight.
      queued ??= running.catch(() => undefined).then(() => {
        queued = undefined;
        return start();
      });
      return queued;
    },
  };
}
