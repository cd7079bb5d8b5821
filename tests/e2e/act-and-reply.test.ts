// Acting and replying in a real Chromium against host mode and the practice community: a keyboard-only
// warn with a macro in the member's language that lands in their history, the tone check on a harsh
// draft, a raid bulk-banned with per-target results, hostile names that never ping, the command
// palette, and axe on the new views.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, selectedText, selectRowByKeys, seriousViolations as serious, showAll } from './inbox';
import { ownMemberMaker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;
let hostile: ReturnType<DiscordSimulator['addMember']>;
/** Members of this file's reply and warning checks, and two accounts both showing "Alex Twin". */
let writers: Array<ReturnType<DiscordSimulator['addMember']>>;
let twins: Array<ReturnType<DiscordSimulator['addMember']>>;

beforeAll(async () => {
  // The team's rules and appeal pages are set (main keeps them): the warnings below go out filled.
  console_ = await startPracticeConsole('act', { seed: 11, speed: 20 }, (home) =>
    writeFileSync(join(home, 'reply-links.json'), JSON.stringify({ rulesLink: 'https://example.org/rules', appealLink: 'https://example.org/appeal' })),
  );
  ({ practice, page } = console_);
  // Joined before the story's first raid: a member who joins during a raid's join wave is (rightly)
  // counted in it, and their message would be folded into that incident.
  hostile = practice.addMember({ username: '@everyone', accountCreatedAt: new Date(Date.now() - 400 * 86_400_000) });
  // Members of their own for the placeholder and reason checks at the end (the picker's members stay for
  // the tests above, in the order they always had: one of them is among the story's raid joiners, and its
  // message folds into that raid when posted later than it always was), and the twins, joined before any
  // raid wave too.
  writers = [0, 1, 2].map((i) => practice.addMember({ username: `reply_writer_${i}`, accountCreatedAt: new Date(Date.now() - 300 * 86_400_000) }));
  twins = [0, 1].map((i) => practice.addMember({ username: `alex_twin_${i}`, globalName: 'Alex Twin', accountCreatedAt: new Date(Date.now() - (i + 1) * 40 * 86_400_000) }));
  // Three practice servers, the host and a Chromium: at load 15 on two cores that took over the
  // default 120 s once. It waits on conditions only, so a longer limit costs nothing when it is quick.
}, 300_000);

afterAll(async () => {
  await console_?.close();
});

const freshMember = ownMemberMaker(() => practice);

describe('act and reply', () => {
  it('warns from the keyboard with the warning macro in the member’s language, and the case shows in their history', async () => {
    const member = freshMember();
    const text = 'hola amigos, free nitro gratis para todos, reclamad vuestro premio aquí antes de que se acabe';
    practice.postMessage({ channelId: practice.channels.general, authorId: member, content: text });
    await rowWith(page, 'reclamad vuestro premio').first().waitFor({ timeout: 30_000 });
    await selectRowByKeys(page, 'reclamad vuestro premio');
    await page.keyboard.press('w');
    const form = page.getByRole('form', { name: 'Warn the member' });
    await form.waitFor();
    // The reason is preselected from the flag (a scam), so the form is ready to confirm.
    expect(await form.getByLabel('Reason (required)').inputValue()).toBe('no-scams');
    const message = await form.getByLabel('Message to the member').inputValue();
    expect(message).toContain('Hola');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Ana');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => practice.messages(practice.channels.general).find((m) => m.authorId === practice.botUserId && /Hola/.test(m.content))?.content ?? '', { timeout: 20_000 })
      .toContain('Hola');
    // The mod-log gets its line through the outbox as well, once the warning was really posted.
    await expect.poll(() => practice.messages(practice.channels.modLog).some((m) => m.content.includes('Warn') && m.content.includes('No scams')), { timeout: 20_000 }).toBe(true);
    // Act → next: the warned item left the open list and the row that took its place is current.
    await expect.poll(async () => (await selectedText(page)).includes('reclamad vuestro premio'), { timeout: 10_000 }).toBe(false);
    expect(await selectedText(page)).not.toBe('');
    // The warned item is under Resolved; its author's history shows the case.
    await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Resolved/ }).click();
    await selectRowByKeys(page, 'reclamad vuestro premio');
    await page.keyboard.press('Enter');
    await page.locator('#item h2').first().focus();
    await page.keyboard.press('m');
    const history = page.getByRole('dialog');
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toMatch(/1 case[\s\S]*Warn · No scams, phishing or fake giveaways · by Ana/);
    expect(await history.innerText()).toContain('reclamad vuestro premio');
    expect(await serious(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it('explains a harsh draft inline before it is sent', async () => {
    const member = freshMember();
    practice.postMessage({ channelId: practice.channels.help, authorId: member, content: 'steam is giving away gift cards today, claim yours before the tone check ends' });
    await showAll(page);
    await rowWith(page, 'claim yours before the tone check ends').first().click();
    await page.keyboard.press('r');
    // Typed at once, before the box has focus: no letter may fire a shortcut (the "m" of "Calm"
    // opened the member panel once) and none may be lost.
    const harsh = 'Calm down, you people are stupid. SHUT UP AND READ THE RULES';
    await page.keyboard.type(harsh);
    await expect.poll(() => page.getByLabel(/^Reply in #help/).inputValue(), { timeout: 5_000 }).toBe(harsh);
    expect(await page.getByRole('dialog').count()).toBe(0);
    const check = page.getByRole('region', { name: 'Tone check' });
    await expect.poll(() => check.innerText(), { timeout: 5_000 }).toMatch(/Too harsh/);
    expect(await check.innerText()).toMatch(/All caps|Words to avoid|Blames the member/);
    expect(await check.locator('mark').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/stupid/i)]));
    expect(await serious(page)).toEqual([]);
    // Nothing was sent while typing.
    expect(practice.messages(practice.channels.help).some((m) => m.content.includes('stupid'))).toBe(false);
    await page.getByLabel(/^Reply in #help/).fill('');
    await page.keyboard.press('Escape');
  });

  it('runs an action from the command palette with the keyboard only', async () => {
    const member = freshMember();
    const posted = practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'free robux generator for the palette crowd, no verification, claim now' });
    await showAll(page);
    // The message travels gateway → connector → triage → IPC → IndexedDB → list: under load that took
    // longer than 20 s. The test's own limit below is raised to match.
    await rowWith(page, 'robux generator for the palette crowd').first().waitFor({ timeout: 60_000 });
    await selectRowByKeys(page, 'robux generator for the palette crowd');
    await page.keyboard.press('o');
    await page.locator('#item .action-bar').waitFor();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await page.keyboard.type('delmsg');
    expect(await palette.locator('[aria-selected="true"]').innerText()).toContain('Delete message');
    expect(await serious(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => practice.message(practice.channels.general, posted.id)?.deleted, { timeout: 20_000 }).toBe(true);
    // The row says what happened; act → next made the row below it current.
    await expect.poll(() => rowWith(page, 'robux generator for the palette crowd').first().innerText(), { timeout: 20_000 }).toMatch(/Deleted by you/);
    expect(await selectedText(page)).not.toContain('robux generator for the palette crowd');
  }, 240_000);

  it('never pings @everyone with a hostile member name in a macro', async () => {
    practice.postMessage({ channelId: practice.channels.help, authorId: hostile.userId, content: 'double your crypto with the hostile-name airdrop: send 1 eth, get 2 back' });
    await showAll(page);
    await rowWith(page, 'hostile-name airdrop').first().click();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('insert macro warning');
    await page.keyboard.press('Enter');
    const box = page.getByLabel(/^Reply in #help/);
    await expect.poll(() => box.inputValue()).toContain('everyone');
    await box.focus();
    await page.keyboard.press('Control+Enter');
    const sent = () => practice.messages(practice.channels.help).filter((m) => m.authorId === practice.botUserId && m.content.includes('everyone'));
    await expect.poll(() => sent().length, { timeout: 20_000 }).toBeGreaterThan(0);
    for (const m of sent()) expect(m.content).not.toMatch(/@everyone|@here/);
  });

  it('bulk-bans a raid in one Discord request, with a confirmation and a result per account', async () => {
    const raiders = Array.from({ length: 12 }, (_, i) => practice.addMember({ username: `raidbot_${i}`, accountCreatedAt: new Date(Date.now() - 30 * 60_000) }));
    for (const [i, r] of raiders.entries()) {
      practice.postMessage({ channelId: practice.channels.general, authorId: r.userId, content: `this server is dead, join the real one at discord gg realserver now ${i}` });
    }
    // Discord's bulk ban needs Manage Server besides Ban Members (Settings asks owners for both).
    practice.grantBotPermissions(PermissionFlagsBits.ManageGuild);
    await showAll(page);
    const raidRow = rowWith(page, /raid/).filter({ hasText: 'Incident' }).first();
    await raidRow.waitFor({ timeout: 30_000 });
    await raidRow.click();
    const ban = page.getByRole('button', { name: /^Ban all \d+ accounts/ }).first();
    await ban.waitFor({ timeout: 20_000 });
    // One raider turns out to hold a role above the bot's: Discord will refuse that one account.
    const [outranking, ...banned] = raiders;
    practice.setMemberProfile(outranking!.userId, { roles: [practice.roleIds.admin] });
    await ban.click();
    const confirm = page.getByRole('form', { name: 'Confirm the bulk ban' });
    const words = await confirm.innerText();
    const n = Number(/This bans (\d+) accounts/.exec(words)?.[1]);
    expect(n).toBeGreaterThanOrEqual(raiders.length);
    expect(words).toContain('deletes their messages of the last 24 hours');
    expect(words).toMatch(/Discord bans these \d+ accounts in one request/);
    expect(await serious(page)).toEqual([]);
    const sentBefore = practice.requestLog.length;
    // axe's scan moves focus; the confirmation's own button takes Enter, as it does right after opening.
    await confirm.getByRole('button', { name: /^Ban \d+ accounts/ }).focus();
    await page.keyboard.press('Enter');
    // The story keeps talking: the incident may gain an account before Enter. The plan is what was confirmed.
    const progress = page.getByRole('status').filter({ hasText: /of \d+ done/ });
    // One bulk-ban request for the whole raid, one outbox action: no per-account pacing to wait out.
    // The text itself is polled, so a failure shows where it stopped (slow, or stuck one short).
    await expect.poll(() => progress.innerText(), { timeout: 60_000 }).toMatch(/^(\d+) of \1 done$/);
    const planned = Number(/of (\d+) done/.exec(await progress.innerText())?.[1]);
    expect(planned).toBeGreaterThanOrEqual(n);
    // Every account of the incident is listed; the ones the ban covered say how it went, each on its own.
    const results = page.locator('.bulk-results li[data-member]');
    expect(await results.count()).toBeGreaterThanOrEqual(planned);
    for (const r of banned) {
      expect(practice.member(r.userId)?.banned).toBe(true);
      expect(await page.locator(`.bulk-results li[data-member="${r.userId}"]`).innerText()).toMatch(/: done$/);
    }
    expect(practice.member(outranking!.userId)?.banned).toBe(false);
    expect(await page.locator(`.bulk-results li[data-member="${outranking!.userId}"]`).innerText()).toMatch(/failed: Discord did not ban this account/);
    // The refused account is still to handle: the item offers to resolve the rest on purpose.
    await page.getByRole('button', { name: /^Resolve without acting on the \d+ account/ }).waitFor({ timeout: 20_000 });
    // The whole raid went in one request; no account was banned on its own.
    const sent = practice.requestLog.slice(sentBefore);
    expect(sent.filter((q) => q.method === 'POST' && q.path.endsWith('/bulk-ban'))).toEqual([expect.objectContaining({ status: 200 })]);
    expect(sent.filter((q) => q.method === 'PUT' && raiders.some((r) => q.path.endsWith(`/bans/${r.userId}`)))).toEqual([]);
  }, 120_000);

  it('shows the outbox with each action’s state in words', async () => {
    await page.getByRole('button', { name: /^Outbox:/ }).click();
    const panel = page.getByRole('dialog', { name: 'Outbox' });
    await panel.waitFor();
    // Earlier tests deleted a message and sent replies; each is listed with its state in words.
    // The panel reads its rows from IndexedDB after it opens: on a busy machine that takes more than
    // expect.poll's default second.
    await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toMatch(/Delete · \d+ · done/);
    await expect.poll(() => panel.innerText(), { timeout: 20_000 }).toMatch(/Reply · [\s\S]* · done/);
    expect(await serious(page)).toEqual([]);
    await page.keyboard.press('Escape');
  });

  it('keeps a reply the platform refused in the box, and sends it on the next try', async () => {
    const member = freshMember();
    practice.postMessage({ channelId: practice.channels.help, authorId: member, content: 'steam gift cards for everyone, claim yours before the refused reply is sent' });
    await showAll(page);
    await rowWith(page, 'before the refused reply is sent').first().click();
    await page.keyboard.press('r');
    const box = page.getByLabel(/^Reply in #help/);
    const reply = 'Please read the pinned rules before posting offers here.';
    await box.fill(reply);
    // Discord refuses the first send (the bot lost its permission in the channel for a moment).
    practice.injectFailure({ method: 'POST', path: new RegExp(`/channels/${practice.channels.help}/messages$`) }, { status: 403, code: 50013, times: 1 });
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => page.locator('#item .notice.failed').innerText(), { timeout: 20_000 }).toMatch(/Could not send the reply/);
    // The moderator's words are still there to send again, not lost with the refused send.
    expect(await box.inputValue()).toBe(reply);
    await page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => practice.messages(practice.channels.help).some((m) => m.authorId === practice.botUserId && m.content.includes('pinned rules')), { timeout: 20_000 }).toBe(true);
    expect(practice.messages(practice.channels.help).filter((m) => m.content.includes('pinned rules'))).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('stops a reply with an unfilled placeholder, keeps the draft through Settings, and sends braces only when asked twice', async () => {
    practice.postMessage({ channelId: practice.channels.help, authorId: writers[0]!.userId, content: 'steam gift cards for all, claim yours before the placeholder check' });
    await showAll(page);
    await rowWith(page, 'before the placeholder check').first().click();
    await page.keyboard.press('Control+k');
    await page.keyboard.type('insert macro self-harm support');
    await page.keyboard.press('Enter');
    const box = page.getByLabel(/^Reply in #help/);
    // The team has not given its crisis line yet.
    await expect.poll(() => box.inputValue()).toContain('{support_link}');
    await box.press('End');
    await page.keyboard.type(' (placeholder check)');
    const draft = await box.inputValue();
    await box.focus();
    await page.keyboard.press('Control+Enter');
    const stop = page.locator('#item').getByRole('alert').filter({ hasText: 'Not sent' });
    await expect.poll(() => stop.innerText(), { timeout: 10_000 }).toMatch(/^Not sent: \{support_link\} would reach the member as written[\s\S]*Settings → Community → Crisis line/);
    expect(await box.inputValue()).toBe(draft);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    expect(await serious(page)).toEqual([]);
    // Where to fill it is one click away; the draft survives the trip.
    await stop.getByRole('button', { name: 'Open Settings → Community → Crisis line' }).click();
    const crisis = page.getByRole('form', { name: 'Crisis line' });
    await expect.poll(() => crisis.getByLabel('Crisis line (number or link)').evaluate((el) => el === document.activeElement)).toBe(true);
    await crisis.getByLabel('Crisis line (number or link)').fill('https://findahelpline.com');
    await crisis.getByRole('button', { name: 'Save' }).click();
    await crisis.getByRole('status').waitFor();
    await page.getByRole('button', { name: 'Back to the inbox' }).click();
    await rowWith(page, 'before the placeholder check').first().click();
    // The kept draft, its link filled in now that the team set it; the moderator's own words still there.
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toContain('https://findahelpline.com');
    expect(await box.inputValue()).toContain('(placeholder check)');
    expect(await box.inputValue()).not.toContain('{support_link}');
    expect(practice.messages(practice.channels.help).some((m) => m.authorId === practice.botUserId && m.content.includes('(placeholder check)'))).toBe(false);
    await box.focus();
    await page.keyboard.press('Control+Enter');
    const sent = () => practice.messages(practice.channels.help).find((m) => m.authorId === practice.botUserId && m.content.includes('(placeholder check)'))?.content;
    await expect.poll(sent, { timeout: 20_000 }).toContain('https://findahelpline.com');
    expect(sent()).not.toMatch(/[{}]/);

    // A member asked what "{name}" means: stopped once, Ctrl+Enter again is still no; "Send as written" is.
    practice.postMessage({ channelId: practice.channels.help, authorId: writers[1]!.userId, content: 'free nitro giveaway, claim your prize, and what does {name} mean (braces question)' });
    await rowWith(page, '(braces question)').first().click();
    await page.keyboard.press('r');
    const literal = 'You asked what {name} means in our macros: it stands for a member name (braces check).';
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe('');
    await box.fill(literal);
    await box.focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => stop.innerText(), { timeout: 10_000 }).toMatch(/^Not sent: \{name\}/);
    expect(await stop.innerText()).toMatch(/\{name\}: replace it in the text/);
    await page.keyboard.press('Control+Enter');
    await stop.getByRole('button', { name: 'Send as written, braces included' }).focus();
    await page.keyboard.press('Enter');
    const literalSent = () => practice.messages(practice.channels.help).filter((m) => m.authorId === practice.botUserId && m.content.includes('(braces check)'));
    await expect.poll(() => literalSent().length, { timeout: 20_000 }).toBe(1);
    expect(literalSent()[0]!.content).toContain('{name}');
    await page.keyboard.press('Escape');
  }, 180_000);

  it('re-fills the warning’s rule when the reason changes, keeping the moderator’s own words', async () => {
    practice.postMessage({ channelId: practice.channels.general, authorId: writers[2]!.userId, content: 'free nitro giveaway, claim your prize (reason refill)' });
    await showAll(page);
    await rowWith(page, 'reason refill').first().waitFor({ timeout: 30_000 });
    await selectRowByKeys(page, 'reason refill');
    await page.keyboard.press('w');
    const form = page.getByRole('form', { name: 'Warn the member' });
    const message = form.getByLabel('Message to the member');
    const reason = form.getByLabel('Reason (required)');
    await expect.poll(() => message.inputValue()).toContain('No scams, phishing or fake giveaways');
    // The moderator adds a line of their own, then picks another rule.
    await message.fill(`${await message.inputValue()}\nThanks for understanding, the mods.`);
    await reason.selectOption('be-kind');
    await expect.poll(() => message.inputValue()).toContain('Be kind: no insults or harassment');
    expect(await message.inputValue()).not.toContain('No scams');
    expect(await message.inputValue()).toContain('Thanks for understanding, the mods.');
    // A reason of their own: {rule} until typed, then the typed words once they leave the field.
    await reason.selectOption({ label: 'Other reason…' });
    await expect.poll(() => message.inputValue()).toContain('{rule}');
    await form.getByLabel('Type the reason').fill('Posting giveaway links');
    await form.getByLabel('Type the reason').press('Tab');
    await expect.poll(() => message.inputValue()).toContain('Posting giveaway links');
    expect(await message.inputValue()).not.toContain('{rule}');
    expect(await message.inputValue()).toContain('Thanks for understanding, the mods.');
    const name = form.getByLabel(/^Your name/);
    if (!(await name.inputValue())) await name.fill('Ana');
    await form.getByRole('button', { name: 'Warn', exact: true }).click();
    const sent = () => practice.messages(practice.channels.general).find((m) => m.authorId === practice.botUserId && m.content.includes('Thanks for understanding, the mods.'))?.content ?? '';
    await expect.poll(sent, { timeout: 20_000 }).toContain('Posting giveaway links');
    expect(sent()).not.toMatch(/No scams|Be kind|[{}]/);
  }, 120_000);

  it('tells two same-named accounts of an incident apart, and bans only the one chosen', async () => {
    for (const twin of twins) practice.postMessage({ channelId: practice.channels.general, authorId: twin.userId, content: 'free nitro giveaway for the twins, claim your prize now' });
    await showAll(page);
    const row = rowWith(page, 'for the twins').first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const [a, b] = twins.map((tw) => page.locator(`.bulk-results li[data-member="${tw.userId}"]`));
    await a!.waitFor({ timeout: 20_000 });
    await b!.waitFor({ timeout: 20_000 });
    const [textA, textB] = [await a!.innerText(), await b!.innerText()];
    // Both show the name, each with what sets it apart: never two identical lines.
    expect(textA).toMatch(/^Alex Twin \(id …\d{4,}/);
    expect(textB).toMatch(/^Alex Twin \(id …\d{4,}/);
    expect(textA.split(':')[0]).not.toBe(textB.split(':')[0]);
    expect(textB).toMatch(/username alex_twin_1/);
    await b!.getByRole('button', { name: /^Ban Alex Twin \(id …\d+.*\) only/ }).click();
    await b!.getByRole('button', { name: /^Ban Alex Twin \(id ….*\(this account only\)$/ }).click();
    await expect.poll(() => practice.member(twins[1]!.userId)?.banned, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => b!.innerText(), { timeout: 20_000 }).toMatch(/banned/);
    expect(practice.member(twins[0]!.userId)?.banned).toBe(false);
    expect(await a!.innerText()).toMatch(/not handled yet/);
  }, 120_000);
});
