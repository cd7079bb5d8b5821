// The insights bench's part in the real app: the stored aggregate records of the 1,000,000 events
// written into the console's IndexedDB (host mode, Chromium), the page reloaded, Insights opened at
// once, and timed on the page's clock: when the first report shows (the first paint), when everything
// is read, and period switches (click → the activity chart shows the new period's numbers, a frame
// later). Each renderer build (BENCH_RENDERER_DIR, comma list: main's and this one) is measured with
// the records in the current format (read through a glance) and in format 1 (read whole, as before).
// Run by insights.bench.ts as its own process (with tsx: the host is not bundled):
//   tsx bench/insightsPage.ts RECORDS_FILE EVENTS   (the records v8-serialized; prints one JSON line)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deserialize } from 'node:v8';
import type { Page } from 'playwright-core';
import type { AggregateRecord } from '@shared/insights/snapshot';
import { startHost } from '../src/main/host/start';
import { benchBrowser, openConsole } from './console';
import { pack } from './insightsIdb';

/** The records as a format-1 store held them (no newcomer records; the space records' extra fields are ignored there). */
function formatOne(records: readonly AggregateRecord[]): AggregateRecord[] {
  return records.filter((r) => r.kind !== 'joins').map((r) => (r.kind === 'meta' ? { ...r, format: 1 } : r));
}

