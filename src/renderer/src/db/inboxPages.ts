// Reading the inbox from IndexedDB without reading all of it: a lane's first page, its order page by
// page (ids and ranks from the index's keys only), counts from the indexes, items by id, and the open
// items recent enough for a new message to join (the similarity window).
import Dexie from 'dexie';
import { SIMILAR_WINDOW_MS, type InboxItem } from '@shared/domain/inbox';
import type { InboxFilter, InboxLane } from '@shared/domain/priority';
import type { TribeDb } from './db';

/** The first `limit` items of a filter's list, in order (a backwards walk of its index). */
export async function firstPage(db: TribeDb, filter: InboxFilter, limit: number): Promise<InboxItem[]> {
  const collection = filter === 'all' ? db.inboxItems.orderBy('createdAt') : db.inboxItems.where('[lane+rank]').between([filter, Dexie.minKey], [filter, Dexie.maxKey], true, true);
  return collection.reverse().limit(limit).toArray();
}

/**
 * The next `limit` ids of a filter's list after `after` (from the top when undefined), with their
 * ranks: a backwards walk of the index's keys from where the last page ended, never reading an item
 * and never counting what lies before it, so page 1,000 costs what page 1 does.
 */
export async function nextKeys(db: TribeDb, filter: InboxFilter, after: { id: string; rank: number } | undefined, limit: number): Promise<Array<{ id: string; rank: number }>> {
  const out: Array<{ id: string; rank: number }> = [];
  const rankOfKey = filter === 'all' ? (key: unknown) => key as number : (key: unknown) => (key as [string, number])[1];
  let collection;
  if (filter === 'all') {
    collection = after ? db.inboxItems.where('createdAt').belowOrEqual(after.rank) : db.inboxItems.orderBy('createdAt');
  } else {
    collection = db.inboxItems.where('[lane+rank]').between([filter, Dexie.minKey], after ? [filter, after.rank] : [filter, Dexie.maxKey], true, true);
  }
  // Equal ranks walk by id, highest first: those at the last rank down to the last id were read already.
  const seen = (id: string, rank: number) => after !== undefined && rank === after.rank && id >= after.id;
  await collection
    .reverse()
    .until(() => out.length >= limit)
    .eachKey((key, cursor) => {
      const id = cursor.primaryKey as string;
      const rank = rankOfKey(key);
      if (!seen(id, rank)) out.push({ id, rank });
    });
  return out;
}

const LANES = ['open', 'maybe', 'resolved'] as const satisfies readonly InboxLane[];

/**
 * Each lane's count from the [lane+rank] index (the key range of one lane) and All's from the
 * createdAt index (the one its list is read through): never a count of the object store, whose walk
 * in Chromium reads every item's value. `onCount` hears each as soon as it is counted, so a small
 * lane shows before a big one.
 */
export async function listCounts(db: TribeDb, onCount?: (filter: InboxFilter, count: number) => void): Promise<Record<InboxFilter, number>> {
  const heard = <T extends InboxFilter>(filter: T) => (n: number) => {
    onCount?.(filter, n);
    return n;
  };
  const lane = (name: (typeof LANES)[number]) => db.inboxItems.where('[lane+rank]').between([name, Dexie.minKey], [name, Dexie.maxKey], true, true).count().then(heard(name));
  const [open, maybe, resolved, all] = await Promise.all([...LANES.map(lane), db.inboxItems.orderBy('createdAt').count().then(heard('all'))]);
  return { open: open!, maybe: maybe!, resolved: resolved!, all: all! };
}

/** At most this many recently active open items are kept for similarity (a flood has more; the newest win). */
const RECENT_LIMIT = 2_000;

/** Open items active within the similarity window before `now`, newest first. */
export async function recentOpenItems(db: TribeDb, now: number): Promise<InboxItem[]> {
  return db.inboxItems
    .where('updatedAt')
    .above(now - SIMILAR_WINDOW_MS)
    .reverse()
    .filter((i) => i.status !== 'resolved')
    .limit(RECENT_LIMIT)
    .toArray();
}

export async function itemsById(db: TribeDb, ids: readonly string[]): Promise<InboxItem[]> {
  return (await db.inboxItems.bulkGet([...ids])).filter((i): i is InboxItem => i !== undefined);
}
