// The insights worker: reads the cached events out of IndexedDB once, keeps the aggregates, adds the
// rows the page forwards as they are stored, and answers report questions — all off the UI thread.
import { InsightsAggregator, type InsightSource } from '@shared/insights/aggregate';
import { crisisSignals } from '@shared/insights/crisis';
import { buildReport } from '@shared/insights/report';
import { TribeDb } from '../../db/db';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const agg = new InsightsAggregator();
let loading: Promise<void> | undefined;
/** Rows the page forwarded while the first read ran: added after it, unless the read already had them. */
let forwarded: InsightSource[] | undefined = [];
const readRecent = new Set<string>();

async function load(dbName: string, since: number): Promise<void> {
  const started = performance.now();
  const loadStart = Date.now();
  const db = new TribeDb(dbName);
  let n = 0;
  await db.events
    .where('ts')
    .aboveOrEqual(since)
    .each((row) => {
      agg.add(row);
      // Only rows stored around the read's start can also be among the forwarded ones.
      if (row.ts >= loadStart - 10 * 60_000) readRecent.add(row.id);
      if (++n % 50_000 === 0) scope.postMessage({ type: 'progress', loaded: n });
    });
  db.close();
  for (const row of forwarded ?? []) if (!readRecent.has(row.id)) agg.add(row);
  forwarded = undefined;
  readRecent.clear();
  scope.postMessage({ type: 'loaded', events: n, ms: Math.round(performance.now() - started) });
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'load') {
    loading ??= load(msg.dbName, msg.since).catch((err: unknown) => scope.postMessage({ type: 'failed', message: String(err) }));
  } else if (msg.type === 'events') {
    if (forwarded) forwarded.push(...msg.rows);
    else agg.addAll(msg.rows);
  } else {
    void (loading ?? Promise.resolve()).then(() => {
      try {
        const started = performance.now();
        const report = buildReport(agg, msg.query);
        const crisis = crisisSignals(agg, msg.query.now, new Map(msg.openItems));
        scope.postMessage({ type: 'report', id: msg.id, report, crisis, ms: Math.round(performance.now() - started) });
      } catch (err) {
        scope.postMessage({ type: 'failed', id: msg.id, message: String(err) });
      }
    });
  }
};
