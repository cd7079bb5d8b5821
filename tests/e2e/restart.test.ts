// A restart of the console loses nothing, in a real Chromium against the console's own process (host
// mode, as `npm start` runs it) and a community in another process (as `npm run practice` runs one):
// the console process is stopped and started again over the same settings folder; it comes back on
// the same address, so the browser's store is found again — inbox, resolved items, the outbox, a draft and the
// language — a queued action runs exactly once, a tab left open reconnects by itself, its badges never
// claim "connected" while the console is away, and a raid that happened meanwhile becomes an incident.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscordSimulator, type DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { draftsZhCN } from '../../src/renderer/src/i18n/drafts.zh-CN';
import { zhCN } from '../../src/renderer/src/i18n/zh-CN';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';
import { rowWith, showAll } from './inbox';

const repo = resolve(__dirname, '../..');
const results = join(repo, 'test-results');
const SOURCE = 'env-discord';

let sim: DiscordSimulator;
let browser: BrowserContext;
let rendererDir: string;
let home: string;
let running: ConsoleProcess | undefined;

interface ConsoleProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm start`'s host process (from source, so the test needs no main build), on one settings folder. */
function startConsole(): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'src/main/host.ts')], {
    cwd: repo,
    env: {
      // Nothing of the developer's own TRIBE_* setup (a real account, a port) leaks into the test.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('TRIBE_'))),
      TRIBE_HOME: home,
      TRIBE_RENDERER_DIR: rendererDir,
      TRIBE_DISCORD_API: sim.apiBase,
      TRIBE_DISCORD_TOKEN: sim.token,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const output = () => text;
  return new Promise((resolveStart, reject) => {
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/.exec(text)?.[1];
      if (url) {
        child.stdout?.off('data', onData);
        child.stdout?.on('data', (more: Buffer) => (text += more.toString()));
        resolveStart({ child, url, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the console exited (${code}) before printing its address:\n${text}`)));
  });
}

/** Ctrl-C, as a moderator stops `npm start`: waits until the process is gone. */
async function stopConsole(c: ConsoleProcess): Promise<void> {
  if (c.child.exitCode !== null) return;
  const exited = new Promise((r) => c.child.once('exit', r));
  c.child.kill('SIGTERM');
  await exited;
}

/** The address with the outbox test hook on (`?e2e`), before the launch-token fragment. */
function hooked(url: string): string {
  const u = new URL(url);
  u.search = '?e2e=1';
  return u.toString();
}

type Hook = {
  run(intent: unknown): Promise<string>;
  outbox(): Promise<Array<{ key: string; status: string; error?: string }>>;
};

function run(page: Page, intent: unknown): Promise<string> {
  return page.evaluate((i) => (window as unknown as { tribekeeperTest: Hook }).tribekeeperTest.run(i), intent);
}

function outbox(page: Page) {
  return page.evaluate(() => (window as unknown as { tribekeeperTest: Hook }).tribekeeperTest.outbox());
}

/** The inbox as IndexedDB holds it: item id → status. */
function storedInbox(page: Page): Promise<Record<string, string>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, string>>((done, fail) => {
        const open = indexedDB.open('tribekeeper');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('inboxItems').objectStore('inboxItems').getAll();
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const out: Record<string, string> = {};
            for (const item of req.result as Array<{ id: string; status: string }>) out[item.id] = item.status;
            open.result.close();
            done(out);
          };
        };
      }),
  );
}

/** The texts of the drafts IndexedDB keeps. */
function storedDraftTexts(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((done, fail) => {
        const open = indexedDB.open('tribekeeper');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          // Without the table (a console before schema v9) nothing is kept: an empty answer, not a hang.
          if (!open.result.objectStoreNames.contains('drafts')) {
            open.result.close();
            done([]);
            return;
          }
          const req = open.result.transaction('drafts').objectStore('drafts').getAll();
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            open.result.close();
            done((req.result as Array<{ value: unknown }>).map((r) => r.value));
          };
        };
      }),
  );
}

const bridgeClass = (page: Page) => page.locator('.bridge').getAttribute('class');
const discordBadge = (page: Page) => page.locator('.source-status', { hasText: 'TRIBE_DISCORD_API' });

function member(): string {
  const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
  const id = sim.memberIdsByRole('Member').find((m) => !staff.has(m) && sim.canPost(m) && !used.has(m));
  if (!id) throw new Error('no regular member left');
  used.add(id);
  return id;
}
const used = new Set<string>();

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  rendererDir = await buildRenderer(join(results, 'e2e-renderer-restart'));
  sim = await startDiscordSimulator({ seed: 17 });
  home = mkdtempSync(join(tmpdir(), 'tk-e2e-restart-'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (running) await stopConsole(running);
  await sim?.close();
});

const DRAFT = 'Thanks for the report, we are looking into the alpha giveaway (restart draft)';

