// Trustworthy hands, in a real Chromium against host mode and a quiet practice community (no story, so
// every item is one this file made): keys act on the highlighted item and the detail follows it; a ban
// the platform refuses is recorded as refused, with no mod-log line; a raid stays open until each of
// its accounts is handled; the same lure from several accounts is one item that one action covers.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, selectedText, showAll } from './inbox';
import { memberPicker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;

beforeAll(async () => {
  console_ = await startPracticeConsole('trust', { seed: 17, speed: 20, scenario: false });
  ({ practice, page } = console_);
  await page.locator('.sources', { hasText: /Practice Community[\s\S]*connected/ }).waitFor({ timeout: 30_000 });
});

afterAll(async () => {
  await console_?.close();
});

const freshMember = memberPicker(() => practice);

describe('trustworthy hands', () => {
  it('acts on the highlighted item: the detail follows j/k, d deletes that message, and the next row becomes current', async () => {
    const a = practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'trust alpha: free robux generator, no verification, claim now' });
    const b = practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'trust bravo: steam is giving away gift cards today, claim yours' });
    await rowWith(page, 'trust bravo').first().waitFor({ timeout: 30_000 });
    await rowWith(page, 'trust alpha').first().click();
    await expect.poll(() => page.locator('#item .flagged-message').innerText()).toContain('trust alpha');
    // Bravo is newer, so it is the row above: k moves the highlight there, and the detail goes with it.
    await page.keyboard.press('k');
    expect(await selectedText(page)).toContain('trust bravo');
    await expect.poll(() => page.locator('#item .flagged-message').innerText()).toContain('trust bravo');
    await page.keyboard.press('d');
    await expect.poll(() => practice.message(practice.channels.general, b.id)?.deleted, { timeout: 20_000 }).toBe(true);
    expect(practice.message(practice.channels.general, a.id)?.deleted).toBe(false);
    // Act → next: bravo left the open list, alpha (the row that took its place) is current and shown,
    // and the result of the delete stays in view.
    await expect.poll(() => selectedText(page), { timeout: 20_000 }).toContain('trust alpha');
    await expect.poll(() => page.locator('#item .flagged-message').innerText()).toContain('trust alpha');
    expect(await page.getByTestId('previous-item').innerText()).toMatch(/Deleted by you[\s\S]*trust bravo/);
  });

  it('records a ban the platform refuses as refused, and posts no mod-log line claiming it', async () => {
    const member = freshMember();
    const name = practice.member(member)!.globalName ?? practice.member(member)!.username;
    practice.injectFailure({ method: 'PUT', path: /\/bans\// }, { status: 403, code: 50013, times: 1 });
    practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'trust charlie: double your crypto, send 1 eth and get 2 back, official airdrop' });
    await rowWith(page, 'trust charlie').first().click();
    await page.locator('#item .action-bar').getByRole('button', { name: 'Ban', exact: true }).click();
    const form = page.getByRole('form', { name: 'Ban the member' });
    await form.getByLabel('Your name').fill('Ana');
    await form.getByRole('button', { name: 'Ban', exact: true }).click();
    await expect.poll(() => page.locator('#item').innerText(), { timeout: 20_000 }).toContain('The bot lacks permission');
    expect(practice.member(member)?.banned).toBe(false);
    // The case says what really happened.
    await page.locator('#item .flagged-message .author').click();
    const history = page.getByRole('dialog');
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toMatch(/Ban · No scams[\s\S]*not done: The bot lacks permission/);
    await page.keyboard.press('Escape');
    // The case is settled (refused) above, so a mod-log post would have been queued by now: there is none.
    const modLog = practice.messages(practice.channels.modLog).filter((m) => m.authorId === practice.botUserId && m.content.includes(name));
    expect(modLog).toEqual([]);
    // The item stays open, showing the refusal: nothing happened on the platform.
    expect(await page.locator('#item h2').first().innerText()).toContain('Open');
  });

  it('keeps a raid open until every account is handled, and shows each account’s state', async () => {
    const raiders = Array.from({ length: 10 }, (_, i) => practice.addMember({ username: `trustraid_${i}`, accountCreatedAt: new Date(Date.now() - 20 * 60_000) }));
    for (const [i, r] of raiders.entries()) {
      practice.postMessage({ channelId: practice.channels.general, authorId: r.userId, content: `this server is dead, everyone come to the real one now ${i}` });
    }
    await showAll(page);
    const raidRow = rowWith(page, /raid/i).filter({ hasText: 'Incident' }).first();
    await raidRow.waitFor({ timeout: 30_000 });
    await raidRow.click();
    const list = page.locator('#item .bulk-results');
    await expect.poll(() => list.locator('li[data-member]').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(raiders.length);
    // A moderator bans one raider in the Discord app: that account is handled, the incident stays open.
    const moderator = practice.memberIdsByRole('Moderator')[0]!;
    practice.banAsModerator(raiders[0]!.userId, moderator);
    await expect.poll(() => list.locator(`li[data-member="${raiders[0]!.userId}"]`).innerText(), { timeout: 20_000 }).toMatch(/banned/);
    expect(await page.locator('#item h2').first().innerText()).toContain('Open');
    expect(await list.locator(`li[data-member="${raiders[1]!.userId}"]`).innerText()).toMatch(/not handled yet/);
    // One bulk ban covers the others; only they are asked for.
    await page.getByRole('button', { name: /^Ban all \d+ accounts/ }).click();
    const confirm = page.getByRole('form', { name: 'Confirm the bulk ban' });
    expect(await confirm.innerText()).not.toContain('trustraid_0');
    await confirm.getByRole('button', { name: /^Ban \d+ accounts/ }).click();
    await expect.poll(() => raiders.every((r) => practice.member(r.userId)?.banned), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => page.locator('#item h2').first().innerText(), { timeout: 20_000 }).toContain('Resolved');
    expect(practice.requestLog.filter((q) => q.method === 'PUT' && q.path.includes(`/bans/${raiders[0]!.userId}`))).toHaveLength(0);
  });

  it('folds the same lure from one spammer and from other accounts into one item, which one delete covers', async () => {
    const spammer = freshMember();
    const other = freshMember();
    const lure = (code: string) => `Wallet Support here: your airdrop is ready, verify at https://wallet-support.top/claim?id=${code} to receive it`;
    const posted = [
      practice.postMessage({ channelId: practice.channels.general, authorId: spammer, content: lure('a1') }),
      practice.postMessage({ channelId: practice.channels.help, authorId: spammer, content: lure('b2') }),
      practice.postMessage({ channelId: practice.channels.general, authorId: other, content: `urgent!! claim the airdrop at https://wallet-support.top/claim?id=c3 before it expires` }),
    ];
    await showAll(page);
    const row = rowWith(page, 'Wallet Support here');
    await expect.poll(() => row.first().innerText(), { timeout: 30_000 }).toMatch(/3 messages/);
    expect(await row.count()).toBe(1);
    expect(await rowWith(page, 'urgent!! claim the airdrop').count()).toBe(0);
    await row.first().click();
    await expect.poll(() => page.locator('#item .bulk-results li[data-member]').count()).toBe(2);
    await page.keyboard.press('d');
    for (const m of posted) await expect.poll(() => practice.message(m.channelId, m.id)?.deleted, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => row.first().innerText(), { timeout: 20_000 }).toMatch(/Deleted 3 messages by you/);
  });
});
