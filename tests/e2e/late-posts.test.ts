// The late-post banner in a real Chromium: a scheduled post whose time passed while no console sent it
// (here: one second of grace, so "two minutes ago" is late) is never sent on its own; every screen
// asks, and the moderator sends it late (it arrives once, the calendar says who sent it) or skips it
// (it never arrives). In English and in Chinese.
import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startPracticeConsole, type PracticeConsole } from './practiceConsole';
import { foundTeam } from './team';

let console_: PracticeConsole;
let discord: DiscordSimulator;
let page: Page;

beforeAll(async () => {
  console_ = await startPracticeConsole('late-posts', { seed: 23, speed: 6, scenario: false }, undefined, { postTickMs: 200, postGraceMs: 1_000 });
  ({ practice: discord, page } = console_);
});

afterAll(async () => {
  await console_?.close();
});

const posted = (needle: string) => discord.messages(discord.channels.general).filter((m) => m.authorId === discord.botUserId && m.content.includes(needle));

async function schedule(text: string, at: DateTime): Promise<void> {
  await page.getByRole('button', { name: 'Announcements' }).click();
  const view = page.locator('#announcements');
  await view.waitFor();
  await view.getByLabel('Announcement', { exact: true }).fill(text);
  await view.getByRole('checkbox', { name: 'Discord · Practice Community', exact: true }).check();
  await view.getByLabel('Channel in Practice Community', { exact: true }).selectOption({ label: 'general' });
  await view.getByLabel('At a time').check();
  await view.getByLabel('Date and time').fill(at.toFormat("yyyy-MM-dd'T'HH:mm"));
  await view.getByLabel('Time zone', { exact: true }).selectOption('UTC');
  await view.getByRole('button', { name: 'Schedule for 1 space' }).click();
  await view.getByText('Scheduled. Whichever teammate’s console runs at the time sends it.').waitFor({ timeout: 30_000 });
  await view.getByRole('button', { name: 'Back to inbox' }).click();
  await view.waitFor({ state: 'detached' });
}

describe('the late-post banner', () => {
  it('asks before sending a post nobody sent in time; sent late it arrives once, skipped it never does; the sent one edited from the calendar', async () => {
    await foundTeam(page, 'Ana', 'UTC');

    // Two posts for two minutes ago: past the grace, so neither goes out on its own.
    const past = DateTime.utc().minus({ minutes: 2 }).startOf('minute');
    await schedule('Quiz **results** are in', past);
    await schedule('Old reminder about the meetup', past);
    const banner = page.getByTestId('late-posts');
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toMatch(/^2 scheduled posts were not sent in time/);
    // The console keeps looking at its plans (every 200 ms here) and still sends nothing unasked.
    await page.getByRole('button', { name: 'Announcements' }).click();
    await page.locator('#announcements').getByRole('button', { name: 'Back to inbox' }).click();
    expect(posted('Quiz')).toHaveLength(0);
    expect(posted('Old reminder')).toHaveLength(0);

    // In Chinese the banner asks in Chinese.
    await page.locator('label.language select').selectOption('zh-CN');
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toMatch(/^有 2 条定时发布未按时发送/);
    await page.locator('label.language select').selectOption('en');

    const quiz = banner.getByRole('listitem').filter({ hasText: 'Quiz' });
    await quiz.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => posted('Quiz').length, { timeout: 30_000 }).toBe(1);
    expect(posted('Quiz')[0]?.content).toBe('Quiz **results** are in');
    await expect.poll(() => banner.innerText(), { timeout: 30_000 }).toMatch(/^1 scheduled post was not sent in time/);

    await banner.getByRole('listitem').filter({ hasText: 'Old reminder' }).getByRole('button', { name: 'Skip' }).click();
    await banner.waitFor({ state: 'detached', timeout: 30_000 });

    // The calendar says who sent the one and skipped the other; nothing more was posted.
    await page.getByRole('button', { name: 'Announcements' }).click();
    const day = page.getByTestId('announce-calendar').getByTestId(`calendar-${past.setZone(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toISODate()}`);
    await expect.poll(() => day.innerText(), { timeout: 30_000 }).toMatch(/Quiz \*\*results\*\* are in · sent by Ana/);
    expect(await day.innerText()).toMatch(/Old reminder about the meetup · skipped by Ana/);
    expect(posted('Quiz')).toHaveLength(1);
    expect(posted('Old reminder')).toHaveLength(0);

    // The sent post's text is edited from the calendar: edited in place on Discord, once, and the calendar says so.
    const quizEntry = day.getByRole('listitem').filter({ hasText: 'Quiz' });
    await quizEntry.getByRole('button', { name: 'Edit text' }).click();
    expect(await quizEntry.getByLabel('New text of this scheduled post').inputValue()).toBe('Quiz **results** are in');
    await quizEntry.getByLabel('New text of this scheduled post').fill('Quiz **results** are in: see the pinned table');
    await quizEntry.getByRole('button', { name: 'Save the new text' }).click();
    await expect.poll(() => posted('Quiz').map((m) => m.content), { timeout: 30_000 }).toEqual(['Quiz **results** are in: see the pinned table']);
    await expect.poll(() => quizEntry.getByTestId('slot-edited').innerText(), { timeout: 30_000 }).toBe('edited');
    await page.locator('label.language select').selectOption('zh-CN');
    await expect.poll(() => quizEntry.getByTestId('slot-edited').innerText()).toBe('已编辑');
    await page.locator('label.language select').selectOption('en');
    expect(posted('Quiz')).toHaveLength(1);
  });
});
