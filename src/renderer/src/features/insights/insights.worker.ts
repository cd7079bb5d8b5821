// The insights worker: loads the stored aggregates (or builds them once from the cached events), folds
// in the batches the page forwards as they are stored, checkpoints them to IndexedDB, and answers
// report questions — all off the UI thread. It starts with the app, so the dashboard's first paint
// reads aggregates that are already in memory.
import '@shared/zodSetup';
import { DateTime } from 'luxon';
import type { InsightSource } from '@shared/insights/aggregate';
import { crisisSignals } from '@shared/insights/crisis';
import { spacesIn, type ReportQuery } from '@shared/insights/report';
import { ReportCache } from '@shared/insights/reportCache';
import { DayRollups } from '@shared/insights/rollup';
import { glanceAnswers, type Glance } from '@shared/insights/snapshot';
import { warmup } from '@shared/insights/warmup';
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
/** Reports built for the aggregates' current state (reportCache.ts): a period switch is often answered from here. */
const reports = new ReportCache();

/** Day roll-ups for the viewer's zone (one zone at a time), following the keeper's aggregator. */
let rollups: DayRollups | undefined;

function rollupsFor(zone: string): DayRollups {
  const agg = keeper!.agg;
  if (rollups && rollups.zone === zone && rollups.agg === agg) return rollups;
  rollups?.close();
  return (rollups = new DayRollups(agg, zone));
}

/** The warm-up under way (warmup.ts): day roll-ups, the other periods' reports, row indexes. */
let chores: Generator<void, void> | undefined;
let choreQueued = false;
/**
 * One step per task. A message channel rather than a zero timeout: nested timeouts are clamped to 4 ms
 * each, and a question posted meanwhile queues behind at most the one step already queued.
 */
const choreChannel = new MessageChannel();
choreChannel.port1.onmessage = () => {
  choreQueued = false;
  if (!chores || glance) return;
  if (chores.next().done) chores = undefined;
  else queueChore();
};

function queueChore(): void {
  if (choreQueued) return;
  choreQueued = true;
  choreChannel.port2.postMessage(null);
}

/**
 * (Re)starts the warm-up for the viewer's zone, and for the question shown when the view is open (its
 * other periods are built while the moderator looks at one). Started as soon as everything is read,
 * before anyone asks for a long period, and again after each answer.
 */
function warm(zone: string, now: number, shown: ReportQuery | undefined): void {
  if (!keeper || glance) return;
  chores = warmup(keeper.agg, rollupsFor(zone), reports, now, shown);
  queueChore();
}

/** The last question asked, and whether only the crisis signal was wanted (the view closed). */
let lastAsked: { query: ReportQuery; crisisOnly: boolean } | undefined;

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
  let more = heldUnbatched.length > 0;
  for (const [batch, rows] of held ?? []) more = k.add(batch, rows) || more;
  k.add(undefined, heldUnbatched);
  // With nothing stored between the two reads the glance's answers (24 h, 7 d) stand: the page's next
  // question is answered at once instead of being computed again while the long periods are built.
  if (glance && k.sameAsGlance && !more) reports.adopt(glance.agg, k.agg);
  held = undefined;
  heldUnbatched = [];
  glance = undefined;
  onFirst();
  scope.postMessage({ type: 'loaded', events: k.agg.count, ms: Math.round(performance.now() - started), complete: true, stored: how === 'loaded' });
  // The long periods' roll-ups are built now, before the page asks again (its question comes between two steps).
  const zone = lastAsked?.query.zone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  warm(zone, Date.now(), lastAsked && !lastAsked.crisisOnly ? lastAsked.query : undefined);
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
    lastAsked = { query: msg.query, crisisOnly: msg.crisisOnly === true };
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
          if (!from) warm(msg.query.zone, msg.query.now, msg.crisisOnly ? undefined : msg.query);
        } catch (err) {
          scope.postMessage({ type: 'failed', id: msg.id, message: String(err) });
        }
      });
  }
};
