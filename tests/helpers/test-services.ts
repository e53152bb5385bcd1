// Builds real AppServices for tests: the real corpus, a temporary data folder (the index is
// copied from data/ when present, else built), a fixed clock.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createAppServices, type AppServices, type AppServiceOptions } from '../../src/bootstrap/app-services.js';

export const FIXED_NOW = new Date('2026-11-29T08:00:00Z');

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zct-test-'));
  if (existsSync('data/index.json')) cpSync('data', dir, { recursive: true, filter: (src) => !/app\.db/.test(src) });
  return dir;
}

export async function createTestServices(
  env: Record<string, string> = {},
  opts: AppServiceOptions = {},
): Promise<{ services: AppServices; config: Config; cleanup: () => void }> {
  const dataDir = tempDataDir();
  // Tests ask as the seed document's portal does (a Wenzhou site) unless they say otherwise.
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEFAULT_REGION: '温州市', ...env });
  const services = await createAppServices(config, { now: () => FIXED_NOW, ...opts });
  return { services, config, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}
