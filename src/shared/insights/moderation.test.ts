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

describe('SLA per shift', () => {
  it('measures each shift on the items that arrived during it, and the hours nobody covered apart', () => {
    const H = 60 * MIN;
    const load = moderationLoad({
      items: [
        // Ana's shift 0–4 h: two items, first actions after 2 and 6 min, resolved after 10 and 30 min.
        item('a1', 10 * MIN, 'resolved', 40 * MIN),
        item('a2', 2 * H, 'resolved', 2 * H + 10 * MIN),
        // Bo's shift 4–8 h overlaps Cy's 6–10 h: b1 is in both.
        item('b1', 6 * H + 30 * MIN, 'open'),
        // Nobody on shift at 11 h.
        item('n1', 11 * H, 'resolved', 11 * H + 90 * MIN),
      ],
      actions: [
        { inboxItemId: 'a1', kind: 'delete', createdAt: 12 * MIN },
        { inboxItemId: 'a2', kind: 'delete', createdAt: 2 * H + 6 * MIN },
        { inboxItemId: 'b1', kind: 'timeout', createdAt: 7 * H },
        { inboxItemId: 'n1', kind: 'ban', createdAt: 12 * H },
      ],
      team: {
        roster: {
          A: { key: 'A', name: 'Ana', zone: 'UTC', role: 'lead', since: 0 },
          B: { key: 'B', name: 'Bo', zone: 'UTC', role: 'moderator', since: 0 },
          C: { key: 'C', name: 'Cy', zone: 'UTC', role: 'moderator', since: 0 },
        },
        claims: {},
        resolved: {},
        handoffs: [],
      },
      shifts: [
        { key: 'C', start: 6 * H, end: 10 * H },
        { key: 'A', start: 0, end: 4 * H },
        { key: 'B', start: 4 * H, end: 8 * H },
        // Outside the period: left out.
        { key: 'A', start: 30 * H, end: 34 * H },
      ],
      me: 'You',
      from: 0,
      to: 24 * H,
    });
    expect(load.perShift.map((s) => [s.moderator, s.start / H, s.end / H, s.items, s.medianFirstActionMs === null ? null : s.medianFirstActionMs / MIN, s.medianResolutionMs === null ? null : s.medianResolutionMs / MIN])).toEqual([
      ['Ana', 0, 4, 2, 4, 20],
      ['Bo', 4, 8, 1, 30, null],
      ['Cy', 6, 10, 1, 30, null],
      ['', 0, 24, 1, 60, 90],
    ]);
    // Without shifts there is no per-shift table.
    expect(moderationLoad({ items: [item('x', 0, 'open')], actions: [], me: 'You', from: 0, to: H }).perShift).toEqual([]);
  });
});
