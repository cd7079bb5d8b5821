// The priority inbox in a real Chromium against host mode and a quiet practice community (issue 15 §2):
// a raid and a high-severity scam stay above flood items posted after them, also after a reload (the
// order is served from the database's index, not from memory).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordSimulator } from '../../src/main/practice/discord/simulator';
import { rows, rowWith } from './inbox';
import { memberPicker, startPracticeConsole, type PracticeConsole } from './practiceConsole';

let console_: PracticeConsole;
let practice: DiscordSimulator;
let page: Page;

beforeAll(async () => {
  console_ = await startPracticeConsole('priority', { seed: 23, speed: 1, scenario: false });
  ({ practice, page } = console_);
});

afterAll(async () => {
  await console_?.close();
});

const member = memberPicker(() => practice);

/** Where the rows of the open list stand, top first, by a text each shows. */
async function positions(p: Page, texts: Record<string, string>): Promise<Record<string, number>> {
  const shown = await rows(p).allInnerTexts();
  return Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, shown.findIndex((t) => t.includes(text))]));
}

describe('priority inbox', () => {
  it('puts a raid and a high-severity scam above flood items that came after them, before and after a reload', async () => {
    const raiders = Array.from({ length: 12 }, (_, i) => practice.addMember({ username: `prio_raider_${i}`, accountCreatedAt: new Date(Date.now() - 30 * 60_000) }));
    for (const [i, r] of raiders.entries()) {
      practice.postMessage({ channelId: practice.channels.general, authorId: r.userId, content: `this server is dead, join the real one at discord gg prioserver now ${i}` });
    }
    const raidRow = rowWith(page, /raid/).filter({ hasText: 'Incident' }).first();
    await raidRow.waitFor({ timeout: 30_000 });

    practice.postMessage({ channelId: practice.channels.help, authorId: member(), content: 'free nitro for the priority test, claim it at https://discord-gift.ru/claim?code=prio before it expires' });
    const scamRow = rowWith(page, 'free nitro for the priority test').first();
    await scamRow.waitFor({ timeout: 30_000 });
    expect(await scamRow.getAttribute('class')).toMatch(/sev-(high|critical)/);

    // Then three members flood, each with plain chatter: newer than the raid and the scam.
    const flooders = [member(), member(), member()];
    for (let n = 0; n < 9; n++) {
      for (const [k, author] of flooders.entries()) practice.postMessage({ channelId: practice.channels.general, authorId: author, content: `flooder${k} says hi again ${n}` });
    }
    const texts = { raid: 'prioserver', scam: 'free nitro for the priority test', flood0: 'flooder0 says', flood1: 'flooder1 says', flood2: 'flooder2 says' };
    await expect.poll(async () => Object.values(await positions(page, texts)).every((at) => at >= 0), { timeout: 30_000 }).toBe(true);

    const above = (at: Record<string, number>) => Math.max(at.raid!, at.scam!) < Math.min(at.flood0!, at.flood1!, at.flood2!);
    await expect.poll(async () => above(await positions(page, texts)), { timeout: 10_000 }).toBe(true);

    await page.reload();
    await rowWith(page, 'free nitro for the priority test').first().waitFor({ timeout: 30_000 });
    await expect.poll(async () => Object.values(await positions(page, texts)).every((at) => at >= 0), { timeout: 30_000 }).toBe(true);
    const afterReload = await positions(page, texts);
    expect(above(afterReload), JSON.stringify(afterReload)).toBe(true);
  });
});
