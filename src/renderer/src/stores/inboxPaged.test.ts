// The inbox store over a database (the app's path): the list read page by page through the
// [lane+rank] index, only rows near the screen in memory, and the keyboard across page boundaries.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { itemFromEnvelope, type InboxItem } from '@shared/domain/inbox';
import type { Flag } from '@shared/domain/model';
import { TribeDb } from '../db/db';
import { message, scamFlag, uniqueDbName } from '../db/testing';
import { currentItem, filterCounts, listLength, rowIndexOf, similarOpenItem, useInbox } from './inbox';
import { showAhead } from '../sync';

const floodFlag: Flag = { rule: 'behaviour.flood', category: 'flood', severity: 'low', reason: 'flood', evidence: [] };
const raidFlag: Flag = { rule: 'behaviour.raid', category: 'raid', severity: 'medium', reason: 'raid', evidence: [] };
const highScam: Flag = { ...scamFlag, severity: 'high' };

function item(n: number, flag: Flag = scamFlag, extra: Partial<InboxItem> = {}): InboxItem {
  return { ...itemFromEnvelope(message(n, { flags: [flag] }))!, ...extra };
}

let db: TribeDb | undefined;
afterEach(() => {
  useInbox.getState().setAll([]);
  db?.close();
  db = undefined;
});

async function loaded(items: InboxItem[]): Promise<TribeDb> {
  db = new TribeDb(uniqueDbName('paged'));
  await db.inboxItems.bulkPut(items);
  useInbox.setState({ loaded: false, byId: new Map(), order: [], filter: 'open', currentId: undefined, detailOpen: false, previousId: undefined });
  await useInbox.getState().load(db);
  return db;
}

const N = 1_200;
const many = () => Array.from({ length: N }, (_, i) => item(i + 1));

