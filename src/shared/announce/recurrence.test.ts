import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { instantOf, occurrencesBetween, remindersBetween, type EventTime } from './recurrence';

const iso = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZ");
const utc = (s: string) => Date.parse(s);

describe('zone math', () => {
  it('turns a wall-clock time into the instant of that zone, also in summer and winter', () => {
    expect(instantOf('2026-03-05T19:00', 'Europe/Berlin')).toBe(utc('2026-03-05T18:00:00Z'));
    expect(instantOf('2026-04-02T19:00', 'Europe/Berlin')).toBe(utc('2026-04-02T17:00:00Z'));
    expect(instantOf('2026-03-08T19:00', 'America/New_York')).toBe(utc('2026-03-08T23:00:00Z'));
    expect(instantOf('2026-03-05T19:00', 'Not/AZone')).toBeUndefined();
  });

  it('moves a time skipped by the spring jump forward by the jump', () => {
    // 02:30 does not exist in Berlin on 29 March 2026; it is 03:30 CEST, i.e. 01:30 UTC.
    expect(instantOf('2026-03-29T02:30', 'Europe/Berlin')).toBe(utc('2026-03-29T01:30:00Z'));
  });
});

describe('recurrence', () => {
  const weekly: EventTime = { start: '2026-03-19T19:00', zone: 'Europe/Berlin', recurrence: { freq: 'weekly', interval: 1 } };

  it('keeps a weekly 19:00 at 19:00 local across the DST change (UTC moves by an hour)', () => {
    const got = occurrencesBetween(weekly, weekly.zone, utc('2026-03-01T00:00:00Z'), utc('2026-04-10T00:00:00Z'));
    expect(got.map((t) => iso(t, 'Europe/Berlin'))).toEqual(['2026-03-19T19:00 +01:00', '2026-03-26T19:00 +01:00', '2026-04-02T19:00 +02:00', '2026-04-09T19:00 +02:00']);
    expect(got.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['18:00', '18:00', '17:00', '17:00']);
  });

  it('"19:00 local" per space: the same event at each space\'s own 19:00', () => {
    const local: EventTime = { start: '2026-10-29T19:00', zone: 'space' };
    const from = utc('2026-10-28T00:00:00Z');
    const to = utc('2026-10-31T00:00:00Z');
    expect(occurrencesBetween(local, 'Asia/Shanghai', from, to)).toEqual([utc('2026-10-29T11:00:00Z')]);
    expect(occurrencesBetween(local, 'America/Los_Angeles', from, to)).toEqual([utc('2026-10-30T02:00:00Z')]);
  });

  it('a monthly AMA on the first Thursday, with count and until', () => {
    const ama: EventTime = { start: '2026-01-01T18:00', zone: 'America/New_York', recurrence: { freq: 'monthly', interval: 1, nth: 1, count: 4 } };
    const got = occurrencesBetween(ama, ama.zone, utc('2025-12-01T00:00:00Z'), utc('2027-01-01T00:00:00Z'));
    expect(got.map((t) => iso(t, ama.zone))).toEqual(['2026-01-01T18:00 -05:00', '2026-02-05T18:00 -05:00', '2026-03-05T18:00 -05:00', '2026-04-02T18:00 -04:00']);
    const until: EventTime = { ...weekly, recurrence: { freq: 'weekly', interval: 2, until: '2026-04-16' } };
    expect(occurrencesBetween(until, until.zone, 0, utc('2027-01-01T00:00:00Z')).map((t) => iso(t, until.zone))).toEqual([
      '2026-03-19T19:00 +01:00',
      '2026-04-02T19:00 +02:00',
      '2026-04-16T19:00 +02:00',
    ]);
  });

  it('a weekly event on several weekdays', () => {
    const t: EventTime = { start: '2026-06-01T12:00', zone: 'UTC', recurrence: { freq: 'weekly', interval: 1, weekdays: [1, 3, 5] } };
    const got = occurrencesBetween(t, 'UTC', utc('2026-06-01T00:00:00Z'), utc('2026-06-08T00:00:00Z'));
    expect(got.map((x) => new Date(x).toISOString().slice(0, 10))).toEqual(['2026-06-01', '2026-06-03', '2026-06-05']);
  });
});

describe('reminders', () => {
  it('posts 24 h, 1 h and at the start, in real hours, across the DST change', () => {
    // Sunday 29 March 2026 19:00 Berlin is the first evening of summer time: 24 real hours before is Saturday 18:00 local.
    const t: EventTime = { start: '2026-03-29T19:00', zone: 'Europe/Berlin' };
    const due = remindersBetween(t, t.zone, ['24h', '1h', 'start'], 0, utc('2027-01-01T00:00:00Z'));
    expect(due.map((d) => [d.reminder, iso(d.at, t.zone)])).toEqual([
      ['24h', '2026-03-28T18:00 +01:00'],
      ['1h', '2026-03-29T18:00 +02:00'],
      ['start', '2026-03-29T19:00 +02:00'],
    ]);
  });

  it('finds each reminder in exactly one of any split of time into windows', () => {
    const t: EventTime = { start: '2026-03-01T20:30', zone: 'Europe/London', recurrence: { freq: 'weekly', interval: 1, count: 8 } };
    const all = remindersBetween(t, t.zone, ['24h', '1h', 'start'], 0, utc('2027-01-01T00:00:00Z'));
    expect(all).toHaveLength(24);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: utc('2026-02-25T00:00:00Z'), max: utc('2026-05-01T00:00:00Z') }), { maxLength: 12 }), (cuts) => {
        const edges = [0, ...[...new Set(cuts)].sort((a, b) => a - b), utc('2027-01-01T00:00:00Z')];
        const pieces = edges.slice(1).flatMap((to, i) => remindersBetween(t, t.zone, ['24h', '1h', 'start'], edges[i] ?? 0, to));
        expect(pieces).toEqual(all);
      }),
    );
  });
});
