// Decisions as labels (issue 15) across two moderators' consoles in one Chromium (two host-mode
// instances, two homes, one practice Discord): Ana deletes three messages linking one host, the Rules
// view proposes a link rule from those decisions, she accepts it with one click, and the accepted change
// travels through the team ledger — Bo's console lists it and its triage flags the host; Bo undoes it
// with one click and both consoles stop flagging it.
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
});
