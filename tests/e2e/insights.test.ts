// Insights in a real browser on the practice community: the view opens from the header and its key,
// computes in its worker, switches period and language, exports a chart's CSV, and raises an early
// warning with its reasons in words while a raid hits the practice Discord; axe finds no serious problem.
// After a reload it opens from its stored aggregates, and the page's first screen does not wait for the
// language detector's profiles.
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPracticeConsole, type PracticeConsole } from './practiceConsole';

let c: PracticeConsole;

beforeAll(async () => {
  c = await startPracticeConsole('insights', { seed: 5, speed: 6 });
}, 180_000);

afterAll(async () => {
  await c?.close();
});

describe('insights', () => {
  it('opens from the header, computes the practice community, and switches period', async () => {
    const { page } = c;
    // Some practice chat is stored first.
    await page.locator('.inbox-row').first().waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Insights', exact: true }).click();
    await expect.poll(() => page.locator('#insights-title').textContent(), { timeout: 60_000 }).toBe('Community insights');
    await page.getByText(/Computed from \d+ cached events/).waitFor({ timeout: 60_000 });
    // Messages were counted (the practice story has been talking).
    await page.getByRole('button', { name: 'Show as table' }).first().click();
    const activity = page.locator('[data-chart="activity"] table');
    await expect.poll(async () => (await activity.locator('tbody tr').count()) > 0, { timeout: 30_000 }).toBe(true);
    await expect.poll(async () => page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '7 days' }).getAttribute('aria-pressed')).toBe('true');

    // 24 h: hourly rows, 24 of them; 30 d: daily rows.
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '24 hours' }).click();
    await expect.poll(() => activity.locator('tbody tr').count(), { timeout: 30_000 }).toBe(24);
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '30 days' }).click();
    await expect.poll(async () => (await activity.locator('tbody tr').count()) >= 30 && (await activity.locator('tbody tr').count()) <= 31, { timeout: 30_000 }).toBe(true);
    // One space, then every platform again: the picker keeps listing every space.
    const scope = page.getByRole('combobox', { name: 'Community' });
    await scope.selectOption({ label: 'Practice Community (discord)' });
    await expect.poll(async () => (await activity.locator('tbody tr').count()) >= 30, { timeout: 30_000 }).toBe(true);
    // (The practice story opens a second Telegram space, the newcomers' lounge, at some point.)
    await expect.poll(() => scope.locator('option', { hasText: '(telegram)' }).count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await scope.selectOption({ label: 'All platforms' });
    // The chart view is a real uPlot canvas with an accessible name.
    await page.locator('[data-chart="activity"]').getByRole('button', { name: 'Show as chart' }).click();
    await page.locator('[data-chart="activity"] .insights-plot[role="img"] canvas').waitFor();
    // A period switch draws the new numbers on the same plot (no uPlot torn down and built again per report).
    const canvas = page.locator('[data-chart="activity"] .insights-plot canvas');
    await canvas.evaluate((el) => el.setAttribute('data-kept', 'yes'));
    const heading = page.locator('[data-chart="activity"] h3');
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '7 days' }).click();
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toMatch(/per hour/);
    await page.getByRole('group', { name: 'Period' }).getByRole('button', { name: '30 days' }).click();
    await expect.poll(() => heading.textContent(), { timeout: 30_000 }).toMatch(/per day/);
    expect(await canvas.getAttribute('data-kept')).toBe('yes');
  });

  it('exports the activity table as CSV', async () => {
    const { page } = c;
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV: Messages and active members per day' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('activity.csv');
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Time,Messages,Active members,Joined,Left,Flagged');
    expect(lines.length).toBeGreaterThanOrEqual(31);
    // Today's row counts the practice story's messages.
    expect(lines.slice(1).some((l) => Number(l.split(',')[1]) > 0)).toBe(true);
  });

  it('raises an early warning with its reasons while a raid hits the practice Discord', async () => {
    const { page, practice } = c;
    const raiders = Array.from({ length: 60 }, (_, i) => practice.addMember({ username: `raid_nitro_${i}`, accountCreatedAt: new Date(Date.now() - 3_600_000) }).userId);
    raiders.forEach((authorId, i) => practice.postMessage({ channelId: practice.channels.general, authorId, content: `FREE NITRO for everyone, claim it now at discord-nitro-gift.example/claim ${i}` }));
    // The Discord server, not the Telegram "Practice Community Chat".
    const signal = page.locator('.crisis-signal').filter({ hasText: /: Practice Community —/ });
    await expect
      .poll(async () => ((await signal.count()) > 0 ? await signal.getAttribute('data-level') : `none: ${await page.locator('.insights-crisis').textContent()} | ${await page.locator('.insights [role=status]').first().textContent()}`), { timeout: 90_000 })
      .toMatch(/^(warning|crisis)$/);
    const why = await signal.locator('.crisis-why').textContent();
    expect(why).toMatch(/volume \d+(\.\d)?× the recent hourly level/);
    expect(why).toMatch(/\d+ scam or raid messages in the last hour/);
    // The playbook is one click away, and the alert is recorded.
    await signal.getByRole('button', { name: 'Playbook' }).click();
    await signal.getByRole('group', { name: 'Playbook for Practice Community' }).getByRole('button', { name: 'Slowmode 30 s' }).waitFor();
    await expect.poll(() => page.locator('.insights-alerts li').first().textContent(), { timeout: 30_000 }).toMatch(/Practice Community/);
  });

  it('reads in Simplified Chinese and has no serious accessibility problem', async () => {
    const { page } = c;
    const serious = async () =>
      (await new AxeBuilder({ page }).include('main.insights').analyze()).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(await serious()).toEqual([]);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect.poll(() => page.locator('#insights-title').textContent()).toBe('社区洞察');
    await page.getByRole('group', { name: '时间段' }).getByRole('button', { name: '7 天' }).click();
    await expect.poll(() => page.locator('.crisis-signal .crisis-why').first().textContent(), { timeout: 30_000 }).toMatch(/诈骗或突袭消息/);
    // The chart's legend says time in Chinese too (uPlot's own word is "Time").
    await expect.poll(() => page.locator('[data-chart="activity"] .u-legend .u-series').first().textContent()).toMatch(/^时间/);
    expect(await serious()).toEqual([]);
    // The key leaves and comes back.
    await page.locator('body').press('Shift+I');
    await page.locator('#insights-title').waitFor({ state: 'detached' });
    await page.locator('body').press('Shift+I');
    await page.locator('#insights-title').waitFor();
  });

  it('keeps its aggregates in IndexedDB and opens from them after a reload', async () => {
    const { page } = c;
    const stored = () =>
      page.evaluate(
        () =>
          new Promise<{ records: number; journal: number; meta: number }>((resolve, reject) => {
            const open = indexedDB.open('tribekeeper');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(['insightAggregates', 'insightBatches']);
              const records = tx.objectStore('insightAggregates').count();
              const journal = tx.objectStore('insightBatches').count();
              const meta = tx.objectStore('insightAggregates').get('meta');
              tx.oncomplete = () => {
                resolve({ records: records.result, journal: journal.result, meta: (meta.result as { count?: number } | undefined)?.count ?? 0 });
                db.close();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
      );
    // The worker checkpoints what it folded in: records are there and they count the events.
    await expect.poll(async () => (await stored()).meta, { timeout: 60_000 }).toBeGreaterThan(60);
    expect((await stored()).records).toBeGreaterThan(3);
    const status = page.locator('main.insights [role=status]').first();
    // The first number of the status line is how many events the figures are computed from (en and zh-CN).
    const shown = async () => Number((await status.textContent())?.match(/\d+/)?.[0] ?? 0);
    // The view is open (the last test came back to it); the view is not kept across a reload.
    await page.locator('#insights-title').waitFor();
    await expect.poll(shown, { timeout: 30_000 }).toBeGreaterThan(60);
    const counted = await shown();

    // What the page had fetched when its inbox first showed: the language detector's profiles (tinyld,
    // ~0.7 MB built at import) are not on that path; they load once the page is idle.
    await page.addInitScript(() => {
      const w = window as unknown as { __tinyldAtInbox?: boolean };
      const observer = new MutationObserver(() => {
        if (!document.querySelector('nav.inbox')) return;
        w.__tinyldAtInbox = performance.getEntriesByType('resource').some((e) => e.name.includes('tinyld'));
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true });
    });
    await page.reload();
    await page.locator('.inbox-row').first().waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => (window as unknown as { __tinyldAtInbox?: boolean }).__tinyldAtInbox)).toBe(false);
    await expect.poll(() => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('tinyld'))), { timeout: 30_000 }).toBe(true);
    await page.locator('body').press('Shift+I');
    await page.locator('#insights-title').waitFor({ timeout: 30_000 });
    // Loaded from IndexedDB, not built again from the events, and nothing counted twice or lost.
    await expect.poll(() => status.getAttribute('data-aggregates'), { timeout: 60_000 }).toBe('stored');
    await expect.poll(shown, { timeout: 30_000 }).toBeGreaterThanOrEqual(counted);
    const events = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('tribekeeper');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction('events').objectStore('events').count();
            req.onsuccess = () => {
              resolve(req.result);
              db.close();
            };
          };
        }),
    );
    // Every stored event is in the aggregates once (direct messages are not counted; the practice story has none).
    expect(await shown()).toBeLessThanOrEqual(events);
  });
});
