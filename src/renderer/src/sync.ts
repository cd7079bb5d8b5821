// Keeps the local store in step with main: loads the inbox from IndexedDB first (so a reload shows
// it at once), ingests event batches strictly in order, and on start and every reconnect sends the
// cursors (sync.subscribe) and replays the outbox.
import { inboxItemIdFor, itemFromEnvelope, mergeEnvelope, SIMILAR_WINDOW_MS, type InboxItem } from '@shared/domain/inbox';
import type { Envelope } from '@shared/domain/model';
import type { TribeDb } from './db/db';
import { getDb } from './db/instance';
import { ingestBatch, mergeCursorPositions } from './db/ingest';
import { announceStored } from './db/storedEvents';
import { pruneCache } from './db/retention';
import { bridgeState, onBridgeState, send, subscribe } from './ipc/client';
import { useActions } from './stores/actions';
import { knownItem, similarOpenItem, useInbox } from './stores/inbox';
import { useSources } from './stores/sources';
import { ruleNotices } from './lib/ruleNotices';
import { notifyOnce } from './lib/notify';
import { resumeWelcomesAfterRaids } from './features/welcome/raidResume';

/** Runs tasks one after another; ingest must never interleave with itself or with reading cursors. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

let started = false;
/** The store's one queue: ingest, cursor reads, prunes and hand flags take turns in it. */
let storeQueue: (<T>(task: () => Promise<T>) => Promise<T>) | undefined;
const storedListeners = new Set<() => void>();

/** Runs `task` in the store's queue (after every batch received before it), or at once before sync started. */
export function inStoreOrder<T>(task: () => Promise<T>): Promise<T> {
  return storeQueue ? storeQueue(task) : task();
}

/** Called after each batch of events is stored (hand flags waiting for their message try again). */
export function onBatchStored(listener: () => void): () => void {
  storedListeners.add(listener);
  return () => storedListeners.delete(listener);
}

/**
 * Shows flagged messages at once, computed from the items in memory, while the batch waits for its
 * IndexedDB transaction; the stored result replaces them moments later. Nothing is lost if the
 * renderer dies in between: the cursor moves only with the transaction, so main sends them again.
 */
export function showAhead(envelopes: readonly Envelope[]): string[] {
  const inbox = useInbox.getState();
  const created: string[] = [];
  if (!inbox.loaded) return created;
  const ahead = new Map<string, InboxItem>();
  // The items in memory are the rows near the screen and the open items of the last half hour (the
  // ones a new message can join); what ingest finds beyond them it folds in moments later.
  const known = (id: string) => ahead.get(id) ?? knownItem(inbox, id);
  for (const env of envelopes) {
    if (env.event.kind !== 'message' || env.flags.length === 0) continue;
    const own = inboxItemIdFor(env);
    if (!own) continue;
    // The same lure as an open item joins it, as ingest will decide.
    const similar = own.startsWith('msg:') && !known(own) && env.similar ? (similarOpenItem(inbox, env.similar, env.event.ts) ?? similarIn(ahead, env.similar, env.event.ts)) : undefined;
    const id = similar?.id ?? own;
    const current = known(id);
    const next = current ? mergeEnvelope(current, env) : itemFromEnvelope(env);
    if (!next || next === current) continue;
    if (!current) created.push(id);
    ahead.set(id, next);
  }
  // The new ones count at once (the badges follow the list); they are announced when stored.
  if (ahead.size > 0) inbox.applyItems([...ahead.values()], [], created);
  return created;
}

/** An item made ahead in this same batch that shares one of `keys`. */
function similarIn(items: ReadonlyMap<string, InboxItem>, keys: readonly string[], ts: number): InboxItem | undefined {
  for (const item of items.values()) {
    if (item.status !== 'resolved' && ts - item.updatedAt <= SIMILAR_WINDOW_MS && item.similar?.some((k) => keys.includes(k))) return item;
  }
  return undefined;
}

/**
 * After a batch is stored: an item shown ahead that the transaction did not create (ingest folded its
 * message into another item) leaves the list, so no phantom stays until the next reload.
 */
