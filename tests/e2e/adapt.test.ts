// The model adapted to the team's decisions (issue 15) across two moderators' consoles in one Chromium
// (two host-mode instances, two homes, one practice Discord): Ana deletes five copies of a community's own
// scam (a "guild bank" admin asking for gold; the rules catch the copies only by the fake-support words,
// which the model alone scores low), the Rules view proposes adapting the model to those decisions with its effect on the last
// week's messages, she accepts it with one click, and the adaptation travels through the team ledger —
// Bo’s console flags the same scam in other words (the shipped model alone does not); Bo undoes it with
// one click and both consoles stop flagging it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rowWith, selectRowByKeys, seriousViolations, showAll } from './inbox';
import { memberPicker } from './practiceConsole';
import { backToInbox, joinBo, openRules, startTeamOfTwo, type TeamOfTwo } from './team';
import { normalize, shippedModel } from '../../src/shared/triage';
import { adaptFrom, compactAdaptation, expandAdaptation, scoreAdapted } from '../../src/shared/triage/model/adapt';

let team: TeamOfTwo;
let sim: DiscordSimulator;
let ana: Page;
let bo: Page;

const member = memberPicker(() => sim);

const lure = (n: number) => `im an admin of the guild bank: trade your gold to my alt before the season reset, you get it all back after, dm me (copy ${n})`;
// The scam without the fake-support words: the shipped model scores it scam-like but below its
// threshold, the model adapted to the five deletes above it. The number tags it for the test, and its
// words move the score too: the tags are picked here, against the weights this build ships, with a
// margin either way and whichever order the deletes are confirmed in.
const probe = (tag: string) => `officer here, trade your gold to my alt before the season reset, you get it all back with a bonus, dm me (${tag})`;

// The same scam with an insult: the insult rule flags it already, so the model's flag on it changes nothing
// the inbox shows and the proposal does not count it.
const insulting = (tag: string) => `you idiot, ${probe(tag)}`;

/** `count` tags whose probe the shipped model leaves alone and the adapted one flags, with room to spare. */
function pickTags(count: number, text = probe, from = 700): string[] {
  const model = shippedModel();
  const words = (t: string) => normalize(t).words;
  const labels = [1, 2, 3, 4, 5].map((n) => ({ words: words(lure(n)), category: 'scam' as const, positive: true }));
  const adapted = [labels, [...labels].reverse()].map((l) => expandAdaptation(compactAdaptation(adaptFrom(model, l))));
  const threshold = model.thresholds.scam;
  const out: string[] = [];
  for (let n = from; n < from + 300 && out.length < count; n++) {
    const w = words(text(String(n)));
    const base = scoreAdapted(model, undefined, w);
    if (Math.max(...base.slice(1)) > threshold * 0.8) continue;
    if (adapted.every((a) => scoreAdapted(model, a, w)[1]! >= threshold + 0.03)) out.push(String(n));
  }
  if (out.length < count) throw new Error('no probe the adaptation lifts over the threshold with these weights: pick other lure or probe words');
  return out;
}

beforeAll(async () => {
  team = await startTeamOfTwo('adapt', 31, 'Europe/Berlin');
  ({ sim, ana, bo } = team);
}, 180_000);

afterAll(async () => {
  await team?.close();
});

