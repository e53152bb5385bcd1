// The chat widget on the demo host page, in Chromium, against the real server: streamed answers
// with citation chips and the clause panel, company description → measure cards, markup typed
// as a question stays text, 360 px, keyboard only, feedback, reloads and expired sessions, and
// time to first token. Screenshots go to tests/e2e/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshotPath, skipBrowser, SKIP_REASON } from './helpers/browser.js';
import { startRealServer, type RealServer } from './helpers/real-server.js';

let server: RealServer;
let browser: Browser;

interface Watched {
  page: Page;
  context: BrowserContext;
  dialogs: string[];
  errors: string[];
}

async function openDemo(viewport = { width: 1280, height: 860 }, opts: { reducedMotion?: 'reduce' } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport, reducedMotion: opts.reducedMotion ?? 'no-preference', locale: 'zh-CN' });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const errors: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/u.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  await page.goto(`${server.url}/`);
  await page.locator('.zw-launcher').waitFor();
  return { page, context, dialogs, errors };
}

const launcher = (p: Page) => p.locator('.zw-launcher');
const input = (p: Page) => p.locator('.zc-composer-input');
const lastAnswer = (p: Page) => p.locator('.zc-msg-assistant').last();

/** Sends a question by typing and Enter, and waits until the answer is complete. */
async function ask(p: Page, question: string): Promise<void> {
  const before = await p.locator('.zc-msg-assistant').count();
  await input(p).fill(question);
  await input(p).press('Enter');
  await expect.poll(() => p.locator('.zc-msg-assistant').count()).toBe(before + 1);
  await lastAnswer(p).locator('.zc-actions-row, .zc-error').first().waitFor({ timeout: 30_000 });
}

/** The element focused inside the widget's shadow root (class list), or the page's. */
function focused(p: Page): Promise<string> {
  return p.evaluate(() => {
    const a = document.activeElement;
    const inner = a?.shadowRoot?.activeElement ?? a;
    return `${inner?.tagName.toLowerCase()}.${inner?.className ?? ''}`;
  });
}

