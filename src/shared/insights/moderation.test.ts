import { describe, expect, it } from 'vitest';
import { moderationLoad, type ModerationInput } from './moderation';

const MIN = 60_000;
const item = (id: string, createdAt: number, status: 'open' | 'resolved', outcomeAt?: number): ModerationInput['items'][number] => ({
  id,
  createdAt,
  status,
  sourceId: 's',
  platform: 'discord',
  spaceId: 'g',
  ...(outcomeAt !== undefined ? { outcome: { kind: 'delete', at: outcomeAt, ok: true } } : {}),
});

describe('moderation load', () => {
  it('measures time to first action and to resolution per moderator from claims, actions and outcomes', () => {
    const load = moderationLoad({
      items: [item('a', 0, 'resolved', 10 * MIN), item('b', 0, 'resolved', 30 * MIN), item('c', 5 * MIN, 'open'), item('old', -100 * MIN, 'resolved', -90 * MIN)],
      actions: [
        { inboxItemId: 'a', kind: 'delete', createdAt: 4 * MIN },
        { inboxItemId: 'b', kind: 'ban', createdAt: 20 * MIN },
        { kind: 'slowmode', createdAt: 21 * MIN },
      ],
      team: {
        roster: { K1: { key: 'K1', name: 'Ana', zone: 'UTC', role: 'lead', since: 0 } },
        claims: { a: { item: 'a', by: 'K1', at: 2 * MIN } },
        resolved: { a: { item: 'a', by: 'K1', at: 10 * MIN, outcome: 'delete' } },
        handoffs: [{ id: 'h1', by: 'K1', at: 40 * MIN, items: [{ item: 'c', label: 'c', state: 'open' }], incidents: [], promises: [], notes: '' }],
      },
      me: 'You',
      from: -10 * MIN,
      to: 60 * MIN,
    });
    expect(load.items).toBe(3);
    expect(load.openNow).toBe(1);
    expect(load.actionsByKind).toEqual({ delete: 1, ban: 1, slowmode: 1 });
    expect(load.perModerator).toEqual([
      { moderator: 'You', items: 2, medianFirstActionMs: 20 * MIN, medianResolutionMs: 30 * MIN },
      { moderator: 'Ana', items: 1, medianFirstActionMs: 2 * MIN, medianResolutionMs: 10 * MIN },
    ]);
    expect(load.overall).toEqual({ items: 3, medianFirstActionMs: 11 * MIN, medianResolutionMs: 20 * MIN });
    expect(load.handoffs).toEqual([{ at: 40 * MIN, by: 'Ana', open: 1 }]);
  });
});
