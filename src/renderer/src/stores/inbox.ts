// Inbox store: the list of the current filter as ids in priority order (raids and campaigns, then
// severity × confidence, then recency), the bodies of only the items on screen and near it, counts
// per filter, and the one current item. With a database attached (`load`) the list is read from the
// [lane+rank] index page by page, so 200k cached items open as fast as 200; `setAll` keeps everything
// in memory (tests, and the store before the database answers).
import { create } from 'zustand';
import { SIMILAR_WINDOW_MS, type InboxItem } from '@shared/domain/inbox';
import { laneOf, matchesFilter, rankOf, type InboxFilter, type InboxLane } from '@shared/domain/priority';
import type { TribeDb } from '../db/db';
import { firstPage, itemsById, listCounts, nextKeys, recentOpenItems } from '../db/inboxPages';
import { applyRankChanges, indexOfId, rankedList, type RankChange, type RankedList } from './inboxOrder';
import { compareRanked } from '@shared/domain/priority';

export const INBOX_FILTERS: readonly InboxFilter[] = ['open', 'maybe', 'resolved', 'all'];

export interface InboxState {
  loaded: boolean;
  /** The items in memory: the rows on screen and near them, the current and previous item, what just changed. */
  byId: ReadonlyMap<string, InboxItem>;
  /**
   * The ids the current filter shows, in list order, from the top: all of them, or (with a database)
   * as far as read so far, when `more` says the list goes on (bodies may not be in memory: `showRange`).
   */
  order: readonly string[];
  /** The list goes on below `order` in the database (read as the moderator scrolls or moves down). */
  more: boolean;
  /** How many items each filter shows (from the indexes once loaded); undefined while still counting. */
  counts: FilterCounts;
  filter: InboxFilter;
  /**
   * The one item the moderator is on: highlighted in the list, shown on the right when the detail is
   * open, and the item every shortcut acts on. There is no second notion of "the open item".
   */
  currentId: string | undefined;
  /** Whether the current item is shown on the right (Enter/o/click open it, Esc closes it). */
  detailOpen: boolean;
  /** The item the moderator just left by acting on it (act → next), so its result stays in view. */
  previousId: string | undefined;
  /** Polite announcement for screen readers when new items arrive. */
  announcement: { count: number; seq: number };
  /** Everything in memory, no database behind the list (tests; the app uses `load`). */
  setAll(items: InboxItem[]): void;
  /** Reads the list from the database: resolves once the first page shows (counts follow behind it). */
  load(db: TribeDb): Promise<void>;
  /**
   * `newItemIds` are new items to announce (stored ones); `createdIds` are new items shown ahead of the
   * store: counted at once, announced when stored.
   */
  applyItems(items: readonly InboxItem[], newItemIds?: readonly string[], createdIds?: readonly string[]): void;
  /** Drops items the cache no longer holds (pruned after long being resolved). */
  removeItems(ids: readonly string[]): void;
  setFilter(filter: InboxFilter): void;
  /** Rows `start..end` of the list are on screen: their items (and those near) are read, far ones let go. */
  showRange(start: number, end: number): void;
  /** Makes `id` the current item and shows it; undefined closes the detail and keeps the highlight. */
  open(id: string | undefined): void;
  /** Moves the current item by `delta` rows within the current filter; an open detail follows. */
  move(delta: number): void;
  /**
   * Act → next: after the moderator's action settled `itemId`, the next row becomes current (if the
   * moderator is still on it). An item that leaves the filter is handled by the same rule on its own.
   */
  advanceFrom(itemId: string): void;
}

/** The item shown on the right, if any: always the current one. */
export function openItem(state: Pick<InboxState, 'byId' | 'currentId' | 'detailOpen'>): InboxItem | undefined {
  return state.detailOpen && state.currentId ? state.byId.get(state.currentId) : undefined;
}

/** The item a shortcut acts on: the current one. */
export function currentItem(state: Pick<InboxState, 'byId' | 'currentId'>): InboxItem | undefined {
  return state.currentId ? state.byId.get(state.currentId) : undefined;
}

/** The ids the list shows for the current filter, in order. */
export function visibleIds(state: Pick<InboxState, 'order'>): readonly string[] {
  return state.order;
}

