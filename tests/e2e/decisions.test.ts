// Decisions as labels (issue 15) across two moderators' consoles in one Chromium (two host-mode
// instances, two homes, one practice Discord): Ana deletes three messages linking one host, the Rules
// view proposes a link rule from those decisions, she accepts it with one click, and the accepted change
// travels through the team ledger — Bo's console lists it and its triage flags the host; Bo undoes it
// with one click and both consoles stop flagging it. Then misses (issue 14): Ana flags by hand, with the mouse and
// with the keyboard, messages triage let through, from an item's conversation; each opens an item on both
// consoles, marked with who flagged it (her note shown as text); Bo flags a third; the Rules view proposes a word
// rule from the three, and once accepted it flags the next such message on Bo's console.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, selectRowByKeys, seriousViolations, showAll } from './inbox';
import { memberPicker } from './practiceConsole';
import { backToInbox, joinBo, openRules, startTeamOfTwo, type TeamOfTwo } from './team';

let team: TeamOfTwo;
let sim: DiscordSimulator;
let ana: Page;
let bo: Page;

const member = memberPicker(() => sim);
/** Who wrote the third missed message (the people panel's step flags another of theirs). */
let thirdAuthor = '';

beforeAll(async () => {
  team = await startTeamOfTwo('decisions', 27, 'Europe/Berlin');
  ({ sim, ana, bo } = team);
}, 180_000);

afterAll(async () => {
  await team?.close();
});

