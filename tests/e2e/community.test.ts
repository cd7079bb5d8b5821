// Settings → Community in a real Chromium against host mode and the practice community: a phrase added
// to the voice guide's words to avoid is flagged by the tone check, the edited warn ladder is what the
// item proposes, the edited mod-log entry is what the simulator's #mod-log receives (a hostile name
// never pings), a self-harm flag proposes a caring reply with the team's crisis line instead of a ladder
// step, a bad value is refused in words, and axe is clean in English and Chinese.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, seriousViolations, showAll } from './inbox';
import { ownMemberMaker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;

const freshMember = ownMemberMaker(() => practice);

async function openCommunity(): Promise<ReturnType<Page['locator']>> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const section = page.locator('section.community-settings');
  await section.waitFor();
  return section;
}

async function openItem(text: string): Promise<void> {
  await showAll(page);
  await rowWith(page, text).first().click();
  await page.locator('#item .action-bar').waitFor();
}

beforeAll(async () => {
  console_ = await startPracticeConsole('community', { seed: 8, speed: 20 });
  ({ practice, page } = console_);
});

afterAll(async () => {
  await console_?.close();
});

describe('the community’s own settings', () => {
  it('flags a phrase the team added to the words to avoid, as the moderator types a reply', async () => {
    const section = await openCommunity();
    const voice = section.getByRole('form', { name: 'Voice guide' });
    const avoid = voice.getByLabel(/^Words to avoid/);
    await avoid.fill(`${await avoid.inputValue()}\nbe patient => we’re on it`);
    await voice.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => voice.getByRole('status').innerText()).toBe('Saved.');

    await page.keyboard.press('Escape');
    practice.postMessage({ channelId: practice.channels.help, authorId: freshMember(), content: 'free nitro giveaway claim your prize (voice)' });
    await openItem('claim your prize (voice)');
    await page.keyboard.press('r');
    await page.getByLabel(/^Reply in #help/).fill('Hi, please be patient, a moderator will look at this.');
    const check = page.getByRole('region', { name: 'Tone check' });
    await expect.poll(() => check.innerText(), { timeout: 5_000 }).toMatch(/“?be patient”?.*words to avoid.*we’re on it/);
    expect(await check.locator('mark').allInnerTexts()).toContain('be patient');
    await page.getByLabel(/^Reply in #help/).fill('');
    await page.keyboard.press('Escape');
  });

  it('refuses a ladder it cannot use, in words; the saved ladder is what an item proposes', async () => {
    const section = await openCommunity();
    const ladder = section.getByRole('form', { name: 'Warn ladder' });
    await ladder.getByLabel('Warns before the ladder').fill('0');
    await ladder.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => ladder.getByRole('alert').innerText()).toMatch(/warns: /);
    await ladder.getByLabel('Warns before the ladder').fill('2');
    await ladder.getByLabel('Within (days)').fill('7');
    await ladder.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => ladder.getByRole('status').innerText()).toBe('Saved.');

    await page.keyboard.press('Escape');
    practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'free nitro giveaway claim your prize (ladder)' });
    await openItem('claim your prize (ladder)');
    await expect.poll(() => page.locator('#item .ladder').innerText()).toMatch(/warn 1 of 2 in 7 days/);
  });

  it('posts the team’s own mod-log entry for a case, with a hostile name kept as text', async () => {
    const section = await openCommunity();
    const modLog = section.getByRole('form', { name: 'Mod-log' });
    await modLog.getByLabel('Entry for each case').fill('[{action}] {member} — {reason} — handled by {moderator}');
    await expect.poll(() => modLog.locator('.modlog-preview').innerText()).toMatch(/\[Timeout \(1 hour\)\]/);
    await modLog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => modLog.getByRole('status').innerText()).toBe('Saved.');
    // The warning links the team's pages: without them it would be stopped before sending.
    const links = section.getByRole('form', { name: 'Links in replies' });
    await links.getByLabel('Rules page').fill('https://example.org/rules');
    await links.getByLabel('How to appeal').fill('https://example.org/appeal');
    await links.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => links.getByRole('status').innerText()).toBe('Saved.');

    await page.keyboard.press('Escape');
    const hostile = practice.addMember({ username: '@everyone', accountCreatedAt: new Date(Date.now() - 400 * 86_400_000) });
    practice.postMessage({ channelId: practice.channels.general, authorId: hostile.userId, content: 'free nitro giveaway claim your prize (mod-log)' });
    await openItem('claim your prize (mod-log)');
    await page.keyboard.press('w');
    const form = page.getByRole('form', { name: 'Warn the member' });
    await form.waitFor();
    const name = form.getByLabel(/^Your name/);
    if (await name.count()) await name.fill('Ana');
    await form.getByRole('button', { name: /^Warn/ }).last().click();
    await expect
      .poll(() => practice.messages(practice.channels.modLog).map((m) => m.content).find((c) => c.includes('handled by Ana')) ?? '', { timeout: 20_000 })
      .toMatch(/^\\?\[Warn\\?\] .*everyone.* — No scams, phishing or fake giveaways — handled by Ana$/);
    const line = practice.messages(practice.channels.modLog).map((m) => m.content).find((c) => c.includes('handled by Ana'))!;
    // Escaped so Discord shows "@everyone" as text instead of pinging the whole server.
    expect(line).not.toMatch(/(^|[^\\\u200b])@everyone/);
  });

  it('meets a self-harm flag with care: no ladder step proposed, a caring reply carrying the team’s own crisis line', async () => {
    const section = await openCommunity();
    const crisis = section.getByRole('form', { name: 'Crisis line' });
    await crisis.getByLabel('Crisis line (number or link)').fill('https://findahelpline.com');
    await crisis.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => crisis.getByRole('status').innerText()).toBe('Saved.');

    await page.keyboard.press('Escape');
    practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'honestly I want to end it all tonight (care)' });
    await openItem('end it all tonight (care)');
    const hint = page.locator('#item .ladder');
    await expect.poll(() => hint.innerText()).toMatch(/may be at risk/);
    expect(await hint.innerText()).not.toMatch(/Warn ladder/);
    expect(await hint.getByRole('button').allInnerTexts()).toEqual(['Prepare: caring reply']);
    await hint.getByRole('button', { name: 'Prepare: caring reply' }).click();
    const box = page.getByLabel(/^Reply in #general/);
    await expect.poll(() => box.inputValue()).toMatch(/crisis line .*https:\/\/findahelpline\.com/);
    expect(await box.inputValue()).not.toContain('{support_link}');
    await box.fill('');
    await page.keyboard.press('Escape');
  });

  it('has no serious accessibility violation in Settings → Community, in English and Chinese', async () => {
    await openCommunity();
    const found: Record<string, string[]> = {};
    found.en = await seriousViolations(page);
    await page.getByRole('combobox').first().selectOption({ label: '简体中文' });
    await page.locator('section.community-settings').getByRole('heading', { name: '社区', exact: true }).waitFor();
    found.zh = await seriousViolations(page);
    await page.getByRole('combobox').first().selectOption({ label: 'English' });
    expect(found).toEqual({ en: [], zh: [] });
  });
});