async function dropPhantoms(db: TribeDb, stored: readonly InboxItem[], shownAhead: readonly string[]): Promise<void> {
  const kept = new Set(stored.map((i) => i.id));
  const candidates = shownAhead.filter((id) => !kept.has(id));
  if (candidates.length === 0) return;
  const found = await db.inboxItems.bulkGet(candidates);
  const gone = candidates.filter((_, i) => found[i] === undefined);
  if (gone.length > 0) useInbox.getState().removeItems(gone);
}
const PRUNE_EVERY_MS = 6 * 3_600_000;

export function startSync(): void {
  if (started) return;
  started = true;
  const db = getDb();
  const queue = serial();
  storeQueue = queue;
  // A resolved raid item lets main's welcomes for its space resume (issue 19).
  resumeWelcomesAfterRaids();

  // The inbox's first page and counts come from the indexes; the rest of its order is read behind them.
  void queue(() => useInbox.getState().load(db)).catch((err: unknown) => console.error('Could not read the inbox', err));

  // Old messages and long-resolved items leave the cache after the inbox is on screen, then every
  // few hours; in the same queue as ingest, so a prune never races a batch that revives an item.
  const prune = () =>
    void queue(async () => {
      const report = await pruneCache(db, Date.now());
      useInbox.getState().removeItems(report.itemIds);
    }).catch((err: unknown) => console.warn('Could not prune the offline cache', err));
  setTimeout(prune, 10_000);
  setInterval(prune, PRUNE_EVERY_MS);

  // Batches that arrive while one is being stored wait together and go into the next transaction:
  // under a flood the transactions grow instead of queueing up one per 16 ms batch from main.
  let waiting: Envelope[] = [];
  let waitingAhead: string[] = [];
  subscribe('events.received', ({ envelopes }) => {
    waitingAhead.push(...showAhead(envelopes));
    const first = waiting.length === 0;
    waiting.push(...envelopes);
    if (!first) return;
    void queue(async () => {
      const batch = waiting;
      const ahead = waitingAhead;
      waiting = [];
      waitingAhead = [];
      const res = await ingestBatch(db, batch);
      useInbox.getState().applyItems(res.items, res.newItemIds);
      // A rule's automatic actions main runs: the outbox asks for their answers (settling items and cases).
      if (res.automatic > 0) void useActions.getState().replay();
      announceStored(res.stored, res.insightBatch);
      announceRuleNotices(batch);
      await dropPhantoms(db, res.items, ahead);
      if (res.added > 0) for (const listener of storedListeners) listener();
    }).catch((err: unknown) => console.error('Could not store a batch of events', err));
  });
  // Actions that waited for a platform connection run as soon as that connection is ready again.
  const lastState = new Map<string, string>();
  subscribe('sources.changed', (source) => {
    useSources.getState().upsert(source);
    const before = lastState.get(source.id);
    lastState.set(source.id, source.state);
    // Also when this page never saw the state before: it may have subscribed while the source was down.
    if (source.state === 'ready' && before !== 'ready') void useActions.getState().replay();
  });
  subscribe('sync.caughtUp', ({ sourceId, positions }) => {
    useSources.getState().markCaughtUp(sourceId);
    // After every batch before it is stored, so the positions never run ahead of the events.
    if (positions) void queue(() => mergeCursorPositions(db, sourceId, positions)).catch((err: unknown) => console.error('Could not store the cursor', err));
  });

  let resubscribing = false;
  async function resubscribe(): Promise<void> {
    if (resubscribing) return;
    resubscribing = true;
    try {
      // Cursors are read after every batch already received has been stored.
      const cursors = await queue(() => db.cursors.toArray());
      useSources.getState().resetCaughtUp();
      const { sources } = await send('sync.subscribe', { cursors });
      useSources.getState().setAll(sources);
      for (const source of sources) lastState.set(source.id, source.state);
      await useActions.getState().replay();
    } catch (err) {
      console.warn('Subscribing to main failed; will try again on reconnect', err);
    } finally {
      resubscribing = false;
    }
  }

  useSources.getState().setBridge(bridgeState());
  onBridgeState((state) => {
    useSources.getState().setBridge(state);
    if (state === 'connected') void resubscribe();
  });
  if (bridgeState() === 'connected') void resubscribe();
}

/** A rule's notify action (issue 15): a desktop notice per flagged event, once, worded here; a dry run tells nobody. */
function announceRuleNotices(batch: readonly Envelope[]): void {
  for (const notice of ruleNotices(batch)) notifyOnce(notice.id, notice.title, notice.body, notice.target);
}
