// Announcements in a real Chromium against host mode and both practice platforms: write one
// announcement, read it as Discord, Telegram and WhatsApp will show it (the limit and the split
// included), choose the Discord guild and the Telegram group, pin, send — and it arrives once on each,
// pinned, with the console's list saying so, in English and in Chinese. Hostile text stays text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Page } from 'playwright-core';
import type { TelegramSimulator } from '../../src/main/practice/telegram/simulator';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { startPracticeConsole, type PracticeConsole } from './practiceConsole';
import { foundTeam } from './team';

let console_: PracticeConsole;
let discord: DiscordSimulator;
let telegram: TelegramSimulator;
let page: Page;

beforeAll(async () => {
  console_ = await startPracticeConsole('announce', { seed: 17, speed: 6, scenario: false });
  ({ practice: discord, page } = console_);
  if (!console_.host.practiceTelegram) throw new Error('host started without the Telegram practice group');
  telegram = console_.host.practiceTelegram;
  // A bot learns its Telegram group from the group's traffic.
  telegram.postMessage({ authorId: telegram.memberIds()[0] ?? '', text: 'hello, anyone here?' });
});

afterAll(async () => {
  await console_?.close();
});

const ownDiscord = (needle: string) => discord.messages(discord.channels.general).filter((m) => m.authorId === discord.botUserId && m.content.includes(needle));
const ownTelegram = (needle: string) => telegram.messages(telegram.supergroupId).filter((m) => m.fromId === telegram.botUserId && m.text.includes(needle));

