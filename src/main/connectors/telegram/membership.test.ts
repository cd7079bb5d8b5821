import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_WINDOW_SECONDS, MembershipReports } from './membership';

describe('one join per member per chat, however Telegram told it', () => {
  it('lets the first report through and absorbs the other path\'s report of the same join', () => {
    const m = new MembershipReports();
    expect(m.admit('c', 'u', { kind: 'join', path: 'participant', date: 100, id: 'q1' })).toBe(true);
    expect(m.admit('c', 'u', { kind: 'join', path: 'service', date: 101, id: 's1' })).toBe(false);
    // A repeat of either (catch-up overlapping live) gets the same answer.
    expect(m.admit('c', 'u', { kind: 'join', path: 'service', date: 101, id: 's1' })).toBe(false);
    expect(m.admit('c', 'u', { kind: 'join', path: 'participant', date: 100, id: 'q1' })).toBe(true);
    // Another member, another chat: their own joins.
    expect(m.admit('c', 'v', { kind: 'join', path: 'service', date: 101, id: 's2' })).toBe(true);
    expect(m.admit('d', 'u', { kind: 'join', path: 'service', date: 101, id: 's3' })).toBe(true);
  });

  it('counts a leave and a rejoin, told both ways and out of step, once each', () => {
    const m = new MembershipReports();
    const service = [
      m.admit('c', 'u', { kind: 'join', path: 'service', date: 100, id: 's1' }),
      m.admit('c', 'u', { kind: 'leave', path: 'service', date: 110, id: 's2' }),
      m.admit('c', 'u', { kind: 'join', path: 'service', date: 120, id: 's3' }),
    ];
    const updates = [
      m.admit('c', 'u', { kind: 'join', path: 'participant', date: 100, id: 'q1' }),
      m.admit('c', 'u', { kind: 'leave', path: 'participant', date: 110, id: 'q2' }),
      m.admit('c', 'u', { kind: 'join', path: 'participant', date: 120, id: 'q3' }),
    ];
    expect(service).toEqual([true, true, true]);
    expect(updates).toEqual([false, false, false]);
  });

  it('keeps two joins on one path, and reports further apart than the window', () => {
    const m = new MembershipReports();
    expect(m.admit('c', 'u', { kind: 'join', path: 'service', date: 100, id: 's1' })).toBe(true);
    expect(m.admit('c', 'u', { kind: 'join', path: 'service', date: 105, id: 's2' })).toBe(true);
    expect(m.admit('c', 'u', { kind: 'join', path: 'participant', date: 106 + MEMBERSHIP_WINDOW_SECONDS, id: 'q1' })).toBe(true);
  });
});
