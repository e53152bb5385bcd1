// GET /api/health: index state, embedder and LLM mode (never secrets).
import { Router } from 'express';
import { createRouter } from '../router.js';
import type { IndexManifest } from '../../indexing/index-store.js';

export interface HealthInfo {
  manifest: () => IndexManifest;
  rebuilt: boolean;
  llmModel?: string;
  startedAt: Date;
  now: () => Date;
  sessions: () => number;
}

export function healthRouter(info: HealthInfo): Router {
  const router = createRouter();
  router.get('/api/health', (_req, res) => {
    const m = info.manifest();
    res.json({
      status: 'ok',
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
      uptimeSeconds: Math.round((info.now().getTime() - info.startedAt.getTime()) / 1000),
    });
  });
  return router;
}
