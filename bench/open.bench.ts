// Opening the console on a big offline cache (issue 17): fills the renderer's IndexedDB with N inbox
// items shaped like real ones, reloads, and measures when the first inbox row shows, the page's JS heap
// once it settled (after a forced GC), when every filter's count is known, and a filter switch. Item counts: BENCH_ITEMS (comma list,
// `npm run bench -- open --items=10000,200000`), default 10k and 200k. BENCH_RENDERER_DIR measures
// other builds of the renderer (comma list, e.g. main's and this one: a before/after in one run).
// Prints one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startHost } from '../src/main/host/start';
import { benchBrowser, firstRowAfterReload, openConsole } from './console';

/** Renderer builds to measure, in turn (comma list: e.g. main's build and this one, for a before/after in one run). */
const rendererDirs = (process.env.BENCH_RENDERER_DIR ?? resolve(__dirname, '../out/renderer')).split(',').map((dir) => resolve(dir));
const counts = (process.env.BENCH_ITEMS ?? '10000,200000').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const BUDGET = { first_row_ms: 1_000, heap_mb: 300 };

/**
 * Writes `n` items in the page: through the app's own store function when the test hook has one (so
 * derived index fields are set as the app sets them), else straight into IndexedDB (older builds).
 */
async function fill(page: Page, n: number): Promise<void> {
  await page.evaluate(async (total) => {
    const now = Date.now();
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    const categories = ['scam', 'phishing', 'spam', 'toxicity', 'flood', 'mention-spam'] as const;
    const item = (i: number) => {
      const incident = i % 50 === 0;
      const category = categories[i % categories.length]!;
      const severity = category === 'flood' ? 'low' : severities[(i >> 1) % severities.length]!;
      const author = { id: `${100000 + (i % 5000)}`, name: `member_${i % 5000}`, sourceId: 'discord:bench', platform: 'discord', spaceId: 'g1', messages: 1 };
      const accounts = incident ? Array.from({ length: 20 }, (_, k) => ({ ...author, id: `${200000 + k}`, name: `raider_${k}` })) : [author];
      const text = `cached item ${i}: claim your free nitro gift now before it expires https://discord-gift.example/claim?code=${i.toString(36)}`;
      return {
        id: incident ? `group:discord:bench:raid:g1:${i}` : `msg:discord:bench:${i}`,
        kind: incident ? 'incident' : 'flag',
        status: i % 20 === 3 ? 'resolved' : 'open',
        sourceId: 'discord:bench',
        platform: 'discord',
        spaceId: 'g1',
        channelId: `c${i % 12}`,
        channelName: `channel-${i % 12}`,
        authorId: author.id,
        authorName: author.name,
        eventIds: incident ? Array.from({ length: 20 }, (_, k) => `e${i}-${k}`) : [`e${i}`],
        primaryEventId: `e${i}`,
        messageId: `${1_100_000_000_000_000_000 + i}`,
        text,
        flags: [
          {
            rule: incident ? 'raid' : `${category}-rule`,
            category: incident ? 'raid' : category,
            severity: incident ? 'high' : severity,
            reason: `Matched ${category} terms`,
            evidence: [{ start: 20, end: 36, text: 'claim your free' }],
            ...(incident ? { group: `raid:g1:${i}` } : {}),
          },
        ],
        severity: incident ? 'high' : severity,
        categories: [incident ? 'raid' : category],
        createdAt: now - (total - i) * 1000,
        updatedAt: now - (total - i) * 1000,
        messageDeleted: false,
        accounts,
        accountCount: accounts.length,
        eventCount: incident ? 20 : 1,
        similar: [`s${(i % 997).toString(36)}`, `h${(i % 331).toString(36)}`],
        ...(i % 20 === 3 ? { outcome: { kind: 'delete', at: now, ok: true } } : {}),
      };
    };
    const hook = (window as unknown as { tribekeeperTest?: { storeItems?: (items: unknown[]) => Promise<void> } }).tribekeeperTest;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('tribekeeper');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const CHUNK = 5_000;
    for (let from = 0; from < total; from += CHUNK) {
      const chunk = Array.from({ length: Math.min(CHUNK, total - from) }, (_, k) => item(from + k));
      if (hook?.storeItems) {
        await hook.storeItems(chunk);
        continue;
      }
      const tx = db.transaction('inboxItems', 'readwrite');
      const store = tx.objectStore('inboxItems');
      for (const row of chunk) store.put(row);
      await new Promise<void>((ok, fail) => {
        tx.oncomplete = () => ok();
        tx.onerror = () => fail(tx.error);
      });
    }
    db.close();
  }, n);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return Math.round(usedSize / 1e5) / 10;
}

