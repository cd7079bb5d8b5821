// The insights worker: loads the stored aggregates (or builds them once from the cached events), folds
// in the batches the page forwards as they are stored, checkpoints them to IndexedDB, and answers
// report questions — all off the UI thread. It starts with the app, so the dashboard's first paint
// reads aggregates that are already in memory.
import '@shared/zodSetup';
import { DateTime } from 'luxon';
import type { InsightSource } from '@shared/insights/aggregate';
import { crisisSignals } from '@shared/insights/crisis';
import { PERIODS, spacesIn, type PeriodId, type ReportQuery } from '@shared/insights/report';
import { ReportCache } from '@shared/insights/reportCache';
import { DayRollups } from '@shared/insights/rollup';
import { glanceAnswers, type Glance } from '@shared/insights/snapshot';
import { TribeDb } from '../../db/db';
import { AggregateKeeper } from '../../db/insightsStore';
import type { FromWorker, ToWorker } from './protocol';

const scope = self as unknown as { postMessage(m: FromWorker): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
/** Folded batches are stored this long after the first unsaved one (the journal covers a crash meanwhile). */
const CHECKPOINT_MS = 5_000;

let keeper: AggregateKeeper | undefined;
let loading: Promise<void> | undefined;
/** Resolves once reports can be answered: a glance of the stored aggregates, or a first build's recent days. */
let firstRead: Promise<void> | undefined;
/** Resolves once every stored aggregate is in (or the first build is done). */
let fullRead: Promise<void> | undefined;
/** The recent days of the stored aggregates, read first: answers the short periods until everything is in. */
let glance: Glance | undefined;
/** Batches the page forwarded while loading: folded after it (unless the load already had them). */
let held: Map<number, InsightSource[]> | undefined = new Map();
let heldUnbatched: InsightSource[] = [];
let checkpointTimer: ReturnType<typeof setTimeout> | undefined;
let saving: Promise<unknown> = Promise.resolve();
let prepared = false;
/** Reports built for the aggregates' current state (reportCache.ts): a period switch is often answered from here. */
const reports = new ReportCache();
let precomputing: ReturnType<typeof setTimeout> | undefined;

/**
 * While the moderator looks at one period, the other periods of the same question are built, one per
 * task (questions asked meanwhile come first), so switching to them is answered at once.
 */
function precomputeOthers(q: ReportQuery): void {
  if (precomputing !== undefined) clearTimeout(precomputing);
  const rest = (Object.keys(PERIODS) as PeriodId[]).filter((p) => p !== q.period);
  const step = () => {
    precomputing = undefined;
    const period = rest.shift();
    if (!period || !keeper || glance) return;
    reports.get(keeper.agg, { ...q, period }, { days: rollupsFor(q.zone) });
    if (rest.length > 0) precomputing = setTimeout(step, 0);
  };
  precomputing = setTimeout(step, 0);
}

/** Day roll-ups for the viewer's zone (one zone at a time), following the keeper's aggregator. */
let rollups: DayRollups | undefined;

function rollupsFor(zone: string): DayRollups {
  const agg = keeper!.agg;
  if (rollups && rollups.zone === zone && rollups.agg === agg) return rollups;
  rollups?.close();
  return (rollups = new DayRollups(agg, zone));
}

/**
 * Builds the roll-ups of the last 90 days (and the 90 before, for the previous period) a few days at a
 * time after the first answer, so the first 30- or 90-day switch reads them ready; questions asked
 * meanwhile are answered between the steps.
 */
function warmRollups(zone: string, now: number): void {
  const days = rollupsFor(zone);
  const today = days.clock.at(Math.floor(now / 3_600_000)).day;
  let day = today;
  const step = () => {
    if (rollups !== days || !keeper) return;
    const spaces = [...keeper.agg.spaces.values()];
    for (const end = day - 5; day > end && day > today - 92; day--) for (const space of spaces) days.day(space, day);
    if (day > today - 92) setTimeout(step, 0);
  };
  setTimeout(step, 0);
}

/** The figures in memory stay right; the keeper writes everything at the next checkpoint, tried again soon. */
function checkpointFailed(err: unknown): void {
  console.error('Could not store the insights aggregates', err);
  scheduleCheckpoint();
}

function scheduleCheckpoint(): void {
  if (checkpointTimer !== undefined || !keeper) return;
  checkpointTimer = setTimeout(() => {
    checkpointTimer = undefined;
    const k = keeper!;
    saving = saving.then(() => k.checkpoint()).catch(checkpointFailed);
  }, CHECKPOINT_MS);
}

async function load(dbName: string, onFirst: () => void): Promise<void> {
  const started = performance.now();
  const db = new TribeDb(dbName);
  const k = new AggregateKeeper(db);
  keeper = k;
  const how = await k.open({
    onGlance: (g) => {
      glance = g;
      scope.postMessage({ type: 'loaded', events: g.agg.count, ms: Math.round(performance.now() - started), complete: false, stored: true });
      onFirst();
    },
    onRecent: () => {
      scope.postMessage({ type: 'loaded', events: k.agg.count, ms: Math.round(performance.now() - started), complete: false, stored: false });
      onFirst();
    },
    onProgress: (n) => scope.postMessage({ type: 'progress', loaded: n }),
    held: (batch) => held?.get(batch),
  });
  for (const [batch, rows] of held ?? []) k.add(batch, rows);
  k.add(undefined, heldUnbatched);
  held = undefined;
  heldUnbatched = [];
  glance = undefined;
  onFirst();
  scope.postMessage({ type: 'loaded', events: k.agg.count, ms: Math.round(performance.now() - started), complete: true, stored: how === 'loaded' });
  // The first build, or the journal just folded in: stored at once.
  saving = saving.then(() => k.checkpoint()).catch(checkpointFailed);
}

scope.onmessage = (e) => {
  const msg = e.data;
  if (msg.type === 'load') {
    if (loading) return;
    let markFirst: () => void = () => undefined;
    firstRead = new Promise((resolve) => (markFirst = resolve));
    loading = load(msg.dbName, markFirst).catch((err: unknown) => {
      glance = undefined;
      markFirst();
      scope.postMessage({ type: 'failed', message: String(err) });
    });
    fullRead = loading;
    // While IndexedDB reads (in the browser's own thread), the viewer's zone is set up: luxon's first use
    // of a zone costs tens of ms that the first report would otherwise pay.
    DateTime.fromMillis(Date.now(), { zone: Intl.DateTimeFormat().resolvedOptions().timeZone }).startOf('day').toMillis();
  } else if (msg.type === 'events') {
    // While loading, forwarded batches wait (the load may read them from the journal too).
    if (held) {
      if (msg.batch !== undefined) held.set(msg.batch, msg.rows);
      else heldUnbatched.push(...msg.rows);
    } else if (keeper) {
      keeper.add(msg.batch, msg.rows);
      scheduleCheckpoint();
    }
  } else {
    void (firstRead ?? Promise.resolve())
      // A question the glance cannot answer exactly (a long period, or a later day) waits for everything.
      .then(() => (glance && !glanceAnswers(glance, msg.query.period, msg.query.now, msg.crisisOnly) ? fullRead : undefined))
      .then(() => {
        try {
          const started = performance.now();
          const from = glance;
          const agg = from ? from.agg : keeper!.agg;
          const crisis = crisisSignals(agg, msg.query.now, new Map(msg.openItems));
          const spaces = spacesIn(agg, { kind: 'all' }).map((sp) => ({ key: sp.key, name: sp.name, platform: sp.platform }));
          // With the view closed only the crisis signal is needed (desktop notifications). A glance has
          // no day roll-ups (its periods read hours).
          const report = msg.crisisOnly ? undefined : reports.get(agg, msg.query, from ? {} : { days: rollupsFor(msg.query.zone) });
          scope.postMessage({ type: 'report', id: msg.id, report, crisis, spaces, events: agg.count, ms: Math.round(performance.now() - started) });
          // After the first answer from everything: the row indexes loading left for later, before the next batch needs them.
          if (!prepared && !from) {
            prepared = true;
            setTimeout(() => keeper?.agg.prepare(), 0);
            warmRollups(msg.query.zone, msg.query.now);
          }
          if (!msg.crisisOnly && !from) precomputeOthers(msg.query);
        } catch (err) {
          scope.postMessage({ type: 'failed', id: msg.id, message: String(err) });
        }
      });
  }
};
