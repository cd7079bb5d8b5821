// Issue 17 in a real browser: the console loads without a single CSP violation (zod runs jitless),
// Settings says how tokens are kept, and an item whose message was longer than triage reads says so.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { TRIAGE_MAX_CHARS } from '../../src/shared/triage/engine';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';
import { rowWith, showAll } from './inbox';

const results = join(resolve(__dirname, '../..'), 'test-results');
let host: Awaited<ReturnType<typeof startHost>>;
let practice: DiscordSimulator;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, 'e2e-renderer-security'));
  host = await startHost({ home: mkdtempSync(join(tmpdir(), 'tk-e2e-sec-')), rendererDir, practice: { seed: 11, speed: 1, scenario: false, telegram: false } });
  if (!host.practice) throw new Error('host started without the practice community');
  practice = host.practice;
  browser = await launchBrowser();
  page = await browser.newPage();
  // Every violation the page reports, also those of a caught `new Function` probe (no console line for those).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('console security in a browser', () => {
  it('loads and syncs without any CSP violation', async () => {
    await expect.poll(() => page.locator('.bridge').innerText(), { timeout: 30_000 }).toContain('Connected');
    await expect.poll(() => page.locator('.sources').innerText(), { timeout: 30_000 }).toMatch(/Practice Community[\s\S]*connected/);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });

  it('says in the item when a message was longer than triage reads', async () => {
    const member = practice.memberIdsByRole('Member').find((m) => practice.canPost(m));
    if (!member) throw new Error('no member can post');
    const lure = 'claim your free nitro at https://discord-gift.ru/claim now ';
    practice.postMessage({ channelId: practice.channels.general, authorId: member, content: `long-lure ${lure.repeat(Math.ceil((TRIAGE_MAX_CHARS + 5000) / lure.length))}` });
    await showAll(page);
    await rowWith(page, 'long-lure').first().click();
    await expect.poll(() => page.locator('#item .truncated').innerText(), { timeout: 30_000 }).toBe(`Only the first ${TRIAGE_MAX_CHARS.toLocaleString('en')} characters of this message were checked; it is longer.`);
    expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  });

  it('says in Settings how tokens are kept in host mode', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.locator('.secret-protection').innerText(), { timeout: 15_000 }).toContain('only your user account can read (host mode)');
  });
});
