// Reading the inbox from IndexedDB without reading all of it: a lane's first page and its whole order
// (ids and ranks, from the index's keys only), counts from the indexes, items by id, and the open items
// recent enough for a new message to join (the similarity window).
import Dexie from 'dexie';
import { SIMILAR_WINDOW_MS, type InboxFilter, type InboxItem } from '@shared/domain/inbox';
import type { TribeDb } from './db';

/** The index range a filter's list walks, and how an index key gives the rank. */
function rangeOf(db: TribeDb, filter: InboxFilter) {
  if (filter === 'all') return { collection: db.inboxItems.orderBy('createdAt'), rankOf: (key: unknown) => key as number };
  return {
    collection: db.inboxItems.where('[lane+rank]').between([filter, Dexie.minKey], [filter, Dexie.maxKey], true, true),
    rankOf: (key: unknown) => (key as [string, number])[1],
  };
}

/** The first `limit` items of a filter's list, in order (a backwards walk of its index). */
export async function firstPage(db: TribeDb, filter: InboxFilter, limit: number): Promise<InboxItem[]> {
  return rangeOf(db, filter).collection.reverse().limit(limit).toArray();
}

/** Every id of a filter's list with its rank, in list order; reads index keys, never an item. */
export async function listOrder(db: TribeDb, filter: InboxFilter): Promise<Array<{ id: string; rank: number }>> {
  const { collection, rankOf } = rangeOf(db, filter);
  const out: Array<{ id: string; rank: number }> = [];
  await collection.eachKey((key, cursor) => {
    out.push({ id: cursor.primaryKey as string, rank: rankOf(key) });
  });
  // The walk went forwards (lowest first); the list shows highest first.
  return out.reverse();
}

export async function listCounts(db: TribeDb): Promise<Record<InboxFilter, number>> {
  const lane = (name: string) => db.inboxItems.where('[lane+rank]').between([name, Dexie.minKey], [name, Dexie.maxKey], true, true).count();
  const [open, maybe, resolved, all] = await Promise.all([lane('open'), lane('maybe'), lane('resolved'), db.inboxItems.count()]);
  return { open, maybe, resolved, all };
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
