// GET /api/health: index state, embedder and LLM mode (never secrets).
import type { Router } from 'express';
import { createRouter } from '../router.js';
import type { IndexManifest } from '../../indexing/index-store.js';
import type { StorageStatus } from '../../storage/storage-health.js';

export interface HealthInfo {
  manifest: () => IndexManifest;
  rebuilt: boolean;
  llmModel?: string;
  startedAt: Date;
  now: () => Date;
  sessions: () => number;
  /** Approximate bytes held by the session cache. */
  sessionCacheBytes?: () => number | undefined;
  /** The database's standing; degraded answers 503 so a load balancer takes the replica out. */
  storage?: () => StorageStatus;
  /** Index version and readiness; not ready answers 503 too (e.g. while loading a new index). */
  readiness?: () => Readiness;
}

export interface Readiness {
  ready: boolean;
  /** The index version served (the published version's id on replicas). */
  indexVersion?: string;
  /** The newest version published to the replicas. */
  publishedVersion?: string;
  reason?: string;
}

export function healthRouter(info: HealthInfo): Router {
  const router = createRouter();
  router.get('/api/health', (_req, res) => {
    const m = info.manifest();
    const storage = info.storage?.();
    const readiness = info.readiness?.();
    const degraded = storage?.status === 'degraded';
    const ready = !degraded && readiness?.ready !== false;
    res.status(ready ? 200 : 503).json({
      status: degraded ? 'degraded' : ready ? 'ok' : 'starting',
      ready,
      ...(readiness?.reason && !readiness.ready ? { reason: readiness.reason } : {}),
      ...(storage ? { storage } : {}),
      ...(storage?.database ? { database: storage.database } : {}),
      index: {
        units: m.unitCount,
        corpusHash: m.corpusHash,
        builtAt: m.builtAt,
        ...(readiness?.indexVersion ? { version: readiness.indexVersion } : {}),
        ...(readiness?.publishedVersion ? { published: readiness.publishedVersion } : {}),
        rebuiltAtStart: info.rebuilt,
        embedder: m.embedderId,
        dimension: m.dimension,
      },
      llm: info.llmModel ? { mode: 'llm', model: info.llmModel } : { mode: 'offline' },
      sessions: info.sessions(),
      sessionCacheBytes: info.sessionCacheBytes?.(),
      uptimeSeconds: Math.round((info.now().getTime() - info.startedAt.getTime()) / 1000),
    });
  });
  return router;
}