beforeAll(async () => {
  if (skipBrowser) return;
  server = await startRealServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe.skipIf(skipBrowser)(`widget on the demo page${skipBrowser ? ` (skipped: ${SKIP_REASON})` : ''}`, () => {
  it('streams an answer with a citation chip that opens the clause text', async () => {
    const { page, context, dialogs, errors } = await openDemo();
    await launcher(page).click();
    await expect.poll(() => focused(page)).toContain('zc-composer-input');

    const tokens: number[] = [];
    await page.exposeFunction('__zcTextLength', (n: number) => tokens.push(n));
    await page.evaluate(() => {
      // Record the answer text length on every DOM change, to see it grow token by token.
      const root = document.getElementById('zhengcetong-widget')!.shadowRoot!;
      new MutationObserver(() => {
        const t = [...root.querySelectorAll('.zc-msg-assistant .zc-text')].pop();
        if (t) (window as unknown as { __zcTextLength(n: number): void }).__zcTextLength(t.textContent?.length ?? 0);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    const streamed = page.waitForResponse((r) => r.url().endsWith('/api/chat/stream'));
    await ask(page, '研发费用补助有哪些条件？');
    const sse = await (await streamed).text();
    expect((await streamed).headers()['content-type']).toContain('text/event-stream');
    expect(sse.match(/^event: token$/gmu)!.length).toBeGreaterThan(5);
    expect(sse).toMatch(/^event: citation$/mu);
    expect(sse).toMatch(/^event: done$/mu);
    // The first token was on screen before the whole answer (rendered as it arrived).
    const lengths = tokens.filter((n) => n > 0);
    expect(lengths[0]).toBeLessThan(Math.max(...lengths));

    const answer = lastAnswer(page);
    await expect.poll(() => answer.locator('.zc-text').textContent()).toContain('研发费用');
    const chip = answer.locator('.zc-text .zc-chip', { hasText: '第11条' }).first();
    await chip.waitFor();
    // The validity notice: one compact line for the conversation, above the log.
    expect(await page.locator('.zc-validity .zc-vline summary').first().textContent()).toContain('已届满');
    expect(await answer.locator('.zc-sources .zc-chip').count()).toBeGreaterThan(0);

    await chip.click();
    const panel = page.locator('.zc-panel');
    await panel.locator('.zc-unit-text').waitFor();
    expect(await panel.locator('.zc-panel-title').textContent()).toBe('第11条 推动企业加大研发投入');
    expect(await panel.locator('.zc-unit-text').textContent()).toContain('按存量部分的3%和增量部分的8%给予最高300万元补助');
    expect(await panel.locator('.zc-unit-units').textContent()).toContain('市科技局');
    expect(await panel.locator('.zc-unit-doc').textContent()).toContain('温政办〔2024〕11号');
    expect(await panel.locator('.zc-notice').textContent()).toContain('已届满');
    expect(await panel.locator('mark').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page)).toContain('zc-chip');

    // The host page's aggressive rules (button { font-size: 30px; color: hotpink }) do not leak in.
    const send = await page.locator('.zc-send').evaluate((b) => [getComputedStyle(b).fontSize, getComputedStyle(b).color]);
    expect(send).toEqual(['14px', 'rgb(255, 255, 255)']);
    await page.screenshot({ path: screenshotPath('widget-desktop.png') });
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]); // includes CSP violations, reported as console errors
    await context.close();
  });

  it('matches a described company and shows measure cards', async () => {
    const { page, context, errors } = await openDemo();
    await launcher(page).click();
    await page.locator('.zc-describe').click();
    const sheet = page.locator('.zw-sheet');
    await sheet.locator('textarea').fill('我们是鹿城区的一家软件企业，规上，去年营收8000万，研发费用500万，是高新技术企业');
    await sheet.locator('button[type=submit]').click();
    await lastAnswer(page).locator('.zc-actions-row').waitFor({ timeout: 30_000 });

    const cards = lastAnswer(page).locator('.zc-card');
    expect(await cards.count()).toBe(5);
    expect(await cards.first().locator('.zc-badge').textContent()).toBe('符合');
    expect(await cards.first().locator('.zc-chip').textContent()).toBe('第11条');
    expect(await cards.first().locator('.zc-estimate').textContent()).toContain('仅供参考');
    expect(await lastAnswer(page).locator('.zc-cards-summary').textContent()).toMatch(/符合 \d+ 项，可能符合 \d+ 项/u);
    await lastAnswer(page).locator('.zc-link', { hasText: '显示其余' }).click();
    const possible = lastAnswer(page).locator('.zc-card-possible').first();
    expect(await possible.locator('.zc-badge').textContent()).toBe('可能符合');
    expect(await possible.locator('.zc-missing').textContent()).toContain('还需确认');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows markup typed as a question as text and runs no script', async () => {
    const { page, context, dialogs } = await openDemo();
    await launcher(page).click();
    for (const q of ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>']) {
      await ask(page, q);
      const mine = page.locator('.zc-msg-user .zc-bubble').last();
      expect(await mine.textContent()).toBe(q);
      expect(await mine.locator('script, img').count()).toBe(0);
    }
    const root = page.locator('#zhengcetong-widget');
    expect(await root.locator('.zc-log img, .zc-log script').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('is usable at 360 px wide', async () => {
    const { page, context } = await openDemo({ width: 360, height: 740 });
    await launcher(page).click();
    const box = (await page.locator('.zw-panel').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.width).toBeLessThanOrEqual(360);
    expect(box.height).toBeLessThanOrEqual(740);
    await ask(page, '出口信用保险保费有补助吗？');
    const answer = lastAnswer(page);
    expect(await answer.locator('.zc-chip').count()).toBeGreaterThan(0);
    const bubble = (await answer.locator('.zc-bubble').boundingBox())!;
    expect(bubble.x + bubble.width).toBeLessThanOrEqual(360);
    const send = (await page.locator('.zc-send').boundingBox())!;
    expect(send.x + send.width).toBeLessThanOrEqual(360);
    expect(send.y + send.height).toBeLessThanOrEqual(740);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath('widget-360.png') });
    await context.close();
  });

  it('works with the keyboard alone: Tab to the launcher, Enter opens, Enter sends, Esc closes', async () => {
    const { page, context } = await openDemo({ width: 1280, height: 860 }, { reducedMotion: 'reduce' });
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press('Tab');
      found = (await focused(page)).includes('zw-launcher');
    }
    expect(found).toBe(true);
    expect(await launcher(page).getAttribute('aria-label')).toBe('打开惠企政策咨询');
    expect(await launcher(page).evaluate((b) => getComputedStyle(b).transitionDuration)).toBe('0s'); // prefers-reduced-motion
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toContain('zc-composer-input');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.zc-log').getAttribute('role')).toBe('log');
    expect(await page.locator('.zc-log').getAttribute('aria-live')).toBe('polite');

    await page.keyboard.type('高新技术企业能享受哪些政策？');
    await page.keyboard.press('Enter');
    await lastAnswer(page).locator('.zc-actions-row').waitFor({ timeout: 30_000 });
    expect(await page.locator('.zc-msg-user').last().textContent()).toContain('高新技术企业能享受哪些政策？');
    expect(await input(page).inputValue()).toBe('');

    // Shift+Enter is a new line, not a send.
    await input(page).focus();
    await page.keyboard.type('第一行');
    await page.keyboard.press('Shift+Enter');
    expect(await input(page).inputValue()).toBe('第一行\n');
    await input(page).fill('');

    await page.keyboard.press('Escape');
    await page.locator('.zw-panel').waitFor({ state: 'hidden' });
    await expect.poll(() => focused(page)).toContain('zw-launcher');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });

  it('posts thumbs-up feedback with a comment', async () => {
    const { page, context } = await openDemo();
    await launcher(page).click();
    await ask(page, '个体工商户转为企业有什么支持？');
    const answer = lastAnswer(page);
    await answer.locator('.zc-thumb[data-rating="up"]').click();
    expect(await answer.locator('.zc-thumb[data-rating="up"]').getAttribute('aria-pressed')).toBe('true');
    await answer.locator('.zc-feedback textarea').fill('条款原文很清楚');
    const posted = page.waitForResponse((r) => r.url().endsWith('/api/feedback') && r.request().method() === 'POST');
    await answer.locator('.zc-feedback button[type=submit]').click();
    const res = await posted;
    expect(res.status()).toBe(201);
    const body = res.request().postDataJSON() as Record<string, unknown>;
    // The server takes question, answer and citations from the stored turn it names.
    expect(body).toMatchObject({ rating: 'up', comment: '条款原文很清楚' });
    expect(typeof body.sessionId).toBe('string');
    expect(typeof body.turnId).toBe('string');
    await expect.poll(() => answer.locator('.zc-actions-row [role="status"]').textContent()).toBe('感谢您的反馈！');
    expect(await answer.locator('.zc-thumb[data-rating="down"]').isDisabled()).toBe(true);
    await context.close();
  });

  it('keeps the conversation across reloads and restarts an expired session transparently', async () => {
    const { page, context, errors } = await openDemo();
    await launcher(page).click();
    await ask(page, '研发费用补助有哪些条件？');
    await page.reload();
    await page.locator('.zc-msg-assistant').first().waitFor();
    expect(await page.locator('.zw-panel').isVisible()).toBe(true);
    expect(await page.locator('.zc-msg-user').first().textContent()).toContain('研发费用补助有哪些条件？');

    // The server forgets the session (expiry): the next question still gets an answer.
    await page.evaluate(() => {
      for (const k of Object.keys(sessionStorage)) {
        if (!k.startsWith('zhengcetong:chat:') || k.endsWith(':open')) continue;
        const s = JSON.parse(sessionStorage.getItem(k)!) as { sessionId: string };
        s.sessionId = 'expired-session-0000';
        sessionStorage.setItem(k, JSON.stringify(s));
      }
    });
    await page.reload();
    await page.locator('.zc-msg-assistant').first().waitFor();
    await ask(page, '申请条件是什么？');
    expect(await lastAnswer(page).locator('.zc-error').count()).toBe(0);
    expect(await lastAnswer(page).locator('.zc-chip').count()).toBeGreaterThan(0);
    const stored = await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('zhengcetong:chat:') && !k.endsWith(':open'))![1]);
    expect((JSON.parse(stored) as { sessionId: string }).sessionId).not.toBe('expired-session-0000');
    expect(errors.filter((e) => !/404/u.test(e))).toEqual([]);
    await context.close();
  });

  it('the iframe variant fills the page and answers', async () => {
    const context = await browser.newContext({ viewport: { width: 420, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/widget/frame?title=${encodeURIComponent('瑞安市惠企政策咨询')}&accent=%231f6f43`);
    await page.locator('.zw-panel').waitFor();
    expect(await page.locator('.zw-launcher').isHidden()).toBe(true);
    expect(await page.locator('.zw-title').textContent()).toBe('瑞安市惠企政策咨询');
    await ask(page, '出口信用保险保费有补助吗？');
    expect(await lastAnswer(page).locator('.zc-chip').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('measures time to first token on the demo page (median of 5)', async () => {
    const { page, context } = await openDemo();
    await launcher(page).click();
    const questions = ['研发费用补助有哪些条件？', '高新技术企业能享受哪些政策？', '出口信用保险保费有补助吗？', '个体工商户转为企业有什么支持？', '集卡通行费有优惠吗？'];
    const times: number[] = [];
    for (const q of questions) {
      await ask(page, q);
      times.push(
        await page.evaluate(() => {
          const send = performance.getEntriesByName('zc-send').at(-1)!;
          const first = performance.getEntriesByName('zc-first-token').at(-1)!;
          return first.startTime - send.startTime;
        }),
      );
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[2]!;
    console.info(`[web] time to first token (ms): ${times.map((t) => t.toFixed(0)).join(', ')}; median ${median.toFixed(0)}`);
    expect(times.every((t) => t > 0)).toBe(true);
    expect(median).toBeLessThan(3000);
    await context.close();
  });
});
