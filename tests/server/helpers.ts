// In-process server tests: real services built once per file (index copied from data/), the app
// listening on a random port, fetch against it, and a logger whose lines the test can read.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createAppServices, type AppServices, type AppServiceOptions } from '../../src/bootstrap/app-services.js';
import { createLogger, type Logger } from '../../src/server/logger.js';

export const ROOT = join(import.meta.dirname, '../..');

/** A fresh data folder holding a copy of the built index (when there is one), never app.db. */
export function tempDataDir(prefix = 'zct-server-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const data = join(ROOT, 'data');
  if (existsSync(join(data, 'index.json'))) {
    cpSync(join(data, 'index.json'), join(dir, 'index.json'));
    cpSync(join(data, 'indexes'), join(dir, 'indexes'), { recursive: true });
  }
  return dir;
}

/** Test defaults: offline, no rate limits or quotas unless a test turns them on. */
export const TEST_ENV: Record<string, string> = {
  LOG_LEVEL: 'silent',
  // As the seed document's portal (a Wenzhou site) asks, unless a test says otherwise.
  DEFAULT_REGION: '温州市',
  RATE_LIMIT_PER_MINUTE: '0',
  SESSIONS_PER_CLIENT_PER_HOUR: '0',
};

export interface TestServices {
  services: AppServices;
  config: Config;
  dataDir: string;
  cleanup(): void;
}

export async function buildServices(env: Record<string, string> = {}, opts: AppServiceOptions = {}): Promise<TestServices> {
  const dataDir = tempDataDir();
  const config = loadConfig({ ...TEST_ENV, DATA_DIR: dataDir, CORPUS_DIR: join(ROOT, 'corpus'), PROMPTS_DIR: join(ROOT, 'prompts'), ...env });
  const services = await createAppServices(config, { answerer: 'offline', ...opts });
  return { services, config, dataDir, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The same services under a different configuration (limits are read from config by the app). */
export function withConfig(services: AppServices, overrides: Partial<Config>): AppServices {
  return { ...services, config: { ...services.config, ...overrides } };
}

export interface Running {
  base: string;
  server: Server;
  close(): Promise<void>;
}

export async function listen(app: Express): Promise<Running> {
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    base: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A logger at `level` whose output lines (already scrubbed) are kept in `lines`. */
export function capturingLogger(level = 'debug', secrets: Array<string | undefined> = []): { logger: Logger; lines: string[]; entries(): Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const logger = createLogger({ level, secrets, destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export async function postJson(base: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(base + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Parses a server-sent-event body into {event, data} frames. */
export function sseFrames(text: string): Array<{ event: string; data: string }> {
  return text
    .split('\n\n')
    .filter((b) => b.trim())
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      return { event, data: data.join('\n') };
    });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
