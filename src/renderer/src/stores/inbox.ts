// Inbox store: every item in memory (keyed and ordered newest first), the filter, and the one current
// item (highlighted in the list, shown on the right when the detail is open). Filtering is a
// linear pass, fast enough for 10k+ items.
import { create } from 'zustand';
import { compareItemsNewestFirst, matchesFilter, SIMILAR_WINDOW_MS, type InboxFilter, type InboxItem } from '@shared/domain/inbox';

export interface InboxState {
  loaded: boolean;
  byId: ReadonlyMap<string, InboxItem>;
  /** Every item id, newest first. */
  order: readonly string[];
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
  setAll(items: InboxItem[]): void;
  applyItems(items: readonly InboxItem[], newItemIds?: readonly string[]): void;
  /** Drops items the cache no longer holds (pruned after long being resolved). */
  removeItems(ids: readonly string[]): void;
  setFilter(filter: InboxFilter): void;
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

/** Binary search for where `item` belongs in a newest-first order. */
function insertionIndex(order: readonly string[], byId: ReadonlyMap<string, InboxItem>, item: InboxItem): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = byId.get(order[mid] ?? '');
    if (other && compareItemsNewestFirst(other, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

let visibleCache: { order: readonly string[]; byId: ReadonlyMap<string, InboxItem>; filter: InboxFilter; ids: string[] } | undefined;

/** The ids the list shows for the current filter; memoized on the state it derives from. */
export function visibleIds(state: Pick<InboxState, 'order' | 'byId' | 'filter'>): string[] {
  if (visibleCache && visibleCache.order === state.order && visibleCache.byId === state.byId && visibleCache.filter === state.filter) {
    return visibleCache.ids;
  }
  const ids = state.filter === 'all' ? [...state.order] : state.order.filter((id) => {
    const item = state.byId.get(id);
    return item !== undefined && matchesFilter(item, state.filter);
  });
  visibleCache = { order: state.order, byId: state.byId, filter: state.filter, ids };
  return ids;
}

let countsCache: { byId: ReadonlyMap<string, InboxItem>; counts: Record<InboxFilter, number> } | undefined;

export function filterCounts(state: Pick<InboxState, 'byId'>): Record<InboxFilter, number> {
  if (countsCache && countsCache.byId === state.byId) return countsCache.counts;
  const counts: Record<InboxFilter, number> = { open: 0, resolved: 0, all: 0 };
  for (const item of state.byId.values()) {
    counts.all += 1;
    if (matchesFilter(item, 'open')) counts.open += 1;
    if (matchesFilter(item, 'resolved')) counts.resolved += 1;
  }
  countsCache = { byId: state.byId, counts };
  return counts;
}

/**
 * Open items by similarity key, so a flagged message shown ahead of its IndexedDB transaction joins the
 * same item ingest will put it in. Kept in step with every change of the items in memory.
 */
const openBySimilar = new Map<string, { id: string; updatedAt: number }>();

function indexSimilar(items: Iterable<InboxItem>, reset = false): void {
  if (reset) openBySimilar.clear();
  for (const item of items) {
    for (const key of item.similar ?? []) {
      const known = openBySimilar.get(key);
      if (item.status === 'resolved') {
        if (known?.id === item.id) openBySimilar.delete(key);
      } else if (!known || known.id === item.id || known.updatedAt < item.updatedAt) {
        openBySimilar.set(key, { id: item.id, updatedAt: item.updatedAt });
      }
    }
  }
}

/** The open item in memory sharing one of `keys` and active within the window before `ts`, if any. */
export function similarOpenItem(state: Pick<InboxState, 'byId'>, keys: readonly string[], ts: number): InboxItem | undefined {
  for (const key of keys) {
    const hit = openBySimilar.get(key);
    const item = hit ? state.byId.get(hit.id) : undefined;
    if (item && item.status !== 'resolved' && ts - item.updatedAt <= SIMILAR_WINDOW_MS) return item;
  }
  return undefined;
}

type ListState = Pick<InboxState, 'order' | 'byId' | 'filter'>;

function isVisible(state: ListState, id: string): boolean {
  const item = state.byId.get(id);
  return item !== undefined && matchesFilter(item, state.filter);
}

/**
 * Where the current item goes when its row leaves the list (resolved, pruned, filtered out): the row
 * that took its place, i.e. the next one below it that is still shown, else the nearest one above.
 */
function neighbourAfterLeaving(before: ListState, after: ListState, id: string): string | undefined {
  const was = visibleIds(before);
  const at = was.indexOf(id);
  if (at < 0) return visibleIds(after)[0];
  for (let i = at + 1; i < was.length; i++) if (isVisible(after, was[i]!)) return was[i];
  for (let i = at - 1; i >= 0; i--) if (isVisible(after, was[i]!)) return was[i];
  return undefined;
}

/** The current item after the list changed from `before` to `after`. */
function keepCurrent(before: ListState, after: ListState, currentId: string | undefined): string | undefined {
  if (currentId === undefined) return visibleIds(after)[0];
  if (isVisible(after, currentId)) return currentId;
  if (!isVisible(before, currentId)) return after.byId.has(currentId) ? currentId : visibleIds(after)[0];
  return neighbourAfterLeaving(before, after, currentId);
}

export const useInbox = create<InboxState>()((set, get) => ({
  loaded: false,
  byId: new Map(),
  order: [],
  filter: 'open',
  currentId: undefined,
  detailOpen: false,
  previousId: undefined,
  announcement: { count: 0, seq: 0 },

  setAll(items) {
    const sorted = [...items].sort(compareItemsNewestFirst);
    const byId = new Map(sorted.map((i) => [i.id, i]));
    indexSimilar(sorted, true);
    const state = { ...get(), byId, order: sorted.map((i) => i.id) };
    const first = visibleIds(state)[0];
    const currentId = get().currentId !== undefined && byId.has(get().currentId!) ? get().currentId : first;
    set({ loaded: true, byId, order: state.order, currentId, detailOpen: get().detailOpen && currentId !== undefined });
  },

  applyItems(items, newItemIds = []) {
    if (items.length === 0) return;
    const before = get();
    const byId = new Map(before.byId);
    let order = before.order;
    const added: InboxItem[] = [];
    for (const item of items) {
      if (!byId.has(item.id)) added.push(item);
      byId.set(item.id, item);
    }
    indexSimilar(items);
    if (added.length > 0) {
      // A few new items go in by binary search; a large batch re-sorts once.
      if (added.length < 64) {
        const next = [...order];
        for (const item of added) next.splice(insertionIndex(next, byId, item), 0, item.id);
        order = next;
      } else {
        order = [...byId.values()].sort(compareItemsNewestFirst).map((i) => i.id);
      }
    }
    const fresh = newItemIds.length;
    const announcement = fresh > 0 ? { count: fresh, seq: before.announcement.seq + 1 } : before.announcement;
    const after = { order, byId, filter: before.filter };
    const currentId = keepCurrent(before, after, before.currentId);
    // The current item left the list because it was settled: keep its result in view as "previous".
    const left = before.currentId !== undefined && currentId !== before.currentId && byId.get(before.currentId)?.status === 'resolved';
    set({ byId, order, announcement, currentId, detailOpen: before.detailOpen && currentId !== undefined, ...(left ? { previousId: before.currentId } : {}) });
  },

  removeItems(ids) {
    if (ids.length === 0) return;
    const before = get();
    const gone = new Set(ids);
    const byId = new Map(before.byId);
    for (const id of ids) byId.delete(id);
    for (const [key, hit] of openBySimilar) if (gone.has(hit.id)) openBySimilar.delete(key);
    const order = before.order.filter((id) => !gone.has(id));
    const currentId = keepCurrent(before, { order, byId, filter: before.filter }, before.currentId);
    // A pruned item that was on the right closes; the highlight moves on.
    const detailOpen = before.detailOpen && !(before.currentId !== undefined && gone.has(before.currentId));
    set({ byId, order, currentId, detailOpen: detailOpen && currentId !== undefined });
  },

  setFilter(filter) {
    const before = get();
    const after = { order: before.order, byId: before.byId, filter };
    const currentId = before.currentId !== undefined && isVisible(after, before.currentId) ? before.currentId : visibleIds(after)[0];
    set({ filter, currentId, detailOpen: before.detailOpen && currentId === before.currentId });
  },

  open(id) {
    set(id ? { currentId: id, detailOpen: true, previousId: undefined } : { detailOpen: false });
  },

  move(delta) {
    const state = get();
    const ids = visibleIds(state);
    if (ids.length === 0) return;
    const at = state.currentId ? ids.indexOf(state.currentId) : -1;
    const next = at === -1 ? 0 : Math.min(ids.length - 1, Math.max(0, at + delta));
    set({ currentId: ids[next], previousId: undefined });
  },

  advanceFrom(itemId) {
    const state = get();
    if (state.currentId !== itemId) return;
    const ids = visibleIds(state);
    const at = ids.indexOf(itemId);
    if (at < 0) return;
    const next = ids[at + 1] ?? ids[at - 1];
    if (next !== undefined) set({ currentId: next, previousId: itemId });
  },
}));
