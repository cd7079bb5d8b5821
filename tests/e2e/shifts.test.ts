// Two moderators' consoles in one Chromium (two host-mode instances, two homes, two keys) against one
// practice Discord: a lead approves a newcomer by invite code, a claim shows on the other console and
// gates its actions, and a Shanghai → Los Angeles handoff across the DST change is acknowledged.
import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHost } from '../../src/main/host/start';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, showAll } from './inbox';
import { openShifts, setIdentity, standing, startTeamOfTwo, type TeamOfTwo } from './team';

let team: TeamOfTwo;
let sim: DiscordSimulator;
let hostA: RunningHost;
let browser: BrowserContext;
let ana: Page;
let bo: Page;

async function backToInbox(p: Page) {
  await p.getByRole('button', { name: 'Back to inbox' }).click();
  await p.locator('#shifts').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  team = await startTeamOfTwo('shifts', 23, 'Asia/Shanghai');
  ({ sim, hostA, browser, ana, bo } = team);
}, 120_000);

afterAll(async () => {
  await team?.close();
});

describe('shifts across two consoles', () => {
  it('shows the coverage map in the time zone chosen in Shifts, not the browser’s', async () => {
    // The browser here runs in UTC; Ana said Asia/Shanghai.
    await expect.poll(() => ana.locator('#coverage-title').innerText()).toBe('Coverage this week in your time (Asia/Shanghai)');
  });

  it('a lead approves the second console by its invite code', async () => {
    await expect.poll(() => standing(bo), { timeout: 30_000 }).toMatch(/Waiting for a lead/);
    await setIdentity(bo, 'Bo', 'America/Los_Angeles');
    await expect.poll(() => bo.getByLabel('Invite code').inputValue()).toMatch(/^TK1\./);
    // The code is re-issued with the name and zone Bo just saved.
    await expect.poll(async () => JSON.parse(Buffer.from((await bo.getByLabel('Invite code').inputValue()).slice(4), 'base64url').toString()).n).toBe('Bo');
    const code = await bo.getByLabel('Invite code').inputValue();
    await ana.getByLabel('Invite code').fill(code);
    await ana.getByRole('button', { name: 'Approve', exact: true }).click();
    await expect.poll(() => standing(bo), { timeout: 10_000 }).toMatch(/You are on the team/);
    await expect.poll(() => ana.locator('.roster').innerText()).toMatch(/Bo[\s\S]*moderator/);
  });

  it('opening an item claims it; the other console shows "Ana is on this" and asks before acting', async () => {
    const member = sim.memberIdsByRole('Member')[3]!;
    sim.postMessage({ channelId: sim.channels.general, authorId: member, content: 'free nitro gift, claim your prize (shift test)' });
    await backToInbox(ana);
    await backToInbox(bo);
    const rowA = ana.locator('[role="option"]').filter({ hasText: 'shift test' }).first();
    await rowA.waitFor({ timeout: 30_000 });
    await rowA.click();
    await ana.locator('#item .action-bar').waitFor();
    await expect.poll(() => ana.locator('#item').innerText(), { timeout: 10_000 }).toContain('You are on this');
    // The timeout form signs the case with the name Ana gave in Shifts; nobody types it twice.
    await ana.locator('#item .action-bar').getByRole('button', { name: 'Timeout author' }).click();
    await expect.poll(() => ana.locator('#item').getByLabel(/^Your name/).inputValue()).toBe('Ana');
    await ana.locator('#item').getByRole('button', { name: 'Cancel', exact: true }).first().click();
    // Only the community message is an inbox item; the ledger's own messages in #mod-log never are.
    expect(await ana.locator('[role="option"]').filter({ hasText: 'mod-log' }).count()).toBe(0);
    const rowB = bo.locator('[role="option"]').filter({ hasText: 'shift test' }).first();
    await rowB.waitFor({ timeout: 30_000 });
    await expect.poll(() => rowB.innerText(), { timeout: 3_000 }).toContain('Ana is on this');
    await rowB.click();
    await expect.poll(() => bo.getByTestId('claim-ask').innerText()).toContain('Ana is already on this');
    // The action bar is inert until Bo says he means to act anyway.
    expect(await bo.locator('#item [inert]').count()).toBe(1);
    await bo.getByRole('button', { name: 'Act anyway' }).click();
    expect(await bo.locator('#item [inert]').count()).toBe(0);
    // "Remind the next shift": Ana's 09:00 Shanghai is Bo's 17:00 the day before, after the DST change.
    await ana.getByRole('button', { name: 'Remind the next shift' }).click();
    await ana.getByLabel('What should the next shift do?').fill('check whether @x appealed');
    await ana.getByLabel('When (your time)').fill('2026-11-02T09:00');
    await ana.getByRole('button', { name: 'Save reminder' }).click();
    await expect.poll(() => bo.locator('#item .follow-ups').innerText(), { timeout: 5_000 }).toContain('check whether @x appealed — due Sun 1 Nov, 17:00 PST');
  });

  it('resolving an item ends its claim on every console', async () => {
    const member = sim.memberIdsByRole('Member')[7]!;
    sim.postMessage({ channelId: sim.channels.general, authorId: member, content: 'free robux generator, claim now (claim ends)' });
    const rowA = rowWith(ana, 'claim ends').first();
    await rowA.waitFor({ timeout: 30_000 });
    await rowA.click();
    await expect.poll(() => ana.locator('#item').innerText(), { timeout: 10_000 }).toContain('You are on this');
    await showAll(bo);
    const rowB = rowWith(bo, 'claim ends').first();
    await expect.poll(() => rowB.innerText(), { timeout: 10_000 }).toContain('Ana is on this');
    // Ana resolves it without action (e): the claim ends for everyone, not only in her console.
    await ana.locator('#item h2').first().focus();
    await ana.keyboard.press('e');
    await expect.poll(() => rowB.innerText(), { timeout: 10_000 }).not.toContain('Ana is on this');
    await showAll(ana);
    await expect.poll(() => rowWith(ana, 'claim ends').first().innerText(), { timeout: 10_000 }).not.toContain('You are on this');
  });

  it('a message deleted in the Discord app closes its item on both consoles, saying by whom', async () => {
    const staff = new Set([...sim.memberIdsByRole('Moderator'), ...sim.memberIdsByRole('Admin')]);
    const [first, second] = sim.memberIdsByRole('Member').filter((m) => !staff.has(m)).slice(4, 6);
    const moderator = sim.memberIdsByRole('Moderator')[0]!;
    const byMod = sim.postMessage({ channelId: sim.channels.general, authorId: first!, content: 'free nitro gift, claim your prize (native delete by mod)' });
    const byAutomod = sim.postMessage({ channelId: sim.channels.help, authorId: second!, content: 'free nitro gift, claim your prize (native delete, no audit)' });
    for (const p of [ana, bo]) {
      await rowWith(p, 'native delete by mod').first().waitFor({ timeout: 30_000 });
      await rowWith(p, 'native delete, no audit').first().waitFor({ timeout: 30_000 });
    }
    // A moderator removes one from the Discord app itself (with an audit log entry); the other vanishes
    // without one (as an automod or a deleted account would), not through either console.
    sim.deleteMessage(sim.channels.general, byMod.id, moderator);
    sim.deleteMessage(sim.channels.help, byAutomod.id);
    const modName = sim.member(moderator)!.globalName ?? sim.member(moderator)!.username;
    for (const p of [ana, bo]) {
      await showAll(p);
      await expect.poll(() => rowWith(p, 'native delete by mod').first().innerText(), { timeout: 10_000 }).toContain(`Handled in Discord by ${modName}`);
      await expect.poll(() => rowWith(p, 'native delete, no audit').first().innerText(), { timeout: 10_000 }).toMatch(/Deleted in Discord, not from this console/);
    }
  });

  it('a handoff from Shanghai shows Los Angeles times across the DST change, and is acknowledged', async () => {
    await openShifts(ana);
    await ana.getByRole('button', { name: 'Add a promise' }).click();
    await ana.getByLabel('What was promised').fill('told @mei we would check back');
    // 10:00 in Shanghai on 1 Nov 2026 is 19:00 PDT on 31 Oct; a day later it is 18:00 PST.
    await ana.getByLabel('Due (your time)').fill('2026-11-01T10:00');
    await ana.getByRole('button', { name: 'Add a promise' }).click();
    await ana.getByLabel('What was promised').nth(1).fill('unban review for @quietfox');
    await ana.getByLabel('Due (your time)').nth(1).fill('2026-11-02T10:00');
    await ana.getByLabel('Notes').fill('<img src=x onerror=alert(1)> stays text');
    await ana.getByRole('button', { name: 'Send handoff' }).click();
    await expect.poll(() => ana.getByText('Handoff sent.').count()).toBe(1);

    await openShifts(bo);
    const card = bo.getByTestId('handoff').first();
    await expect.poll(() => card.innerText(), { timeout: 10_000 }).toMatch(/Handoff from Ana/);
    const promises = await card.getByTestId('handoff-promises').innerText();
    expect(promises).toContain('Sat 31 Oct, 19:00 PDT');
    expect(promises).toContain('Sun 1 Nov, 18:00 PST');
    expect(await card.innerText()).toContain('<img src=x onerror=alert(1)> stays text');
    expect(await bo.locator('#shifts img').count()).toBe(0);
    await card.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => ana.locator('#shifts').innerText(), { timeout: 10_000 }).toMatch(/Acknowledged by Bo/);
  });

  it('Bo offers one of his shifts, Ana takes it, and both consoles agree who covers it', async () => {
    await openShifts(bo);
    await bo.getByRole('button', { name: 'Add a shift' }).click();
    await bo.getByRole('button', { name: 'Save schedule' }).click();
    const mine = bo.getByTestId('my-shifts');
    await expect.poll(() => mine.innerText(), { timeout: 10_000 }).toMatch(/^Bo · /);
    await mine.getByRole('button', { name: 'Offer this shift' }).first().click();
    await expect.poll(() => mine.innerText(), { timeout: 10_000 }).toMatch(/Offered/);

    await openShifts(ana);
    const open = ana.getByTestId('open-swaps');
    await expect.poll(() => open.innerText(), { timeout: 10_000 }).toMatch(/^Bo · /);
    await open.getByRole('button', { name: 'Take it' }).click();
    for (const p of [ana, bo]) {
      await expect.poll(() => p.getByTestId('agreed-swaps').innerText(), { timeout: 10_000 }).toMatch(/^Ana covers Bo’s shift /);
      await expect.poll(() => p.getByTestId('open-swaps').count()).toBe(0);
    }
    // The lead's follow-the-sun view: every moderator's own clock for the next 24 hours.
    const sun = ana.getByTestId('follow-the-sun');
    expect(await sun.locator('thead th').allInnerTexts()).toEqual(['Your time', 'Ana', 'Bo']);
    expect(await sun.locator('tbody tr').count()).toBe(24);
    expect(await bo.getByTestId('follow-the-sun').count()).toBe(0);
  });

  it('tells the lead with a desktop notification, once, when a handoff stays unacknowledged', async () => {
    await openShifts(bo);
    await bo.getByLabel('Notes').fill('quiet night, nothing open');
    await bo.getByRole('button', { name: 'Send handoff' }).click();
    await expect.poll(() => bo.getByText('Handoff sent.').count()).toBeGreaterThan(0);

    // Ana's console 31 minutes later, with notifications allowed: a stand-in records what would show.
    const later = await browser.newPage();
    await later.clock.install({ time: Date.now() + 31 * 60_000 });
    await later.addInitScript(() => {
      const w = window as unknown as { shown: Array<{ title: string; body: string }>; Notification: unknown };
      w.shown = [];
      w.Notification = class {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        constructor(title: string, options?: { body?: string }) {
          w.shown.push({ title, body: options?.body ?? '' });
        }
      };
    });
    const shown = () => later.evaluate(() => (window as unknown as { shown: Array<{ title: string; body: string }> }).shown.map((n) => n.body));
    await later.goto(hostA.url);
    await expect.poll(shown, { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^Not acknowledged after 30 minutes: handoff from Bo/)]));
    await later.reload();
    await later.getByTestId('on-now').waitFor();
    await later.waitForTimeout(1_000);
    expect((await shown()).filter((b) => b.startsWith('Not acknowledged'))).toEqual([]);
    await later.close();
  });

  it('has no serious accessibility violation in the shifts view', async () => {
    const violations = [...(await new AxeBuilder({ page: bo }).include('#shifts').analyze()).violations, ...(await new AxeBuilder({ page: ana }).include('#shifts').analyze()).violations];
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious).toEqual([]);
  });
});
