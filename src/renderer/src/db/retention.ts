// Keeps the offline cache from growing without end: old messages, long-resolved items and settled
// outbox entries are removed in small transactions. Anything a moderator may still need stays: events
// of items that are not resolved, actions not yet confirmed, every case (cases carry their own
// evidence snapshots) and the cursors, which say how far main has already delivered.
import type { TribeDb } from './db';

export interface RetentionPolicy {
  /** Messages and other events older than this are removed unless an unresolved item needs them. */
  eventDays: number;
  /** Resolved items whose last change is older than this are removed. */
  resolvedItemDays: number;
  /** Confirmed or failed outbox entries older than this are removed. */
  settledActionDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { eventDays: 30, resolvedItemDays: 90, settledActionDays: 30 };

export interface PruneReport {
  events: number;
  items: number;
  actions: number;
  /** Ids of the inbox items removed, so the in-memory inbox drops them too. */
  itemIds: string[];
}

const DAY = 86_400_000;
/** Rows removed per transaction: short enough that ingest never waits long behind a prune. */
const CHUNK = 2_000;

export async function pruneCache(db: TribeDb, now: number, policy: RetentionPolicy = DEFAULT_RETENTION): Promise<PruneReport> {
  const report: PruneReport = { events: 0, items: 0, actions: 0, itemIds: [] };

  // Items first: an item removed here frees its events below.
  const itemCutoff = now - policy.resolvedItemDays * DAY;
  for (;;) {
    const old = await db.inboxItems.where('updatedAt').below(itemCutoff).filter((i) => i.status === 'resolved').limit(CHUNK).primaryKeys();
    if (old.length === 0) break;
    await db.inboxItems.bulkDelete(old);
    report.items += old.length;
    report.itemIds.push(...old);
    if (old.length < CHUNK) break;
  }

  const needed = new Set<string>();
  await db.inboxItems.where('status').anyOf('open', 'claimed', 'snoozed').each((item) => item.eventIds.forEach((id) => needed.add(id)));
  const eventCutoff = now - policy.eventDays * DAY;
  let from = -Infinity;
  for (;;) {
    const page = await db.events.where('ts').between(from, eventCutoff, true, false).limit(CHUNK).toArray();
    if (page.length === 0) break;
    const doomed = page.filter((e) => !needed.has(e.id)).map((e) => e.id);
    if (doomed.length > 0) await db.events.bulkDelete(doomed);
    report.events += doomed.length;
    if (page.length < CHUNK) break;
    // Events kept on this page are skipped next time by starting after its last timestamp; ties at
    // that timestamp are re-read, which only costs a lookup.
    const last = page[page.length - 1]!.ts;
    if (last === from && doomed.length === 0) break;
    from = last;
  }

  const actionCutoff = now - policy.settledActionDays * DAY;
  const settled = await db.actions.where('createdAt').below(actionCutoff).filter((a) => a.status === 'confirmed' || a.status === 'failed').primaryKeys();
  for (let i = 0; i < settled.length; i += CHUNK) await db.actions.bulkDelete(settled.slice(i, i + CHUNK));
  report.actions = settled.length;
  return report;
}