async function measure(url: string, n: number) {
  const context = await benchBrowser();
  try {
    const page = await context.newPage();
    await openConsole(page, url, 60_000);
    const t0 = Date.now();
    await fill(page, n);
    const fillMs = Date.now() - t0;
    const firstRowMs = await firstRowAfterReload(page, 120_000);
    const atFirstRow = await heapMb(page);
    // Every filter's count known (the page marks it once all lanes are counted): from the reload's start.
    await page.waitForFunction(() => performance.getEntriesByName('inbox:counts').length > 0, undefined, { timeout: 120_000 });
    const countsMs = await page.evaluate(() => performance.getEntriesByName('inbox:counts')[0]!.startTime);
    // Whatever the page loads after its first row (counts, the order of the rest) has time to finish.
    await page.waitForTimeout(3_000);
    const settled = await heapMb(page);
    const filterMs = await page.evaluate(async () => {
      const timings: number[] = [];
      const buttons = [...document.querySelectorAll<HTMLButtonElement>('.filters button')];
      for (const button of [...buttons.slice(1), ...buttons.slice(0, 1)]) {
        const t = performance.now();
        button.click();
        // The list of that filter drawn (or its empty note), then the frame after it.
        for (let i = 0; i < 200 && button.getAttribute('aria-pressed') !== 'true'; i++) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        timings.push(performance.now() - t);
      }
      return Math.max(...timings);
    });
    // The page's own marks (if it sets them): when it asked for the inbox, got its first page, counts, whole order.
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('inbox:')).map((m) => [m.name, Math.round(m.startTime)])),
    );
    const heap = Math.max(atFirstRow, settled);
    return {
      items: n,
      fill_ms: fillMs,
      first_row_ms: Math.round(firstRowMs),
      counts_ms: Math.round(countsMs),
      counts_after_first_row_ms: Math.round(countsMs - firstRowMs),
      heap_mb_at_first_row: atFirstRow,
      heap_mb_settled: settled,
      filter_switch_max_ms: Math.round(filterMs),
      page_marks_ms: marks,
      within_budget: firstRowMs < BUDGET.first_row_ms && heap < BUDGET.heap_mb,
    };
  } finally {
    await context.close();
  }
}

async function main() {
  const results = [];
  for (const rendererDir of rendererDirs) results.push({ renderer: rendererDir, runs: await measureBuild(rendererDir) });
  process.stdout.write(JSON.stringify({ budget: BUDGET, results }) + '\n');
}

async function measureBuild(rendererDir: string) {
  const runs = [];
  for (const n of counts) {
    // A fresh settings folder and browser profile per size: nothing of the last run stays in the cache.
    const home = mkdtempSync(join(tmpdir(), 'tk-bench-open-'));
    const host = await startHost({ home, rendererDir, practice: false, backfill: 0 });
    const url = new URL(host.url);
    url.search = '?e2e=1';
    try {
      process.stderr.write(`open: ${rendererDir}, ${n} items…\n`);
      runs.push(await measure(url.toString(), n));
    } finally {
      await host.close();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return runs;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
