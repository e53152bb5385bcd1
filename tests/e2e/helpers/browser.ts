// Launching Debian's Chromium through playwright-core, and the skip rule for machines without
// it: skipped locally with a reason, a failure when CI is set.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** True when the browser suites must be skipped (no Chromium and not in CI). */
export const skipBrowser = !hasChromium && !process.env.CI;
export const SKIP_REASON = `Chromium not found at ${CHROMIUM}: install it with "apt-get update && apt-get install -y chromium fonts-wqy-zenhei" (browser tests are skipped; they fail when CI is set)`;

if (skipBrowser) console.warn(`[e2e] ${SKIP_REASON}`);

export function launchChromium(): Promise<Browser> {
  if (!hasChromium) throw new Error(SKIP_REASON);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export const SCREENSHOT_DIR = resolve('tests/e2e/screenshots');
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return resolve(SCREENSHOT_DIR, name);
}
