// The insights worker: reads the cached events out of IndexedDB once, keeps the aggregates, adds the
// rows the page forwards as they are stored, and answers report questions — all off the UI thread.
import '@shared/zodSetup';
import { InsightsAggregator, type InsightSource } from '@shared/insights/aggregate';
import { crisisSignals } from '@shared/insights/crisis';
import { buildReport, spacesIn } from '@shared/insights/report';
import { TribeDb } from '../../db/db';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const agg = new InsightsAggregator();
let loading: Promise<void> | undefined;
/** Resolves once the recent weeks are read: questions are answered from then on. */
let firstRead: Promise<void> | undefined;
/** Rows the page forwarded while the first read ran: added after it, unless the read already had them. */
let forwarded: InsightSource[] | undefined = [];
const readRecent = new Set<string>();

/**
 * Read first: the default 7-day report and its previous week (topic heat). The crisis signal reads
 * whichever past weeks are there, so it works from these two weeks and sharpens as older ones come in.
 */
const FIRST_DAYS = 14;
/** Rows this recent may be both read and forwarded (stored while the read ran): checked by id. */
const OVERLAP_MS = 6 * 3_600_000;

async function readRange(db: TribeDb, from: number, to: number, loadStart: number, counted: { n: number }): Promise<void> {
  await db.events
    .where('ts')
    .between(from, to, true, false)
    .each((row) => {
      agg.add(row);
      if (row.ts >= loadStart - OVERLAP_MS) readRecent.add(row.id);
      if (++counted.n % 50_000 === 0) scope.postMessage({ type: 'progress', loaded: counted.n });
    });
}

/**
 * Reads the recent weeks first and answers from them (the first paint), then the older events. Rows
 * the page forwards meanwhile are added at the end, unless the read already had them.
 */
async function load(dbName: string, since: number, onFirst: () => void): Promise<void> {
  const started = performance.now();
  const loadStart = Date.now();
  const db = new TribeDb(dbName);
  const counted = { n: 0 };
  const split = Math.max(since, loadStart - FIRST_DAYS * 86_400_000);
  await readRange(db, split, Infinity, loadStart, counted);
  scope.postMessage({ type: 'loaded', events: counted.n, ms: Math.round(performance.now() - started), complete: false });
  onFirst();
  await readRange(db, since, split, loadStart, counted);
  db.close();
  for (const row of forwarded ?? []) if (!readRecent.has(row.id)) agg.add(row);
  forwarded = undefined;
  readRecent.clear();
  scope.postMessage({ type: 'loaded', events: counted.n, ms: Math.round(performance.now() - started), complete: true });
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'load') {
    if (loading) return;
    let markFirst: () => void = () => undefined;
    firstRead = new Promise((resolve) => (markFirst = resolve));
    loading = load(msg.dbName, msg.since, markFirst).catch((err: unknown) => {
      markFirst();
      scope.postMessage({ type: 'failed', message: String(err) });
    });
  } else if (msg.type === 'events') {
    // While the read runs, forwarded rows wait (the read may hold them too); after it, they count at once.
    if (forwarded) forwarded.push(...msg.rows);
    else agg.addAll(msg.rows);
  } else {
    void (firstRead ?? Promise.resolve()).then(() => {
      try {
        const started = performance.now();
        const report = buildReport(agg, msg.query);
        const crisis = crisisSignals(agg, msg.query.now, new Map(msg.openItems));
        const spaces = spacesIn(agg, { kind: 'all' }).map((sp) => ({ key: sp.key, name: sp.name, platform: sp.platform }));
        scope.postMessage({ type: 'report', id: msg.id, report, crisis, spaces, ms: Math.round(performance.now() - started) });
      } catch (err) {
        scope.postMessage({ type: 'failed', id: msg.id, message: String(err) });
      }
    });
  }
};
