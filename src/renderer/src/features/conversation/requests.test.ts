import { beforeEach, describe, expect, it } from 'vitest';
import { TYPE_AHEAD_MS, useBarRequests } from './requests';

describe('typing ahead of the reply box', () => {
  beforeEach(() => useBarRequests.getState().takeTyped(''));

  it('keeps keys typed before the box has focus and hands them over once', () => {
    const s = useBarRequests.getState();
    s.focusReply('item-1');
    const t0 = useBarRequests.getState().typeAhead!.since;
    for (const k of 'Calm') expect(useBarRequests.getState().keepTyped(k, t0 + 10)).toBe(true);
    expect(useBarRequests.getState().takeTyped('item-1')).toBe('Calm');
    expect(useBarRequests.getState().takeTyped('item-1')).toBe('');
    expect(useBarRequests.getState().keepTyped('m', t0 + 20)).toBe(false);
  });

  it('gives keys back to the shortcuts when the box never took focus', () => {
    useBarRequests.getState().focusReply('item-2');
    const t0 = useBarRequests.getState().typeAhead!.since;
    expect(useBarRequests.getState().keepTyped('j', t0 + TYPE_AHEAD_MS + 1)).toBe(false);
  });

  it('does not hand one item’s keys to another item’s box', () => {
    useBarRequests.getState().focusReply('item-3');
    const t0 = useBarRequests.getState().typeAhead!.since;
    useBarRequests.getState().keepTyped('x', t0);
    expect(useBarRequests.getState().takeTyped('item-4')).toBe('');
  });
});