async function seed(page: Page, records: readonly AggregateRecord[]): Promise<void> {
  const { json, bin } = pack(records);
  await page.route('**/__bench/records.*', (route) => route.fulfill({ body: route.request().url().endsWith('.json') ? json : bin }));
  await page.evaluate(async () => {
    const [meta, buf] = await Promise.all([fetch('/__bench/records.json').then((r) => r.text()), fetch('/__bench/records.bin').then((r) => r.arrayBuffer())]);
    const rows = JSON.parse(meta, (_k, v: { $t?: string; o: number; n: number }) =>
      v && typeof v === 'object' && v.$t ? (v.$t === 'f64' ? new Float64Array(buf, v.o, v.n).slice() : new Int32Array(buf, v.o, v.n).slice()) : v,
    ) as { key: string }[];
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('tribekeeper');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const tx = db.transaction(['insightAggregates', 'insightBatches'], 'readwrite');
    tx.objectStore('insightAggregates').clear();
    tx.objectStore('insightBatches').clear();
    for (const r of rows) tx.objectStore('insightAggregates').put(r);
    await new Promise<void>((ok, fail) => {
      tx.oncomplete = () => ok();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  });
}

export interface PageFigures {
  renderer: string;
  format: number;
  /** From the reload's start: the header shown, Insights opened, its first report shown, everything read. */
  header_ms: number;
  first_paint_ms: number | null;
  first_paint_after_open_ms: number | null;
  /** From the click on Insights reaching the page to its first report shown. */
  first_paint_after_click_ms: number | null;
  everything_read_ms: number | null;
  /** Click → the new period's numbers drawn, per switch in turn, with the worker's part. */
  period_switch_ms: Record<string, string>;
}

async function measure(url: string, records: readonly AggregateRecord[], format: number, events: number): Promise<Omit<PageFigures, 'renderer' | 'format'>> {
  const context = await benchBrowser();
  try {
    const page = await context.newPage();
    await openConsole(page, url, 60_000);
    // The worker's first checkpoint (of no events) is written before the records go in.
    await page.waitForFunction(
      () =>
        new Promise<boolean>((ok) => {
          const req = indexedDB.open('tribekeeper');
          req.onsuccess = () => {
            const get = req.result.transaction('insightAggregates').objectStore('insightAggregates').get('meta');
            get.onsuccess = () => {
              ok(get.result !== undefined);
              req.result.close();
            };
          };
        }),
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    await seed(page, format === 1 ? formatOne(records) : records);
    await page.addInitScript((expected: number) => {
      const w = window as unknown as Record<string, number>;
      new MutationObserver(() => {
        const text = document.querySelector('main.insights [role=status]')?.textContent ?? '';
        const count = Number(/Computed from ([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
        if (w.__headerAt === undefined && document.querySelector('nav.inbox')) {
          w.__headerAt = performance.now();
          // When the click to open Insights reached the page (the gap before it is the driver's, on a busy machine).
          document.addEventListener('click', () => (w.__clickAt ??= performance.now()), { capture: true });
        }
        if (w.__openAt === undefined && document.querySelector('#insights-title')) w.__openAt = performance.now();
        if (w.__firstAt === undefined && count >= expected) w.__firstAt = performance.now();
        if (w.__fullAt === undefined && count >= expected && !/still being read/.test(text)) w.__fullAt = performance.now();
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, events);
    await page.reload();
    await page.waitForSelector('nav.inbox', { timeout: 60_000 });
    await page.getByRole('button', { name: 'Insights', exact: true }).click();
    const at = (name: string) => page.evaluate((n) => (window as unknown as Record<string, number | undefined>)[n] ?? null, name);
    // When the header showed, on the page's clock (seen by the observer, not after the next evaluate's turn).
    const headerMs = (await at('__headerAt')) ?? 0;
    // A build that cannot read these records (main's, in format 2) shows no count: given up after a minute.
    await page.waitForFunction(() => (window as unknown as { __fullAt?: number }).__fullAt !== undefined, undefined, { timeout: 60_000 }).catch(() => undefined);
    const [clickAt, openAt, firstAt, fullAt] = [await at('__clickAt'), await at('__openAt'), await at('__firstAt'), await at('__fullAt')];
    const switches: Record<string, string> = {};
    if (fullAt !== null) {
      // The first round right after everything is read (the worker is still warming its day roll-ups and
      // indexes), the second once that is done: the steady state a moderator switching later sees.
      const round = [['30 days', '7d→30d'], ['90 days', '30d→90d'], ['7 days', '90d→7d'], ['24 hours', '7d→24h'], ['90 days', '24h→90d'], ['7 days', '90d→7d']] as const;
      for (const [label, step] of [...round.map(([l, id]) => [l, `first ${id}`] as const), ...round.map(([l, id]) => [l, `again ${id}`] as const)]) {
        switches[step] = await page.evaluate(async (name) => {
          const plot = () => document.querySelector('[data-chart="activity"] .insights-plot')?.getAttribute('aria-label') ?? '';
          const before = plot();
          const button = [...document.querySelectorAll<HTMLButtonElement>('.insights-periods button')].find((b) => b.textContent === name)!;
          const t = performance.now();
          button.click();
          for (let i = 0; i < 2000 && plot() === before; i++) await new Promise((r) => setTimeout(r, 5));
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const ms = Math.round(performance.now() - t);
          // The worker's own time for that report, as the status line states it.
          const worker = /in ([\d,]+) ms/.exec(document.querySelector('main.insights [role=status]')?.textContent ?? '')?.[1];
          return `${ms} (worker ${worker ?? '?'})`;
        }, label);
      }
    }
    const ms = (x: number | null) => (x === null ? null : Math.round(x));
    return {
      header_ms: Math.round(headerMs),
      first_paint_ms: ms(firstAt),
      first_paint_after_open_ms: firstAt !== null && openAt !== null ? Math.round(firstAt - openAt) : null,
      first_paint_after_click_ms: firstAt !== null && clickAt !== null ? Math.round(firstAt - clickAt) : null,
      everything_read_ms: ms(fullAt),
      period_switch_ms: switches,
    };
  } finally {
    await context.close();
  }
}

async function measurePage(records: readonly AggregateRecord[], events: number): Promise<PageFigures[]> {
  const dirs = (process.env.BENCH_RENDERER_DIR ?? resolve(process.cwd(), 'out/renderer')).split(',').map((d) => resolve(d));
  const out: PageFigures[] = [];
  for (const renderer of dirs) {
    for (const format of [2, 1]) {
      const home = mkdtempSync(join(tmpdir(), 'tk-bench-insights-'));
      const host = await startHost({ home, rendererDir: renderer, practice: false, backfill: 0 });
      const url = new URL(host.url);
      url.search = '?e2e=1';
      try {
        process.stderr.write(`insights page: ${renderer}, format ${format}…\n`);
        out.push({ renderer, format, ...(await measure(url.toString(), records, format, events)) });
      } finally {
        await host.close();
        rmSync(home, { recursive: true, force: true });
      }
    }
  }
  return out;
}

const [file, events] = process.argv.slice(2);
measurePage(deserialize(readFileSync(file!)) as AggregateRecord[], Number(events))
  .then((figures) => process.stdout.write(JSON.stringify(figures) + '\n'))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
