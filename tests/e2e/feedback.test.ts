// The feedback board in a real Chromium against host mode, the practice Discord and local Notion and
// Slack peers: three members ask for the same thing in close words; a moderator marks the three inbox
// items as ideas (button and key), the board shows one cluster of three with its reporters, members'
// reactions on the originals raise its votes (a take-back lowers them), and export
// creates one Notion page and one Slack digest, the status following to "sent". Tokens never reach the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startNotionPeer, type NotionPeer } from '../../src/main/practice/export/notion';
import { startSlackPeer, type SlackPeer } from '../../src/main/practice/export/slack';
import { rowWith } from './inbox';
import { memberPicker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;
let notion: NotionPeer;
let slack: SlackPeer;

beforeAll(async () => {
  [notion, slack] = await Promise.all([startNotionPeer(), startSlackPeer()]);
  process.env.TRIBE_NOTION_API = notion.url;
  process.env.TRIBE_SLACK_API = slack.url;
  console_ = await startPracticeConsole('feedback', { seed: 19, speed: 6, scenario: false });
  ({ practice, page } = console_);
});

afterAll(async () => {
  delete process.env.TRIBE_NOTION_API;
  delete process.env.TRIBE_SLACK_API;
  await console_?.close();
  await Promise.all([notion?.close(), slack?.close()]);
});

const freshMember = memberPicker(() => practice);

describe('feedback board', () => {
  it('marks three messages as ideas, shows them as one cluster, and exports it to Notion and Slack once', async () => {
    // Frustrated members: the insult gets them into the inbox; what they ask for is an idea.
    const texts = [
      'the white theme is braindead, please add a dark mode to the mobile app',
      'honestly braindead design, add a dark mode to the mobile app please',
      'you idiots, please add a dark mode to the mobile app',
    ];
    const originals = texts.map((text) => practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: text }));
    for (const text of texts) await rowWith(page, text.slice(0, 30)).first().waitFor({ timeout: 30_000 });

    // The first by the button, the other two by the key on the current item.
    await rowWith(page, texts[0]!.slice(0, 30)).first().click();
    await page.getByRole('group', { name: 'Mark as' }).getByRole('button', { name: 'Idea' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked as Idea' }).waitFor();
    for (const text of texts.slice(1)) {
      await rowWith(page, text.slice(0, 30)).first().click();
      await page.locator('body').press('Escape');
      await page.keyboard.press('i');
      await page.getByRole('status').filter({ hasText: 'Marked as Idea' }).waitFor();
    }

    await page.locator('header.app-header').getByRole('button', { name: 'Feedback', exact: true }).click();
    const view = page.locator('#feedback');
    const cluster = view.getByTestId('feedback-cluster');
    await expect.poll(() => cluster.count()).toBe(1);
    expect(await cluster.innerText()).toMatch(/Idea.*dark mode/s);
    expect(await cluster.innerText()).toMatch(/3 reports · 0 votes · Discord · from /);

    // Reactions on the originals are votes: one per member however many originals they react to; a take-back counts down.
    const [v1, v2, v3] = [freshMember(), freshMember(), freshMember()];
    practice.react(practice.channels.general, originals[0]!.id, v1, '👍');
    await expect.poll(() => cluster.getByTestId('feedback-votes').innerText(), { timeout: 30_000 }).toBe('1 vote');
    practice.react(practice.channels.general, originals[1]!.id, v1, '👍');
    practice.react(practice.channels.general, originals[2]!.id, v2, '🔥');
    practice.react(practice.channels.general, originals[2]!.id, v3, '👍');
    await expect.poll(() => cluster.getByTestId('feedback-votes').innerText(), { timeout: 30_000 }).toBe('3 votes');
    practice.unreact(practice.channels.general, originals[2]!.id, v3, '👍');
    await expect.poll(() => cluster.getByTestId('feedback-votes').innerText(), { timeout: 30_000 }).toBe('2 votes');

    await view.getByLabel('Notion integration token').fill(notion.token);
    await view.getByLabel('Notion data source id').fill(notion.dataSourceId);
    await view.getByRole('form', { name: 'Notion' }).getByRole('button', { name: 'Save' }).click();
    await view.getByLabel('Slack bot token').fill(slack.token);
    await view.getByLabel('Slack channel id').fill('C0PRODUCT1');
    await view.getByRole('form', { name: 'Slack' }).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => view.getByText('✓').count()).toBe(2);
    expect(await page.content()).not.toContain(notion.token);
    expect(await page.content()).not.toContain(slack.token);

    await cluster.getByRole('checkbox').check();
    await view.getByRole('button', { name: 'Send 1 to Notion' }).click();
    await expect.poll(() => cluster.getByTestId('notion-state').innerText(), { timeout: 30_000 }).toBe('Notion: sent');
    await view.getByRole('button', { name: 'Send a Slack digest of 1' }).click();
    await expect.poll(() => cluster.getByTestId('slack-state').innerText(), { timeout: 30_000 }).toBe('Slack: sent');
    expect(notion.pages()).toHaveLength(1);
    expect(notion.pages()[0]!.properties.Votes).toEqual({ number: 2 });
    expect(slack.messages('C0PRODUCT1')).toHaveLength(1);
    expect(slack.messages('C0PRODUCT1')[0]?.text).toMatch(/\[idea\] .*dark mode.* — 3×, 2 votes \(discord\)/);
    await expect.poll(() => cluster.getByRole('combobox').inputValue()).toBe('sent');
    // The team plans it.
    await cluster.getByRole('combobox').selectOption('planned');
    await expect.poll(() => cluster.getByRole('combobox').inputValue()).toBe('planned');
  });
});
