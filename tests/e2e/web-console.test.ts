// The staff console (/staff) in Chromium against the real server: profile form from the schema,
// description → checklist grouped by status, print view, CSV download, the assistant updating
// the form, the corpus browser, and feedback review behind STAFF_TOKEN (401 message, then the
// list and the JSONL export). Screenshot: tests/e2e/screenshots/console-results.png.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotPath, skipBrowser, SKIP_REASON } from './helpers/browser.js';
import { startRealServer, type RealServer } from './helpers/real-server.js';

const STAFF_TOKEN = 'e2e-staff-token-0123456789';
const DESCRIPTION = '我们是鹿城区的一家软件企业，规上，去年营收8000万，研发费用500万，是高新技术企业';
let server: RealServer;
let browser: Browser;

async function openConsole(hash = ''): Promise<{ page: Page; context: BrowserContext; errors: string[]; dialogs: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/u.test(m.text())) errors.push(m.text());
  });
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(`${server.url}/staff${hash}`);
  await page.locator('#profile-fields .pf-group').first().waitFor({ state: 'attached' });
  return { page, context, errors, dialogs };
}

async function matchDescription(page: Page): Promise<void> {
  await page.locator('#description').fill(DESCRIPTION);
  await page.locator('#describe-btn').click();
  await page.locator('.cl-item').first().waitFor();
}

