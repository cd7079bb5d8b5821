// Discord traffic the way Discord sends it, seen by a moderator in a real Chromium (host mode, the
// practice community): a message edited into a scam shows its text before and after (as text), a
// forward says whose message it copies, an AutoMod catch is an item, and a timeout's mod-log line
// names the bot when the moderator set no name of their own.
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
import { ownMemberMaker } from './practiceConsole';

const results = join(resolve(__dirname, '../..'), 'test-results');

let host: Awaited<ReturnType<typeof startHost>>;
let practice: DiscordSimulator;
let browser: BrowserContext;
let page: Page;
const dialogs: string[] = [];

const freshMember = ownMemberMaker(() => practice);

/**
 * Scrolls the inbox to the first row showing `text`, waiting until `count` rows show it. The practice
 * story keeps posting and the list renders only the rows on screen, so the row may be anywhere in it:
 * each try walks the list from the top, a screen at a time.
 */
async function findRows(text: string | RegExp, count = 1): Promise<void> {
  await showAll(page);
  const list = page.locator('.inbox [role="listbox"]');
  await expect
    .poll(async () => {
      await list.evaluate((el) => el.scrollTo({ top: 0 }));
      for (let screens = 0; screens < 200; screens++) {
        const seen = await rowWith(page, text).count();
        if (seen >= count) return seen;
        const moved = await list.evaluate((el) => {
          const before = el.scrollTop;
          el.scrollTo({ top: before + el.clientHeight * 0.8 });
          return el.scrollTop !== before;
        });
        if (!moved) break;
      }
      return 0;
    }, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(count);
}

async function openItem(text: string | RegExp): Promise<void> {
  await findRows(text);
  await rowWith(page, text).first().click();
  await page.locator('#item .action-bar').waitFor();
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, 'e2e-renderer-traffic'));
  host = await startHost({ home: mkdtempSync(join(tmpdir(), 'tk-e2e-traffic-')), rendererDir, practice: { seed: 12, speed: 20 } });
  if (!host.practice) throw new Error('host started without the practice community');
  practice = host.practice;
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(host.url);
  await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
  // The console's bot on the practice gateway: what the tests post from here on arrives live (a message
  // posted before would come only with the catch-up, without its edit).
  for (const deadline = Date.now() + 30_000; practice.connectedClients === 0; ) {
    if (Date.now() > deadline) throw new Error('the console never connected to the practice gateway');
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe('Discord traffic in the console', () => {
  it('shows a message edited into a scam with its text before the edit, as text', async () => {
    // A flagged message arriving live first: the bot has the guild in its cache, so the edit below is seen.
    practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'free nitro giveaway, claim your prize (canary-e2e)' });
    await findRows('(canary-e2e)');
    const before = 'see you all at <img src=x onerror=alert(1)> the meetup (edit-e2e)';
    const posted = practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: before });
    practice.editMessage(practice.channels.general, posted.id, 'meetup moved, free nitro for all: https://steamcommunlty.ru/gift (edit-e2e)');
    await openItem('meetup moved, free nitro');
    const edited = page.getByTestId('edit-before');
    await expect.poll(() => edited.innerText(), { timeout: 20_000 }).toContain(before);
    expect(await edited.innerText()).toMatch(/^Before the edit/);
    expect(await page.locator('#item .flagged-message').innerText()).toContain('After the edit');
    expect(await page.locator('#item img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('says whose message a forward copies', async () => {
    const writer = freshMember();
    const original = practice.postMessage({ channelId: practice.channels.help, authorId: writer, content: 'free nitro giveaway, claim at https://nitro-fwd.example/claim (fwd-e2e)' });
    practice.forwardMessage({ channelId: practice.channels.general, authorId: freshMember(), from: { channelId: practice.channels.help, messageId: original.id } });
    // The same lure as the original: one item holds both, and the forward says whose message it copies.
    const writerName = practice.member(writer)!.globalName ?? practice.member(writer)!.username;
    await expect
      .poll(async () => {
        await findRows('(fwd-e2e)');
        await rowWith(page, '(fwd-e2e)').first().click();
        return page.locator('#item').innerText();
      }, { timeout: 30_000 })
      .toContain(`Forwarded from ${writerName} (#help)`);
  });

  it('makes an item of what Discord AutoMod caught', async () => {
    practice.addAutoModRule({ name: 'No account selling', keywords: ['selling accounts'], alertChannelId: practice.channels.modLog });
    const blocked = practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'cheap! selling accounts, dm me (automod-e2e)' });
    expect(blocked.blockedBy).toBe('No account selling');
    await openItem('(automod-e2e)');
    expect(await page.locator('#item .flags').innerText()).toContain('Discord AutoMod flagged a message · rule "No account selling" · matched "selling accounts"');
  });

  it('offers no timeout or ban for a webhook\'s scam, says why once, and deletes its message', async () => {
    const hook = practice.addWebhook(practice.channels.general, 'Nitro Drops');
    const posted = practice.postWebhookMessage(hook, 'free nitro from the hook, claim at https://nitro-hook-e2e.example/claim (webhook-e2e)');
    await openItem('(webhook-e2e)');
    const bar = page.locator('#item .action-bar');
    await expect.poll(() => bar.locator('.why-not').allInnerTexts()).toEqual([expect.stringMatching(/^A webhook posted this, not a member/)]);
    for (const name of ['Ban', 'Timeout author', 'Kick', 'Delete + timeout', 'Warn']) expect(await bar.getByRole('button', { name, exact: true }).count()).toBe(0);
    await bar.getByRole('button', { name: 'Delete message', exact: true }).click();
    await expect.poll(() => practice.message(practice.channels.general, posted.id)?.deleted, { timeout: 30_000 }).toBe(true);
  });

  it('posts a timeout to the mod-log naming the bot when the moderator left their name empty', async () => {
    const member = freshMember();
    practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'free nitro giveaway claim your prize now (timeout-e2e)' });
    await openItem('(timeout-e2e)');
    await page.keyboard.press('t');
    const form = page.getByRole('form', { name: 'Time out the member' });
    await form.waitFor();
    // A console in a team starts with the roster name; without one (or cleared) the field is empty.
    await form.getByLabel(/^Your name/).fill('');
    await form.getByRole('button', { name: /^Timeout/ }).last().click();
    const memberName = practice.member(member)!.globalName ?? practice.member(member)!.username;
    await expect
      .poll(() => practice.messages(practice.channels.modLog).map((m) => m.content).find((c) => c.includes(memberName) && /Timeout/.test(c)) ?? '', { timeout: 30_000 })
      .toMatch(/ · by Tribekeeper$/);
  });
});
