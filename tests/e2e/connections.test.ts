// Settings → Connections in a real browser: a Discord bot is added by token, its state shows, the
// token never reaches the page or the logs' places, and it comes back after a restart of the console.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/start';
import type { RunningHost } from '../../src/main/host/start';
import { startDiscordSimulator } from '../../src/main/practice/discord/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';

const results = join(resolve(__dirname, '../..'), 'test-results');
let rendererDir: string;
let home: string;
let community: DiscordSimulator;
let host: RunningHost;
let browser: BrowserContext;
let page: Page;
const frames: string[] = [];

async function openPage(): Promise<Page> {
  const p = await browser.newPage();
  p.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString())));
  await p.goto(host.url);
  await p.locator('nav.inbox').waitFor();
  return p;
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  rendererDir = await buildRenderer(join(results, 'e2e-renderer-connections'));
  home = mkdtempSync(join(tmpdir(), 'tk-e2e-conn-'));
  community = await startDiscordSimulator({ seed: 21 });
  host = await startHost({ home, rendererDir, practice: false });
  browser = await launchBrowser();
  page = await openPage();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  await community?.close();
});

describe('Settings → Connections', () => {
  it('refuses a page script that opens the contract socket without the launch token', async () => {
    // The socket closes with the wrong-token code (which a tab of this console words), before any contract frame.
    const outcome = await page.evaluate(
      (origin) =>
        new Promise<{ code: number; frames: number }>((done) => {
          const ws = new WebSocket(`${origin.replace('http', 'ws')}/ipc`);
          let frames = 0;
          ws.onopen = () => ws.send(JSON.stringify({ t: 'req', id: 1, name: 'sources.list', payload: {} }));
          ws.onmessage = () => frames++;
          ws.onclose = (ev) => done({ code: ev.code, frames });
        }),
      host.origin,
    );
    expect(outcome).toEqual({ code: 4401, frames: 0 });
  });

  it('says in words when Discord rejects a token, and keeps nothing', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Name for this connection').fill('Wrong bot');
    await page.getByLabel('Bot token').fill('this.is-not.the-right-token-at-all');
    await page.locator('summary').click();
    await page.getByLabel('API base URL').fill(community.apiBase);
    await page.getByRole('button', { name: 'Add bot' }).click();
    await expect.poll(() => page.locator('.settings').innerText(), { timeout: 15_000 }).toMatch(/rejected/i);
    expect(existsSync(join(home, 'sources.json'))).toBe(false);
    // The secret store may hold this console's own ledger key, never the rejected token.
    const secrets = join(home, 'secrets.json');
    if (existsSync(secrets)) expect(readFileSync(secrets, 'utf8')).not.toContain('this.is-not.the-right-token-at-all');
  });

  it('adds a bot by token, shows it connected, and never sends the token to the page', async () => {
    await page.getByLabel('Name for this connection').fill('Our Discord');
    await page.getByLabel('Bot token').fill(community.token);
    await page.getByLabel('API base URL').fill(community.apiBase);
    await page.getByRole('button', { name: 'Add bot' }).click();
    await expect.poll(() => page.locator('.settings').innerText(), { timeout: 15_000 }).toMatch(/Our Discord was added/);
    await expect.poll(() => page.locator('header').innerText()).toMatch(/Our Discord[\s\S]*connected/);
    expect(await page.getByLabel('Bot token').inputValue()).toBe('');

    const secrets = join(home, 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(readFileSync(secrets, 'utf8')).toContain(community.token);
    expect(readFileSync(join(home, 'sources.json'), 'utf8')).not.toContain(community.token);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.some((f) => f.includes(community.token))).toBe(false);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(community.token);
  });

  it('brings the connection back after the console restarts, and its messages reach the inbox', async () => {
    await page.close();
    await host.close();
    host = await startHost({ home, rendererDir, practice: false });
    page = await openPage();
    await expect.poll(() => page.locator('header').innerText(), { timeout: 15_000 }).toMatch(/Our Discord[\s\S]*connected/);
    const author = community.memberIdsByRole('Member').find((m) => !community.memberIdsByRole('Moderator').includes(m) && !community.memberIdsByRole('Admin').includes(m))!;
    community.postMessage({ channelId: community.channels.general, authorId: author, content: 'FREE NITRO for all, claim now https://discord-gift.ru/claim?c=restart' });
    await page.locator('[role="option"]', { hasText: 'restart' }).first().waitFor({ timeout: 15_000 });
    expect(frames.some((f) => f.includes(community.token))).toBe(false);
  });
});