/** A filter's count, or undefined while it is being counted (never a 0 that only means "not yet"). */
export type FilterCounts = Readonly<Record<InboxFilter, number | undefined>>;

export function filterCounts(state: Pick<InboxState, 'counts'>): FilterCounts {
  return state.counts;
}

/** How many rows the list has: the rows read, or the filter's count while more are to be read. */
export function listLength(state: Pick<InboxState, 'order' | 'more' | 'counts' | 'filter'>): number {
  return state.more ? Math.max(state.order.length + 1, state.counts[state.filter] ?? 0) : state.order.length;
}

/** Where `id` is in the list of the current filter, or -1 (a binary search, not a scan of 200k ids). */
export function rowIndexOf(state: Pick<InboxState, 'order'>, id: string | undefined): number {
  if (id === undefined || state.order !== list.ids) return id === undefined ? -1 : state.order.indexOf(id);
  return indexOfId(list, id);
}

// ---- Module state kept beside the zustand state (mutable, sized to the list; never rendered) ----

/** The current filter's ids with their ranks; `list.ids` is the `order` in the state. */
let list: RankedList = { ids: [], rank: new Map() };
let db: TribeDb | undefined;
/** Bumped by each (re)read of the list; a read that finishes after a newer one started is dropped. */
let generation = 0;
/** Changes applied while a page of the list is being read, applied again on top of it. */
let pendingChanges: RankChange[] | undefined;
/** The read of further pages under way, if any. */
let extending: Promise<void> | undefined;
/** The read of a list's first page under way, if any: nothing reads further down before it lands. */
let firstRead: Promise<void> | undefined;
/** How far down the index the list was read: the next page starts after it. */
let readAfter: { id: string; rank: number } | undefined;

/**
 * Open items active within the similarity window, with a map of their similarity keys, so a flagged
 * message shown ahead of its IndexedDB transaction joins the item ingest will put it in, also when
 * that item's row is far down the list and not in memory.
 */
const recent = new Map<string, InboxItem>();
const similarKeys = new Map<string, string>();
const RECENT_MAX = 4_000;

function noteRecent(items: Iterable<InboxItem>): void {
  let newest = 0;
  for (const item of items) {
    newest = Math.max(newest, item.updatedAt);
    if (item.status === 'resolved') {
      recent.delete(item.id);
      for (const key of item.similar ?? []) if (similarKeys.get(key) === item.id) similarKeys.delete(key);
      continue;
    }
    recent.set(item.id, item);
    for (const key of item.similar ?? []) {
      const known = similarKeys.get(key);
      const other = known ? recent.get(known) : undefined;
      if (!other || other.id === item.id || other.updatedAt <= item.updatedAt) similarKeys.set(key, item.id);
    }
  }
  if (recent.size <= RECENT_MAX) return;
  // Out of the window means it can no longer be joined: let it go.
  for (const [id, item] of recent) if (newest - item.updatedAt > SIMILAR_WINDOW_MS) forgetRecent(id);
}

function forgetRecent(id: string): void {
  const item = recent.get(id);
  if (!item) return;
  recent.delete(id);
  for (const key of item.similar ?? []) if (similarKeys.get(key) === id) similarKeys.delete(key);
}

function resetRecent(items: Iterable<InboxItem>): void {
  recent.clear();
  similarKeys.clear();
  noteRecent(items);
}

/** The open item sharing one of `keys` and active within the window before `ts`, if any. */
export function similarOpenItem(state: Pick<InboxState, 'byId'>, keys: readonly string[], ts: number): InboxItem | undefined {
  for (const key of keys) {
    const id = similarKeys.get(key);
    const item = id ? (state.byId.get(id) ?? recent.get(id)) : undefined;
    if (item && item.status !== 'resolved' && ts - item.updatedAt <= SIMILAR_WINDOW_MS) return item;
  }
  return undefined;
}

/** The newest version of an item this page knows without reading the database, if any. */
export function knownItem(state: Pick<InboxState, 'byId'>, id: string): InboxItem | undefined {
  return state.byId.get(id) ?? recent.get(id);
}

// ---- Helpers ----

function rankIn(filter: InboxFilter, item: InboxItem): number | undefined {
  if (filter === 'all') return item.createdAt;
  return matchesFilter(item, filter) ? rankOf(item) : undefined;
}

