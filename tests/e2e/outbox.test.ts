// The offline outbox, exactly once, in a real Chromium against host mode and the practice community:
// with the network to Discord down, a hundred mixed actions wait in the outbox; the network comes back,
// the renderer crashes in the middle of the replay, a new page replays the rest, and the simulator's own
// state and request log show every action happened once.
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionIntent } from '../../src/shared/domain/actions';
import { startHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';

const results = join(resolve(__dirname, '../..'), 'test-results');
const SOURCE = 'practice-discord';

let host: Awaited<ReturnType<typeof startHost>>;
let practice: DiscordSimulator;
let browser: BrowserContext;

/** The console's address with the outbox test hook on (`?e2e`), before the launch-token fragment. */
function e2eUrl(): string {
  const url = new URL(host.url);
  url.search = '?e2e=1';
  return url.toString();
}

async function openConsole(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(e2eUrl());
  await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  return page;
}

function discordState(page: Page) {
  return page.locator('.source-status', { hasText: 'Practice Community' }).filter({ has: page.locator('text=Discord') }).locator('.state-words').innerText();
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, 'e2e-renderer-outbox'));
  // Slow story: the test's own actions are what the request log is read for.
  host = await startHost({ home: mkdtempSync(join(tmpdir(), 'tk-e2e-outbox-')), rendererDir, practice: { seed: 21, speed: 1 } });
  if (!host.practice) throw new Error('host started without the practice community');
  practice = host.practice;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('the outbox, offline and across a renderer crash', () => {
  it('runs 100 queued mixed actions exactly once after the network returns, although the renderer died mid-replay', async () => {
    const g = practice.guildId;
    const general = practice.channels.general;
    const author = practice.memberIdsByRole('Member').find((m) => practice.canPost(m))!;
    const doomed = Array.from({ length: 40 }, (_, i) => practice.postMessage({ channelId: general, authorId: author, content: `outbox test message ${i}` }).id);
    const timeouts = Array.from({ length: 15 }, () => practice.addMember({ accountCreatedAt: new Date(Date.now() - 400 * 86_400_000) }).userId);
    const kicks = Array.from({ length: 15 }, () => practice.addMember({ accountCreatedAt: new Date(Date.now() - 400 * 86_400_000) }).userId);
    const replies = Array.from({ length: 30 }, (_, i) => `Outbox reply ${i}: please keep it friendly`);
    const base = { sourceId: SOURCE, platform: 'discord' as const, spaceId: g, channelId: general };
    const intents: ActionIntent[] = [];
    for (let i = 0; i < 40; i++) {
      intents.push({ ...base, key: randomUUID(), kind: 'delete', messageId: doomed[i]! });
      if (i < 30) intents.push({ ...base, key: randomUUID(), kind: 'reply', text: replies[i]! });
      if (i < 15) intents.push({ ...base, key: randomUUID(), kind: 'timeout', memberId: timeouts[i]!, durationSeconds: 600 });
      if (i < 15) intents.push({ ...base, key: randomUUID(), kind: 'kick', memberId: kicks[i]! });
    }
    expect(intents).toHaveLength(100);

    let page = await openConsole();
    await expect.poll(() => discordState(page), { timeout: 30_000 }).toBe('connected');
    practice.setNetworkDown(true);
    await expect.poll(() => discordState(page), { timeout: 30_000 }).not.toBe('connected');
    const logBefore = practice.requestLog.length;

    // Queued through the outbox's own entry point; main answers "offline" and each waits.
    const statuses = await page.evaluate(async (list) => {
      const hook = (window as unknown as { tribekeeperTest: { run(intent: unknown): Promise<string> } }).tribekeeperTest;
      const out: string[] = [];
      for (const intent of list) out.push(await hook.run(intent));
      return out;
    }, intents);
    expect(new Set(statuses)).toEqual(new Set(['queued']));
    expect(await page.getByRole('button', { name: /^Outbox:/ }).innerText()).toBe('Outbox: 100 pending');
    expect(practice.requestLog.length).toBe(logBefore);

    // The network returns; the replay starts; the renderer crashes part-way through.
    const actionRequests = () => practice.requestLog.slice(logBefore).filter((r) => r.method !== 'GET').length;
    practice.setNetworkDown(false);
    // discord.js reconnects with its own backoff; a slow machine may need a while.
    await expect.poll(actionRequests, { timeout: 90_000, interval: 20 }).toBeGreaterThanOrEqual(10);
    // Killed, not closed politely: no unload handlers, work in flight abandoned. (A CDP crash would take
    // the whole browser down where Chromium runs as a single process, as the packaged headless one does.)
    await page.close({ runBeforeUnload: false });
    const doneAtCrash = actionRequests();
    expect(doneAtCrash).toBeLessThan(100);

    page = await openConsole();
    const badge = page.getByRole('button', { name: /^Outbox:/ });
    await expect.poll(() => badge.innerText(), { timeout: 90_000 }).toBe('Outbox: 0 pending');
    // Every action confirmed; a failure is printed with its key, attempts and error in words.
    const rows = await page.evaluate(() => (window as unknown as { tribekeeperTest: { outbox(): Promise<Array<{ status: string }>> } }).tribekeeperTest.outbox());
    expect(rows).toHaveLength(100);
    expect(rows.filter((r) => r.status !== 'confirmed')).toEqual([]);

    // Exactly once, by the platform's own state and by what reached it.
    const after = practice.requestLog.slice(logBefore);
    const count = (method: string, path: RegExp) => after.filter((r) => r.method === method && path.test(r.path) && r.status < 300).length;
    for (const id of doomed) {
      expect(practice.message(general, id)?.deleted).toBe(true);
      expect([id, count('DELETE', new RegExp(`/channels/${general}/messages/${id}$`))]).toEqual([id, 1]);
    }
    const texts = practice.messages(general).map((m) => m.content);
    for (const text of replies) expect([text, texts.filter((t) => t === text).length]).toEqual([text, 1]);
    for (const id of timeouts) {
      expect(practice.member(id)?.communicationDisabledUntil).not.toBeNull();
      expect([id, count('PATCH', new RegExp(`/guilds/${g}/members/${id}$`))]).toEqual([id, 1]);
    }
    for (const id of kicks) {
      expect(practice.member(id)?.present).toBe(false);
      expect([id, count('DELETE', new RegExp(`/guilds/${g}/members/${id}$`))]).toEqual([id, 1]);
    }
    await page.close();
  }, 300_000);

  it('runs what waited when the page opened while Discord was still down', async () => {
    const general = practice.channels.general;
    const author = practice.memberIdsByRole('Member').find((m) => practice.canPost(m))!;
    const doomed = Array.from({ length: 5 }, (_, i) => practice.postMessage({ channelId: general, authorId: author, content: `second outbox message ${i}` }).id);
    let page = await openConsole();
    await expect.poll(() => discordState(page), { timeout: 30_000 }).toBe('connected');
    practice.setNetworkDown(true);
    await expect.poll(() => discordState(page), { timeout: 30_000 }).not.toBe('connected');
    const base = { sourceId: SOURCE, platform: 'discord' as const, spaceId: practice.guildId, channelId: general };
    const statuses = await page.evaluate(async (list) => {
      const hook = (window as unknown as { tribekeeperTest: { run(intent: unknown): Promise<string> } }).tribekeeperTest;
      const out: string[] = [];
      for (const intent of list) out.push(await hook.run(intent));
      return out;
    }, doomed.map((messageId) => ({ ...base, key: randomUUID(), kind: 'delete', messageId })));
    expect(statuses).toEqual(['queued', 'queued', 'queued', 'queued', 'queued']);
    await page.close();

    // A new page subscribes while the source is down: it learns the state from main, not from a change.
    page = await openConsole();
    const badge = page.getByRole('button', { name: /^Outbox:/ });
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Outbox: 5 pending');
    expect(await discordState(page)).not.toBe('connected');
    practice.setNetworkDown(false);
    await expect.poll(() => badge.innerText(), { timeout: 90_000 }).toBe('Outbox: 0 pending');
    for (const id of doomed) expect(practice.message(general, id)?.deleted).toBe(true);
    await page.close();
  }, 200_000);

  it('never runs an action cancelled from the outbox panel while it waited, and runs the one beside it once', async () => {
    const general = practice.channels.general;
    const author = practice.memberIdsByRole('Member').find((m) => practice.canPost(m))!;
    const [kept, cancelled] = [0, 1].map((i) => practice.postMessage({ channelId: general, authorId: author, content: `cancel test message ${i}` }).id);
    const page = await openConsole();
    await expect.poll(() => discordState(page), { timeout: 30_000 }).toBe('connected');
    practice.setNetworkDown(true);
    await expect.poll(() => discordState(page), { timeout: 30_000 }).not.toBe('connected');
    const base = { sourceId: SOURCE, platform: 'discord' as const, spaceId: practice.guildId, channelId: general };
    await page.evaluate(async (list) => {
      const hook = (window as unknown as { tribekeeperTest: { run(intent: unknown): Promise<string> } }).tribekeeperTest;
      for (const intent of list) await hook.run(intent);
    }, [kept, cancelled].map((messageId) => ({ ...base, key: randomUUID(), kind: 'delete', messageId })));
    const badge = page.getByRole('button', { name: /^Outbox:/ });
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Outbox: 2 pending');
    await badge.click();
    const panel = page.getByRole('dialog', { name: 'Outbox' });
    await panel.getByRole('listitem').filter({ hasText: cancelled! }).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => badge.innerText(), { timeout: 30_000 }).toBe('Outbox: 1 pending');
    await expect.poll(() => panel.getByRole('listitem').filter({ hasText: cancelled! }).count()).toBe(0);

    const logBefore = practice.requestLog.length;
    practice.setNetworkDown(false);
    await expect.poll(() => badge.innerText(), { timeout: 90_000 }).toBe('Outbox: 0 pending');
    expect(practice.message(general, kept!)?.deleted).toBe(true);
    expect(practice.message(general, cancelled!)?.deleted).toBe(false);
    const deletes = (id: string) => practice.requestLog.slice(logBefore).filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${id}`)).length;
    expect([deletes(kept!), deletes(cancelled!)]).toEqual([1, 0]);
    await page.close();
  }, 200_000);
});
