// 文件管理 in Chromium against the real server on a temporary copy of corpus/ (issue 11): a staff
// member uploads a policy text, sees the metadata with the text each field came from and the
// units with their refs, corrects the short title and publishes; the running server answers
// from the new document at once (its citations carry "<docId>:<ref>"); the list filters by
// region, level and status; after a withdrawal the document is no longer cited. Also: an
// executable is refused with a Chinese message. Screenshots: tests/e2e/screenshots/documents-*.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshotPath, skipBrowser, SKIP_REASON } from './helpers/browser.js';
import { startRealServer, type RealServer } from './helpers/real-server.js';
import { tempCorpus, type TempCorpus } from './helpers/temp-corpus.js';

const STAFF_TOKEN = 'e2e-staff-token-documents-01';
const FIXTURE = 'tests/e2e/fixtures/ruian-haiyang-2025.txt';
const QUESTION = '瑞安市深远海养殖网箱有什么补助？';
let server: RealServer;
let corpus: TempCorpus;
let browser: Browser;

interface Chat {
  answer: string;
  citations: Array<{ ref: string; label: string }>;
  abstained: boolean;
}

async function ask(message: string): Promise<Chat> {
  const r = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message, region: '瑞安市' }) });
  expect(r.status).toBe(200);
  return (await r.json()) as Chat;
}

beforeAll(async () => {
  if (skipBrowser) return;
  corpus = tempCorpus();
  server = await startRealServer({ STAFF_TOKEN, CORPUS_DIR: corpus.dir, UPLOAD_MAX_BYTES: String(2 * 1024 * 1024) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  corpus?.remove();
});

describe.skipIf(skipBrowser)(`文件管理${skipBrowser ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  it('uploads, previews with sources and units, publishes, answers from it, filters, and withdraws it', async () => {
    const before = await ask(QUESTION);
    expect(before.citations.some((c) => c.ref.startsWith('ruian-haiyang-2025:'))).toBe(false);

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.addInitScript((t) => sessionStorage.setItem('zhengcetong:staff-token', t), STAFF_TOKEN);
    await page.goto(`${server.url}/staff#documents`);
    await page.locator('.dm-list tbody tr').first().waitFor();

    // An executable named like a PDF is refused.
    const exe = join(tmpdir(), `zct-e2e-${process.pid}.pdf`);
    writeFileSync(exe, Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]));
    await page.locator('#dm-file').setInputFiles(exe);
    await page.locator('#dm-upload').click();
    await expect.poll(() => page.locator('.dm-upload .dm-status').textContent()).toContain('Windows 可执行文件');

    await page.locator('#dm-file').setInputFiles(FIXTURE);
    await page.locator('#dm-upload').click();
    const preview = page.locator('.dm-preview');
    await preview.locator('.dm-meta').waitFor();
    expect(await page.locator('#dm-f-docId').inputValue()).toBe('ruian-haiyang-2025');
    expect(await page.locator('#dm-f-docNumber').inputValue()).toBe('瑞政办发〔2025〕8号');
    expect(await page.locator('#dm-f-effectiveTo').inputValue()).toBe('2027-12-31');
    const docNumberRow = preview.locator('tr', { has: page.locator('#dm-f-docNumber') });
    expect(await docNumberRow.locator('mark').textContent()).toBe('瑞政办发〔2025〕8号');
    expect(await preview.locator('.dm-units li[data-ref="ruian-haiyang-2025:2"]').textContent()).toContain('支持深远海养殖');
    await page.screenshot({ path: screenshotPath('documents-preview.png'), fullPage: true });

    await page.locator('#dm-f-shortTitle').fill('瑞安海洋经济若干措施');
    await page.locator('#dm-f-sourceUrl').fill('https://www.ruian.gov.cn/art/2025/2/20/art_1.html');
    await page.locator('#dm-publish').click();
    await expect.poll(() => preview.locator('.dm-status').last().textContent(), { timeout: 60_000 }).toContain('已发布 ruian-haiyang-2025');

    // The running server answers from it now.
    const after = await ask(QUESTION);
    expect(after.abstained).toBe(false);
    const cited = after.citations.map((c) => c.ref);
    expect(cited).toContain('ruian-haiyang-2025:2');
    expect(after.answer).toContain('20%');
    const unit = (await (await fetch(`${server.url}/api/units/ruian-haiyang-2025:2`)).json()) as { document: { docNumber: string } };
    expect(unit.document.docNumber).toBe('瑞政办发〔2025〕8号');

    // The list: filters by region, level and status.
    const row = page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('有效');
    await page.locator('#dm-status').selectOption('expired');
    await expect.poll(() => page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"]').count()).toBe(0);
    expect(await page.locator('.dm-list tr[data-doc="wzzb-2024-11"]').count()).toBe(1);
    await page.locator('#dm-status').selectOption('');
    await page.locator('#dm-region').selectOption({ label: '浙江省温州市瑞安市' });
    await expect.poll(() => page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"]').count()).toBe(1);
    await page.locator('#dm-level').selectOption('national');
    await expect.poll(() => page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"]').count()).toBe(0);
    await page.locator('#dm-level').selectOption('');
    await page.locator('#dm-region').selectOption('');
    await expect.poll(() => page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('documents-list.png'), fullPage: true });

    // Withdraw: no longer cited.
    await page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"] .dm-withdraw').click();
    await expect.poll(() => page.locator('.dm-docs .dm-status').first().textContent(), { timeout: 60_000 }).toContain('已撤回');
    await expect.poll(() => page.locator('.dm-list tr[data-doc="ruian-haiyang-2025"]').textContent()).toContain('已撤回');
    const gone = await ask(QUESTION);
    expect(gone.citations.some((c) => c.ref.startsWith('ruian-haiyang-2025:'))).toBe(false);
    expect((await fetch(`${server.url}/api/units/ruian-haiyang-2025:2`)).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });
});