describe('a restart of the console', () => {
  it('keeps the address, the browser’s store and a draft; a queued action runs once; an open tab comes back by itself', async () => {
    running = await startConsole();
    const address = running.url;
    const page = await browser.newPage();
    await page.goto(hooked(address));
    await expect.poll(() => bridgeClass(page), { timeout: 60_000 }).toContain('bridge-connected');
    await expect.poll(() => discordBadge(page).getAttribute('class'), { timeout: 60_000 }).toContain('state-ready');

    // The inbox fills; one item is resolved by hand.
    // Three different lures from three members: three items (the same lure twice would be one).
    const lures = ['free nitro giveaway, claim it before midnight alpha', 'anyone want free nitro? message me for the bravo code', 'free nitro here for charlie members, limited offer'];
    const scams = lures.map((content) => sim.postMessage({ channelId: sim.channels.general, authorId: member(), content }));
    await showAll(page);
    for (const marker of ['alpha', 'bravo', 'charlie']) await rowWith(page, marker).first().waitFor({ timeout: 30_000 });
    await rowWith(page, 'alpha').first().click();
    // A reply begun on it first: the moderator's words outlive the item's resolve and the restart.
    await page.keyboard.press('r');
    await page.getByLabel(/^Reply in #general/).fill(DRAFT);
    await expect.poll(() => storedDraftTexts(page), { timeout: 20_000 }).toEqual([DRAFT]);
    await page.getByRole('button', { name: 'Resolve without action' }).click();
    await expect.poll(async () => Object.values(await storedInbox(page)).filter((s) => s === 'resolved').length, { timeout: 20_000 }).toBe(1);

    // An action waits in the outbox: Discord is unreachable when it is asked for.
    sim.setNetworkDown(true);
    await expect.poll(() => discordBadge(page).getAttribute('class'), { timeout: 60_000 }).not.toContain('state-ready');
    const base = { sourceId: SOURCE, platform: 'discord' as const, spaceId: sim.guildId, channelId: sim.channels.general };
    const queuedBefore = { ...base, key: randomUUID(), kind: 'delete', messageId: scams[1]!.id };
    expect(await run(page, queuedBefore)).toBe('queued');

    // The moderator's language.
    await page.locator('.app-header .language select').selectOption('zh-CN');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    const inboxBefore = await storedInbox(page);
    expect(Object.keys(inboxBefore).length).toBeGreaterThanOrEqual(3);

    // The console stops. The open tab says so, and no badge still claims a connection.
    await stopConsole(running);
    running = undefined;
    await expect.poll(() => bridgeClass(page), { timeout: 30_000 }).not.toContain('bridge-connected');
    await expect.poll(() => discordBadge(page).getAttribute('class'), { timeout: 30_000 }).toContain('state-unknown');
    expect(await discordBadge(page).locator('.state-words').innerText()).toBe(zhCN.sourceState.unknown);

    // While it is stopped: another action is asked for, Discord comes back, and a raid happens.
    const queuedWhileStopped = { ...base, key: randomUUID(), kind: 'delete', messageId: scams[2]!.id };
    expect(await run(page, queuedWhileStopped)).toBe('queued');
    sim.setNetworkDown(false);
    const raiders = Array.from({ length: 12 }, (_, i) => sim.addMember({ username: `xX_raider${i + 1}`, accountCreatedAt: new Date(Date.now() - 30 * 60_000) }).userId);
    for (const id of raiders) sim.postMessage({ channelId: sim.channels.general, authorId: id, content: 'RAID RAID 🔥' });
    const logBefore = sim.requestLog.length;

    // Started again over the same settings folder: the same address, token and all.
    running = await startConsole();
    expect(running.url).toBe(address);

    // The tab left open reconnects by itself, and runs what waited — once.
    await expect.poll(() => bridgeClass(page), { timeout: 60_000 }).toContain('bridge-connected');
    await expect.poll(() => discordBadge(page).getAttribute('class'), { timeout: 60_000 }).toContain('state-ready');
    await expect.poll(async () => (await outbox(page)).filter((r) => r.status !== 'confirmed'), { timeout: 90_000 }).toEqual([]);
    for (const scam of [scams[1]!, scams[2]!]) {
      expect(sim.message(sim.channels.general, scam.id)?.deleted).toBe(true);
      const deletes = sim.requestLog.slice(logBefore).filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${scam.id}`) && r.status < 300);
      expect([scam.id, deletes.length]).toEqual([scam.id, 1]);
    }

    // A new tab on the same address finds everything: items, the resolved one, the outbox, the language.
    const second = await browser.newPage();
    await second.goto(hooked(running.url));
    await expect.poll(() => bridgeClass(second), { timeout: 60_000 }).toContain('bridge-connected');
    expect(await second.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await second.locator('.app-header .language select').inputValue()).toBe('zh-CN');
    const inboxAfter = await storedInbox(second);
    for (const [id, status] of Object.entries(inboxBefore)) {
      expect([id, inboxAfter[id] === undefined ? 'missing' : status === 'resolved' ? inboxAfter[id] : 'kept']).toEqual([id, status === 'resolved' ? 'resolved' : 'kept']);
    }
    await second.getByRole('group', { name: zhCN.inbox.filterLabel }).getByRole('button', { name: new RegExp(`^${zhCN.inbox.filter.resolved}`) }).click();
    await rowWith(second, 'alpha').first().waitFor({ timeout: 20_000 });
    await rowWith(second, 'alpha').first().click();
    await second.keyboard.press('r');
    await expect.poll(() => second.locator('#item form.reply textarea').inputValue(), { timeout: 20_000 }).toBe(DRAFT);
    expect(await second.getByTestId('draft-restored').innerText()).toMatch(new RegExp(`^${draftsZhCN.drafts.restored.split(' ')[0]}.*${zhCN.item.status.resolved}`));
    const rows = await outbox(second);
    expect(rows.filter((r) => r.key === queuedBefore.key || r.key === queuedWhileStopped.key).map((r) => r.status)).toEqual(['confirmed', 'confirmed']);

    // The raid while the console was closed is one incident.
    await expect
      .poll(async () => Object.keys(await storedInbox(second)).filter((id) => id.startsWith(`group:${SOURCE}:raid:`)).length, { timeout: 60_000 })
      .toBe(1);

    // Nothing ran twice, even with two tabs replaying the same outbox.
    for (const scam of [scams[1]!, scams[2]!]) {
      const deletes = sim.requestLog.slice(logBefore).filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${scam.id}`));
      expect([scam.id, deletes.length]).toEqual([scam.id, 1]);
    }
    await second.close();
    await page.close();
  }, 400_000);
});