describe('the model adapted to the team’s decisions', () => {
  it('the second console joins the team', async () => {
    await joinBo(team, 'America/New_York');
    await backToInbox(ana, '#shifts');
    await backToInbox(bo, '#shifts');
  });

  const LURE = /admin of the guild bank/;
  const tags = pickTags(3);
  const [insultTag] = pickTags(1, insulting, 1000);

  it('the shipped model alone does not flag the scam in other words', async () => {
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: probe(tags[0]!) });
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: insulting(insultTag!) });
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: 'free robux generator, claim now (sentinel one)' });
    await rowWith(ana, 'sentinel one').first().waitFor({ timeout: 30_000 });
    await rowWith(ana, `(${insultTag})`).first().waitFor({ timeout: 30_000 });
    expect(await rowWith(ana, `(${tags[0]})`).count()).toBe(0);
  });

  it('proposes adapting the model after five deletes, and the accepted adaptation travels to the second console', async () => {
    const posted = [1, 2, 3, 4, 5].map((n) =>
      sim.postMessage({
        channelId: sim.channels.general,
        authorId: member(),
        content: lure(n),
      }),
    );
    await expect.poll(() => rowWith(ana, LURE).first().innerText(), { timeout: 30_000 }).toMatch(/5 messages/);
    await selectRowByKeys(ana, 'admin of the guild bank');
    await ana.keyboard.press('d');
    await expect.poll(() => posted.every((m) => sim.message(sim.channels.general, m.id)?.deleted), { timeout: 20_000 }).toBe(true);

    // The inbox says a suggestion waits, and leads to Rules: on a fresh page too (the rule pack it needs is
    // asked of main once the console is reached; asked while the page was still connecting, it never came).
    await ana.reload();
    const notice = ana.getByTestId('proposals-notice');
    await expect.poll(() => notice.innerText(), { timeout: 20_000 }).toMatch(/1 suggestion from your team’s decisions/);
    await notice.getByRole('button', { name: 'Review in Rules' }).click();
    await ana.locator('#rules').getByRole('heading', { name: 'Triage rules' }).waitFor();
    const proposal = ana.getByTestId('rule-proposals').getByTestId('model-proposal');
    // The probe posted before is the one message of the last week the adapted model flags and nothing flagged
    // before; the insulting copy, which the adapted model flags too, is in the inbox already (the insult rule).
    await expect.poll(() => proposal.innerText(), { timeout: 15_000 }).toMatch(/Adapt the model to 5 of your decisions: \+1 flags on the last week’s messages, −0/);
    expect(await seriousViolations(ana)).toEqual([]);
    await proposal.getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => ana.getByTestId('accepted-changes').innerText(), { timeout: 15_000 }).toMatch(/Model adapted to 5 decisions \(\+1 \/ −0 flags when accepted\) · accepted by Ana/);
    expect(await ana.getByTestId('model-proposal').count()).toBe(0);
    // Accepted, nothing waits: the inbox's notice goes.
    await backToInbox(ana, '#rules');
    await ana.getByTestId('proposals-notice').waitFor({ state: 'detached', timeout: 20_000 });

    await openRules(bo);
    await expect.poll(() => bo.getByTestId('accepted-changes').innerText(), { timeout: 20_000 }).toMatch(/Model adapted to 5 decisions .* · accepted by Ana/);
    await backToInbox(bo, '#rules');
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: probe(tags[1]!) });
    await showAll(bo);
    // Flagged, it is an item of its own, or joins the lure's item where that is still open (Ana's bot deleted
    // the copies; nothing tells Bo's console a moderator handled it): six messages then.
    const own = rowWith(bo, `(${tags[1]})`).first();
    await expect.poll(async () => (await own.count()) > 0 || /6 messages/.test(await rowWith(bo, LURE).first().innerText()), { timeout: 30_000 }).toBe(true);
    await selectRowByKeys(bo, (await own.count()) > 0 ? `(${tags[1]})` : 'admin of the guild bank');
    await bo.keyboard.press('Enter');
    await expect.poll(() => bo.locator('#item .flags').innerText(), { timeout: 10_000 }).toMatch(/model adapted to the team’s decisions/);
    await bo.keyboard.press('Escape');
    // Ana's console judges alike.
    await rowWith(ana, `(${tags[1]})`).first().waitFor({ timeout: 30_000 });
  });

  it('one click undoes it on every console', async () => {
    await openRules(bo);
    await bo.getByTestId('accepted-changes').getByRole('button', { name: 'Undo' }).click();
    // Bo's console applies the undo once the platform carried its record back, Ana's once she reads it.
    await expect.poll(() => bo.getByTestId('accepted-changes').innerText(), { timeout: 30_000 }).toMatch(/undone by Bo/);
    await openRules(ana);
    await expect.poll(() => ana.getByTestId('accepted-changes').innerText(), { timeout: 30_000 }).toMatch(/undone by Bo/);
    // Undone, the same decisions are not proposed again.
    expect(await ana.getByTestId('model-proposal').count()).toBe(0);
    await backToInbox(ana, '#rules');
    await backToInbox(bo, '#rules');
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: probe(tags[2]!) });
    sim.postMessage({ channelId: sim.channels.general, authorId: member(), content: 'free robux generator, claim now (sentinel two)' });
    await rowWith(bo, 'sentinel two').first().waitFor({ timeout: 30_000 });
    await rowWith(ana, 'sentinel two').first().waitFor({ timeout: 30_000 });
    expect(await rowWith(bo, `(${tags[2]})`).count()).toBe(0);
    expect(await rowWith(ana, `(${tags[2]})`).count()).toBe(0);
    expect(await rowWith(bo, LURE).first().innerText()).not.toMatch(/7 messages/);
  });
});
