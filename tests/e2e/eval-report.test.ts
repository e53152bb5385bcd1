// Opens a generated report.html in Chromium: metrics shown, charts drawn, the filter narrows the
// case table, user text does not execute, and the page makes no network requests.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThresholdsSchema } from '../../src/eval/gate.js';
import { writeReportFiles } from '../../src/eval/report-files.js';
import { fakeReport } from '../fakes/eval-report.js';

const SCREENSHOT = resolve('tests/e2e/screenshots/eval-report.png');
let browser: Browser;
let dir: string;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eval-report-'));
  const thresholds = ThresholdsSchema.parse({
    min: { 'citations.precision': 0.95, 'retrieval.hitAt1': 0.4, 'matching.recall': 0.95 },
    max: { 'abstention.answerableAbstained': 0.05, 'matching.mustNotViolations': 0, 'latencyMs.p95': 50 },
  });
  writeReportFiles(dir, await fakeReport(), thresholds);
  url = pathToFileURL(join(dir, 'report.html')).href;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('report.html in Chromium', () => {
  it('shows metrics and charts, filters cases, runs no user script and fetches nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.goto(url);

    expect(await page.locator('#metrics tbody tr').count()).toBe(14);
    expect(await page.locator('tr[data-metric="citations.precision"] td.num').textContent()).toBe('0.750');
    expect(await page.locator('tr[data-metric="citations.precision"]').getAttribute('class')).toBe('fail-metric');
    expect(await page.locator('svg.chart').count()).toBe(7);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThanOrEqual(14);

    const rows = page.locator('#cases tbody tr');
    const visible = () => rows.evaluateAll((trs) => trs.filter((tr) => (tr as HTMLElement).style.display !== 'none').length);
    expect(await visible()).toBe(8);

    await page.fill('#filter-text', '集卡');
    expect(await visible()).toBe(1);
    expect(await page.locator('#visible-count').textContent()).toBe('1');
    await page.fill('#filter-text', '');
    await page.selectOption('#filter-status', 'fail');
    expect(await visible()).toBe(4);
    await page.selectOption('#filter-type', 'profile');
    expect(await visible()).toBe(1);
    await page.selectOption('#filter-status', '');
    await page.selectOption('#filter-type', 'multiturn');
    expect(await visible()).toBe(1);
    await page.selectOption('#filter-type', '');

    expect(await page.locator('td.answer', { hasText: '<script>alert("xss")</script>晴' }).count()).toBe(1);
    expect(dialogs).toEqual([]);
    expect(requests.every((r) => r.startsWith('file://'))).toBe(true);

    mkdirSync(resolve('tests/e2e/screenshots'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.close();
  });
});
