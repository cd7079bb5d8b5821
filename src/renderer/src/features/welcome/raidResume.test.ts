import { afterEach, describe, expect, it } from 'vitest';
import { itemFromEnvelope, type InboxItem } from '@shared/domain/inbox';
import type { Flag } from '@shared/domain/model';
import { message, scamFlag } from '../../db/testing';
import { useInbox } from '../../stores/inbox';
import { resumeWelcomesAfterRaids, type RaidEnded } from './raidResume';

const raidFlag: Flag = { rule: 'raid', category: 'raid', severity: 'high', reason: 'join wave', evidence: [], group: 'raid:g1:100' };

function raidItem(status: InboxItem['status']): InboxItem {
  return { ...itemFromEnvelope(message(1, { flags: [raidFlag] }))!, status };
}

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('welcomes resume after a raid', () => {
  it('tells main once when a raid item is resolved, and nothing for open raids or other items', async () => {
    useInbox.setState({ loaded: false, byId: new Map(), order: [], filter: 'open', currentId: undefined, detailOpen: false });
    const told: RaidEnded[] = [];
    stop = resumeWelcomesAfterRaids((raid) => {
      told.push(raid);
      return Promise.resolve();
    });
    useInbox.getState().setAll([raidItem('open'), { ...itemFromEnvelope(message(2, { flags: [scamFlag] }))!, status: 'resolved' }]);
    expect(told).toEqual([]);
    useInbox.getState().applyItems([raidItem('resolved')]);
    useInbox.getState().applyItems([{ ...raidItem('resolved'), updatedAt: 5 }]);
    await Promise.resolve();
    expect(told).toEqual([{ sourceId: 's1', spaceId: 'g1', group: 'raid:g1:100' }]);
  });
});
