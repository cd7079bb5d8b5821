// Telegram in the console, in a real Chromium against host mode: the cross-posted scam is one
// item across Discord and Telegram, deleted on both from the keyboard; a bot is
// added and a 2FA user account logged in through Settings, with neither token nor session ever sent to
// the page; axe finds nothing serious on the Telegram forms in English or Chinese.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startTelegramSimulator } from '../../src/main/practice/telegram/simulator';
import type { TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import { rowWith, selectRowByKeys, showAll, seriousViolations } from './inbox';
import { startWatchedConsole, type WatchedConsole } from './practiceConsole';
import { PRACTICE_TELEGRAM_APP } from '../../src/main/launch';

/** Any values work on the practice servers; the console under test has no defaults of its own. */
// Typed into the form as a person would: the practice app's credentials, as text.
const app = { apiId: String(PRACTICE_TELEGRAM_APP.apiId), apiHash: PRACTICE_TELEGRAM_APP.apiHash };
const TELEGRAM_SCAM = 'Free Nitro for everyone in this chat';
const DISCORD_SCAM = 'Free Nitro for everyone! claim here: https://discord-gift.ru';

let home: string;
let console_: WatchedConsole;
let practiceTelegram: TelegramSimulator;
let discord: DiscordSimulator;
let other: TelegramSimulator;
let page: Page;
let frames: string[];

beforeAll(async () => {
  // The scenario stays off: it starts before the practice bot has logged in, and a bot cannot read
  // history, so at test speed its first incidents are posted before anyone can see them.
  // The bot reads back at most 5 messages after a "too long" difference, so a gap past it is cheap to make.
  console_ = await startWatchedConsole('telegram', { seed: 11, speed: 20, scenario: false, telegramReadBack: 5 });
  ({ home, page, frames } = console_);
  const { host } = console_;
  if (!host.practice) throw new Error('host started without the Discord practice community');
  discord = host.practice;
  if (!host.practiceTelegram) throw new Error('host started without the Telegram practice group');
  practiceTelegram = host.practiceTelegram;
  other = await startTelegramSimulator({ seed: 31 });
});

afterAll(async () => {
  await console_?.close();
  await other?.close();
});

const notice = (p: Page) => p.locator('.settings .notice');
const sourceInHeader = (p: Page, label: string) => p.locator('header .sources li').filter({ has: p.locator('.source-label').getByText(label, { exact: true }) });
const botForm = (p: Page) => p.getByRole('form', { name: 'Add a Telegram bot' });
const loginForm = (p: Page) => p.getByRole('form', { name: 'Log in a Telegram account' });



/** Selects the row showing `text` once it has reached the inbox (events arrive while we look). */
async function selectWhenListed(p: Page, text: string): Promise<void> {
  await expect
    .poll(
      async () =>
        selectRowByKeys(p, text).then(
          () => true,
          () => false,
        ),
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true);
}

async function fillServer(form: Locator, sim: TelegramSimulator): Promise<void> {
  const toggle = form.getByRole('button', { name: 'Use a different server' });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await form.getByLabel('Server host').fill(sim.host);
  await form.getByLabel('Server port').fill(String(sim.port));
  await form.getByLabel('Server RSA public key (PEM)').fill(sim.rsaPublicKeyPem);
}

/** Every secret main keeps, by kind (token, session, apiHash), straight from the host's secret file. */
function storedSecrets(kind: string): string[] {
  const all = z.record(z.string(), z.string()).parse(JSON.parse(readFileSync(join(home, 'secrets.json'), 'utf8')));
  return Object.entries(all)
    .filter(([name]) => name.endsWith(`:${kind}`))
    .map(([, value]) => value);
}


describe('Telegram in the console', () => {
  it('folds the cross-posted scam into one item across Discord and Telegram, and d deletes it on both', async () => {
    await expect.poll(() => sourceInHeader(page, 'Practice Community Chat').innerText(), { timeout: 30_000 }).toMatch(/\bconnected/);
    await expect.poll(() => sourceInHeader(page, 'Practice Community').innerText(), { timeout: 30_000 }).toMatch(/\bconnected/);
    // The scenario's cross-post, by hand: the same scam in Discord's #general and Telegram's General topic.
    const code = 'XPOST1';
    const staff = new Set([...discord.memberIdsByRole('Moderator'), ...discord.memberIdsByRole('Admin')]);
    const discordAuthor = discord.memberIdsByRole('Member').find((m) => !staff.has(m) && discord.canPost(m));
    if (!discordAuthor) throw new Error('no regular Discord member');
    const scammer = practiceTelegram.addMember({ firstName: 'Nitro', username: 'nitro_drops_official', accountCreatedAt: new Date(Date.now() - 2 * 86_400_000) });
    const scam = practiceTelegram.postMessage({ authorId: scammer.id, topicId: practiceTelegram.topics.general, text: `${TELEGRAM_SCAM}! claim here: https://discord-gift.ru/claim?code=${code} 🎁 only 100 codes left` });

    // The list is virtualized and the scenario keeps posting, so the item is found with the keyboard.
    const selected = page.locator('[role="option"][aria-selected="true"]');
    await selectWhenListed(page, TELEGRAM_SCAM);
    expect(await selected.locator('.badge').innerText()).toBe('Telegram');
    expect(await selected.innerText()).toContain('discord-gift.ru');
    // A forum topic is named as Telegram names it, not as a Discord #channel.
    expect(await selected.locator('.channel').innerText()).toBe('General');

    // The same lure on Discord joins that item: one campaign across both platforms, not two items.
    const posted = discord.postMessage({ channelId: discord.channels.general, authorId: discordAuthor, content: `@everyone ${DISCORD_SCAM}/claim?code=${code} 🎁 only 100 codes left` });
    await expect.poll(() => selected.innerText(), { timeout: 30_000 }).toMatch(/2 messages/);
    expect(await rowWith(page, DISCORD_SCAM).count()).toBe(0);

    await page.keyboard.press('Enter');
    await page.locator('#item .action-bar').waitFor();
    // Everything Telegram can do is offered: no action is disabled with a reason.
    expect(await page.locator('#item .action-bar .why-not').count()).toBe(0);
    expect(await page.locator('#item .bulk-results').innerText()).toMatch(/Nitro[\s\S]*not handled yet/);
    // Accounts of a campaign across platforms say where each one is.
    expect(await page.locator('#item .bulk-results li[data-member] .badge').allInnerTexts()).toEqual(expect.arrayContaining(['Telegram', 'Discord']));
    // d takes every message of the campaign, each on its own platform.
    await page.keyboard.press('d');
    await expect.poll(() => practiceTelegram.message(practiceTelegram.supergroupId, scam.id)?.deleted, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => discord.message(discord.channels.general, posted.id)?.deleted, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toMatch(/Deleted 2 messages by you/);
    // Only those messages went.
    expect(practiceTelegram.messages(practiceTelegram.supergroupId).filter((m) => m.deleted).map((m) => m.id)).toEqual([scam.id]);
  });

  it('flags a text link whose words hide a phishing target in a basic group, and shows the real target as text', async () => {
    const shown = 'complete the official verification today (hidden link test)';
    const target = 'https://telegram-verify.click/login?ref=e2e';
    const author = practiceTelegram.basicGroupMemberIds()[1] as string;
    practiceTelegram.postToBasicGroup({ authorId: author, text: `Admins ask everyone to ${shown}`, links: { textUrls: [{ text: 'official verification', url: target }] } });
    await selectWhenListed(page, 'hidden link test');
    const selected = page.locator('[role="option"][aria-selected="true"]');
    expect(await selected.locator('.channel').innerText()).toBe('Practice Newcomers Lounge');
    await page.keyboard.press('Enter');
    const targets = page.locator('#item .link-targets');
    await targets.waitFor();
    expect(await targets.innerText()).toContain('official verification');
    expect(await targets.locator('.link-url').innerText()).toBe(target);
    // Shown as text: nothing on the page links to the hidden target.
    expect(await page.locator(`a[href*="telegram-verify"]`).count()).toBe(0);
    expect(await page.locator('#item .flags').innerText()).toMatch(/phishing|look-?alike/i);
  });

  it('closes a Telegram item when an admin bans its author in the Telegram app, naming the admin', async () => {
    const chat = practiceTelegram.supergroupId;
    const admin = practiceTelegram.users().find((u) => !u.bot && u.id !== practiceTelegram.botUserId && practiceTelegram.member(chat, u.id)?.admin)!;
    const spammer = practiceTelegram.addMember({ firstName: 'Spam', username: 'spam_bot_x' });
    practiceTelegram.postMessage({ authorId: spammer.id, text: 'free nitro giveaway claim your prize (telegram admin ban)' });
    await showAll(page);
    const row = rowWith(page, 'telegram admin ban').first();
    await row.waitFor({ timeout: 30_000 });
    practiceTelegram.restrictAsAdmin(spammer.id, admin.id, { ban: true });
    const shownName = [admin.firstName, admin.lastName].filter(Boolean).join(' ') || admin.username;
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain(`Handled in Telegram by ${shownName}: member banned`);
  });

  it('adds a Telegram bot through Settings, says in words what is missing first, and shows it connected', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const form = botForm(page);
    await expect.poll(() => page.locator('.needs-telegram').innerText()).toMatch(/Delete messages[\s\S]*Ban users[\s\S]*Pin messages \(to pin an announcement\)[\s\S]*\/setprivacy/);

    await form.getByLabel('Name shown in the console').fill('Our Telegram');
    await form.getByLabel('Token from BotFather').fill(other.botToken);
    await fillServer(form, other);
    await form.getByRole('button', { name: 'Connect Telegram bot' }).click();
    expect(await form.getByLabel('Token from BotFather').inputValue()).toBe('');
    await expect.poll(() => notice(page).innerText(), { timeout: 15_000 }).toContain('enter an API ID and API hash from my.telegram.org');

    await form.getByLabel('Token from BotFather').fill(other.botToken);
    await form.getByLabel('API ID').fill(app.apiId);
    await form.getByLabel('API hash').fill(app.apiHash);
    await form.getByRole('button', { name: 'Connect Telegram bot' }).click();
    await expect.poll(() => notice(page).innerText(), { timeout: 20_000 }).toContain('Our Telegram was added.');
    await expect.poll(() => sourceInHeader(page, 'Our Telegram').innerText(), { timeout: 20_000 }).toMatch(/\bconnected/);
    expect(await form.getByLabel('Token from BotFather').inputValue()).toBe('');
    expect(storedSecrets('token')).toContain(other.botToken);
  });

  it('says in words which server went silent during a bot login, and the next try connects', async () => {
    const silent = await startTelegramSimulator({ seed: 33 });
    try {
      // A server that takes the sign-in and never answers it (the answer lost in a container, say).
      silent.injectSilence('auth.ImportBotAuthorization');
      const form = botForm(page);
      await form.getByLabel('Name shown in the console').fill('Quiet Telegram');
      await form.getByLabel('Token from BotFather').fill(silent.botToken);
      await form.getByLabel('API ID').fill(app.apiId);
      await form.getByLabel('API hash').fill(app.apiHash);
      await fillServer(form, silent);
      await form.getByRole('button', { name: 'Connect Telegram bot' }).click();
      await expect
        .poll(() => notice(page).innerText(), { timeout: 60_000 })
        .toBe(`Telegram at ${silent.host}:${silent.port} did not answer in 20 s (signing in); check the server address.`);
      await form.getByLabel('Token from BotFather').fill(silent.botToken);
      await form.getByRole('button', { name: 'Connect Telegram bot' }).click();
      await expect.poll(() => notice(page).innerText(), { timeout: 30_000 }).toContain('Quiet Telegram was added.');
      expect(silent.calls('auth.ImportBotAuthorization')).toBe(2);
    } finally {
      await silent.close();
    }
  });

  it('logs in a user account with code and cloud password, each mistake in words; neither session nor token reaches the page', async () => {
    const account = practiceTelegram.userAccounts.find((a) => a.password);
    if (!account?.password) throw new Error('the practice server has no account with a cloud password');
    const form = loginForm(page);
    await form.getByLabel('Name shown in the console').fill('Sam (moderator)');
    await form.getByLabel('Phone number').fill(account.phone);
    await form.getByLabel('API ID').fill(app.apiId);
    await form.getByLabel('API hash').fill(app.apiHash);
    await fillServer(form, practiceTelegram);
    await form.getByRole('button', { name: 'Send code' }).click();

    await form.getByLabel('Login code').fill('99999');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => notice(page).innerText(), { timeout: 15_000 }).toContain('That code is not right or has expired');
    await form.getByLabel('Login code').fill(account.code);
    await form.getByRole('button', { name: 'Sign in' }).click();

    const password = form.getByLabel('Cloud password');
    await password.waitFor({ timeout: 15_000 });
    expect(await form.innerText()).toContain('Password hint: the practice password');
    await password.fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => notice(page).innerText(), { timeout: 15_000 }).toContain('That cloud password is not right.');
    expect(await password.inputValue()).toBe('');
    await password.fill(account.password);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => notice(page).innerText(), { timeout: 20_000 }).toContain('Sam (moderator) is signed in.');
    await expect.poll(() => sourceInHeader(page, 'Sam (moderator)').innerText(), { timeout: 20_000 }).toMatch(/\bconnected/);
    // Back to the first step, with nothing of the login left in the form.
    await form.getByRole('button', { name: 'Send code' }).waitFor();

    const sessions = storedSecrets('session');
    expect(sessions).toHaveLength(1);
    const secrets = [...sessions, other.botToken, practiceTelegram.botToken];
    expect(frames.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(20);
      expect(frames.some((f) => f.includes(secret))).toBe(false);
    }
    const pageText = await page.evaluate(() => document.documentElement.outerHTML + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    for (const secret of secrets) expect(pageText.includes(secret)).toBe(false);
    expect(readFileSync(join(home, 'sources.json'), 'utf8')).not.toContain(sessions[0]!);
  });

  it('has no serious accessibility violation on the Telegram forms, in English and Chinese', async () => {
    const found: Record<string, string[]> = {};
    const login = page.locator('.tg-login');
    const openEveryToggle = async () => {
      const closed = page.locator('.telegram-grid [aria-expanded="false"]');
      while ((await closed.count()) > 0) await closed.first().click();
    };
    const plain = other.userAccounts.find((a) => !a.password);
    if (!plain) throw new Error('the second server has no account without a cloud password');

    await page.getByRole('combobox').first().selectOption({ label: 'English' });
    await openEveryToggle();
    found['English, first step'] = await seriousViolations(page);
    // The code step, on the second server; the login is never finished.
    await login.getByLabel('Name shown in the console').fill('Step check');
    await login.getByLabel('Phone number').fill(plain.phone);
    await login.getByLabel('API ID').fill(app.apiId);
    await login.getByLabel('API hash').fill(app.apiHash);
    await fillServer(login, other);
    await login.getByRole('button', { name: 'Send code' }).click();
    await login.getByLabel('Login code').waitFor({ timeout: 15_000 });
    found['English, code step'] = await seriousViolations(page);

    await page.getByRole('combobox').first().selectOption({ label: '简体中文' });
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await login.getByLabel('登录验证码').waitFor();
    found['Chinese, code step'] = await seriousViolations(page);
    await login.getByRole('button', { name: '重新开始' }).click();
    await openEveryToggle();
    await page.getByRole('form', { name: '添加 Telegram 机器人' }).waitFor();
    found['Chinese, first step'] = await seriousViolations(page);

    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
    await page.getByRole('combobox').first().selectOption({ label: 'English' });
  });

  it('keeps an item of a basic group actionable once it became a supergroup: delete says why beforehand, a ban lands in the supergroup', async () => {
    const upgraded = await startTelegramSimulator({ seed: 37, basicGroupMigrates: true });
    try {
      const settings = page.getByRole('button', { name: 'Settings', exact: true });
      if ((await settings.count()) > 0) await settings.click();
      const form = botForm(page);
      await form.getByLabel('Name shown in the console').fill('Upgrading Telegram');
      await form.getByLabel('Token from BotFather').fill(upgraded.botToken);
      await form.getByLabel('API ID').fill(app.apiId);
      await form.getByLabel('API hash').fill(app.apiHash);
      await fillServer(form, upgraded);
      await form.getByRole('button', { name: 'Connect Telegram bot' }).click();
      await expect.poll(() => sourceInHeader(page, 'Upgrading Telegram').innerText(), { timeout: 30_000 }).toMatch(/\bconnected/);
      await page.getByRole('button', { name: 'Inbox', exact: true }).click();
      await showAll(page);
      const [author] = upgraded.basicGroupMemberIds() as [string];
      upgraded.postToBasicGroup({ authorId: author, text: 'free nitro giveaway claim your prize (before the upgrade)' });
      await rowWith(page, 'before the upgrade').first().waitFor({ timeout: 30_000 });

      upgraded.migrateBasicGroup();
      await rowWith(page, 'before the upgrade').first().click();
      const bar = page.locator('#item .action-bar');
      const remove = bar.getByRole('button', { name: 'Delete message', exact: true });
      await expect.poll(() => remove.isDisabled(), { timeout: 20_000 }).toBe(true);
      expect(await bar.innerText()).toContain('sent before the group became a supergroup');
      await bar.getByRole('button', { name: 'Ban', exact: true }).click();
      const ban = page.getByRole('form', { name: 'Ban the member' });
      const moderator = ban.getByLabel('Your name');
      if ((await moderator.count()) > 0 && (await moderator.inputValue()) === '') await moderator.fill('Ana');
      await ban.getByRole('button', { name: 'Ban', exact: true }).click();
      await expect.poll(() => upgraded.member(upgraded.supergroupId, author)?.banned, { timeout: 20_000 }).toBe(true);
    } finally {
      await upgraded.close();
    }
  });

  it('says beside the connection which stretch of a group could not be read back, in English and Chinese', async () => {
    const member = practiceTelegram.memberIds()[1] as string;
    const inbox = page.getByRole('button', { name: 'Inbox', exact: true });
    if ((await inbox.count()) > 0) await inbox.click();
    await showAll(page);
    const seen = practiceTelegram.postMessage({ authorId: member, text: 'free nitro giveaway claim your prize (seen before the gap)' });
    await rowWith(page, 'seen before the gap').first().waitFor({ timeout: 30_000 });
    const unread = sourceInHeader(page, 'Practice Community Chat').locator('.source-unread');
    expect(await unread.count()).toBe(0);
    // The bot's connection drops; while it is away the group moves on by more than Telegram's difference
    // and the bot's read-back (5) cover, so the latest 5 come back and the 7 before them do not.
    practiceTelegram.setChannelDifferenceLimit(3);
    try {
      practiceTelegram.dropConnections();
      const missed = Array.from({ length: 12 }, (_, i) => practiceTelegram.postMessage({ authorId: member, text: `posted while the bot was away ${i}` }));
      const firstRead = missed[7] as { date: number };
      const shown = (ts: number, lang: string) => page.evaluate(([t, l]) => new Date(t as number).toLocaleString(l as string, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }), [ts, lang] as const);
      const after = await shown(seen.date * 1000, 'en');
      const before = await shown(firstRead.date * 1000, 'en');
      await expect.poll(() => unread.allInnerTexts(), { timeout: 30_000 }).toEqual([`Practice Community Chat: messages between ${after} and ${before} could not be read`]);
      const found: Record<string, string[]> = { English: await seriousViolations(page) };
      await page.getByRole('combobox').first().selectOption({ label: '简体中文' });
      const afterZh = await shown(seen.date * 1000, 'zh-CN');
      const beforeZh = await shown(firstRead.date * 1000, 'zh-CN');
      await expect.poll(() => unread.allInnerTexts()).toEqual([`Practice Community Chat：${afterZh} 至 ${beforeZh} 之间的消息未能读取`]);
      found['Chinese'] = await seriousViolations(page);
      await page.getByRole('combobox').first().selectOption({ label: 'English' });
      expect(found).toEqual({ English: [], Chinese: [] });
    } finally {
      practiceTelegram.setChannelDifferenceLimit(undefined);
    }
  });

  // Last: the practice bot leaves its group for good here.
  it('says beside the connection which group the bot was removed from in the Telegram app', async () => {
    const chat = practiceTelegram.supergroupId;
    const member = practiceTelegram.memberIds()[0] as string;
    practiceTelegram.postMessage({ authorId: member, text: 'free nitro giveaway claim your prize (before the bot is removed)' });
    // Back to the inbox from Settings, where the tests before leave the page.
    const inbox = page.getByRole('button', { name: 'Inbox', exact: true });
    if ((await inbox.count()) > 0) await inbox.click();
    await showAll(page);
    await rowWith(page, 'before the bot is removed').first().waitFor({ timeout: 30_000 });
    const removed = page.locator('header .sources .source-removed');
    expect(await removed.count()).toBe(0);
    const owner = practiceTelegram.userAccounts.find((a) => practiceTelegram.member(chat, a.userId)?.admin)?.userId as string;
    practiceTelegram.restrictAsAdmin(practiceTelegram.botUserId, owner, { ban: true });
    await expect.poll(() => removed.allInnerTexts(), { timeout: 15_000 }).toEqual(['removed from Practice Community Chat']);
    await page.getByRole('combobox').first().selectOption({ label: '简体中文' });
    await expect.poll(() => removed.allInnerTexts()).toEqual(['已被移出 Practice Community Chat']);
    await page.getByRole('combobox').first().selectOption({ label: 'English' });
  });
});