function emptyCounts(): Record<InboxFilter, number> {
  return { open: 0, maybe: 0, resolved: 0, all: 0 };
}

const UNCOUNTED: FilterCounts = { open: undefined, maybe: undefined, resolved: undefined, all: undefined };

function countsOf(items: Iterable<InboxItem>): Record<InboxFilter, number> {
  const counts = emptyCounts();
  for (const item of items) {
    counts.all += 1;
    const lane = laneOf(item);
    if (lane !== 'snoozed') counts[lane] += 1;
  }
  return counts;
}

/** Counts after `items` changed, from what the page knew of them before; unknown ones wait for the recount. */
function adjustCounts(counts: FilterCounts, changes: ReadonlyArray<{ before: InboxLane | 'none' | undefined; after: InboxLane | 'none' }>): FilterCounts {
  const next = { ...counts };
  // A count still being read stays unknown: the count that arrives is the truth.
  const add = (f: InboxFilter, d: number) => {
    const n = next[f];
    if (n !== undefined) next[f] = Math.max(0, n + d);
  };
  for (const { before, after } of changes) {
    if (before === undefined || before === after) continue;
    if (before === 'none') add('all', 1);
    else if (before !== 'snoozed') add(before, -1);
    if (after === 'none') add('all', -1);
    else if (after !== 'snoozed') add(after, 1);
  }
  return next;
}

/** Rows read around the visible ones, and how far from them items stay in memory. */
const MARGIN = 60;
const KEEP = 200;
const FIRST_PAGE = 80;
/** Ids read per step further down the list (keys only, no bodies). */
const KEY_PAGE = 500;

/**
 * While the list goes on in the database, a change that sorts below the last row read is not placed:
 * the next page read from the index brings it where it belongs.
 */
function withinRead(changes: readonly RankChange[], more: boolean): RankChange[] {
  const last = readAfter;
  if (!more || last === undefined) return [...changes];
  return changes.map((c) => (c.rank !== undefined && compareRanked({ id: c.id, rank: c.rank }, last) > 0 ? { id: c.id, rank: undefined } : c));
}

/** The current item after the list changed: kept if still listed, else the row that took its place. */
function keepCurrent(beforeIds: readonly string[], currentAt: number, currentId: string | undefined, byId: ReadonlyMap<string, InboxItem>, left: ReadonlySet<string>): string | undefined {
  if (currentId === undefined) return list.ids[0];
  if (list.rank.has(currentId)) return currentId;
  if (currentAt < 0) return byId.has(currentId) ? currentId : list.ids[0];
  // The next row below it that is still shown, else the nearest one above.
  for (let i = currentAt + 1; i < beforeIds.length; i++) if (list.rank.has(beforeIds[i]!) && !left.has(beforeIds[i]!)) return beforeIds[i];
  for (let i = currentAt - 1; i >= 0; i--) if (list.rank.has(beforeIds[i]!) && !left.has(beforeIds[i]!)) return beforeIds[i];
  return undefined;
}

let recountTimer: ReturnType<typeof setTimeout> | undefined;
let lastRecount = 0;
/** Counting a lane walks its whole index (seconds at 200k on a busy machine): rarely, and only when needed. */
const RECOUNT_AFTER_MS = 5_000;
const RECOUNT_EVERY_MS = 30_000;