describe('learning from the team’s decisions', () => {
  it('the second console joins the team', async () => {
    await joinBo(team, 'America/New_York');
    await backToInbox(ana, '#shifts');
    await backToInbox(bo, '#shifts');
  });

  it('proposes a link rule after three deletes of one host, and the accepted rule travels to the second console', async () => {
    const posted = [1, 2, 3].map((n) =>
      sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: `free nitro gift, claim your prize at https://xyz-deals.top/claim${n} (decision ${n})` }),
    );
    // The three copies of one lure fold into one item: `d` on it deletes every message of it (three deletes).
    await expect.poll(() => rowWith(ana, /xyz-deals\.top/).first().innerText(), { timeout: 30_000 }).toMatch(/3 messages/);
    await selectRowByKeys(ana, 'xyz-deals.top');
    await ana.keyboard.press('d');
    await expect.poll(() => posted.every((m) => sim.message(sim.channels.general, m.id)?.deleted), { timeout: 20_000 }).toBe(true);

    await openRules(ana);
    const proposals = ana.getByTestId('rule-proposals');
    const proposal = proposals.getByTestId('rule-proposal').filter({ hasText: 'xyz-deals.top' });
    await expect.poll(() => proposal.innerText(), { timeout: 15_000 }).toMatch(/You removed 3 messages linking xyz-deals\.top this week: add a link rule\?/);
    expect(await seriousViolations(ana)).toEqual([]);
    await proposal.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => ana.getByTestId('accepted-changes').innerText(), { timeout: 15_000 }).toMatch(/Link rule for xyz-deals\.top · accepted by Ana/);
    expect(await proposals.getByTestId('rule-proposal').filter({ hasText: 'xyz-deals.top' }).count()).toBe(0);

    // Bo's console got it through the ledger: listed, and his triage flags the host now.
    await openRules(bo);
    await expect.poll(() => bo.getByTestId('accepted-changes').innerText(), { timeout: 20_000 }).toMatch(/Link rule for xyz-deals\.top · accepted by Ana/);
    await backToInbox(bo, '#rules');
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: 'hello all, notes at https://xyz-deals.top/notes (after accept)' });
    await showAll(bo);
    // The lure's item closed on Bo's console too once its three copies were deleted on the platform (Ana's
    // console deleted them through the same bot), so the new link is an item of its own, flagged by the learned rule.
    await expect.poll(() => rowWith(bo, 'after accept').count(), { timeout: 30_000 }).toBe(1);
    await selectRowByKeys(bo, 'after accept');
    await bo.keyboard.press('Enter');
    await expect.poll(() => bo.locator('#item .flags').innerText(), { timeout: 10_000 }).toContain('team.learned.xyz-deals.top');
    await bo.keyboard.press('Escape');
  });

  it('one click undoes it on every console', async () => {
    await openRules(bo);
    await bo.getByTestId('accepted-changes').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => ana.getByTestId('accepted-changes').innerText(), { timeout: 20_000 }).toMatch(/undone by Bo/);
    await backToInbox(bo, '#rules');
    // A link to the host after the undo is not flagged: a flagged message posted after it shows, it does not.
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: 'more notes at https://xyz-deals.top/more (after undo)' });
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: 'free robux generator, claim now (undo sentinel)' });
    await rowWith(bo, 'undo sentinel').first().waitFor({ timeout: 30_000 });
    expect(await rowWith(bo, 'after undo').count()).toBe(0);
    // Nor did it join the learned rule's item from before the undo: that one still holds its one message.
    expect(await rowWith(bo, 'after accept').first().innerText()).not.toMatch(/\d+ messages/);
  });

  it('a moderator flags what triage missed from an item’s conversation: the item opens on both consoles with who flagged it, by mouse and by keyboard, her note and the message shown as text', async () => {
    await backToInbox(ana, '#rules');
    const hostile = '<img src=x onerror="window.__xss=1">';
    const post = (content: string) => sim.postMessage({ channelId: sim.channels.help, authorId: member(), content });
    const first = post('my uncle sells rare gold coins, ping me for the price (miss 1)');
    post(`${hostile} rare gold coins (miss 2)`);
    thirdAuthor = post('I still have rare gold coins left (miss 3)').authorId;
    post('send me your seed phrase and i will double your wallet, connect your wallet now (miss anchor)');
    await expect.poll(() => rowWith(ana, 'miss anchor').count(), { timeout: 30_000 }).toBe(1);
    // Triage let the three through: no row of their own.
    expect(await rowWith(ana, /\(miss [123]\)/).count()).toBe(0);
    await selectRowByKeys(ana, 'miss anchor');
    await ana.keyboard.press('Enter');
    const row = (p: Page, text: string) => p.locator('#item li[data-flag-event]').filter({ hasText: text });
    await row(ana, 'miss 1').waitFor({ timeout: 20_000 });

    // With the mouse: Flag…, a category and a note (hostile), Flag.
    await row(ana, 'miss 1').getByRole('button', { name: 'Flag this message as missed by triage' }).click();
    const form = ana.getByRole('form', { name: 'Flag a message triage missed' });
    await form.getByLabel('Category').selectOption('spam');
    await form.getByLabel('Note (optional)').fill(hostile);
    expect(await seriousViolations(ana)).toEqual([]);
    await form.getByRole('button', { name: 'Flag', exact: true }).click();
    await expect.poll(() => row(ana, 'miss 1').getByTestId('hand-flag-state').innerText(), { timeout: 20_000 }).toMatch(/Flagged by Ana: missed by triage/);

    // With the keyboard: the message focused, x, the category by arrow key, the note typed, Enter.
    await row(ana, 'miss 2').focus();
    await ana.keyboard.press('x');
    await expect.poll(() => ana.evaluate(() => document.activeElement?.tagName)).toBe('SELECT');
    await ana.keyboard.press('ArrowDown');
    await expect.poll(() => form.getByLabel('Category').inputValue()).toBe('spam');
    await ana.keyboard.press('Tab');
    await ana.keyboard.type('coin seller again');
    await ana.keyboard.press('Enter');
    await expect.poll(() => row(ana, 'miss 2').getByTestId('hand-flag-state').innerText(), { timeout: 20_000 }).toMatch(/Flagged by Ana/);
    await ana.keyboard.press('Escape');

    // Each flagged message is an item on both consoles, saying who flagged it.
    for (const p of [ana, bo]) {
      await showAll(p);
      for (const n of [1, 2]) await expect.poll(() => rowWith(p, `(miss ${n})`).first().innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Flagged by Ana: missed by triage/);
    }
    await selectRowByKeys(bo, '(miss 1)');
    await bo.keyboard.press('Enter');
    await expect.poll(() => bo.getByTestId('hand-flags').innerText(), { timeout: 10_000 }).toMatch(/Flagged by Ana: missed by triage/);
    // The note and the message are text: the payload shows as written, nothing ran.
    expect(await bo.getByTestId('hand-flags').locator('.hand-flag-note').innerText()).toBe(hostile);
    // Acted on like any item: d deletes the message on the platform.
    await bo.keyboard.press('d');
    await expect.poll(() => sim.message(sim.channels.help, first.id)?.deleted, { timeout: 20_000 }).toBe(true);
    await selectRowByKeys(bo, '(miss 2)');
    await bo.keyboard.press('Enter');
    await expect.poll(() => bo.locator('#item .flagged-message').innerText(), { timeout: 10_000 }).toContain(hostile);
    expect(await bo.locator('#item img').count()).toBe(0);
    expect(await bo.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await seriousViolations(bo)).toEqual([]);
    await bo.keyboard.press('Escape');

    // Bo flags the third from the same conversation on his console; the first two say who flagged them.
    await selectRowByKeys(bo, 'miss anchor');
    await bo.keyboard.press('Enter');
    await row(bo, 'miss 3').waitFor({ timeout: 20_000 });
    await expect.poll(() => row(bo, 'miss 2').innerText()).toMatch(/Flagged by Ana/);
    await row(bo, 'miss 3').getByRole('button', { name: 'Flag this message as missed by triage' }).click();
    await bo.getByRole('form', { name: 'Flag a message triage missed' }).getByLabel('Category').selectOption('spam');
    await bo.getByRole('form', { name: 'Flag a message triage missed' }).getByRole('button', { name: 'Flag', exact: true }).click();
    await expect.poll(() => rowWith(ana, '(miss 3)').first().innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Flagged by Bo: missed by triage/);
    // In Chinese: who flagged each message, and Flag… on the others; axe clean.
    await bo.getByRole('combobox').first().selectOption({ label: '简体中文' });
    await expect.poll(() => row(bo, 'miss 2').getByTestId('hand-flag-state').innerText()).toBe('由 Ana 手动标记：分拣未发现');
    await expect.poll(() => row(bo, 'miss 3').getByTestId('hand-flag-state').innerText()).toMatch(/^由 Bo 手动标记：分拣未发现/);
    expect(await bo.locator('#item').getByRole('button', { name: '将此消息标记为分拣漏掉的问题' }).count()).toBeGreaterThan(0);
    expect(await seriousViolations(bo)).toEqual([]);
    await bo.getByRole('combobox').first().selectOption({ label: 'English' });
    await bo.keyboard.press('Escape');
  });

  it('three misses with the same words propose a word rule; accepted, it flags the next such message on the other console', async () => {
    await backToInboxIfOpen(ana);
    await openRules(ana);
    const proposal = ana.getByTestId('rule-proposals').getByTestId('rule-proposal').filter({ hasText: 'rare gold coins' });
    await expect.poll(() => proposal.innerText().catch(() => ''), { timeout: 20_000 }).toMatch(/3 messages the team flagged by hand as spam said “rare gold coins”: add a word rule\?/);
    await proposal.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => ana.getByTestId('accepted-changes').innerText(), { timeout: 15_000 }).toMatch(/Word rule for “rare gold coins” \(spam\) · accepted by Ana/);
    await backToInbox(ana, '#rules');
    await openRules(bo);
    await expect.poll(() => bo.getByTestId('accepted-changes').innerText(), { timeout: 20_000 }).toMatch(/Word rule for “rare gold coins”/);
    await backToInbox(bo, '#rules');
    sim.postMessage({ channelId: sim.channels.help, authorId: member(), content: 'who wants RARE G0LD COINS (after words accept)' });
    await expect.poll(() => rowWith(bo, 'after words accept').count(), { timeout: 30_000 }).toBe(1);
    await selectRowByKeys(bo, 'after words accept');
    await bo.keyboard.press('Enter');
    await expect.poll(() => bo.locator('#item .flags').innerText(), { timeout: 10_000 }).toContain('team.words.spam.');
    await bo.keyboard.press('Escape');
  });

  it('resolving an item without action counts as its rule’s false alarm in the rule editor’s preview', async () => {
    await showAll(ana);
    await selectRowByKeys(ana, 'miss anchor');
    await ana.keyboard.press('Enter');
    const rule = (await ana.locator('#item .flags code').allInnerTexts()).find((r) => r !== 'model' && !r.startsWith('team.'));
    expect(rule).toBeDefined();
    await ana.keyboard.press('e');
    await expect.poll(() => rowWith(ana, 'miss anchor').first().innerText(), { timeout: 15_000 }).toMatch(/Resolved/i);
    await backToInboxIfOpen(ana);
    await openRules(ana);
    await ana.locator('#rules').getByRole('button', { name: new RegExp(rule!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first().click();
    await expect.poll(() => ana.getByTestId('preview-false-alarms').innerText(), { timeout: 10_000 }).toMatch(/the team resolved 1 item this rule flagged without action/);
    await backToInbox(ana, '#rules');
  });

  it('flags a missed message from the member’s history too (m, then x on the message)', async () => {
    sim.postMessage({ channelId: sim.channels.help, authorId: thirdAuthor, content: 'just stamps today, ask me in private (people panel)' });
    sim.postMessage({ channelId: sim.channels.help, authorId: member(), content: 'free nitro giveaway, claim your prize (people sentinel)' });
    await showAll(ana);
    await rowWith(ana, 'people sentinel').first().waitFor({ timeout: 30_000 });
    await selectRowByKeys(ana, '(miss 3)');
    await ana.keyboard.press('m');
    const recent = ana.getByTestId('member-recent');
    await expect.poll(() => recent.innerText().catch(() => ''), { timeout: 10_000 }).toContain('(people panel)');
    // The message flagged by Bo says so; the new one has Flag….
    expect(await recent.locator('li').filter({ hasText: '(miss 3)' }).innerText()).toMatch(/Flagged by Bo/);
    await recent.locator('li').filter({ hasText: '(people panel)' }).focus();
    await ana.keyboard.press('x');
    const form = recent.getByRole('form', { name: 'Flag a message triage missed' });
    await form.getByLabel('Category').selectOption('custom');
    await form.getByRole('button', { name: 'Flag', exact: true }).click();
    await expect.poll(() => recent.locator('li').filter({ hasText: '(people panel)' }).innerText(), { timeout: 15_000 }).toMatch(/Flagged by Ana/);
    expect(await seriousViolations(ana)).toEqual([]);
    await ana.keyboard.press('Escape');
    await expect.poll(() => rowWith(bo, '(people panel)').first().innerText().catch(() => ''), { timeout: 30_000 }).toMatch(/Flagged by Ana: missed by triage/);
  });
});

/** Closes an open item (Escape), so the header's views are one click away. */
async function backToInboxIfOpen(p: Page): Promise<void> {
  if ((await p.locator('#item .item-head').count()) > 0) await p.keyboard.press('Escape');
}
