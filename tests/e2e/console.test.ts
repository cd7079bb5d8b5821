// The console in a real Chromium against host mode and the practice community: the scam shows up,
// keyboard moderation reaches Discord, reloads resume without gap or repeat, hostile text stays
// text, failures are explained, and axe finds nothing serious in English or Chinese.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, rows, selectRowWhenListed, seriousViolations, showAll } from './inbox';
import { launchBrowser } from './browser';
import { buildRenderer } from './buildRenderer';

const repo = resolve(__dirname, '../..');
const results = join(repo, 'test-results');

let host: Awaited<ReturnType<typeof startHost>>;
let practice: DiscordSimulator;
let browser: BrowserContext;
let page: Page;
const dialogs: string[] = [];
const cspViolations: string[] = [];

/** Records every dialog (an XSS would open one) and every CSP violation the console reports. */
function track(p: Page): Page {
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  p.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  return p;
}

beforeAll(async () => {
  mkdirSync(results, { recursive: true });
  const rendererDir = await buildRenderer(join(results, 'e2e-renderer'));
  const home = mkdtempSync(join(tmpdir(), 'tk-e2e-home-'));
  host = await startHost({ home, rendererDir, practice: { seed: 7, speed: 6 } });
  if (!host.practice) throw new Error('host started without the practice community');
  practice = host.practice;
  browser = await launchBrowser();
  page = track(await browser.newPage());
  await page.goto(host.url);
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
});


const usedAuthors = new Set<string>();
/**
 * A member who can still post, is no moderator (so the bot may act on them) and has not posted for
 * this test before: one author per message keeps triage from folding them into one flood incident.
 */
function freshMember(): string {
  const staff = new Set([...practice.memberIdsByRole('Moderator'), ...practice.memberIdsByRole('Admin')]);
  const ids = practice.memberIdsByRole('Member');
  const id = ids.slice(Math.floor(ids.length / 2)).find((m) => !staff.has(m) && !usedAuthors.has(m) && practice.canPost(m));
  if (!id) throw new Error('no regular member left');
  usedAuthors.add(id);
  return id;
}




/** The lure the j/k-and-d test posts and deletes (then shown under Resolved). */
const JK_LURE = 'free nitro gift here, claim your prize before it is gone (j/k and d)';

/** Opens the row showing `text` with a click (keyboard selection has its own test). */
async function openRow(p: Page, text: string): Promise<void> {
  await rowWith(p, text).first().click();
  await p.locator('#item .action-bar').waitFor();
}


