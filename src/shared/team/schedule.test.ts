import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { coverageMap, followTheSun, formatInZone, nextUp, onNow, shiftsBetween } from './schedule';
import { emptyTeamState } from './state';
import type { TeamState } from './state';

const ana = 'ana';
const bo = 'bo';

function team(): TeamState {
  const state = emptyTeamState();
  state.roster[ana] = { key: ana, name: 'Ana', zone: 'Asia/Shanghai', role: 'lead', since: 0 };
  state.roster[bo] = { key: bo, name: 'Bo', zone: 'America/Los_Angeles', role: 'moderator', since: 0 };
  // Ana: every day 09:00–17:00 Shanghai. Bo: every day 09:00–17:00 Los Angeles.
  const daily = (start: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, hours: 8, week: 0 }));
  state.schedules[ana] = { key: ana, zone: 'Asia/Shanghai', weeks: 1, slots: daily('09:00') };
  state.schedules[bo] = { key: bo, zone: 'America/Los_Angeles', weeks: 1, slots: daily('09:00') };
  return state;
}

const la = (iso: string) => DateTime.fromISO(iso, { zone: 'America/Los_Angeles' }).toMillis();

describe('shifts across zones', () => {
  it("a Los Angeles shift keeps its local hours across the March DST change (UTC moves by an hour)", () => {
    const schedule = team().schedules[bo]!;
    const shifts = shiftsBetween(schedule, la('2025-03-08T00:00'), la('2025-03-10T00:00'));
    expect(shifts.map((s) => DateTime.fromMillis(s.start, { zone: 'UTC' }).toISO())).toEqual(['2025-03-08T17:00:00.000Z', '2025-03-09T16:00:00.000Z']);
    expect(shifts.map((s) => formatInZone(s.start, 'America/Los_Angeles'))).toEqual(['Sat 8 Mar, 09:00 PST', 'Sun 9 Mar, 09:00 PDT']);
  });

  it('on now and next up follow real instants in every zone', () => {
    const state = team();
    // 2025-03-09 10:00 PDT = 2025-03-10 01:00 Shanghai: Bo is on, Ana starts at 09:00 Shanghai = 18:00 PDT.
    const now = la('2025-03-09T10:00');
    expect(onNow(state, now)).toEqual([bo]);
    const next = nextUp(state, now)!;
    expect(next.key).toBe(ana);
    expect(formatInZone(next.start, 'America/Los_Angeles')).toBe('Sun 9 Mar, 18:00 PDT');
    // Chinese in its own order (month, day, weekday), not English's pattern with Chinese parts ("周一 7 12月").
    expect(formatInZone(next.start, 'Asia/Shanghai', 'zh-CN')).toMatch(/^3月10日周一 .*09:00/);
    expect(formatInZone(next.start, 'Asia/Shanghai')).toBe('Mon 10 Mar, 09:00 GMT+8');
  });

  it("the coverage map in the viewer's zone shows the gap between the two shifts, shifted by DST", () => {
    const state = team();
    const cells = coverageMap(state, 'America/Los_Angeles', la('2025-03-05T12:00'));
    expect(cells).toHaveLength(7 * 24);
    const gaps = (weekday: number) => cells.filter((c) => c.weekday === weekday && c.keys.length === 0).map((c) => c.hour);
    // Before DST (PST, UTC-8): Ana 17:00–01:00, Bo 09:00–17:00 → gap 01–09. After (PDT): Ana 18:00–02:00 → gaps 02–09 and 17–18.
    expect(gaps(3)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const after = coverageMap(state, 'America/Los_Angeles', la('2025-03-12T12:00'));
    expect(after.filter((c) => c.weekday === 3 && c.keys.length === 0).map((c) => c.hour)).toEqual([2, 3, 4, 5, 6, 7, 8, 17]);
    expect(after.find((c) => c.weekday === 3 && c.hour === 10)?.keys).toEqual([bo]);
  });

  it('a two-week rotation alternates weeks', () => {
    const state = team();
    state.schedules[bo] = { key: bo, zone: 'America/Los_Angeles', weeks: 2, slots: [{ weekday: 1, start: '09:00', hours: 4, week: 0 }, { weekday: 2, start: '09:00', hours: 4, week: 1 }] };
    const shifts = shiftsBetween(state.schedules[bo]!, la('2025-03-03T00:00'), la('2025-03-17T00:00'));
    expect(shifts.map((s) => DateTime.fromMillis(s.start, { zone: 'America/Los_Angeles' }).weekday)).toHaveLength(2);
    expect(new Set(shifts.map((s) => DateTime.fromMillis(s.start, { zone: 'America/Los_Angeles' }).weekday))).toEqual(new Set([1, 2]));
  });

  it('follows the sun for a lead: each moderator’s own clock and shift, hour by hour, across the DST change', () => {
    const state = team();
    // Seen from Berlin on the night the US clocks change (2025-03-09, 10:00 UTC = 03:00 PDT, 11:00 CET).
    const rows = followTheSun(state, 'Europe/Berlin', Date.UTC(2025, 2, 9, 9, 30), 3);
    expect(rows.map((r) => r.label)).toEqual(['Sun 10:00', 'Sun 11:00', 'Sun 12:00']);
    expect(rows.map((r) => r.cells.map((c) => c.local))).toEqual([
      ['Sun 17:00', 'Sun 01:00'],
      ['Sun 18:00', 'Sun 03:00'],
      ['Sun 19:00', 'Sun 04:00'],
    ]);
    // Ana (Shanghai 09:00–17:00) has just finished; Bo (LA 09:00–17:00) is asleep.
    expect(rows.map((r) => r.cells.map((c) => c.on))).toEqual([
      [false, false],
      [false, false],
      [false, false],
    ]);
    const morning = followTheSun(state, 'America/Los_Angeles', la('2025-03-10T08:00'), 2);
    expect(morning.map((r) => r.cells.find((c) => c.key === bo)?.on)).toEqual([false, true]);
  });
});

