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
}

export function healthRouter(info: HealthInfo): Router {
  const router = createRouter();
  router.get('/api/health', (_req, res) => {
    const m = info.manifest();
    const storage = info.storage?.();
    const degraded = storage?.status === 'degraded';
    res.status(degraded ? 503 : 200).json({
      status: degraded ? 'degraded' : 'ok',
      ...(storage ? { storage } : {}),
      index: {
        units: m.unitCount,
        corpusHash: m.corpusHash,
        builtAt: m.builtAt,
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