describe('inbox store over the database', () => {
  it('counts a new item shown ahead of the store at once (the badge follows the list), without announcing it', async () => {
    await loaded([item(1), item(2)]);
    await vi.waitFor(() => expect(filterCounts(useInbox.getState())).toEqual({ open: 2, maybe: 0, resolved: 0, all: 2 }));
    expect(showAhead([message(3, { flags: [scamFlag] })])).toEqual([item(3).id]);
    const s = useInbox.getState();
    expect(s.order).toContain(item(3).id);
    expect(filterCounts(s)).toEqual({ open: 3, maybe: 0, resolved: 0, all: 3 });
    expect(s.announcement.count).toBe(0);
  });

  it('shows the first page at once, reads further down as the list scrolls (ids from the index keys), and keeps only rows near the screen in memory', async () => {
    await loaded(many());
    const first = useInbox.getState();
    expect(first.loaded).toBe(true);
    expect(first.order[0]).toBe(item(N).id);
    expect(first.currentId).toBe(item(N).id);
    // Counts come from the indexes just behind the first page.
    await vi.waitFor(() => expect(filterCounts(useInbox.getState())).toEqual({ open: N, maybe: 0, resolved: 0, all: N }));
    expect(first.byId.size).toBeLessThan(200);
    expect(first.order.length).toBeLessThan(200);
    expect(first.more).toBe(true);
    expect(listLength(useInbox.getState())).toBe(N);
    // Scrolled to the middle: the list is read down to there (ids only), those rows' items are read.
    useInbox.getState().showRange(600, 615);
    await vi.waitFor(() => expect(useInbox.getState().byId.has(useInbox.getState().order[610] ?? '')).toBe(true), { timeout: 10_000 });
    expect(useInbox.getState().order.slice(0, 700)).toEqual(Array.from({ length: 700 }, (_, i) => item(N - i).id));
    useInbox.getState().showRange(600, 615);
    const s = useInbox.getState();
    expect(s.byId.size).toBeLessThan(600);
    expect(s.byId.has(s.order[10]!)).toBe(false);
    // The current item stays, wherever it is.
    expect(currentItem(s)?.id).toBe(item(N).id);
    // Scrolled to the end: every row is there, in order.
    useInbox.getState().showRange(N - 10, N - 1);
    await vi.waitFor(() => expect(useInbox.getState().more).toBe(false), { timeout: 10_000 });
    expect(useInbox.getState().order).toEqual(Array.from({ length: N }, (_, i) => item(N - i).id));
  });

  it('moves with j/k and acts → next across page boundaries, the acted item staying as "previous"', async () => {
    await loaded(many());
    const order = Array.from({ length: N }, (_, i) => item(N - i).id);
    // j, one row at a time, past the first page: each press lands on the next row (reading on as needed).
    for (let i = 0; i < 120; i++) {
      useInbox.getState().move(1);
      await vi.waitFor(() => expect(useInbox.getState().currentId).toBe(order[i + 1]));
    }
    expect(useInbox.getState().currentId).toBe(order[120]);
    expect(rowIndexOf(useInbox.getState(), order[120])).toBe(120);
    await vi.waitFor(() => expect(currentItem(useInbox.getState())?.id).toBe(order[120]));
    useInbox.getState().open(order[120]);
    // Acting on it resolves it: it leaves the open list, the next row (never read so far?) takes its place.
    const acted = { ...currentItem(useInbox.getState())!, status: 'resolved' as const };
    await db!.inboxItems.put(acted);
    useInbox.getState().applyItems([acted]);
    const s = useInbox.getState();
    expect(s.currentId).toBe(order[121]);
    expect(s.previousId).toBe(order[120]);
    expect(s.byId.get(order[120]!)?.status).toBe('resolved');
    await vi.waitFor(() => expect(currentItem(useInbox.getState())?.id).toBe(order[121]));
    expect(filterCounts(useInbox.getState())).toMatchObject({ open: N - 1, resolved: 1 });
    useInbox.getState().move(-1);
    expect(useInbox.getState().currentId).toBe(order[119]);
    // Switching to Resolved reads that list; the acted item is there.
    useInbox.getState().setFilter('resolved');
    await vi.waitFor(() => expect(useInbox.getState().order).toEqual([order[120]]));
  });

  it('serves the priority order from the index: a raid and a high-severity scam above newer flood, unsure flags in maybe', async () => {
    const floods = Array.from({ length: 30 }, (_, i) => item(1_000 + i, floodFlag));
    const raid = item(5, raidFlag);
    const scam = item(6, highScam);
    const unsure = item(7, { ...scamFlag, confidence: 0.2 });
    await loaded([...floods, raid, scam, unsure]);
    expect(useInbox.getState().order).toHaveLength(32);
    expect(useInbox.getState().order.slice(0, 2)).toEqual([raid.id, scam.id]);
    expect(filterCounts(useInbox.getState())).toEqual({ open: 32, maybe: 1, resolved: 0, all: 33 });
    useInbox.getState().setFilter('maybe');
    await vi.waitFor(() => expect(useInbox.getState().order).toEqual([unsure.id]));
  });

  it('finds the open item a similar message joins also when its row is far down the list and not in memory', async () => {
    const now = Date.now();
    const lure = { ...item(N + 10), similar: ['t:lure'], createdAt: now - 60_000, updatedAt: now - 60_000, severity: 'low' as const, flags: [{ ...scamFlag, severity: 'low' as const }] };
    await loaded([...many(), lure]);
    const s = useInbox.getState();
    expect(s.order).not.toContain(lure.id);
    expect(s.byId.has(lure.id)).toBe(false);
    expect(similarOpenItem(s, ['t:lure'], now)?.id).toBe(lure.id);
    // Once resolved it is joined no more.
    useInbox.getState().applyItems([{ ...lure, status: 'resolved' }]);
    expect(similarOpenItem(useInbox.getState(), ['t:lure'], now)).toBeUndefined();
  });

  it('switching filters while rows are read further down never mixes the lists', async () => {
    const items = many().map((i, n) => (n % 3 === 0 ? { ...i, status: 'resolved' as const } : i));
    await loaded(items);
    const expected = (keep: (i: InboxItem) => boolean) => items.filter(keep).map((i) => i.id).reverse();
    // A read further down is under way when the filter changes, and the new list is scrolled at once.
    useInbox.getState().showRange(300, 320);
    useInbox.getState().setFilter('resolved');
    useInbox.getState().showRange(0, 500);
    await vi.waitFor(() => expect(useInbox.getState().order).toEqual(expected((i) => i.status === 'resolved')), { timeout: 10_000 });
    useInbox.getState().setFilter('all');
    useInbox.getState().showRange(0, N);
    await vi.waitFor(() => expect(useInbox.getState().order).toEqual(expected(() => true)), { timeout: 10_000 });
    useInbox.getState().setFilter('open');
    useInbox.getState().move(1);
    useInbox.getState().showRange(0, N);
    await vi.waitFor(() => expect(useInbox.getState().order).toEqual(expected((i) => i.status === 'open')), { timeout: 10_000 });
  });

  it('never shows a count of 0 that only means "not counted yet": a badge is unknown until its lane is counted', async () => {
    const seen: Array<number | undefined> = [];
    const unsubscribe = useInbox.subscribe((s) => {
      if (s.loaded) seen.push(filterCounts(s).open);
    });
    try {
      await loaded(many());
      await vi.waitFor(() => expect(filterCounts(useInbox.getState()).open).toBe(N));
    } finally {
      unsubscribe();
    }
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.filter((n) => n !== undefined && n !== N)).toEqual([]);
  });

  it('counts each lane from the [lane+rank] index, and All from the createdAt index, never by a walk of the whole store (snoozed items in All)', async () => {
    const snoozed = item(N + 1, scamFlag, { status: 'snoozed' });
    const storeCount = vi.spyOn(IDBObjectStore.prototype, 'count');
    const storeCursor = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    const indexCount = vi.spyOn(IDBIndex.prototype, 'count');
    try {
      await loaded([...many(), snoozed]);
      await vi.waitFor(() => expect(filterCounts(useInbox.getState())).toEqual({ open: N, maybe: 0, resolved: 0, all: N + 1 }));
      expect(storeCount).not.toHaveBeenCalled();
      expect(storeCursor).not.toHaveBeenCalled();
      // One count per lane (a key range of [lane+rank]) and All's from the index its list is read through.
      expect(indexCount.mock.instances.map((index) => (index as IDBIndex).name).sort()).toEqual(['[lane+rank]', '[lane+rank]', '[lane+rank]', 'createdAt']);
    } finally {
      storeCount.mockRestore();
      storeCursor.mockRestore();
      indexCount.mockRestore();
    }
  });
});
