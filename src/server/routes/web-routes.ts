// Web pages and assets: the demo host page (/), the widget script (/widget.js), the staff
// console (/staff). Placeholder until the web client lands.
import { Router } from 'express';

export interface WebRouterOptions {
  /** Absolute path of the project root (for source files to bundle). */
  rootDir: string;
}

export function webRouter(_opts: WebRouterOptions): Router {
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>政策通</title><p>政策通服务运行中。接口：POST /api/chat</p></html>');
  });
  return router;
}
