// The raid budget of DESIGN.md §4, measured in a real browser through host mode: 5,000 accounts join
// the practice Discord within 60 s and each posts a near-identical message. Reports how many inbox items
// the raid became (the budget: one grouped incident), how long until the incident showed, and whether
// the console stayed responsive (the longest gap between animation frames and the long tasks).
// Prints one JSON object. RAID_ACCOUNTS / RAID_SECONDS change the size.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startHost } from '../src/main/host/start';
import { startDiscordSimulator } from '../src/main/practice/discord/simulator';
import { benchBrowser, openConsole } from './console';

const rendererDir = resolve(__dirname, '../out/renderer');
const ACCOUNTS = Number(process.env.RAID_ACCOUNTS ?? 5_000);
const SECONDS = Number(process.env.RAID_SECONDS ?? 60);

async function main() {
  const sim = await startDiscordSimulator({ seed: 9, memberCount: 50 });
  const host = await startHost({ home: mkdtempSync(join(tmpdir(), 'tk-bench-raid-')), rendererDir, practice: false, discord: { apiBase: sim.apiBase, token: sim.token }, backfill: 0 });
  const context = await benchBrowser();
  try {
    const page = await context.newPage();
    await openConsole(page, host.url, 30_000);
    await page.locator('.bridge', { hasText: 'Connected' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1500);
    const itemsBefore = await page.evaluate(() => document.querySelectorAll('.inbox-row').length);
    // Frames and long tasks while the raid runs.
    await page.evaluate(() => {
      const w = window as unknown as { raid: { maxGap: number; longTasks: number[]; running: boolean; incidentAt?: number } };
      w.raid = { maxGap: 0, longTasks: [], running: true };
      let last = performance.now();
      const tick = (now: number) => {
        w.raid.maxGap = Math.max(w.raid.maxGap, now - last);
        last = now;
        if (!w.raid.incidentAt && /raid/i.test(document.querySelector('.inbox')?.textContent ?? '')) w.raid.incidentAt = Date.now();
        if (w.raid.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.raid.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });

    const general = sim.channels.general;
    const start = Date.now();
    let joined = 0;
    const raiders: string[] = [];
    let posted = 0;
    while (posted < ACCOUNTS) {
      const due = Math.min(ACCOUNTS, Math.floor(((Date.now() - start) / (SECONDS * 1000)) * ACCOUNTS));
      while (joined < due) {
        raiders.push(sim.addMember({ username: `free_nitro_${1000 + joined}`, accountCreatedAt: new Date(Date.now() - 3_600_000) }).userId);
        joined++;
      }
      // Each raider posts a moment after joining: the same lure with a little noise.
      while (posted < joined - 3 || (joined === ACCOUNTS && posted < ACCOUNTS)) {
        sim.postMessage({ channelId: general, authorId: raiders[posted]!, content: `FREE NITRO for everyone here, claim it now before it ends!! ${posted % 97}` });
        posted++;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const sentAt = Date.now();
    await page.waitForTimeout(4_000);
    const seen = await page.evaluate(async () => {
      const w = window as unknown as { raid: { maxGap: number; longTasks: number[]; running: boolean; incidentAt?: number } };
      w.raid.running = false;
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open('tribekeeper');
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const items = await new Promise<Array<{ id: string; categories: string[]; eventIds: string[] }>>((ok, fail) => {
        const req = db.transaction('inboxItems').objectStore('inboxItems').getAll();
        req.onsuccess = () => ok(req.result as Array<{ id: string; categories: string[]; eventIds: string[] }>);
        req.onerror = () => fail(req.error);
      });
      db.close();
      const raid = items.filter((i) => i.categories.includes('raid'));
      return {
        items: items.length,
        raidItems: raid.length,
        raidItemEvents: raid.map((i) => i.eventIds.length),
        maxGap: w.raid.maxGap,
        longTasks: w.raid.longTasks,
        incidentAt: w.raid.incidentAt,
      };
    });
    const long = seen.longTasks.sort((a, b) => b - a);
    process.stdout.write(
      JSON.stringify({
        accounts: ACCOUNTS,
        seconds: SECONDS,
        raidSentInMs: sentAt - start,
        inboxItemsBefore: itemsBefore,
        inboxItemsAfter: seen.items,
        raidIncidents: seen.raidItems,
        eventsListedPerIncident: seen.raidItemEvents,
        incidentShownAfterMs: seen.incidentAt ? seen.incidentAt - start : null,
        longestFrameGapMs: Math.round(seen.maxGap),
        longTasksOver100Ms: long.filter((d) => d > 100).length,
        longestTaskMs: Math.round(long[0] ?? 0),
        budget: { incidents: 1, longestFrameMs: 100 },
      }) + '\n',
    );
  } finally {
    await context.close();
    await host.close();
    await sim.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