describe('moderation console in a browser', () => {
  it('shows the scenario scam message in the inbox, and hides the launch token from the URL', async () => {
    await rowWith(page, 'discord-gift.ru').first().waitFor({ timeout: 30_000 });
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => page.locator('.bridge').innerText()).toContain('Connected');
    await expect.poll(() => page.locator('.sources').innerText(), { timeout: 30_000 }).toMatch(/Practice Community[\s\S]*connected/);
  });

  it('deletes the scam message in Discord with j/k and d', async () => {
    // A lure of this test's own: the scenario's Nitro lure is folded with its copies on Telegram and
    // WhatsApp and with the story's later wave, which reopen that item whenever a new copy arrives.
    const scam = practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: JK_LURE });
    await selectRowWhenListed(page, JK_LURE);
    await page.keyboard.press('d');
    await expect.poll(() => practice.message(practice.channels.general, scam.id)?.deleted, { timeout: 20_000 }).toBe(true);
    // Act → next may have moved on (to a raid, first in the list): the item itself, under All, says what was done.
    await showAll(page);
    await selectRowWhenListed(page, JK_LURE);
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toMatch(/Deleted (\d+ messages? )?by you/);
    await expect.poll(() => page.locator('.inbox [role="option"][aria-selected="true"]').innerText(), { timeout: 20_000 }).toMatch(/message deleted/);
  });

  it('times out a member, and explains a failure in words', async () => {
    const member = freshMember();
    practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'claim your prize: free nitro for the first 10 (member)' });
    await showAll(page);
    await openRow(page, 'first 10 (member)');
    await page.keyboard.press('t');
    await page.getByLabel('Timeout duration').selectOption({ label: '5 minutes' });
    await page.getByRole('button', { name: 'Timeout', exact: true }).click();
    await expect.poll(() => practice.member(member)?.communicationDisabledUntil ?? null, { timeout: 20_000 }).not.toBeNull();
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toMatch(/Timed out \(5 minutes\) by you/);

    const admin = practice.memberIdsByRole('Admin')[0];
    if (!admin) throw new Error('the practice community has no Admin');
    // A staff member's words are not flagged (issue 14); a listed scam domain from a staff account still is.
    practice.postMessage({ channelId: practice.channels.general, authorId: admin, content: 'free mint at nfts-mints.com, says the admin (admin)' });
    await openRow(page, 'says the admin (admin)');
    await page.keyboard.press('t');
    await page.getByRole('button', { name: 'Timeout', exact: true }).click();
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toContain('The bot lacks permission to do this here');
    expect(practice.member(admin)?.communicationDisabledUntil ?? null).toBeNull();
    await expect.poll(() => page.locator('#item h2').first().innerText()).toContain('Open');
  });

  it('replies in the channel from the keyboard, and never takes a key typed into the reply box as a shortcut', async () => {
    const member = freshMember();
    const flagged = practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'free nitro gift, claim your prize (reply)' });
    await openRow(page, 'claim your prize (reply)');
    await page.keyboard.press('r');
    // Type only once the reply box has the focus (a loaded machine may take a moment to move it).
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 }).toBe('TEXTAREA');
    const text = 'Please do not post giveaway links here - take it easy, thanks!';
    // Every shortcut letter (d, e, t, j, k, o, r) is in this text; none may act.
    await page.keyboard.type(text);
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(() => practice.messages(practice.channels.general).find((m) => m.content === text)?.replyTo, { timeout: 20_000 })
      .toBe(flagged.id);
    expect(practice.message(practice.channels.general, flagged.id)?.deleted).toBe(false);
    expect(practice.member(member)?.communicationDisabledUntil ?? null).toBeNull();
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toMatch(/Replied by you/);
  });

  it('replays an action whose answer was lost with the connection, and Discord sees it once', async () => {
    const member = freshMember();
    const flagged = practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'free nitro gift, claim your prize (lost answer)' });
    await rowWith(page, 'claim your prize (lost answer)').first().waitFor({ timeout: 20_000 });

    // A tab whose link to main loses the answer to the first actions.execute, then drops.
    const tab = track(await browser.newPage());
    let loseAnswer = true;
    await tab.routeWebSocket(/\/ipc/, (ws) => {
      const server = ws.connectToServer();
      let actionRequest: number | undefined;
      ws.onMessage((m) => {
        const frame = JSON.parse(String(m)) as { id: number; name: string };
        if (frame.name === 'actions.execute') actionRequest = frame.id;
        server.send(m);
      });
      server.onMessage((m) => {
        const frame = JSON.parse(String(m)) as { t: string; id?: number };
        if (loseAnswer && frame.t === 'res' && frame.id === actionRequest) {
          loseAnswer = false;
          void ws.close({ code: 1006 });
          void server.close();
          return;
        }
        ws.send(m);
      });
    });
    await tab.goto(host.url);
    await openRow(tab, 'claim your prize (lost answer)');
    await tab.keyboard.press('d');
    await expect.poll(() => tab.locator('#item').innerText(), { timeout: 30_000 }).toMatch(/Deleted by you/);
    expect(loseAnswer).toBe(false);
    expect(practice.message(practice.channels.general, flagged.id)?.deleted).toBe(true);
    const deletes = practice.requestLog.filter((r) => r.method === 'DELETE' && r.path.includes(flagged.id));
    expect(deletes).toHaveLength(1);
    await tab.close();
  });

  it('falls back to the messages stored on this computer when main cannot give the conversation', async () => {
    const tab = track(await browser.newPage());
    await tab.routeWebSocket(/\/ipc/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        const frame = JSON.parse(String(m)) as { id: number; name: string };
        if (frame.name === 'conversation.context') ws.send(JSON.stringify({ t: 'err', id: frame.id, message: 'Discord is unreachable' }));
        else server.send(m);
      });
    });
    await tab.goto(host.url);
    await showAll(tab);
    await openRow(tab, 'claim your prize (reply)');
    const context = tab.locator('#item .context').last();
    await expect.poll(() => context.innerText(), { timeout: 20_000 }).toContain('Showing messages stored on this computer');
    // Stored locally: the flagged message itself, with the moderator's reply after it.
    await expect.poll(() => context.locator('li').count()).toBeGreaterThan(1);
    expect(await context.innerText()).toContain('claim your prize (reply)');
    await tab.close();
  });

  it('renders hostile text as text: no script runs, no element is injected', async () => {
    const payloads = [
      'free nitro <img src=x onerror=alert(1)>',
      'free nitro <script>alert(2)</script>',
      'free nitro [click me](javascript:alert(3))',
      'free nitro [<img src=x onerror=alert(4)>](https://example.com/<b>bold</b>)',
      'free nitro <a href="javascript:alert(5)">link</a> <iframe src="javascript:alert(6)"></iframe>',
    ];
    for (const content of payloads) practice.postMessage({ channelId: practice.channels.help, authorId: freshMember(), content });
    await showAll(page);
    for (const marker of ['<img src=x onerror=alert(1)>', '<script>alert(2)</script>', 'javascript:alert(3)', 'onerror=alert(4)', '<iframe']) {
      await rowWith(page, marker).first().waitFor({ timeout: 20_000 });
      await openRow(page, marker);
      await expect.poll(() => page.locator('#item .flagged-message').innerText()).toContain(marker);
    }
    // The context list (Markdown-rendered) of the last item holds all five payloads.
    await expect.poll(() => page.locator('#item .context').last().innerText(), { timeout: 20_000 }).toContain('javascript:alert(3)');
    const injected = await page.evaluate(() => document.querySelectorAll('#root img, #root script, #root iframe, #root a, #root b').length);
    expect(injected).toBe(0);
    await expect.poll(() => page.getByText('<img src=x onerror=alert(1)>').first().isVisible()).toBe(true);
    expect(dialogs).toEqual([]);
    // Nothing the console itself does needs an exception to the CSP either.
    expect(cspViolations).toEqual([]);
  });

  it('shows the stored inbox at once on a new load, before main answers', async () => {
    // A second tab whose WebSocket is held: nothing from main reaches it, so what it shows is IndexedDB's.
    const held = track(await browser.newPage());
    await held.routeWebSocket(/\/ipc/, () => undefined);
    await held.goto(host.url);
    await rows(held).first().waitFor({ timeout: 30_000 });
    expect(held.url()).not.toContain('token=');
    // Resolved items only change by the moderator's hand, so they are a stable thing to look for.
    await held.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Resolved/ }).click();
    await rowWith(held, JK_LURE).first().waitFor({ timeout: 30_000 });
    await rowWith(held, 'first 10 (member)').first().waitFor({ timeout: 30_000 });
    await held.close();
  });

  it('catches up with messages posted while the page was closed: no gap, no duplicate', async () => {
    const pinned = 'free nitro pinned before closing';
    practice.postMessage({ channelId: practice.channels.help, authorId: freshMember(), content: pinned });
    await page.reload();
    await showAll(page);
    await rowWith(page, pinned).first().waitFor({ timeout: 20_000 });
    await page.close();

    // Three different lures: the same text from three accounts would rightly be one item.
    const whileClosed = ['alpha', 'bravo', 'charlie'].map((w) => `free nitro while closed, ${w} edition`);
    for (const content of whileClosed) practice.postMessage({ channelId: practice.channels.help, authorId: freshMember(), content });

    page = track(await browser.newPage());
    await page.goto(host.url);
    await showAll(page);
    for (const text of [pinned, ...whileClosed]) {
      await rowWith(page, text).first().waitFor({ timeout: 30_000 });
    }
    // Let the catch-up finish, then count: every message is exactly one row.
    await expect.poll(() => page.locator('.bridge').innerText()).toContain('Connected');
    for (const text of [pinned, ...whileClosed]) expect(await rowWith(page, text).count()).toBe(1);
  });

  it('explains a rejected bot token in words and never keeps the token in the form', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Connections' }).waitFor();
    // Everything the connector asks Discord for, and what slowmode, lock, AutoMod and planned voice chats need.
    const needs = await page.locator('.needs').innerText();
    expect(needs).toMatch(/MESSAGE_CONTENT[\s\S]*GUILD_SCHEDULED_EVENTS[\s\S]*Moderate Members/);
    expect(needs).toMatch(/Manage Channels \(slowmode\)[\s\S]*Manage Roles \(lock and unlock a channel\)[\s\S]*Manage Server[\s\S]*Manage Events/);
    await page.getByLabel('Name for this connection').fill('Wrong bot');
    await page.getByLabel('Bot token').fill('MTIzNDU2Nzg5MDEyMzQ1Njc4.wrong.token-for-the-test');
    await page.getByText('Advanced').click();
    await page.getByLabel('API base URL').fill(practice.apiBase);
    await page.getByRole('button', { name: 'Add bot' }).click();
    expect(await page.getByLabel('Bot token').inputValue()).toBe('');
    await expect.poll(() => page.locator('.settings .notice').innerText(), { timeout: 20_000 }).toContain('Discord rejected this token');
    await page.keyboard.press('Escape');
    await page.locator('.inbox').waitFor();
  });

  it('tells a tab without the launch token to open the URL npm start printed', async () => {
    const stranger = track(await browser.newPage());
    await stranger.goto(`${host.origin}/`);
    await stranger.getByRole('heading', { name: 'This page needs its launch link' }).waitFor({ timeout: 10_000 });
    expect(await stranger.locator('main').innerText()).toContain('npm start');
    await stranger.goto(`${host.origin}/#token=not-the-token`);
    await stranger.reload();
    await stranger.getByRole('heading', { name: 'This page needs its launch link' }).waitFor({ timeout: 10_000 });
    await stranger.close();
  });

  it('has no serious accessibility violation on the inbox, the item view and settings, in English and Chinese', async () => {
    const found: Record<string, string[]> = {};
    for (const lang of ['English', '简体中文']) {
      await page.getByRole('combobox').first().selectOption({ label: lang });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await rows(page).first().waitFor();
      found[`${lang} inbox`] = await seriousViolations(page);
      await rows(page).first().click();
      await page.locator('#item .action-bar').waitFor();
      found[`${lang} item`] = await seriousViolations(page);
      await page.locator('.header-tools button').last().click();
      await page.locator('.settings').waitFor();
      found[`${lang} settings`] = await seriousViolations(page);
      await page.locator('.header-tools button').last().click();
    }
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.locator('.inbox h2').innerText()).toBe('收件箱');
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    // Six full axe scans (three views in two languages), each several seconds of one core's work: at
    // load 20 on two cores they took over the default 120 s. Every step waits on a condition.
  }, 360_000);

  it('words what triage found in Chinese, the link as the member wrote it', async () => {
    await page.getByRole('combobox').first().selectOption({ label: '简体中文' });
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'the listing is at https://steamcommunlty.ru/id/market-listing-4471 for a while' });
    await rowWith(page, 'market-listing-4471').first().click();
    // The engine's finding (a look-alike host) crosses as data and is worded here, not in English.
    await expect.poll(() => page.locator('#item .reason').allInnerTexts(), { timeout: 30_000 }).toContain('仿冒域名：steamcommunlty.ru 仿冒 steamcommunity.com');
    expect((await page.locator('#item .reason').allInnerTexts()).join(' ')).not.toMatch(/imitates|Look-alike/);
    await page.keyboard.press('Escape');
  });

  it('saves a screenshot of the inbox', async () => {
    await page.getByRole('combobox').first().selectOption({ label: 'English' });
    practice.postMessage({
      channelId: practice.channels.general,
      authorId: freshMember(),
      content: 'FREE NITRO giveaway for the first 50 members, claim yours at https://dlscord-gift.com/claim before it ends!',
    });
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Open/ }).click();
    await openRow(page, 'FREE NITRO giveaway for the first 50');
    await page.locator('#item .context li').first().waitFor();
    const file = join(results, 'inbox.png');
    await page.screenshot({ path: file });
    // The README's picture is replaced only on purpose, so test runs leave the tree clean.
    const readme = join(repo, 'resources', 'screenshot-inbox.png');
    if (process.env.TRIBE_UPDATE_SCREENSHOT === '1' || !existsSync(readme)) {
      mkdirSync(dirname(readme), { recursive: true });
      copyFileSync(file, readme);
    }
  });

  it('stays usable with 10,000 items: counts them all, renders only the rows on screen', async () => {
    await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const req = indexedDB.open('tribekeeper');
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
      const tx = db.transaction('inboxItems', 'readwrite');
      const store = tx.objectStore('inboxItems');
      for (let i = 0; i < 10_000; i++) {
        const id = `msg:discord:bulk:c:${i}`;
        store.put({
          id, kind: 'flag', status: 'open', sourceId: 'bulk', platform: 'discord', spaceId: 'g', channelId: 'c', channelName: 'bulk',
          authorId: 'u', authorName: 'bulk author', eventIds: [id], primaryEventId: id, messageId: String(i), text: `bulk item ${i}`,
          flags: [{ rule: 'bulk.rule', category: 'spam', severity: 'low', reason: 'bulk', evidence: [] }], severity: 'low', categories: ['spam'],
          createdAt: 1_000_000 + i, updatedAt: 1_000_000 + i, messageDeleted: false,
        });
      }
      await new Promise<void>((done, fail) => {
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    });
    await page.reload();
    const all = page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^All/ });
    await expect.poll(async () => Number((await all.innerText()).replace(/\D/g, '')), { timeout: 20_000 }).toBeGreaterThan(10_000);
    await all.click();
    expect(await rows(page).count()).toBeLessThan(60);
    await page.locator('[role="listbox"]').focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('j');
    expect(await rows(page).count()).toBeLessThan(60);
    await expect.poll(() => page.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
  });
});
