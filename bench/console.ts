// What the browser benches share: Chromium set up for functions sent from tsx, the console opened
// and drawn, and the time a reload takes to show the first inbox row.
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';

/** A browser for a bench. tsx wraps named functions in __name(); functions sent to page.evaluate need it defined. */
export async function benchBrowser(): Promise<BrowserContext> {
  const context = await launchBrowser();
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  return context;
}

/** Opens the console at `url` and waits until its inbox is drawn. */
export async function openConsole(page: Page, url: string, timeout: number): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('nav.inbox', { timeout });
}

/** Reloads the page; answers when the first inbox row showed, in ms from the reload's start (the page's clock). */
export async function firstRowAfterReload(page: Page, timeout: number): Promise<number> {
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRowAt?: number };
    new MutationObserver((_m, obs) => {
      if (document.querySelector('.inbox-row')) {
        w.__firstRowAt = performance.now();
        obs.disconnect();
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { __firstRowAt?: number }).__firstRowAt !== undefined, undefined, { timeout });
  return page.evaluate(() => (window as unknown as { __firstRowAt: number }).__firstRowAt);
}
