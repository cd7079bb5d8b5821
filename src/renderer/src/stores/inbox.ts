// Inbox store: every item in memory (keyed and ordered newest first), the filter, the selection in
// the list and the item open on the right. Filtering is a linear pass, fast enough for 10k+ items.
import { create } from 'zustand';
import { compareItemsNewestFirst, matchesFilter, type InboxFilter, type InboxItem } from '@shared/domain/inbox';

export interface InboxState {
  loaded: boolean;
  byId: ReadonlyMap<string, InboxItem>;
  /** Every item id, newest first. */
  order: readonly string[];
  filter: InboxFilter;
  selectedId: string | undefined;
  openId: string | undefined;
  /** Polite announcement for screen readers when new items arrive. */
  announcement: { count: number; seq: number };
  setAll(items: InboxItem[]): void;
  applyItems(items: readonly InboxItem[], newItemIds?: readonly string[]): void;
  /** Drops items the cache no longer holds (pruned after long being resolved). */
  removeItems(ids: readonly string[]): void;
  setFilter(filter: InboxFilter): void;
  select(id: string | undefined): void;
  open(id: string | undefined): void;
  /** Moves the selection by `delta` rows within the current filter. */
  move(delta: number): void;
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

export const useInbox = create<InboxState>()((set, get) => ({
  loaded: false,
  byId: new Map(),
  order: [],
  filter: 'open',
  selectedId: undefined,
  openId: undefined,
  announcement: { count: 0, seq: 0 },

  setAll(items) {
    const sorted = [...items].sort(compareItemsNewestFirst);
    const byId = new Map(sorted.map((i) => [i.id, i]));
    const state = { ...get(), byId, order: sorted.map((i) => i.id) };
    const first = visibleIds(state)[0];
    set({ loaded: true, byId, order: state.order, selectedId: get().selectedId ?? first });
  },

  applyItems(items, newItemIds = []) {
    if (items.length === 0) return;
    const byId = new Map(get().byId);
    let order = get().order;
    const added: InboxItem[] = [];
    for (const item of items) {
      if (!byId.has(item.id)) added.push(item);
      byId.set(item.id, item);
    }
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
    const announcement = fresh > 0 ? { count: fresh, seq: get().announcement.seq + 1 } : get().announcement;
    const selectedId = get().selectedId ?? visibleIds({ order, byId, filter: get().filter })[0];
    set({ byId, order, announcement, selectedId });
  },

  removeItems(ids) {
    if (ids.length === 0) return;
    const gone = new Set(ids);
    const byId = new Map(get().byId);
    for (const id of ids) byId.delete(id);
    const order = get().order.filter((id) => !gone.has(id));
    const { selectedId, openId } = get();
    set({
      byId,
      order,
      selectedId: selectedId && gone.has(selectedId) ? visibleIds({ order, byId, filter: get().filter })[0] : selectedId,
      openId: openId && gone.has(openId) ? undefined : openId,
    });
  },

  setFilter(filter) {
    const { order, byId, selectedId } = get();
    const ids = visibleIds({ order, byId, filter });
    set({ filter, selectedId: selectedId && ids.includes(selectedId) ? selectedId : ids[0] });
  },

  select(id) {
    set({ selectedId: id });
  },

  open(id) {
    set(id ? { openId: id, selectedId: id } : { openId: undefined });
  },

  move(delta) {
    const state = get();
    const ids = visibleIds(state);
    if (ids.length === 0) return;
    const at = state.selectedId ? ids.indexOf(state.selectedId) : -1;
    const next = at === -1 ? 0 : Math.min(ids.length - 1, Math.max(0, at + delta));
    set({ selectedId: ids[next] });
  },
}));
