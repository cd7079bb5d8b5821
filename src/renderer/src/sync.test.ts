import { describe, expect, it } from 'vitest';
import { message, scamFlag } from './db/testing';
import { useInbox } from './stores/inbox';
import { showAhead } from './sync';

describe('showing flagged messages ahead of the store', () => {
  it('waits for the inbox to load, then shows new items and merges into existing ones without announcing them', () => {
    useInbox.setState({ loaded: false, byId: new Map(), order: [], filter: 'open', currentId: undefined, detailOpen: false, announcement: { count: 0, seq: 0 } });
    showAhead([message(1, { flags: [scamFlag] })]);
    expect(useInbox.getState().byId.size).toBe(0);

    useInbox.getState().setAll([]);
    const grouped = { ...scamFlag, group: 'flood:g1:u1:1' };
    showAhead([message(2), message(3, { flags: [scamFlag] }), message(4, { flags: [grouped] }), message(5, { flags: [grouped] })]);
    const { byId, announcement } = useInbox.getState();
    expect([...byId.keys()].sort()).toEqual(['group:s1:flood:g1:u1:1', 'msg:discord:g1:c1:3']);
    expect(byId.get('group:s1:flood:g1:u1:1')?.eventIds).toEqual(['discord:g1:c1:4', 'discord:g1:c1:5']);
    // The stored result announces new items once; the early view stays quiet.
    expect(announcement.count).toBe(0);
  });

  it('folds a lure into the open item it will be stored in, also across platforms', () => {
    useInbox.setState({ loaded: false, byId: new Map(), order: [], filter: 'open', currentId: undefined, detailOpen: false, announcement: { count: 0, seq: 0 } });
    useInbox.getState().setAll([]);
    const lure = (n: number, sourceId = 's1') => ({ ...message(n, { flags: [scamFlag], sourceId }), similar: ['l:wallet-support.top'] });
    expect(showAhead([lure(1)])).toEqual(['msg:discord:g1:c1:1']);
    expect(showAhead([lure(2, 's2'), lure(3)])).toEqual([]);
    const { byId } = useInbox.getState();
    expect([...byId.keys()]).toEqual(['msg:discord:g1:c1:1']);
    expect(byId.get('msg:discord:g1:c1:1')?.eventIds).toHaveLength(3);
    // Resolved, it no longer takes new messages.
    useInbox.getState().applyItems([{ ...byId.get('msg:discord:g1:c1:1')!, status: 'resolved' }]);
    expect(showAhead([lure(4)])).toEqual(['msg:discord:g1:c1:4']);
  });
});
