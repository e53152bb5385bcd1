// The widget as businesses expect it (issue 14), in Chromium at 390 px (phone) and 1366 px:
// one compact validity line per document per conversation, never contradictory; the
// 「描述我的企业」 sheet fits the screen, in the page font, with a close button; open questions
// answered in place (是 / 否, a number) re-run the match; the welcome says which documents and
// region it covers; data-region / ?region= scope it; the clause panel links to the official
// source; an elder-friendly mode that is remembered. Screenshots: tests/e2e/screenshots/widget-*.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotPath, skipBrowser, SKIP_REASON } from './helpers/browser.js';
import { startRealServer, type RealServer } from './helpers/real-server.js';
import { tempCorpus, type TempCorpus } from './helpers/temp-corpus.js';

const SOURCE_URL = 'https://www.wenzhou.gov.cn/art/2024/2/23/art_1229116916_2048116.html';
const DESCRIPTION = '我们是瑞安市的一家汽摩配制造企业，规上，去年营收1.2亿元，有出口业务';
let server: RealServer;
let corpus: TempCorpus;
let browser: Browser;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

async function open(viewport: { width: number; height: number }, path = '/'): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/u.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}${path}`);
  if (path === '/') {
    await page.locator('.zw-launcher').click();
  }
  await page.locator('.zc-composer-input').waitFor();
  return { page, context, errors };
}

async function ask(p: Page, question: string): Promise<void> {
  const before = await p.locator('.zc-msg-assistant').count();
  await p.locator('.zc-composer-input').fill(question);
  await p.locator('.zc-composer-input').press('Enter');
  await expect.poll(() => p.locator('.zc-msg-assistant').count()).toBe(before + 1);
  await p.locator('.zc-msg-assistant').last().locator('.zc-actions-row, .zc-error').first().waitFor({ timeout: 30_000 });
}

/** Elements inside the widget (shadow root included) that stick out past the viewport. */
function overflowing(p: Page, selector: string): Promise<string[]> {
  return p.evaluate(
    ([sel, width]) => {
      const root = document.getElementById('zhengcetong-widget')?.shadowRoot ?? document;
      const out: string[] = [];
      for (const el of root.querySelectorAll<HTMLElement>(sel)) {
        const r = el.getBoundingClientRect();
        if (r.width > 1 && (r.right > width + 0.5 || r.left < -0.5)) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
      }
      return out;
    },
    [selector, PHONE.width] as const,
  );
}

beforeAll(async () => {
  if (skipBrowser) return;
  corpus = tempCorpus();
  corpus.patchMeta('wzzb-2024-11', (m) => ({ ...m, source: { ...(m.source as object), url: SOURCE_URL } }));
  server = await startRealServer({ CORPUS_DIR: corpus.dir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  corpus?.remove();
});

describe.skipIf(skipBrowser)(`widget for businesses (issue 14)${skipBrowser ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  for (const viewport of [PHONE, DESKTOP]) {
    it(`shows the validity notice once per document for the conversation, never contradictory (${viewport.width} px)`, async () => {
      const { page, context, errors } = await open(viewport);
      await ask(page, '研发费用补助有哪些条件？');
      await ask(page, '个体工商户转为企业有什么支持？'); // clause 25: its own period, still running
      const lines = page.locator('.zc-validity .zc-vline');
      expect(await lines.count()).toBe(1);
      // Nothing under the answers themselves, and no validity line inside their text.
      expect(await page.locator('.zc-msg-assistant .zc-notice').count()).toBe(0);
      for (const t of await page.locator('.zc-msg-assistant .zc-text').allTextContents()) expect(t).not.toMatch(/届满|实施期限/u);
      // Across the whole widget, "已届满" is on screen once.
      const visible = await page.evaluate(() => (document.getElementById('zhengcetong-widget')!.shadowRoot!.querySelector('.zw-panel') as HTMLElement).innerText);
      expect(visible.match(/已届满/gu)?.length ?? 0).toBe(1);
      const summary = await lines.first().locator('summary').textContent();
      expect(summary).toContain('已届满');
      expect(summary).toContain('其中第25条仍在实施期内');
      expect(await page.locator('.zc-notice-current').count()).toBe(0); // no green box beside the yellow one
      // One line high until expanded.
      const box = (await page.locator('.zc-validity').boundingBox())!;
      expect(box.height).toBeLessThan(44);
      await lines.first().locator('summary').click();
      expect(await lines.first().locator('li').first().textContent()).toContain('2024年12月31日');
      expect(await lines.first().textContent()).toContain('温政发〔2025〕2号');
      await lines.first().locator('summary').click();
      if (viewport === PHONE) {
        expect(await overflowing(page, '.zw-panel, .zw-panel *')).toEqual([]);
        await page.screenshot({ path: screenshotPath('widget-phone-two-answers.png') });
      } else {
        await page.screenshot({ path: screenshotPath('widget-desktop-two-answers.png') });
      }
      // The clause panel: one compact validity line, and the official source.
      await page.locator('.zc-msg-assistant').last().locator('.zc-sources .zc-chip').first().click();
      const panel = page.locator('.zc-panel');
      await panel.locator('.zc-unit-text').waitFor();
      expect(await panel.locator('.zc-vline').count()).toBe(1);
      expect(await panel.locator('.zc-vline summary').textContent()).toContain('有效');
      const link = panel.locator('a.zc-source-link');
      expect(await link.getAttribute('href')).toBe(SOURCE_URL);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      if (viewport === PHONE) await page.screenshot({ path: screenshotPath('widget-phone-clause-panel.png') });
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('fits the describe sheet on a 390 px phone, in the page font, with a close button (390 px)', async () => {
    const { page, context } = await open(PHONE);
    await page.locator('.zc-describe').click();
    const sheet = page.locator('.zw-sheet');
    await sheet.waitFor();
    expect(await overflowing(page, '.zw-sheet, .zw-sheet *')).toEqual([]);
    const ta = sheet.locator('textarea');
    const font = await ta.evaluate((el) => getComputedStyle(el).fontFamily);
    expect(font).not.toMatch(/mono/iu);
    expect(font).toContain('WenQuanYi Zen Hei');
    const taBox = (await ta.boundingBox())!;
    const sheetBox = (await sheet.boundingBox())!;
    expect(taBox.x + taBox.width).toBeLessThanOrEqual(sheetBox.x + sheetBox.width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath('widget-phone-describe.png') });
    await sheet.getByRole('button', { name: '关闭“描述我的企业”' }).click();
    await sheet.waitFor({ state: 'hidden' });
    await context.close();
  });

  for (const viewport of [PHONE, DESKTOP]) {
    it(`answers open questions in place: 是 / 否 and a number re-run the match (${viewport.width} px)`, async () => {
      const { page, context, errors } = await open(viewport);
      await page.locator('.zc-describe').click();
      await page.locator('.zw-sheet textarea').fill(DESCRIPTION);
      await page.locator('.zw-sheet button[type=submit]').click();
      const answer = page.locator('.zc-msg-assistant').last();
      await answer.locator('.zc-actions-row').waitFor({ timeout: 30_000 });
      const questions = answer.locator('.zc-questions');
      await questions.waitFor();
      const yes = questions.locator('.zc-fq-yes').first();
      await yes.waitFor();
      expect(await questions.locator('.zc-fq-no').count()).toBeGreaterThan(0);
      const asked = await yes.locator('xpath=ancestor::li[1]').getAttribute('data-field');
      const summaryBefore = await answer.locator('.zc-cards-summary').textContent();
      const rematch = page.waitForResponse((r) => r.url().endsWith('/api/match') && r.request().method() === 'POST');
      await yes.click();
      const res = await rematch;
      expect(res.status()).toBe(200);
      const sent = res.request().postDataJSON() as { profile: Record<string, unknown> };
      expect(sent.profile[asked!]).toBe(true);
      expect(sent.profile.region).toBe('ruian'); // the description's facts are kept
      await expect.poll(() => answer.locator(`.zc-questions .zc-fq[data-field="${asked}"]`).count()).toBe(0);
      expect(await answer.locator('.zc-cards-summary').textContent()).not.toBe(summaryBefore);

      // A figure: typed into the number field (amounts in 万元).
      const numberItem = answer.locator('.zc-questions .zc-fq:has(.zc-fq-number)').first();
      if (await numberItem.count()) {
        const field = await numberItem.getAttribute('data-field');
        const again = page.waitForResponse((r) => r.url().endsWith('/api/match'));
        await numberItem.locator('.zc-fq-number').fill('600');
        await numberItem.locator('.zc-fq-ok').click();
        const sent2 = (await again).request().postDataJSON() as { profile: Record<string, unknown> };
        expect(typeof sent2.profile[field!]).toBe('number');
        await expect.poll(() => answer.locator(`.zc-questions .zc-fq[data-field="${field}"]`).count()).toBe(0);
      }
      if (viewport === PHONE) {
        expect(await overflowing(page, '.zc-questions, .zc-questions *')).toEqual([]);
        await answer.locator('.zc-questions').scrollIntoViewIfNeeded();
        await page.screenshot({ path: screenshotPath('widget-phone-questions.png') });
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('says in the welcome which documents and region it covers, scoped by data-region (390 px)', async () => {
    const { page, context } = await open(PHONE);
    const coverage = page.locator('.zc-coverage');
    await expect.poll(() => coverage.textContent()).toMatch(/本助手依据/u);
    const text = (await coverage.textContent())!;
    expect(text).toContain('适用于浙江省温州市'); // the demo page's data-region="温州市"
    expect(text).toMatch(/已届满/u);
    expect(text).not.toContain('北京');
    await page.screenshot({ path: screenshotPath('widget-phone-welcome.png') });
    await context.close();
  });

  it('takes the region from the iframe URL and matches companies there (390 px)', async () => {
    const { page, context } = await open(PHONE, `/widget/frame?title=${encodeURIComponent('瑞安市惠企政策咨询')}&region=${encodeURIComponent('瑞安市')}`);
    await expect.poll(() => page.locator('.zc-coverage').textContent()).toContain('瑞安市');
    const chat = page.waitForRequest((r) => r.url().endsWith('/api/chat/stream'));
    await page.locator('.zc-composer-input').fill('出口信用保险保费有补助吗？');
    await page.locator('.zc-composer-input').press('Enter');
    const body = (await chat).postDataJSON() as { region?: string; profile?: { region?: string } };
    expect(body.region).toBe('瑞安市'); // answers come from documents that apply there
    expect(body.profile?.region).toBe('ruian'); // and matching assumes the company is registered there
    await context.close();
  });

  for (const viewport of [PHONE, DESKTOP]) {
    it(`has an elder-friendly mode, switchable and remembered (${viewport.width} px)`, async () => {
      const { page, context } = await open(viewport);
      const size = () => page.locator('.zc-chat').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      const normal = await size();
      const toggle = page.locator('.zw-elder-btn');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-pressed')).toBe('true');
      expect(await size()).toBeGreaterThanOrEqual(18);
      expect(await size()).toBeGreaterThan(normal);
      const send = (await page.locator('.zc-send').boundingBox())!;
      expect(send.height).toBeGreaterThanOrEqual(44);
      await ask(page, '出口信用保险保费有补助吗？');
      if (viewport === PHONE) {
        expect(await overflowing(page, '.zw-panel, .zw-panel *')).toEqual([]);
        await page.screenshot({ path: screenshotPath('widget-phone-elder.png') });
      }
      await page.reload();
      if (viewport !== PHONE) await page.locator('.zw-panel').waitFor();
      await page.locator('.zc-composer-input').waitFor();
      expect(await page.locator('.zw-elder-btn').getAttribute('aria-pressed')).toBe('true');
      expect(await size()).toBeGreaterThanOrEqual(18);
      await page.locator('.zw-elder-btn').click();
      expect(await page.evaluate(() => localStorage.getItem('zhengcetong:elder'))).toBe('0');
      await context.close();
    });
  }
});