beforeAll(async () => {
  if (skipBrowser) return;
  server = await startRealServer({ STAFF_TOKEN });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skipBrowser)(`staff console${skipBrowser ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  it('builds the form from the schema and turns a description into a checklist', async () => {
    const { page, context, errors } = await openConsole();
    const groups = await page.locator('.pf-group > summary').allTextContents();
    expect(groups).toEqual(['基本信息', '规模与财务', '研发', '资质', '外贸', '其他']);
    expect(await page.locator('label[for="pf-revenue"]').textContent()).toBe('上年度营业收入（单位：万元）');
    expect(await page.locator('#pf-region option[value="lucheng"]').textContent()).toBe('鹿城区');

    await matchDescription(page);
    expect(await page.locator('#pf-region').inputValue()).toBe('lucheng');
    expect(await page.locator('#pf-aboveScale').inputValue()).toBe('true');
    expect(await page.locator('#pf-revenue').inputValue()).toBe('8000');
    expect(await page.locator('#pf-industries-software_it').isChecked()).toBe(true);

    const titles = await page.locator('.cl-group-title').allTextContents();
    expect(titles[0]).toMatch(/^符合条件（\d+ 项）$/u);
    expect(titles[1]).toMatch(/^可能符合（需核实）（\d+ 项）$/u);
    expect(titles[2]).toMatch(/^不符合（\d+ 项）$/u);
    const first = page.locator('.cl-group-eligible .cl-item').first();
    expect(await first.locator('.cl-label').textContent()).toBe('第11条');
    expect(await first.locator('.cl-estimate').textContent()).toContain('仅供参考');
    expect(await first.locator('.cl-units').textContent()).toContain('市科技局');
    expect(await page.locator('.cl-group-possible .cl-ask').first().textContent()).toContain('待核实');
    expect(await page.locator('.cl-meta').textContent()).toContain('温政办〔2024〕11号');
    expect(await page.locator('.cl-meta .zc-notice').first().textContent()).toContain('届满');

    await first.locator('.cl-clause-btn').click();
    await first.locator('.cl-clause .zc-unit-text').waitFor();
    expect(await first.locator('.cl-clause .zc-unit-text').textContent()).toContain('最高300万元补助');

    // Editing the form and matching again uses the form only.
    await page.locator('#pf-aboveScale').selectOption('false');
    await page.locator('#profile-form button[type=submit]').click();
    await expect.poll(() => page.locator('#match-status').textContent()).toContain('匹配完成');
    expect(await page.locator('.cl-group-eligible .cl-item[data-ref="wzzb-2024-11:11"]').count()).toBe(0);
    await page.locator('#pf-aboveScale').selectOption('true');
    await page.locator('#profile-form button[type=submit]').click();
    await page.locator('.cl-group-eligible .cl-item[data-ref="wzzb-2024-11:11"]').waitFor();

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('console-results.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has a print view showing the checklist without the form and buttons', async () => {
    const { page, context } = await openConsole();
    await matchDescription(page);
    await page.evaluate(() => {
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => void ((window as unknown as { __printed: number }).__printed += 1);
    });
    await page.locator('#print-btn').click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.cl-group-eligible .cl-item').first().isVisible()).toBe(true);
    expect(await page.locator('.cl-meta').isVisible()).toBe(true);
    expect(await page.locator('#profile-form').isVisible()).toBe(false);
    expect(await page.locator('.col-chat').isVisible()).toBe(false);
    expect(await page.locator('#print-btn').isVisible()).toBe(false);
    expect(await page.locator('.tabs').isVisible()).toBe(false);
    await page.screenshot({ path: screenshotPath('console-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('#profile-form').isVisible()).toBe(true);
    await context.close();
  });

  it('downloads the checklist as CSV with a BOM, the header and clause rows', async () => {
    const { page, context } = await openConsole();
    await matchDescription(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#csv-btn').click()]);
    expect(download.suggestedFilename()).toMatch(/^政策体检单-\d{4}-\d{2}-\d{2}\.csv$/u);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('政策体检单（仅供参考，以主管部门审核为准）');
    expect(lines.some((l) => l.startsWith('依据文件,《温州市进一步推动经济高质量发展若干政策》（温政办〔2024〕11号）'))).toBe(true);
    expect(lines.some((l) => /^生成日期,\d{4}-\d{2}-\d{2}$/u.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('有效期提示,'))).toBe(true);
    expect(text).toContain('\r\n条款,标题,状态,理由,待核实问题,可享受金额/测算,申报方式,责任单位,依据（文件与条款）\r\n');
    expect(text).toMatch(/\r\n第11条,推动企业加大研发投入,符合,/u);
    expect(text).toContain('不符合');
    await context.close();
  });

  it('lets the assistant chat update the form from a description', async () => {
    const { page, context } = await openConsole();
    const chat = page.locator('#assistant');
    await chat.locator('.zc-composer-input').fill('我们是瑞安市的一家汽摩配制造企业，规上，去年营收1.2亿元，有出口业务，出口额3000万元');
    await chat.locator('.zc-composer-input').press('Enter');
    await chat.locator('.zc-msg-assistant .zc-actions-row').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.locator('#pf-region').inputValue()).toBe('ruian');
    expect(await page.locator('#pf-exporting').inputValue()).toBe('true');
    expect(await page.locator('#pf-industries-manufacturing').isChecked()).toBe(true);
    await page.locator('.cl-item').first().waitFor();
    expect(await page.locator('#match-status').textContent()).toContain('根据对话更新企业画像');

    // Citation chips in the console chat open the clause panel; Esc closes it.
    await chat.locator('.zc-chip').first().click();
    await chat.locator('.zc-panel .zc-unit-text').waitFor();
    await page.keyboard.press('Escape');
    await chat.locator('.zc-panel').waitFor({ state: 'hidden' });
    await context.close();
  });

  it('browses documents, sections and clauses, and searches', async () => {
    const { page, context } = await openConsole('#corpus');
    await page.locator('.cb-section').first().waitFor();
    const seed = page.locator('.cb-doc', { has: page.locator('h3', { hasText: '温州市进一步推动经济高质量发展若干政策' }) });
    await seed.locator('.cb-section > summary', { hasText: '第二部分' }).click();
    await seed.locator('.cb-unit[data-ref="wzzb-2024-11:11"]').click();
    await page.locator('.cb-view .zc-unit-text').waitFor();
    expect(await page.locator('.cb-view h2').textContent()).toBe('第11条 推动企业加大研发投入');

    await page.locator('#cb-q').fill('短期出口信用保险保费补助');
    await page.locator('.cb-search button[type=submit]').click();
    await page.locator('.cb-hits li').first().waitFor();
    // Many documents now: the seed's clause is among the hits.
    const hit = page.locator('.cb-hits li', { hasText: '第44条' }).first();
    await hit.waitFor();
    await hit.locator('.cb-unit').click();
    await expect.poll(() => page.locator('.cb-view h2').textContent()).toContain('第44条');
    expect(await page.locator('.cb-view mark').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('reviews feedback behind the staff token and exports candidate gold cases', async () => {
    // Two rated answers, posted the way the widget posts them.
    for (const [message, rating, comment] of [
      ['研发费用补助有哪些条件？', 'up', '清楚'],
      ['<script>alert(1)</script>集卡通行费有优惠吗？', 'down', '<img src=x onerror=alert(1)>缺少申请流程'],
    ] as const) {
      const chat = (await (await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message }) })).json()) as {
        sessionId: string;
        turnId: string;
        answer: string;
        citations: unknown[];
      };
      const r = await fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ sessionId: chat.sessionId, turnId: chat.turnId, rating, comment, question: message, answer: chat.answer, citations: chat.citations }),
      });
      expect(r.status).toBe(201);
    }

    const { page, context, dialogs } = await openConsole('#feedback');
    await expect.poll(() => page.locator('.fb-status').textContent()).toContain('需要工作人员令牌');
    await page.locator('#fb-token').fill('wrong-token');
    await page.getByRole('button', { name: '保存令牌' }).click();
    await expect.poll(() => page.locator('.fb-status').textContent()).toContain('令牌不正确');

    await page.locator('#fb-token').fill(STAFF_TOKEN);
    await page.getByRole('button', { name: '保存令牌' }).click();
    await expect.poll(() => page.locator('.fb-item').count()).toBe(2);
    expect(await page.locator('.fb-pager .zc-muted').textContent()).toBe('第 1 页，共 2 条');
    const down = page.locator('.fb-item.fb-down');
    expect(await down.locator('.fb-q').textContent()).toBe('问题：<script>alert(1)</script>集卡通行费有优惠吗？');
    expect(await down.locator('.fb-comment').textContent()).toBe('意见：<img src=x onerror=alert(1)>缺少申请流程');
    expect(await page.locator('.fb-list img, .fb-list script').count()).toBe(0);

    await page.locator('#fb-rating').selectOption('down');
    await expect.poll(() => page.locator('.fb-item').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出为候选金标准（JSONL）' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^gold-candidates-down-\d{4}-\d{2}-\d{2}\.jsonl$/u);
    const lines = readFileSync((await download.path())!, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(JSON.parse(lines[0]!))).toContain('集卡通行费');

    // The token lives in sessionStorage only.
    expect(await page.evaluate(() => sessionStorage.getItem('zhengcetong:staff-token'))).toBe(STAFF_TOKEN);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
