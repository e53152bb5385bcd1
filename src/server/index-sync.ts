// Keeps every replica on the same search index (PostgreSQL deployments). The replica whose
// DATA_DIR received a new index (CLI ingest, withdraw, a rebuild) publishes it to the registry;
// the others hear the NOTIFY, copy the version into their own DATA_DIR, and reload through
// LiveServices, which swaps atomically while requests in flight keep the old services. Nothing
// here runs on a request path, and a replica never rebuilds an index another one published.
// With the document registry on PostgreSQL, a notice that another replica saved rules (which
// change no index) reloads too, through the same queue.
import type { IndexRegistry, PublishedIndex } from '../storage/index-registry.js';
import { localIndexVersion, materializeIndex, readLocalIndex } from '../storage/index-registry.js';

export interface IndexSyncOptions {
  registry: IndexRegistry;
  dataDir: string;
  /** Who publishes (host and pid), recorded with each version. */
  replica: string;
  /** Reloads corpus and index (LiveServices.reload), never building an index. */
  reload: () => Promise<unknown>;
  /** Other replicas' registry writes that change no index (reviewed rules): reload on each. */
  subscribeChanges?: (onChange: () => void) => Promise<() => Promise<void>>;
  /** A cheap summary of those writes (e.g. count and latest time), to catch up on any made before listening began. */
  changesStamp?: () => Promise<string>;
  /** After a published version was loaded (e.g. to tell the pointer watcher it was seen). */
  onLoaded?: (id: string) => void | Promise<void>;
  log?: (msg: string) => void;
  onError?: (err: unknown) => void;
}

export interface IndexSyncStatus {
  /** The version this replica serves (its local pointer after the last load). */
  version?: string;
  /** The newest version published in the database, as last seen. */
  published?: string;
  /** False while a published version is being fetched and loaded. */
  ready: boolean;
  reason?: string;
}

export interface IndexSync {
  /** At start, before services are built: fetch the published version if the local one differs. */
  prepare(): Promise<void>;
  /** Publishes the local index if it is newer than the registry's; true when it did. */
  publishLocal(): Promise<boolean>;
  /** Call after a swap this replica caused itself (pointer watcher, SIGHUP, staff reload). */
  afterLocalSwap(): Promise<void>;
  /** Listens for versions published by other replicas. */
  start(): Promise<void>;
  status(): IndexSyncStatus;
  stop(): Promise<void>;
}

export function createIndexSync({ registry, dataDir, replica, reload, subscribeChanges, changesStamp, onLoaded = () => {}, log = () => {}, onError = () => {} }: IndexSyncOptions): IndexSync {
  let loading = false;
  /** A reload this sync started (following another replica): its swap is not news to publish. */
  let following = false;
  let unsubscribeChanges: (() => Promise<void>) | undefined;
  /** changesStamp() when the services now served were about to be built (prepare). */
  let stampAtBuild: string | undefined;
  let published: string | undefined;
  let served = localIndexVersion(dataDir);
  let unsubscribe: (() => Promise<void>) | undefined;
  let queue: Promise<void> = Promise.resolve();

  /** Copies `latest` into DATA_DIR when it is not what the local pointer names. */
  const fetchVersion = async (latest: PublishedIndex): Promise<boolean> => {
    if (latest.id === localIndexVersion(dataDir)) return false;
    const files = await registry.files(latest.id);
    materializeIndex(dataDir, latest.id, files);
    return true;
  };

  const follow = async () => {
    const latest = await registry.latest();
    published = latest?.id ?? published;
    if (!latest || latest.id === served) return;
    loading = true;
    following = true;
    try {
      log(`发现其他副本发布的新索引 ${latest.id}：正在下载并切换`);
      await fetchVersion(latest);
      await reload();
      served = localIndexVersion(dataDir);
      if (served) await onLoaded(served);
    } finally {
      loading = false;
      following = false;
    }
  };
  // Rules saved elsewhere: the same corpus and index, new rules. Stays ready meanwhile (the
  // current services keep serving until the swap).
  let refreshQueued = false;
  const refresh = async () => {
    refreshQueued = false;
    following = true;
    try {
      log('其他副本更新了规则：重新加载');
      await reload();
    } finally {
      following = false;
    }
  };
  // One sync at a time, in order; a failure is reported and the next notification retries.
  const enqueue = (fn: () => Promise<unknown>) => {
    queue = queue.then(fn).then(
      () => {},
      (err) => onError(err),
    );
    return queue;
  };

  const publishLocal = async (): Promise<boolean> => {
    const local = localIndexVersion(dataDir);
    if (!local) return false;
    served = local;
    const latest = await registry.latest();
    if (latest?.id === local) {
      published = local;
      return false;
    }
    const { files, corpusHash, unitCount, builtAt } = readLocalIndex(dataDir, local);
    // An older build (a replica started with a stale corpus) never replaces a newer one.
    if (latest && (builtAt <= latest.builtAt || corpusHash === latest.corpusHash)) return false;
    const done = await registry.publish({ id: local, corpusHash, unitCount, builtAt, publishedBy: replica }, files);
    if (done) {
      published = local;
      log(`已把本副本的索引 ${local} 发布给其他副本（${unitCount} 个单元）`);
    }
    return done;
  };

  return {
    async prepare() {
      stampAtBuild = await changesStamp?.();
      const latest = await registry.latest();
      if (!latest) return;
      published = latest.id;
      if (await fetchVersion(latest)) log(`已从数据库取得当前发布的索引 ${latest.id}`);
      served = localIndexVersion(dataDir);
    },
    publishLocal: () => {
      let result = false;
      return enqueue(async () => (result = await publishLocal())).then(() => result);
    },
    async afterLocalSwap() {
      // A swap caused by following another replica is not news: nothing to publish.
      if (loading || following) return;
      await enqueue(publishLocal);
    },
    async start() {
      unsubscribe = await registry.subscribe(() => void enqueue(follow));
      // Several saves in a row need one reload, not one each.
      unsubscribeChanges = await subscribeChanges?.(() => {
        if (refreshQueued) return;
        refreshQueued = true;
        void enqueue(refresh);
      });
      // Rules saved between building the services and listening: reload once now.
      if (changesStamp && stampAtBuild !== undefined && (await changesStamp()) !== stampAtBuild) {
        refreshQueued = true;
        void enqueue(refresh);
      }
      // Anything published between prepare() and now.
      await enqueue(follow);
    },
    status() {
      return {
        ...(served ? { version: served } : {}),
        ...(published ? { published } : {}),
        ready: !loading,
        ...(loading ? { reason: '正在加载其他副本发布的新索引' } : {}),
      };
    },
    async stop() {
      await unsubscribe?.();
      await unsubscribeChanges?.();
      unsubscribe = undefined;
      unsubscribeChanges = undefined;
    },
  };
}