describe('announcements', () => {
  it('composes once, previews per platform, and publishes to Discord and Telegram once each, pinned', async () => {
    await page.locator('body').press('a');
    const view = page.locator('#announcements');
    await view.waitFor();
    await view.getByLabel('Announcement', { exact: true }).fill('**Voice chat** tonight — bring _questions_! <img src=x onerror="window.pwned=1">');

    const previewOn = (platform: string) => view.getByRole('group', { name: 'Preview on' }).getByRole('button', { name: platform });
    await expect.poll(() => view.getByTestId('preview-discord').locator('pre').innerText()).toBe('**Voice chat** tonight — bring *questions*! \\<img src=x onerror="window.pwned=1"\\>');
    await previewOn('Telegram').click();
    const telegramPreview = view.getByTestId('preview-telegram').locator('pre');
    await expect.poll(() => telegramPreview.locator('strong').innerText()).toBe('Voice chat');
    expect(await telegramPreview.locator('em').innerText()).toBe('questions');
    expect(await telegramPreview.locator('img').count()).toBe(0);
    await previewOn('WhatsApp').click();
    await expect.poll(() => view.getByTestId('preview-whatsapp').locator('pre').innerText()).toMatch(/^\*Voice chat\* tonight — bring _questions_!/);

    // Over Discord's limit: the preview says it goes out in parts.
    await previewOn('Discord').click();
    const long = Array.from({ length: 60 }, (_, i) => `Point ${i} of the summer plan, please read.`).join(' ');
    await view.getByLabel('Announcement', { exact: true }).fill(long);
    await view.getByText(/it goes out as 2 messages/).waitFor();
    await previewOn('Telegram').click();
    await expect.poll(() => view.getByText(/it goes out as/).count()).toBe(0);
    await view.getByLabel('Announcement', { exact: true }).fill('**Voice chat** tonight — bring _questions_! <img src=x onerror="window.pwned=1">');

    const send = view.getByRole('button', { name: /^Send to/ });
    expect(await send.isDisabled()).toBe(true);
    await view.getByRole('checkbox', { name: 'Discord · Practice Community', exact: true }).check();
    await view.getByRole('checkbox', { name: /^Telegram · / }).waitFor({ timeout: 30_000 });
    await view.getByRole('checkbox', { name: /^Telegram · / }).check();
    // Discord's default is its announcement channel; the bot may not post there in the practice guild.
    await view.getByLabel('Channel in Practice Community', { exact: true }).selectOption({ label: 'general' });
    await view.getByLabel('Pin it').check();
    await view.getByRole('button', { name: 'Send to 2 spaces' }).click();

    await expect.poll(() => ownDiscord('Voice chat').length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => ownTelegram('Voice chat').length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => ownDiscord('Voice chat')[0]?.pinned, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => ownTelegram('Voice chat')[0]?.pinned, { timeout: 30_000 }).toBe(true);
    const sent = view.getByTestId('sent-announcement').first();
    await expect.poll(() => sent.innerText(), { timeout: 30_000 }).toMatch(/Discord · Practice Community — done · pinned/);
    await expect.poll(() => sent.innerText(), { timeout: 30_000 }).toMatch(/Telegram · .* — done · pinned/);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // The same view in Chinese.
    await page.locator('label.language select').selectOption('zh-CN');
    await view.getByRole('heading', { name: '公告' }).waitFor();
    expect(await sent.innerText()).toMatch(/已置顶/);
    await page.locator('label.language select').selectOption('en');
    await page.keyboard.press('Escape');
    await view.waitFor({ state: 'detached' });
    // Nothing more was posted by opening and leaving the view.
    expect(ownDiscord('Voice chat')).toHaveLength(1);
    expect(ownTelegram('Voice chat')).toHaveLength(1);
  });

  it('edits what was posted in place on each platform, refuses an edit that changes the number of parts, and deletes it everywhere', async () => {
    await page.locator('body').press('a');
    const view = page.locator('#announcements');
    await view.waitFor();
    const entry = view.getByTestId('sent-announcement').filter({ hasText: 'Voice chat' });
    await entry.getByRole('button', { name: 'Edit in Discord · Practice Community' }).click();
    const discordText = entry.getByLabel('New text for Discord · Practice Community');
    expect(await discordText.inputValue()).toBe('**Voice chat** tonight — bring _questions_! <img src=x onerror="window.pwned=1">');
    // Longer than one Discord message: it cannot be edited in place.
    await discordText.fill(Array.from({ length: 60 }, (_, i) => `Point ${i} of the summer plan, please read.`).join(' '));
    await entry.getByRole('button', { name: 'Save the edit' }).click();
    await entry.getByText('The new text takes a different number of messages').waitFor();
    await discordText.fill('**Voice chat** moved to tomorrow — bring _questions_!');
    await entry.getByRole('button', { name: 'Save the edit' }).click();
    await expect.poll(() => ownDiscord('Voice chat')[0]?.content, { timeout: 30_000 }).toBe('**Voice chat** moved to tomorrow — bring *questions*!');
    await expect.poll(() => entry.getByTestId('sent-space').first().innerText(), { timeout: 30_000 }).toMatch(/Discord · Practice Community — done · pinned · edited/);

    await entry.getByRole('button', { name: /^Edit in Telegram · / }).click();
    await entry.getByLabel(/^New text for Telegram · /).fill('**Voice chat** moved to tomorrow');
    await entry.getByRole('button', { name: 'Save the edit' }).click();
    await expect.poll(() => ownTelegram('Voice chat')[0]?.text, { timeout: 30_000 }).toBe('Voice chat moved to tomorrow');
    expect(ownTelegram('Voice chat')[0]?.entities?.map((e) => e.className)).toEqual(['MessageEntityBold']);
    expect(ownDiscord('Voice chat')).toHaveLength(1);
    expect(ownTelegram('Voice chat')).toHaveLength(1);

    // In Chinese, the same states read in Chinese.
    await page.locator('label.language select').selectOption('zh-CN');
    await expect.poll(() => entry.getByTestId('sent-space').first().innerText(), { timeout: 30_000 }).toMatch(/已编辑/);
    await page.locator('label.language select').selectOption('en');

    await entry.getByRole('button', { name: 'Delete everywhere' }).click();
    await entry.getByRole('button', { name: 'Delete it' }).click();
    await expect.poll(() => ownDiscord('Voice chat')[0]?.deleted, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => ownTelegram('Voice chat')[0]?.deleted, { timeout: 30_000 }).toBe(true);
    await expect.poll(() => entry.innerText(), { timeout: 30_000 }).toMatch(/Discord · Practice Community — done · pinned · deleted/);
    // Each platform's answer shows on its own: wait for Telegram's too.
    await expect.poll(() => entry.innerText(), { timeout: 30_000 }).toMatch(/Telegram · .* — done · pinned · deleted/);
    await expect.poll(() => entry.getByRole('button', { name: 'Delete everywhere' }).count(), { timeout: 30_000 }).toBe(0);
    await view.getByRole('button', { name: 'Back to inbox' }).click();
    await view.waitFor({ state: 'detached' });
  });

  it('sends each space the version in its language: the Discord server says Chinese, the moderator sets Spanish for Telegram', async () => {
    discord.setPreferredLocale('zh-CN');
    await page.locator('body').press('a');
    const view = page.locator('#announcements');
    await view.waitFor();
    await view.getByLabel('Announcement', { exact: true }).fill('**Movie night** on Saturday');
    await view.getByLabel('Add a version in').selectOption({ label: 'Chinese (China)' });
    await view.getByRole('button', { name: 'Add', exact: true }).click();
    await view.getByLabel('Announcement in Chinese (China)').fill('**电影之夜**在周六');
    await view.getByLabel('Add a version in').selectOption({ label: 'Spanish' });
    await view.getByRole('button', { name: 'Add', exact: true }).click();
    await view.getByLabel('Announcement in Spanish').fill('**Noche de cine** el sábado <img src=x onerror="window.pwned=2">');

    await view.getByRole('checkbox', { name: 'Discord · Practice Community', exact: true }).check();
    await view.getByLabel('Channel in Practice Community', { exact: true }).selectOption({ label: 'general' });
    await view.getByRole('checkbox', { name: /^Telegram · / }).check();
    // Discord told the server's language; Telegram tells none until a moderator sets it.
    const discordLanguage = view.getByLabel('Language of Practice Community', { exact: true });
    await expect.poll(() => discordLanguage.locator('option:checked').innerText(), { timeout: 30_000 }).toBe('Chinese (China) (from Discord)');
    const telegramLanguage = view.getByLabel('Language of Practice Community Chat');
    expect(await telegramLanguage.locator('option:checked').innerText()).toBe('Language not set');
    await telegramLanguage.selectOption({ label: 'Spanish' });

    // The preview shows each version, per platform, and which chosen spaces get it.
    const versionTab = (name: string) => view.getByRole('group', { name: 'Version' }).getByRole('button', { name, exact: true });
    const receivers = view.getByTestId('preview-receivers');
    await versionTab('Chinese (China)').click();
    await expect.poll(() => view.getByTestId('preview-discord').locator('pre').innerText(), { timeout: 30_000 }).toBe('**电影之夜**在周六');
    expect(await receivers.innerText()).toBe('Goes to: Discord · Practice Community');
    await versionTab('Spanish').click();
    await view.getByRole('group', { name: 'Preview on' }).getByRole('button', { name: 'Telegram' }).click();
    await expect.poll(() => view.getByTestId('preview-telegram').locator('pre strong').innerText(), { timeout: 30_000 }).toBe('Noche de cine');
    expect(await receivers.innerText()).toMatch(/^Goes to: Telegram · /);
    await versionTab('Default').click();
    expect(await receivers.innerText()).toBe('No chosen space gets this version.');

    await view.getByRole('button', { name: 'Send to 2 spaces' }).click();
    await expect.poll(() => ownDiscord('电影之夜').length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => ownTelegram('Noche de cine').length, { timeout: 30_000 }).toBe(1);
    expect(ownDiscord('电影之夜')[0]?.content).toBe('**电影之夜**在周六');
    expect(ownTelegram('Noche de cine')[0]?.text).toBe('Noche de cine el sábado <img src=x onerror="window.pwned=2">');
    expect(ownDiscord('Movie night')).toHaveLength(0);
    expect(ownTelegram('Movie night')).toHaveLength(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

    // The language set for the Telegram group stays on this console, and the view reads in Chinese.
    await page.locator('label.language select').selectOption('zh-CN');
    await view.getByRole('heading', { name: '公告' }).waitFor();
    await view.getByText('其他语言版本').waitFor();
    await page.locator('label.language select').selectOption('en');
    await view.getByRole('checkbox', { name: /^Telegram · / }).uncheck();
    await view.getByRole('checkbox', { name: /^Telegram · / }).check();
    expect(await view.getByLabel('Language of Practice Community Chat').locator('option:checked').innerText()).toBe('Spanish');
    discord.setPreferredLocale('en-US');
    await view.getByRole('button', { name: 'Back to inbox' }).click();
    await view.waitFor({ state: 'detached' });
  });

  it('posts a poll as Discord\'s and Telegram\'s own poll from the console', async () => {
    await page.locator('body').press('a');
    const view = page.locator('#announcements');
    await view.waitFor();
    const poll = view.getByRole('form', { name: 'Poll' });
    await poll.getByLabel('Question').fill('Which day for the AMA? <b>x</b>');
    await poll.getByLabel('Answers, one per line').fill('Friday\nSaturday\n\nSunday');
    await poll.getByLabel('Members may choose several answers').check();
    await poll.getByLabel('Open for').selectOption({ label: '72 hours' });
    await poll.getByRole('checkbox', { name: 'Poll in Discord · Practice Community' }).check();
    await poll.getByRole('checkbox', { name: /^Poll in Telegram · / }).check();
    await poll.getByRole('button', { name: 'Post the poll to 2 spaces' }).click();
    await poll.getByText('Posted in 2 of 2 spaces.').waitFor({ timeout: 30_000 });
    const discordPolls = discord.messages(discord.channels.announcements).concat(discord.messages(discord.channels.general)).filter((m) => m.authorId === discord.botUserId && m.poll);
    expect(discordPolls.map((m) => m.poll && [m.poll.question, m.poll.answers, m.poll.multiselect])).toEqual([['Which day for the AMA? <b>x</b>', ['Friday', 'Saturday', 'Sunday'], true]]);
    const telegramPolls = telegram.messages(telegram.supergroupId).filter((m) => m.fromId === telegram.botUserId && m.poll);
    expect(telegramPolls.map((m) => m.poll)).toEqual([{ question: 'Which day for the AMA? <b>x</b>', answers: ['Friday', 'Saturday', 'Sunday'], multipleChoice: true }]);
    await page.locator('label.language select').selectOption('zh-CN');
    await view.getByText('已在 2 个空间中的 2 个发布。').waitFor();
    await page.locator('label.language select').selectOption('en');
    await view.getByRole('button', { name: 'Back to inbox' }).click();
    await view.waitFor({ state: 'detached' });
  });

  it('edits an announcement posted to a WhatsApp group in place, once', async () => {
    const whatsapp = console_.host.practiceWhatsApp;
    if (!whatsapp) throw new Error('host started without the WhatsApp practice groups');
    const ownWhatsApp = (needle: string) =>
      [...whatsapp.messages().values()].filter((m) => m.author === whatsapp.phone.number && (m.message.conversation ?? m.message.extendedTextMessage?.text ?? '').includes(needle));
    await page.locator('body').press('a');
    const view = page.locator('#announcements');
    await view.waitFor();
    await view.getByLabel('Announcement', { exact: true }).fill('**Study call** on Tuesday');
    const box = view.getByRole('checkbox', { name: /^WhatsApp · / }).first();
    await box.waitFor({ timeout: 30_000 });
    await box.check();
    await view.getByRole('button', { name: 'Send to 1 space' }).click();
    await expect.poll(() => ownWhatsApp('Study call').length, { timeout: 30_000 }).toBe(1);
    const entry = view.getByTestId('sent-announcement').filter({ hasText: 'Study call' });
    await expect.poll(() => entry.innerText(), { timeout: 30_000 }).toMatch(/WhatsApp · .* — done/);
    await entry.getByRole('button', { name: /^Edit in WhatsApp · / }).click();
    await entry.getByLabel(/^New text for WhatsApp · /).fill('**Study call** moved to Thursday');
    await entry.getByRole('button', { name: 'Save the edit' }).click();
    await expect.poll(() => ownWhatsApp('Study call')[0]?.message.conversation ?? ownWhatsApp('Study call')[0]?.message.extendedTextMessage?.text, { timeout: 30_000 }).toBe('*Study call* moved to Thursday');
    await expect.poll(() => entry.innerText(), { timeout: 30_000 }).toMatch(/WhatsApp · .* — done · edited/);
    expect(ownWhatsApp('Study call')).toHaveLength(1);
    expect(whatsapp.edits().filter((e) => e.text.includes('Study call'))).toHaveLength(1);
    await view.getByRole('button', { name: 'Back to inbox' }).click();
    await view.waitFor({ state: 'detached' });
  });

  it('posts a poll to a WhatsApp group too, and shows the members’ votes as they come', async () => {
    const whatsapp = console_.host.practiceWhatsApp;
    if (!whatsapp) throw new Error('host started without the WhatsApp practice groups');
    await page.locator('body').press('a');
    const view = page.locator('#announcements');
    await view.waitFor();
    const poll = view.getByRole('form', { name: 'Poll' });
    await poll.getByLabel('Question').fill('Which evening for the study call?');
    await poll.getByLabel('Answers, one per line').fill('Tuesday\nThursday');
    const box = poll.getByRole('checkbox', { name: /^Poll in WhatsApp · / }).first();
    await box.waitFor({ timeout: 30_000 });
    expect(await box.isDisabled()).toBe(false);
    await box.check();
    await poll.getByRole('button', { name: 'Post the poll to 1 space' }).click();
    await poll.getByText('Posted in 1 of 1 spaces.').waitFor({ timeout: 30_000 });
    const polls = [...whatsapp.messages().values()].filter((m) => m.message.pollCreationMessageV3?.name === 'Which evening for the study call?');
    expect(polls.map((m) => m.message.pollCreationMessageV3?.options?.map((o) => o.optionName))).toEqual([['Tuesday', 'Thursday']]);

    // Members vote on their phones (encrypted poll updates): the console shows the tally under the poll.
    const [posted] = polls;
    const voters = whatsapp.groups().find((g) => g.id === posted!.group)!.members.filter((m) => m.phone !== whatsapp.phone.number).slice(0, 2);
    expect(voters).toHaveLength(2);
    const result = view.getByTestId('poll-result').filter({ hasText: 'Which evening for the study call?' });
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toMatch(/Tuesday: 0 votes[\s\S]*Thursday: 0 votes[\s\S]*0 members voted/);
    await whatsapp.vote(posted!.group, voters[0]!.phone, posted!.id, ['Thursday']);
    await whatsapp.vote(posted!.group, voters[1]!.phone, posted!.id, ['Thursday']);
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toMatch(/Tuesday: 0 votes[\s\S]*Thursday: 2 votes[\s\S]*2 members voted/);
    // One changes their mind: the vote moves, it does not add up.
    await whatsapp.vote(posted!.group, voters[1]!.phone, posted!.id, ['Tuesday']);
    await expect.poll(() => result.innerText(), { timeout: 30_000 }).toMatch(/Tuesday: 1 vote\b[\s\S]*Thursday: 1 vote\b[\s\S]*2 members voted/);
    await page.locator('label.language select').selectOption('zh-CN');
    await expect.poll(() => result.innerText()).toMatch(/Thursday：1 票[\s\S]*2 位成员已投票/);
    await page.locator('label.language select').selectOption('en');
    await view.getByRole('button', { name: 'Back to inbox' }).click();
    await view.waitFor({ state: 'detached' });
  });

  it('schedules a weekly announcement with reminders and shows it in the calendar, in the viewer\'s zone', async () => {
    // Scheduled posts live in the team ledger: this console founds the team first.
    await foundTeam(page, 'Ana', 'UTC');

    await page.getByRole('button', { name: 'Announcements' }).click();
    const view = page.locator('#announcements');
    await view.waitFor();
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    // Two hours from now, on the hour, in UTC: the calendar shows it in the viewer's zone. Its 1 h
    // reminder must fall on the same local day (a start at 00:00 has it on the day before).
    let start = DateTime.utc().plus({ hours: 2 }).startOf('hour');
    if (start.setZone(zone).hour === 0) start = start.plus({ hours: 1 });
    await view.getByLabel('Announcement', { exact: true }).fill('**Weekly voice chat** in the Lounge');
    await view.getByRole('checkbox', { name: 'Discord · Practice Community', exact: true }).check();
    await view.getByLabel('Channel in Practice Community', { exact: true }).selectOption({ label: 'general' });
    await view.getByLabel('At a time').check();
    await view.getByLabel('Date and time').fill(start.toFormat("yyyy-MM-dd'T'HH:mm"));
    await view.getByLabel('Time zone', { exact: true }).selectOption('UTC');
    await view.getByLabel('Repeat').selectOption({ label: 'Every week' });
    // A voice chat: its first time also becomes a Discord scheduled event in the voice channel.
    const lounge = discord.addVoiceChannel('Lounge', 'voice');
    discord.grantBotPermissions(PermissionFlagsBits.ManageEvents);
    const eventIn = view.getByLabel('Discord event in Practice Community');
    await expect.poll(() => eventIn.locator('option').allInnerTexts(), { timeout: 30_000 }).toEqual(['No Discord event', 'Event in voice channel Lounge']);
    await eventIn.selectOption({ label: 'Event in voice channel Lounge' });
    await view.getByLabel('1 h before').check();
    await view.getByRole('button', { name: 'Schedule for 1 space' }).click();
    await view.getByText('Scheduled. Whichever teammate’s console runs at the time sends it.').waitFor({ timeout: 30_000 });
    await expect.poll(() => discord.scheduledEvents().length, { timeout: 30_000 }).toBe(1);
    expect(discord.scheduledEvents()[0]).toMatchObject({ name: 'Weekly voice chat in the Lounge', channelId: lounge, start: start.toMillis(), status: 1 });

    const local = start.setZone(zone);
    const calendar = view.getByTestId('announce-calendar');
    if (local.startOf('week').toMillis() !== DateTime.now().setZone(zone).startOf('week').toMillis()) await calendar.getByRole('button', { name: 'Next week' }).click();
    const day = calendar.getByTestId(`calendar-${local.toISODate()}`);
    await expect.poll(() => day.innerText(), { timeout: 30_000 }).toContain('Weekly voice chat');
    const text = await day.innerText();
    expect(text).toContain(`${local.minus({ hours: 1 }).toFormat('HH:mm')} 1 h before · Discord · Practice Community`);
    expect(text).toContain(`${local.toFormat('HH:mm')} At the start · Discord · Practice Community`);
    expect(text).toMatch(/planned/);
    // The Discord event is on the team ledger: the calendar names it (every console of the team does).
    await expect.poll(() => day.getByTestId('plan-event').allInnerTexts(), { timeout: 30_000 }).toEqual(['Discord event “Weekly voice chat in the Lounge” in Lounge']);
    // Weekly: the same slot a week later.
    await calendar.getByRole('button', { name: 'Next week' }).click();
    await expect.poll(() => calendar.getByTestId(`calendar-${local.plus({ weeks: 1 }).toISODate()}`).innerText()).toContain('Weekly voice chat');
    // Nothing was posted yet: it is not its time.
    expect(ownDiscord('Weekly voice chat')).toHaveLength(0);

    // Cancel next week's voice chat only: both of its posts are skipped, this week's stay planned.
    const nextWeek = calendar.getByTestId(`calendar-${local.plus({ weeks: 1 }).toISODate()}`);
    await nextWeek.getByRole('button', { name: 'Cancel this time' }).first().click();
    await expect.poll(() => nextWeek.getByText('skipped by Ana').count(), { timeout: 30_000 }).toBe(2);
    expect(await nextWeek.getByRole('button', { name: 'Cancel this time' }).count()).toBe(0);
    await calendar.getByRole('button', { name: 'Previous week' }).click();
    await expect.poll(() => day.getByText('planned').count(), { timeout: 30_000 }).toBe(2);
    // Then the whole plan: nothing of it is left in the calendar.
    await day.getByRole('button', { name: 'Cancel every time' }).first().click();
    await expect.poll(() => day.innerText(), { timeout: 30_000 }).not.toContain('Weekly voice chat');
    // The Discord event goes with it.
    await expect.poll(() => discord.scheduledEvents()[0]?.status, { timeout: 30_000 }).toBe(4);
    expect(ownDiscord('Weekly voice chat')).toHaveLength(0);
  });
});
