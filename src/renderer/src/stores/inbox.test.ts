import { describe, expect, it } from 'vitest';
import { compareItemsNewestFirst, itemFromEnvelope, type InboxItem } from '@shared/domain/inbox';
import { message, scamFlag } from '../db/testing';
import { currentItem, filterCounts, openItem, useInbox, visibleIds } from './inbox';

function item(n: number, status: InboxItem['status'] = 'open'): InboxItem {
  return { ...itemFromEnvelope(message(n, { flags: [scamFlag] }))!, status };
}

function reset(items: InboxItem[]) {
  useInbox.setState({ loaded: false, byId: new Map(), order: [], filter: 'open', currentId: undefined, detailOpen: false });
  useInbox.getState().setAll(items);
}

describe('inbox store', () => {
  it('keeps 10k items newest first while new ones arrive out of order, one at a time and in a batch', () => {
    const base = Array.from({ length: 10_000 }, (_, i) => item(i * 2));
    reset(base.slice().reverse());
    const s = useInbox.getState();
    expect(s.order[0]).toBe(item(19_998).id);
    expect(s.currentId).toBe(item(19_998).id);

    useInbox.getState().applyItems([item(5_001)], [item(5_001).id]);
    useInbox.getState().applyItems(Array.from({ length: 100 }, (_, i) => item(i * 2 + 1)));
    const { order, byId, announcement } = useInbox.getState();
    expect(order).toHaveLength(10_101);
    const sorted = [...byId.values()].sort(compareItemsNewestFirst).map((i) => i.id);
    expect(order).toEqual(sorted);
    expect(announcement.count).toBe(1);
    // The selection stays on the item the moderator was on, not on whatever arrived.
    expect(useInbox.getState().currentId).toBe(item(19_998).id);
  });

  it('updates an item in place, filters with counts and moves the selection within the filter', () => {
    reset([item(1), item(2, 'resolved'), item(3), item(4)]);
    expect(filterCounts(useInbox.getState())).toEqual({ open: 3, maybe: 0, resolved: 1, all: 4 });
    expect(visibleIds(useInbox.getState())).toEqual([item(4).id, item(3).id, item(1).id]);
    useInbox.getState().move(1);
    expect(useInbox.getState().currentId).toBe(item(3).id);
    useInbox.getState().move(5);
    expect(useInbox.getState().currentId).toBe(item(1).id);
    useInbox.getState().move(-10);
    expect(useInbox.getState().currentId).toBe(item(4).id);

    useInbox.getState().applyItems([{ ...item(4), status: 'resolved' }]);
    expect(useInbox.getState().order).toEqual([item(3).id, item(1).id]);
    // The current item left the filter: the row that took its place is current now.
    expect(useInbox.getState().currentId).toBe(item(3).id);
    expect(filterCounts(useInbox.getState())).toEqual({ open: 2, maybe: 0, resolved: 2, all: 4 });
    useInbox.getState().setFilter('resolved');
    expect(visibleIds(useInbox.getState())).toEqual([item(4).id, item(2).id]);
    expect(useInbox.getState().currentId).toBe(item(4).id);
    useInbox.getState().setFilter('open');
    // The selected item is no longer in the filter: the first visible one is selected instead.
    expect(useInbox.getState().currentId).toBe(item(3).id);
  });

  it('drops pruned items, moving the selection and closing the item if they were on one', () => {
    reset([item(1, 'resolved'), item(2), item(3)]);
    useInbox.getState().setFilter('all');
    useInbox.getState().open(item(1).id);
    useInbox.getState().removeItems([item(1).id]);
    const s = useInbox.getState();
    expect(s.order).toEqual([item(3).id, item(2).id]);
    expect(s.byId.has(item(1).id)).toBe(false);
    expect(s.detailOpen).toBe(false);
    // The pruned row was the last one: the nearest row above it is current now.
    expect(s.currentId).toBe(item(2).id);
  });

  it('has one current item: moving with an open detail moves the detail, and every key acts on what is highlighted', () => {
    reset([item(1), item(2), item(3), item(4)]);
    useInbox.getState().open(item(3).id);
    useInbox.getState().move(1);
    let s = useInbox.getState();
    expect(s.currentId).toBe(item(2).id);
    expect(openItem(s)?.id).toBe(item(2).id);
    expect(currentItem(s)?.id).toBe(item(2).id);
    // Closing the detail keeps the highlight; moving then moves only the highlight.
    useInbox.getState().open(undefined);
    useInbox.getState().move(-1);
    s = useInbox.getState();
    expect(openItem(s)).toBeUndefined();
    expect(currentItem(s)?.id).toBe(item(3).id);
  });

  it('keeps the current item while the list reorders under it, and moves to the next row when it leaves the list', () => {
    reset([item(10), item(20), item(30)]);
    useInbox.getState().open(item(20).id);
    // New items arrive above and below: the moderator stays on the same item.
    useInbox.getState().applyItems([item(40), item(25), item(5)], [item(40).id, item(25).id, item(5).id]);
    expect(useInbox.getState().currentId).toBe(item(20).id);
    // It is resolved (by this console or another one): the next row below takes its place, detail and all.
    useInbox.getState().applyItems([{ ...item(20), status: 'resolved' }]);
    let s = useInbox.getState();
    expect(s.currentId).toBe(item(10).id);
    expect(openItem(s)?.id).toBe(item(10).id);
    // The last row leaves: the nearest row above becomes current, never "nothing, back to the top".
    useInbox.getState().applyItems([{ ...item(5), status: 'resolved' }, { ...item(10), status: 'resolved' }]);
    s = useInbox.getState();
    expect(s.currentId).toBe(item(25).id);
  });

  it('advances after acting when the acted item stays in the list (All), and not when the moderator moved on', () => {
    reset([item(1), item(2), item(3)]);
    useInbox.getState().setFilter('all');
    useInbox.getState().open(item(3).id);
    useInbox.getState().applyItems([{ ...item(3), status: 'resolved' }]);
    expect(useInbox.getState().currentId).toBe(item(3).id);
    useInbox.getState().advanceFrom(item(3).id);
    expect(useInbox.getState().currentId).toBe(item(2).id);
    expect(openItem(useInbox.getState())?.id).toBe(item(2).id);
    useInbox.getState().advanceFrom(item(3).id);
    expect(useInbox.getState().currentId).toBe(item(2).id);
  });
});
