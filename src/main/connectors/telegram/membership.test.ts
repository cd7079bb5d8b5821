import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEMBERSHIP_WINDOW_SECONDS, MembershipReports, RecentJoinsFile } from './membership';

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

  it('holds only reports within the window of the newest one: a raid’s memory empties as time moves on', () => {
    const m = new MembershipReports();
    for (let i = 0; i < 500; i++) m.admit('c', `u${i}`, { kind: 'join', path: 'service', date: 1000 + (i % 10), id: `s${i}` });
    expect(m.entries()).toHaveLength(500);
    // A join well after the window: every earlier member is forgotten, their reports can pair with nothing to come.
    m.admit('c', 'late', { kind: 'join', path: 'service', date: 1010 + MEMBERSHIP_WINDOW_SECONDS + 1, id: 's-late' });
    expect(m.entries().map(([key]) => key)).toEqual(['c:late']);
  });

  it('takes back an earlier run’s memory, so the other path’s report after a restart is absorbed; aged-out reports are not taken back', () => {
    const before = new MembershipReports();
    before.admit('c', 'u', { kind: 'join', path: 'service', date: 100, id: 's1' });
    before.admit('c', 'old', { kind: 'join', path: 'service', date: 100 - MEMBERSHIP_WINDOW_SECONDS - 5, id: 's0' });
    const after = new MembershipReports();
    after.restore(before.entries());
    expect(after.entries().map(([key]) => key)).toEqual(['c:u']);
    expect(after.admit('c', 'u', { kind: 'join', path: 'participant', date: 102, id: 'q1' })).toBe(false);
    // A replay of the first report still gets its first answer.
    expect(after.admit('c', 'u', { kind: 'join', path: 'service', date: 100, id: 's1' })).toBe(true);
  });

  it('keeps the memory in a file, rewritten after changes; a missing or broken file holds nothing', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'tk-joins-unit-')), 'telegram', 'src.joins.json');
    const file = new RecentJoinsFile(path);
    expect(await file.load()).toEqual([]);
    const m = new MembershipReports(() => void file.save(() => m.entries()));
    for (let i = 0; i < 20; i++) m.admit('c', `u${i}`, { kind: 'join', path: 'participant', date: 500, id: `q${i}` });
    m.admit('c', 'u3', { kind: 'join', path: 'service', date: 501, id: 's3' });
    await file.flush();
    const kept = await new RecentJoinsFile(path).load();
    expect(kept).toEqual(m.entries());
    expect(kept.find(([key]) => key === 'c:u3')?.[1]).toEqual([{ kind: 'join', path: 'participant', date: 500, id: 'q3', partner: 's3' }]);
    writeFileSync(path, '{not json');
    expect(await new RecentJoinsFile(path).load()).toEqual([]);
  });
});
