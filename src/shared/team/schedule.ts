// Shifts in each moderator's own time zone, turned into real instants with luxon (never hand-rolled
// offsets): who is on now, who is next, and a 7×24 coverage map in whatever zone the viewer lives in.
import { DateTime } from 'luxon';
import type { Schedule, TeamState } from './state';

export interface ShiftInterval {
  key: string;
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/** Which week of a rotation a local Monday belongs to, counted from Monday 1970-01-05. */
function rotationWeek(monday: DateTime, weeks: number): number {
  const days = Math.round(Date.UTC(monday.year, monday.month - 1, monday.day) / DAY_MS) - 4;
  const index = Math.floor(days / 7);
  return ((index % weeks) + weeks) % weeks;
}

/** The concrete shifts of one schedule overlapping [from, to). */
export function shiftsBetween(schedule: Schedule, from: number, to: number): ShiftInterval[] {
  const out: ShiftInterval[] = [];
  const zone = schedule.zone;
  let monday = DateTime.fromMillis(from - 2 * DAY_MS, { zone }).startOf('week');
  if (!monday.isValid) return out;
  for (let guard = 0; guard < 60 && monday.toMillis() < to; guard++) {
    const week = rotationWeek(monday, schedule.weeks);
    for (const slot of schedule.slots) {
      if (slot.week !== week) continue;
      const [hour, minute] = slot.start.split(':').map(Number) as [number, number];
      const day = monday.plus({ days: slot.weekday - 1 });
      const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone });
      const end = start.plus({ minutes: Math.round(slot.hours * 60) });
      if (end.toMillis() > from && start.toMillis() < to) out.push({ key: schedule.key, start: start.toMillis(), end: end.toMillis() });
    }
    monday = monday.plus({ weeks: 1 });
  }
  return out.sort((a, b) => a.start - b.start);
}

export function teamShiftsBetween(state: TeamState, from: number, to: number): ShiftInterval[] {
  const planned = Object.values(state.schedules)
    .filter((s) => state.roster[s.key])
    .flatMap((s) => shiftsBetween(s, from, to));
  return withSwaps(state, planned).sort((a, b) => a.start - b.start || (a.key < b.key ? -1 : 1));
}

/** Gives each taken swap's stretch of the offerer's shifts to whoever took it. */
export function withSwaps(state: TeamState, shifts: ShiftInterval[]): ShiftInterval[] {
  const taken = Object.values(state.swaps ?? {}).filter((s) => s.takenBy && !s.cancelled && state.roster[s.takenBy]);
  if (taken.length === 0) return shifts;
  let out = shifts;
  for (const swap of taken) {
    const next: ShiftInterval[] = [];
    for (const x of out) {
      if (x.key !== swap.by || x.end <= swap.start || x.start >= swap.end) {
        next.push(x);
        continue;
      }
      if (x.start < swap.start) next.push({ key: x.key, start: x.start, end: swap.start });
      next.push({ key: swap.takenBy!, start: Math.max(x.start, swap.start), end: Math.min(x.end, swap.end) });
      if (x.end > swap.end) next.push({ key: x.key, start: swap.end, end: x.end });
    }
    out = next;
  }
  return out;
}

/** Swaps still open for a teammate to take, soonest first (not mine, not yet started). */
export function openSwaps(state: TeamState, me: string, now: number) {
  return Object.values(state.swaps ?? {})
    .filter((s) => !s.takenBy && !s.cancelled && s.end > now && state.roster[s.by])
    .sort((a, b) => a.start - b.start)
    .map((s) => ({ ...s, mine: s.by === me }));
}

/** Scheduled now, plus whoever said they started a shift. */
export function onNow(state: TeamState, now: number): string[] {
  const keys = new Set(teamShiftsBetween(state, now, now + 1).map((s) => s.key));
  for (const key of Object.keys(state.onShift)) if (state.roster[key]) keys.add(key);
  return [...keys].sort();
}

/** The next shift starting after `now` (within two weeks), if any. */
export function nextUp(state: TeamState, now: number): ShiftInterval | undefined {
  return teamShiftsBetween(state, now, now + 14 * DAY_MS).find((s) => s.start > now);
}

export interface CoverageCell {
  /** Start of the hour, epoch ms. */
  start: number;
  /** ISO weekday (1 = Monday) and hour in the viewer's zone. */
  weekday: number;
  hour: number;
  keys: string[];
}

/**
 * Seven days × 24 hours from the Monday of `at`'s week, in the viewer's zone. A day that loses or
 * gains an hour to DST still shows 24 rows; the missing hour is simply the next real one.
 */
export function coverageMap(state: TeamState, viewerZone: string, at: number): CoverageCell[] {
  const monday = DateTime.fromMillis(at, { zone: viewerZone }).startOf('week');
  const from = monday.toMillis();
  const shifts = teamShiftsBetween(state, from, monday.plus({ weeks: 1 }).toMillis() + DAY_MS);
  const cells: CoverageCell[] = [];
  for (let d = 0; d < 7; d++) {
    const day = monday.plus({ days: d });
    for (let hour = 0; hour < 24; hour++) {
      const start = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour }, { zone: viewerZone });
      const s = start.toMillis();
      const e = start.plus({ hours: 1 }).toMillis();
      const keys = [...new Set(shifts.filter((x) => x.start < e && x.end > s).map((x) => x.key))].sort();
      cells.push({ start: s, weekday: d + 1, hour, keys });
    }
  }
  return cells;
}

/** A time in a given zone, e.g. "Sun 10 Mar, 18:00 PDT". */
/**
 * A moment in a zone, in the reader's language: English keeps its compact "Mon 7 Dec, 14:00 GMT+8";
 * every other language gets its own order and words from Intl ("12月7日周一 GMT+8 14:00"), never
 * English's pattern filled with translated parts.
 */
export function formatInZone(ms: number, zone: string, locale = 'en'): string {
  const at = DateTime.fromMillis(ms, { zone }).setLocale(locale);
  if (locale.toLowerCase().startsWith('en')) return at.toFormat('ccc d LLL, HH:mm ZZZZ');
  return at.toLocaleString({ month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
}

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

export interface SunRow {
  /** Start of the hour, epoch ms; `label` is that hour in the viewer's zone. */
  start: number;
  label: string;
  /** Per moderator (roster order by name): their local time then, and whether they are on shift. */
  cells: Array<{ key: string; local: string; on: boolean }>;
}

/**
 * The follow-the-sun view for leads: the next `hours` hours in the viewer's zone, one column per
 * moderator with the time on their own clock and whether they cover that hour (swaps included).
 */
export function followTheSun(state: TeamState, viewerZone: string, from: number, hours = 24): SunRow[] {
  const first = DateTime.fromMillis(from, { zone: viewerZone }).startOf('hour');
  const until = first.plus({ hours }).toMillis();
  const shifts = teamShiftsBetween(state, first.toMillis(), until);
  const team = Object.values(state.roster).sort((a, b) => a.name.localeCompare(b.name) || (a.key < b.key ? -1 : 1));
  const rows: SunRow[] = [];
  for (let h = 0; h < hours; h++) {
    const start = first.plus({ hours: h });
    const s = start.toMillis();
    const e = start.plus({ hours: 1 }).toMillis();
    rows.push({
      start: s,
      label: start.toFormat('ccc HH:mm'),
      cells: team.map((m) => ({
        key: m.key,
        local: DateTime.fromMillis(s, { zone: m.zone }).toFormat('ccc HH:mm'),
        on: shifts.some((x) => x.key === m.key && x.start < e && x.end > s),
      })),
    });
  }
  return rows;
}

