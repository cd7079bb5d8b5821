// A rule's notify action as desktop notices: one per action key, pointing at the item; none in dry run.
import { describe, expect, it } from 'vitest';
import type { Envelope } from '@shared/domain/model';
import { ruleNotices } from './ruleNotices';

const flag = { rule: 'team.bagels', category: 'spam' as const, severity: 'medium' as const, reason: 'Bagel spam: bagel promos', evidence: [] };
const event = (n: number): Envelope['event'] => ({ id: `discord:g1:c1:${n}`, sourceId: 's1', platform: 'discord', kind: 'message', spaceId: 'g1', channelId: 'c1', messageId: String(n), ts: 1_700_000_000_000 + n, text: 'bagel promos', author: { id: 'u1', name: 'ana', bot: false } });
const key = (n: number) => `${n}b2f3c1e-5a4d-5e6f-8a7b-0c1d2e3f4a5b`;

describe('rule notices', () => {
  it('one notice per notify action that ran, pointing at the item; none for a dry run or another kind', () => {
    const batch: Envelope[] = [
      { event: event(1), flags: [flag], automatic: [{ rule: 'team.bagels', kind: 'notify', key: key(1), dryRun: false }] },
      { event: event(2), flags: [flag], automatic: [{ rule: 'team.bagels', kind: 'notify', key: key(2), dryRun: true }] },
      { event: event(3), flags: [flag], automatic: [{ rule: 'team.bagels', kind: 'hold', key: key(3), dryRun: false }] },
    ];
    const notices = ruleNotices(batch);
    expect(notices).toEqual([{ id: `rule-notify:${key(1)}`, title: expect.any(String), body: 'Bagel spam: bagel promos', target: { itemId: 'msg:discord:g1:c1:1' } }]);
  });
});