export const useInbox = create<InboxState>()((set, get) => {
  /** Reads items not in memory (by id), if a database is attached. */
  async function fetchItems(ids: readonly string[]): Promise<void> {
    const source = db;
    if (!source || ids.length === 0) return;
    const found = await itemsById(source, ids);
    if (source !== db || found.length === 0) return;
    const byId = new Map(get().byId);
    // What the page learned meanwhile (ingest, an action) is newer than what was read.
    let added = false;
    for (const item of found) {
      if (byId.has(item.id)) continue;
      byId.set(item.id, item);
      added = true;
    }
    if (added) set({ byId });
  }

  /** Keeps in memory only rows near `start..end` of the list, and the current and previous item. */
  function trimmed(byId: ReadonlyMap<string, InboxItem>, start: number, end: number): ReadonlyMap<string, InboxItem> {
    if (!db) return byId;
    const { currentId, previousId } = get();
    const next = new Map<string, InboxItem>();
    const ids = list.ids;
    for (let i = Math.max(0, start - KEEP); i < Math.min(ids.length, end + KEEP); i++) {
      const item = byId.get(ids[i]!);
      if (item) next.set(item.id, item);
    }
    for (const id of [currentId, previousId]) {
      const item = id ? byId.get(id) : undefined;
      if (item) next.set(item.id, item);
    }
    return next.size === byId.size ? byId : next;
  }

  function recount(source: TribeDb): void {
    lastRecount = Date.now();
    // Each filter's count shows as soon as it is read (a small lane before a big one).
    listCounts(source, (filter, n) => {
      if (source === db) set({ counts: { ...get().counts, [filter]: n } });
    })
      .then((counts) => {
        if (source === db) set({ counts });
        performance.mark('inbox:counts');
      })
      .catch((err: unknown) => console.warn('Could not count the inbox', err));
  }

  /** After changes to items the page did not know before, the counts are read again (later, rarely). */
  function scheduleRecount(): void {
    if (!db || recountTimer) return;
    const wait = Math.max(RECOUNT_AFTER_MS, lastRecount + RECOUNT_EVERY_MS - Date.now());
    recountTimer = setTimeout(() => {
      recountTimer = undefined;
      if (db) recount(db);
    }, wait);
  }

  /** Applies rank changes to the rows read, keeping the current item (or the row that took its place). */
  function placeChanges(changes: readonly RankChange[], byId: ReadonlyMap<string, InboxItem>) {
    const before = get();
    pendingChanges?.push(...changes);
    const beforeIds = list.ids;
    const currentAt = before.currentId !== undefined ? indexOfId(list, before.currentId) : -1;
    const { ids, left } = applyRankChanges(list, withinRead(changes, before.more));
    list = { ids, rank: list.rank };
    return { ids, currentId: keepCurrent(beforeIds, currentAt, before.currentId, byId, left) };
  }

  /** Reads the filter's list from the top: its first page of items. */
  function readList(source: TribeDb, filter: InboxFilter): Promise<void> {
    const gen = ++generation;
    pendingChanges = [];
    extending = undefined;
    const read = (async () => {
      const page = await firstPage(source, filter, FIRST_PAGE);
      if (gen !== generation || source !== db) return;
      const before = get();
      const more = page.length === FIRST_PAGE;
      list = rankedList(page.map((item) => ({ id: item.id, rank: rankIn(filter, item)! })));
      const lastId = list.ids.at(-1);
      readAfter = lastId === undefined ? undefined : { id: lastId, rank: list.rank.get(lastId)! };
      const changes = pendingChanges ?? [];
      pendingChanges = undefined;
      const replay = applyRankChanges(list, withinRead(changes, more));
      list = { ids: replay.ids, rank: list.rank };
      const byId = new Map(before.byId);
      for (const item of page) if (!byId.has(item.id)) byId.set(item.id, item);
      const currentId = before.currentId !== undefined && list.rank.has(before.currentId) ? before.currentId : list.ids[0];
      set({ loaded: true, byId, order: list.ids, more, currentId, detailOpen: before.detailOpen && currentId === before.currentId });
    })().finally(() => {
      if (gen === generation) firstRead = undefined;
    });
    firstRead = read;
    return read;
  }

  /** Reads further down the list until it has `length` rows (or ends): index keys only, a page at a time. */
  function extendTo(length: number): Promise<void> {
    const source = db;
    if (firstRead) return firstRead.then(() => extendTo(length));
    if (!source || !get().more || list.ids.length >= length) return extending ?? Promise.resolve();
    if (extending) return extending.then(() => extendTo(length));
    const gen = generation;
    const filter = get().filter;
    const run = (async () => {
      while (gen === generation && get().more && list.ids.length < length) {
        const after = readAfter;
        const want = Math.min(KEY_PAGE, Math.max(MARGIN, length - list.ids.length));
        pendingChanges = [];
        const keys = await nextKeys(source, filter, after, want);
        if (gen !== generation || source !== db) return;
        const changed = pendingChanges ?? [];
        pendingChanges = undefined;
        readAfter = keys.at(-1) ?? readAfter;
        // Rows changed while the page was read are placed by their latest known rank, not the page's.
        const touched = new Set(changed.map((c) => c.id));
        const fresh = keys.filter((k) => !touched.has(k.id) && !list.rank.has(k.id));
        const ids = [...list.ids, ...fresh.map((k) => k.id)];
        for (const k of fresh) list.rank.set(k.id, k.rank);
        list = { ids, rank: list.rank };
        const more = keys.length === want;
        set({ order: ids, more });
        if (changed.length > 0) {
          const placed = placeChanges(changed, get().byId);
          set({ order: placed.ids, currentId: placed.currentId });
        }
      }
    })().finally(() => {
      extending = undefined;
    });
    extending = run;
    return run;
  }

  return {
    loaded: false,
    byId: new Map(),
    order: [],
    more: false,
    counts: UNCOUNTED,
    filter: 'open',
    currentId: undefined,
    detailOpen: false,
    previousId: undefined,
    announcement: { count: 0, seq: 0 },

    setAll(items) {
      db = undefined;
      generation += 1;
      pendingChanges = undefined;
      extending = undefined;
      firstRead = undefined;
      readAfter = undefined;
      const { filter, currentId: was, detailOpen } = get();
      list = rankedList(items.flatMap((item) => {
        const rank = rankIn(filter, item);
        return rank === undefined ? [] : [{ id: item.id, rank }];
      }));
      const byId = new Map(items.map((i) => [i.id, i]));
      resetRecent(items);
      const currentId = was !== undefined && byId.has(was) ? was : list.ids[0];
      set({ loaded: true, byId, order: list.ids, more: false, counts: countsOf(items), currentId, detailOpen: detailOpen && currentId !== undefined });
    },

    async load(source) {
      db = source;
      // Another database's counts (or none yet): unknown until this one's are read.
      set({ counts: UNCOUNTED });
      resetRecent([]);
      performance.mark('inbox:load');
      // The first page first: nothing else is asked of IndexedDB before it.
      await readList(source, get().filter);
      performance.mark('inbox:first-page');
      // Counting walks the indexes: behind the first page, and not awaited (ingest goes on meanwhile).
      recount(source);
      const recentItems = await recentOpenItems(source, Date.now());
      if (source !== db) return;
      // What ingest or an action brought meanwhile is newer than what was read.
      noteRecent(recentItems.filter((item) => !recent.has(item.id)));
    },

    applyItems(items, newItemIds = [], createdIds = []) {
      if (items.length === 0) return;
      const before = get();
      const fresh = new Set(newItemIds);
      const created = new Set(createdIds);
      const byId = new Map(before.byId);
      const laneChanges: Array<{ before: InboxLane | 'none' | undefined; after: InboxLane }> = [];
      const changes: RankChange[] = [];
      let unknown = false;
      for (const item of items) {
        const known = knownItem(before, item.id);
        // Without a database every item is in memory: one the page does not know is new.
        const was = known ? laneOf(known) : fresh.has(item.id) || created.has(item.id) || !db ? 'none' : undefined;
        unknown ||= was === undefined;
        laneChanges.push({ before: was, after: laneOf(item) });
        byId.set(item.id, item);
        changes.push({ id: item.id, rank: rankIn(before.filter, item) });
      }
      noteRecent(items);
      const { ids, currentId } = placeChanges(changes, byId);
      const announcement = fresh.size > 0 ? { count: fresh.size, seq: before.announcement.seq + 1 } : before.announcement;
      // The current item left the list because it was settled: keep its result in view as "previous".
      const leftSettled = before.currentId !== undefined && currentId !== before.currentId && byId.get(before.currentId)?.status === 'resolved';
      set({
        byId,
        order: ids,
        counts: adjustCounts(before.counts, laneChanges),
        announcement,
        currentId,
        detailOpen: before.detailOpen && currentId !== undefined,
        ...(leftSettled ? { previousId: before.currentId } : {}),
      });
      if (unknown) scheduleRecount();
      if (currentId !== undefined && !byId.has(currentId)) void fetchItems([currentId]).catch((err: unknown) => console.warn('Could not read the inbox item', err));
      if (before.more && ids.length < FIRST_PAGE) extendTo(FIRST_PAGE).catch((err: unknown) => console.warn('Could not read the inbox', err));
    },

    removeItems(ids) {
      if (ids.length === 0) return;
      const before = get();
      const byId = new Map(before.byId);
      let unknown = false;
      const laneChanges = ids.map((id) => {
        const known = knownItem(before, id);
        unknown ||= known === undefined;
        return { before: known ? laneOf(known) : undefined, after: 'none' as const };
      });
      for (const id of ids) {
        byId.delete(id);
        forgetRecent(id);
      }
      const placed = placeChanges(ids.map((id) => ({ id, rank: undefined })), byId);
      // A pruned item that was on the right closes; the highlight moves on.
      const detailOpen = before.detailOpen && !(before.currentId !== undefined && ids.includes(before.currentId));
      set({ byId, order: placed.ids, counts: adjustCounts(before.counts, laneChanges), currentId: placed.currentId, detailOpen: detailOpen && placed.currentId !== undefined });
      if (unknown) scheduleRecount();
    },

    setFilter(filter) {
      const before = get();
      if (filter === before.filter) return;
      // What is in memory shows at once; with a database the filter's list is read behind it.
      const seen = new Set<string>();
      list = rankedList([...before.byId.values(), ...(db ? recent.values() : [])].flatMap((item) => {
        const rank = seen.has(item.id) ? undefined : rankIn(filter, item);
        seen.add(item.id);
        return rank === undefined ? [] : [{ id: item.id, rank }];
      }));
      const stays = before.currentId !== undefined && list.rank.has(before.currentId);
      const currentId = stays ? before.currentId : list.ids[0];
      readAfter = undefined;
      set({ filter, order: list.ids, more: db !== undefined, currentId, detailOpen: before.detailOpen && currentId === before.currentId });
      if (db) readList(db, filter).catch((err: unknown) => console.error('Could not read the inbox', err));
    },

    showRange(start, end) {
      const state = get();
      if (state.more && end + MARGIN >= list.ids.length) {
        void extendTo(end + MARGIN + FIRST_PAGE).then(() => get().showRange(start, end), (err: unknown) => console.warn('Could not read the inbox', err));
      }
      const ids = list.ids;
      const from = Math.max(0, start - MARGIN);
      const to = Math.min(ids.length, end + 1 + MARGIN);
      const missing: string[] = [];
      for (let i = from; i < to; i++) if (!state.byId.has(ids[i]!)) missing.push(ids[i]!);
      const kept = trimmed(state.byId, start, end);
      if (kept !== state.byId) set({ byId: kept });
      if (missing.length > 0) void fetchItems(missing).catch((err: unknown) => console.warn('Could not read inbox items', err));
    },

    open(id) {
      set(id ? { currentId: id, detailOpen: true, previousId: undefined } : { detailOpen: false });
      if (id && !get().byId.has(id)) void fetchItems([id]).catch((err: unknown) => console.warn('Could not read the inbox item', err));
    },

    move(delta) {
      const state = get();
      const ids = state.order;
      if (ids.length === 0) return;
      const at = rowIndexOf(state, state.currentId);
      const want = at === -1 ? 0 : Math.max(0, at + delta);
      if (state.more && want + MARGIN >= ids.length) {
        // Near the end of what is read: read on; a move past it waits for the read.
        const reading = extendTo(want + MARGIN + FIRST_PAGE);
        if (want >= ids.length) {
          void reading.then(() => get().move(delta), (err: unknown) => console.warn('Could not read the inbox', err));
          return;
        }
      }
      const next = Math.min(ids.length - 1, want);
      const id = ids[next]!;
      set({ currentId: id, previousId: undefined });
      if (!state.byId.has(id)) void fetchItems(ids.slice(Math.max(0, next - MARGIN), next + MARGIN)).catch((err: unknown) => console.warn('Could not read inbox items', err));
    },

    advanceFrom(itemId) {
      const state = get();
      if (state.currentId !== itemId) return;
      const at = rowIndexOf(state, itemId);
      if (at < 0) return;
      if (at + 1 >= state.order.length && state.more) {
        void extendTo(at + 1 + FIRST_PAGE).then(() => get().advanceFrom(itemId), (err: unknown) => console.warn('Could not read the inbox', err));
        return;
      }
      const next = state.order[at + 1] ?? state.order[at - 1];
      if (next === undefined) return;
      set({ currentId: next, previousId: itemId });
      if (!state.byId.has(next)) void fetchItems([next]).catch((err: unknown) => console.warn('Could not read the inbox item', err));
    },
  };
});
