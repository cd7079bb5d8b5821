import { describe, expect, it } from 'vitest';
import type { Flag, Severity } from './model';
import type { InboxItem } from './inbox';
import { isCampaign, laneOf, priorityOf, rankOf } from './priority';

const T0 = 1_700_000_000_000;

function flagItem(id: string, at: number, severity: Severity, opts: { category?: Flag['category']; confidence?: number; accounts?: number; status?: InboxItem['status'] } = {}): InboxItem {
  const category = opts.category ?? 'scam';
  const flag: Flag = { rule: `${category}.rule`, category, severity, reason: 'r', evidence: [], ...(opts.confidence !== undefined ? { confidence: opts.confidence } : {}) };
  return {
    id,
    kind: opts.accounts && opts.accounts > 1 ? 'incident' : 'flag',
    status: opts.status ?? 'open',
    sourceId: 's1',
    platform: 'discord',
    spaceId: 'g1',
    channelId: 'c1',
    channelName: 'general',
    authorId: 'u1',
    authorName: 'u1',
    eventIds: [id],
    primaryEventId: id,
    messageId: '1',
    text: '',
    flags: [flag],
    severity,
    categories: [category],
    createdAt: at,
    updatedAt: at,
    messageDeleted: false,
    ...(opts.accounts ? { accountCount: opts.accounts } : {}),
  };
}

const byRank = (items: InboxItem[]) => [...items].sort((a, b) => rankOf(b) - rankOf(a) || (a.id < b.id ? 1 : -1)).map((i) => i.id);

describe('inbox priority', () => {
  it('puts raids and campaigns first, then severity × confidence, then recency: a high-severity scam never sits below flood', () => {
    const floods = Array.from({ length: 12 }, (_, i) => flagItem(`flood-${i}`, T0 + 10_000 + i, i % 2 ? 'high' : 'medium', { category: 'flood' }));
    const scam = flagItem('scam', T0, 'high');
    const raid = flagItem('raid', T0 - 50_000, 'medium', { category: 'raid' });
    const campaign = flagItem('campaign', T0 - 60_000, 'low', { category: 'spam', accounts: 4 });
    const olderScam = flagItem('scam-older', T0 - 1, 'high');
    const order = byRank([...floods, scam, raid, campaign, olderScam]);
    expect(order.slice(0, 4)).toEqual(['raid', 'campaign', 'scam', 'scam-older']);
    // Flood counts half its severity: a high flood below a high scam, medium ones below those.
    const high = floods.filter((_, i) => i % 2 === 1).reverse();
    const medium = floods.filter((_, i) => i % 2 === 0).reverse();
    expect(order.slice(4)).toEqual([...high, ...medium].map((f) => f.id));
    expect(isCampaign(campaign)).toBe(true);
    expect(isCampaign(scam)).toBe(false);
  });

  it('weighs severity by confidence, and sends unsure open flags to the maybe lane (never a campaign or a claimed item)', () => {
    const sure = flagItem('sure', T0, 'medium');
    const unsure = flagItem('unsure', T0 + 1, 'critical', { confidence: 0.3 });
    expect(priorityOf(sure)).toBe(200);
    expect(priorityOf(unsure)).toBe(120);
    expect(laneOf(sure)).toBe('open');
    expect(laneOf(unsure)).toBe('maybe');
    expect(laneOf({ ...unsure, status: 'claimed' })).toBe('open');
    expect(laneOf(flagItem('raid', T0, 'high', { category: 'raid', confidence: 0.2 }))).toBe('open');
    expect(laneOf({ ...unsure, status: 'resolved' })).toBe('resolved');
    expect(laneOf({ ...sure, status: 'snoozed' })).toBe('snoozed');
  });

  it('orders resolved items by recency alone, and keeps the rank an exact number', () => {
    const high = flagItem('a', T0, 'critical', { status: 'resolved' });
    const low = flagItem('b', T0 + 5, 'low', { status: 'resolved' });
    expect(rankOf(low)).toBeGreaterThan(rankOf(high));
    const top = flagItem('c', T0, 'critical', { category: 'raid' });
    expect(Number.isSafeInteger(rankOf(top))).toBe(true);
    expect(rankOf(top) - rankOf({ ...top, createdAt: T0 - 1 })).toBe(1);
  });
});
