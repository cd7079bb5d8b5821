// The learned model in a real Chromium against host mode and the practice community: a scam no rule
// knows (a "new number" family scam in Spanish) reaches the inbox flagged by the model, and the row says
// why in the moderator's language — what it reads like and the words that weighed most; the rule
// editor's preview runs it in the renderer and lets the team turn it off.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';
import { rowWith, showAll } from './inbox';

const results = join(resolve(__dirname, '../..'), 'test-results');

let host: Awaited<ReturnType<typeof startHost>>;
let practice: DiscordSimulator;
let browser: BrowserContext;
let page: Page;

function member(): string {
  const staff = new Set([...practice.memberIdsByRole('Moderator'), ...practice.memberIdsByRole('Admin')]);
  const id = practice.memberIdsByRole('Member').find((m) => !staff.has(m) && practice.canPost(m));
  if (!id) throw new Error('no regular member left');
  return id;
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, 'e2e-renderer-model'));
  const home = mkdtempSync(join(tmpdir(), 'tk-e2e-model-'));
  host = await startHost({ home, rendererDir, practice: { seed: 5, speed: 6 } });
  if (!host.practice) throw new Error('host started without the practice community');
  practice = host.practice;
  browser = await launchBrowser();
  page = await browser.newPage();
  await page.goto(host.url);
  await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('the learned model', () => {
  it('flags a scam no rule knows, and the row says what it reads like and which words weighed', async () => {
    const text = 'hola mamá, este es mi número nuevo, se me rompió el móvil, pásame dinero para el alquiler';
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: text });
    await showAll(page);
    const row = rowWith(page, 'este es mi número nuevo').first();
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(() => row.locator('.reason').allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringMatching(/^Reads like a scam: '[^']+', '[^']+', '[^']+' \(model, \d+%\)$/));
  });

  it('runs in the rule editor’s preview too, where the team can turn it off', async () => {
    await page.getByRole('button', { name: 'Rules' }).click();
    const view = page.locator('#rules');
    await view.getByRole('heading', { name: 'Triage rules' }).waitFor();
    await view.getByRole('button', { name: /^Learned model/ }).click();
    const matches = view.getByTestId('preview-matches');
    await expect.poll(() => matches.innerText(), { timeout: 20_000 }).toContain('este es mi número nuevo');
    expect(await matches.innerText()).toMatch(/Reads like a scam: '[^']+'/);
    await view.getByLabel('Flag what the rules miss with the learned model').uncheck();
    await expect.poll(() => view.getByTestId('preview-changes').innerText(), { timeout: 20_000 }).toMatch(/[1-9]\d* fewer/);
  });
});
