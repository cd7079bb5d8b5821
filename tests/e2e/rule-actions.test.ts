// Rule actions that run (issue 15), in a real Chromium against host mode and the practice community:
// a saved rule's timeout and delete are done by main once, each shows in the member's history as a case
// by automation, the timeout is undone from there with one click, and a delete says it cannot be; a
// held message is released from its item: the bot posts it again, quoted and attributed, once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPack, RulePackSchema } from '../../src/shared/triage';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, selectRowByKeys, seriousViolations, showAll } from './inbox';
import { memberPicker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;

beforeAll(async () => {
  console_ = await startPracticeConsole('rule-actions', { seed: 21, speed: 1, scenario: false }, (home) => {
    const pack = RulePackSchema.parse(defaultPack);
    const rules = [
      ...pack.rules,
      { id: 'team.deals', category: 'spam', severity: 'medium', reason: 'Deal spam: {match}', trigger: { type: 'keywords', terms: ['burger deal*'] }, actions: [{ type: 'flag' }, { type: 'timeout', minutes: 30 }] },
      { id: 'team.coupons', category: 'spam', severity: 'medium', reason: 'Coupon spam: {match}', trigger: { type: 'keywords', terms: ['pizza coupon*'] }, actions: [{ type: 'delete' }] },
      { id: 'team.vouchers', category: 'spam', severity: 'medium', reason: 'Voucher spam: {match}', trigger: { type: 'keywords', terms: ['taco voucher*'] }, actions: [{ type: 'delete' }], dryRun: true },
      { id: 'team.raffles', category: 'spam', severity: 'medium', reason: 'Raffle selling: {match}', trigger: { type: 'keywords', terms: ['raffle ticket*'] }, actions: [{ type: 'hold' }] },
    ];
    writeFileSync(join(home, 'rules.json'), JSON.stringify(RulePackSchema.parse({ ...pack, rules })));
  });
  ({ practice, page } = console_);
});

afterAll(async () => {
  await console_?.close();
});

const freshMember = memberPicker(() => practice);

async function historyOf(text: string) {
  await showAll(page);
  await rowWith(page, text).first().waitFor({ timeout: 30_000 });
  await selectRowByKeys(page, text);
  await page.keyboard.press('Enter');
  await page.locator('#item h2').first().focus();
  await page.keyboard.press('m');
  return page.getByRole('dialog');
}

describe('a rule’s automatic actions in the console', () => {
  it('times a member out once, shows the case by automation, and undoes it with one click', async () => {
    const member = freshMember();
    practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'best burger deals in town (automation marker)' });
    await expect.poll(() => practice.member(member)?.communicationDisabledUntil ?? null, { timeout: 30_000 }).not.toBeNull();
    const history = await historyOf('automation marker');
    await expect.poll(() => history.innerText(), { timeout: 15_000 }).toMatch(/Timeout · Deal spam: burger deal · by automation \(a rule\)/);
    expect(await history.innerText()).not.toMatch(/pending/);
    expect(await seriousViolations(page)).toEqual([]);
    const timeouts = () => practice.requestLog.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/members/${member}`) && r.status < 300).length;
    expect(timeouts()).toBe(1);

    await history.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => practice.canPost(member), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => history.innerText(), { timeout: 10_000 }).toMatch(/overturned by/);
    expect(await history.getByRole('button', { name: 'Undo' }).count()).toBe(0);
    expect(timeouts()).toBe(2);
    await page.keyboard.press('Escape');
  });

  it('deletes once, and the case says a deleted message cannot be brought back; a rule in dry run deletes nothing', async () => {
    const dry = practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'taco vouchers for sale (dry run marker)' });
    const member = freshMember();
    const posted = practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'pizza coupons for sale (deleted marker)' });
    await expect.poll(() => practice.message(practice.channels.general, posted.id)?.deleted, { timeout: 30_000 }).toBe(true);
    const history = await historyOf('deleted marker');
    await expect.poll(() => history.innerText(), { timeout: 15_000 }).toMatch(/Delete \(automatic\) · Coupon spam: pizza coupon · by automation \(a rule\)/);
    expect(await page.getByTestId('automatic-actions').innerText()).toContain('Rule team.coupons deleted this message automatically.');
    expect(await history.innerText()).toContain('a deleted message cannot be brought back');
    expect(practice.requestLog.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${posted.id}`)).length).toBe(1);
    await page.keyboard.press('Escape');

    // The dry-run rule flagged its message (posted first, in the same channel) and left it standing.
    await rowWith(page, 'dry run marker').first().waitFor({ timeout: 30_000 });
    expect(practice.message(practice.channels.general, dry.id)?.deleted).toBe(false);
    expect(practice.requestLog.filter((r) => r.method === 'DELETE' && r.path.endsWith(`/messages/${dry.id}`)).length).toBe(0);
    const dryHistory = await historyOf('dry run marker');
    expect(await page.getByTestId('automatic-actions').innerText()).toContain('Dry run: rule team.vouchers would have deleted this message; nothing was done.');
    await expect.poll(() => dryHistory.innerText(), { timeout: 10_000 }).toMatch(/0 cases|No cases/i);
    await page.keyboard.press('Escape');
  });

  it('releases a held message: the bot posts it again where it was, quoted and attributed, once, and the rule’s case is overturned', async () => {
    const member = freshMember();
    const name = practice.member(member)!.username;
    const posted = practice.postMessage({ channelId: practice.channels.general, authorId: member, content: 'raffle tickets at the fair, ask @everyone (held marker)' });
    await expect.poll(() => practice.message(practice.channels.general, posted.id)?.deleted, { timeout: 30_000 }).toBe(true);
    await showAll(page);
    await rowWith(page, 'held marker').first().waitFor({ timeout: 30_000 });
    await selectRowByKeys(page, 'held marker');
    await page.keyboard.press('Enter');
    const automatic = page.getByTestId('automatic-actions');
    await expect.poll(() => automatic.innerText(), { timeout: 15_000 }).toContain('Rule team.raffles held this message for review');
    const release = automatic.getByRole('button', { name: 'Release' });
    await release.waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page)).toEqual([]);
    // A double click is one release: the outbox key comes from the hold's.
    await release.dblclick();
    const reposts = () => practice.messages(practice.channels.general).filter((m) => m.authorId === practice.botUserId && m.content.includes('(held marker)'));
    await expect.poll(() => reposts().length, { timeout: 30_000 }).toBe(1);
    expect(reposts()[0]!.content).toBe(`Message from @${name.replace(/[\\*_~`|[\]<>]/g, '\\$&')}, released by the moderators:\n> raffle tickets at the fair, ask @\u200beveryone (held marker)`);
    expect(practice.message(practice.channels.general, reposts()[0]!.id)?.deleted).toBe(false);
    // The item is resolved without action (the inbox moves on); the member's history shows the rule's hold overturned.
    const history = await historyOf('held marker');
    await expect.poll(() => history.innerText(), { timeout: 15_000 }).toMatch(/Raffle selling: raffle ticket · by automation \(a rule\).*overturned by/s);
    expect(await page.getByTestId('automatic-actions').getByTestId('hold-released').count()).toBe(1);
    expect(await page.getByTestId('automatic-actions').getByRole('button', { name: 'Release' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(reposts()).toHaveLength(1);
    // The repost quotes what the rule matched, yet it is the team's own post: no item of its own. A message
    // posted after it in the same channel shows the console has read that far.
    practice.postMessage({ channelId: practice.channels.general, authorId: freshMember(), content: 'taco vouchers again (after the release)' });
    await rowWith(page, 'after the release').first().waitFor({ timeout: 30_000 });
    expect(await rowWith(page, 'released by the moderators').count()).toBe(0);
  });
});
