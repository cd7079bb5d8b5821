// What a new moderator meets in the first minutes, in a real Chromium against host mode and the
// practice community (issue 12 §9, §10): every shortcut in the "?" help, a readable palette, a banner
// on one line at 1440 px, failures shown in words and announced (a Discord token that cannot reach
// Discord, a time zone that is none, a Telegram token beside its own form) instead of swallowed or
// worded as a queued action, a warning that links the team's rules and appeal pages (or says which
// placeholder is still to fill), and built-in flag reasons and dates in Chinese.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, showAll } from './inbox';
import { ownMemberMaker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;

const member = ownMemberMaker(() => practice);

async function language(label: 'English' | '简体中文') {
  await page.locator('.app-header .language select').selectOption({ label });
  await page.waitForFunction((lang) => document.documentElement.lang === lang, label === 'English' ? 'en' : 'zh-CN');
}

beforeAll(async () => {
  console_ = await startPracticeConsole('newuser', { seed: 9, speed: 20 });
  ({ practice, page } = console_);
  await page.setViewportSize({ width: 1440, height: 900 });
});

afterAll(async () => {
  await console_?.close();
});

describe('a new moderator’s first minutes', () => {
  it('lists every shortcut in the help, w, m and Ctrl/Cmd+K included', async () => {
    await page.locator('.app-header').getByRole('button', { name: 'Keyboard shortcuts' }).click();
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = (await help.locator('.shortcut-list > div').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    expect(rows).toEqual(expect.arrayContaining(['w Warn the author', 'm The author’s history', 'Ctrl/⌘K Command palette: every action and macro']));
    await help.getByRole('button', { name: 'Close' }).click();
  });

  it('shows the palette’s shortcut letters readably on the selected row', async () => {
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'free nitro giveaway, claim your prize (palette check)' });
    await showAll(page);
    await rowWith(page, 'palette check').first().click();
    await page.locator('#item .action-bar').waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.locator('.palette');
    await palette.waitFor();
    // The selected row's key is the one the moderator reads first: its letter against its own key cap.
    await expect.poll(() => palette.locator('li[aria-selected="true"] kbd').count()).toBeGreaterThan(0);
    const ratio = await palette.locator('li[aria-selected="true"] kbd').first().evaluate((kbd) => {
      const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const [R, G, B] = [r!, g!, b!].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
      };
      const style = getComputedStyle(kbd);
      const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))].sort((x, y) => y - x);
      return (a! + 0.05) / (b! + 0.05);
    });
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    const { violations } = await new AxeBuilder({ page }).include('.palette').withRules(['color-contrast']).analyze();
    expect(violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`))).toEqual([]);
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
  });

  it('keeps the banner on one line at 1440 px, in English and in Chinese', async () => {
    for (const label of ['English', '简体中文'] as const) {
      await language(label);
      const lines = await page.evaluate(() => {
        const header = document.querySelector('.app-header')!;
        const tops = [...header.children].map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2));
        return { spread: Math.max(...tops) - Math.min(...tops), overflow: header.scrollWidth - header.clientWidth, height: header.getBoundingClientRect().height };
      });
      // Every part sits on the same line (centres within a few px) and nothing is pushed out of view.
      expect([label, lines.spread <= 6, lines.overflow <= 0, lines.height < 60]).toEqual([label, true, true, true]);
    }
    await language('English');
  });

  it('says a Discord token that cannot reach Discord is not connected (nothing queued), and announces it', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Name for this connection').fill('Unreachable bot');
    await page.getByLabel('Bot token').fill('MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.well-formed-but-unreachable');
    await page.locator('.add-source summary').click();
    // Port 9 (discard) on this machine: nothing answers there.
    await page.getByLabel('API base URL').fill('http://127.0.0.1:9/api');
    await page.getByRole('button', { name: 'Add bot' }).click();
    const alert = page.locator('.settings').getByRole('alert');
    await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toMatch(/^Could not reach Discord with this token/);
    expect(await alert.innerText()).not.toMatch(/outbox/i);
    expect(await page.getByLabel('Bot token').getAttribute('aria-invalid')).toBeNull();
    // A token Discord refuses is marked on the field too (the practice server knows its own token only).
    await page.getByLabel('Bot token').fill('this.is-not.the-right-token-at-all');
    await page.getByLabel('API base URL').fill(practice.apiBase);
    await page.getByRole('button', { name: 'Add bot' }).click();
    await expect.poll(() => alert.innerText(), { timeout: 30_000 }).toMatch(/^Discord rejected this token/);
    expect(await page.getByLabel('Bot token').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
  });

  it('says a Telegram form’s problem beside that form, not a screen away above the Discord one', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const bot = page.getByRole('form', { name: 'Add a Telegram bot' });
    // A newcomer meets only the fields Telegram itself needs: the test-server ones stay folded until asked for.
    const other = bot.getByRole('button', { name: 'Use a different server' });
    expect(await bot.getByLabel('Server host').isVisible()).toBe(false);
    await other.click();
    expect(await bot.getByLabel('Server host').isVisible()).toBe(true);
    await other.click();
    await bot.getByLabel('Name shown in the console').fill('Our group');
    await bot.getByLabel('Token from BotFather').fill('not-a-bot-token');
    await bot.getByRole('button', { name: 'Connect Telegram bot' }).click();
    await expect.poll(() => bot.getByRole('alert').innerText()).toMatch(/^That does not look like a Telegram bot token/);
    // One notice at a time: the Discord form's earlier one is gone.
    expect(await page.locator('.settings').getByRole('alert').count()).toBe(1);
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
  });

  it('shows a refused Shifts setting in words instead of dropping it', async () => {
    await page.getByTestId('on-now').getByRole('button', { name: /Shifts/ }).click();
    await page.locator('#shifts').waitFor();
    // Before the team is founded the handoff section says why there is no draft to write.
    const notMember = page.locator('#shifts').getByText('Handoffs are written by the team’s members', { exact: false });
    await notMember.waitFor();
    await page.getByLabel('Your name').fill('Mei');
    await page.getByLabel('Your time zone').fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const failure = page.locator('#shifts').getByTestId('team-failure');
    await expect.poll(() => failure.innerText(), { timeout: 15_000 }).toMatch(/^Your name and time zone were not saved\. Mars\/Olympus_Mons is not a time zone/);
    expect(await failure.getAttribute('role')).toBe('alert');
    await page.getByLabel('Your time zone').fill('Europe/Berlin');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => failure.count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.locator('#coverage-title').innerText(), { timeout: 15_000 }).toBe('Coverage this week in your time (Europe/Berlin)');
    await page.getByRole('heading', { name: 'Draft a handoff' }).waitFor();
    expect(await notMember.count()).toBe(0);
    await page.getByRole('button', { name: 'Back to inbox' }).click();
  });

  it('keeps every connection’s state dot whole at 1440 px once the team shows who is on shift, in Settings too', async () => {
    await page.getByTestId('on-now').waitFor();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.locator('.settings').waitFor();
    for (const label of ['English', '简体中文'] as const) {
      await language(label);
      // How many px of each dot its connection's box cuts off (0 when the dot is whole).
      const cut = await page.locator('.app-header .sources .state-dot').evaluateAll((dots) =>
        dots.map((d) => {
          const dot = d.getBoundingClientRect();
          const box = d.closest('li')!.getBoundingClientRect();
          return Math.max(0, Math.round(dot.right - box.right), Math.round(box.left - dot.left));
        }),
      );
      expect([label, cut]).toEqual([label, [0, 0, 0]]);
    }
    await language('English');
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
  });

  it('fills the warning’s links from Settings → Community, and says so while one is still a placeholder', async () => {
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'free nitro giveaway, claim your prize (links check)' });
    await showAll(page);
    const row = rowWith(page, 'links check').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.locator('#item .action-bar').waitFor();
    // At 1360 px the reply tools wrap: the Language label goes to the next line with its menu, not apart.
    await page.setViewportSize({ width: 1360, height: 900 });
    const centre = (el: Element) => el.getBoundingClientRect().top + el.getBoundingClientRect().height / 2;
    const tools = page.locator('#item .composer-tools');
    // Polled: the tools can still be settling (the language guess arrives once its detector has loaded).
    const apart = async () => Math.abs((await tools.getByText('Language', { exact: true }).evaluate(centre)) - (await tools.getByRole('combobox', { name: 'Language' }).evaluate(centre)));
    await expect.poll(apart, { timeout: 30_000 }).toBeLessThan(6);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.keyboard.press('w');
    const form = page.getByRole('form', { name: 'Warn the member' });
    const message = form.getByLabel('Message to the member');
    // The draft reads as the member will read it: no markdown escapes, the unfilled links named.
    await expect.poll(() => message.inputValue()).toMatch(/\{rule_link\}[\s\S]*\{appeal_link\}/);
    expect(await message.inputValue()).not.toContain('\\');
    expect(await form.locator('.placeholders-left').innerText()).toMatch(/^Not filled in yet: \{rule_link\}, \{appeal_link\}\./);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    const links = page.getByRole('form', { name: 'Links in replies' });
    await links.getByLabel('Rules page').fill('https://example.org/rules');
    await links.getByLabel('How to appeal').fill('appeal in #help');
    await links.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => links.getByRole('alert').innerText()).toMatch(/How to appeal: Write a whole web address/);
    await links.getByLabel('How to appeal').fill('https://example.org/appeal');
    await links.getByRole('button', { name: 'Save' }).click();
    await links.getByRole('status').waitFor();
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await row.click();
    await page.locator('#item .action-bar').waitFor();
    await page.keyboard.press('w');
    await expect.poll(() => message.inputValue()).toContain('https://example.org/appeal');
    expect(await message.inputValue()).toContain('https://example.org/rules');
    expect(await form.locator('.placeholders-left').count()).toBe(0);
    const name = form.getByLabel(/^Your name/);
    if (!(await name.inputValue())) await name.fill('Mei');
    await form.getByRole('button', { name: 'Warn', exact: true }).click();
    const sent = () => practice.messages(practice.channels.general).find((m) => m.authorId === practice.botUserId && m.content.includes('https://example.org/appeal'))?.content ?? '';
    await expect.poll(sent, { timeout: 30_000 }).toContain('https://example.org/rules');
    expect(sent()).not.toMatch(/[{}]/);
  });

  it('words the built-in rules’ flag reasons in Chinese', async () => {
    practice.postMessage({ channelId: practice.channels.general, authorId: member(), content: 'free nitro giveaway, claim your prize (zh check)' });
    await showAll(page);
    const row = rowWith(page, 'zh check').first();
    await row.waitFor({ timeout: 30_000 });
    await language('简体中文');
    await expect.poll(() => row.innerText()).toMatch(/礼品\/抽奖诱饵（/);
    expect(await row.innerText()).not.toMatch(/Gift\/giveaway lure/);
    await language('English');
  });
});
