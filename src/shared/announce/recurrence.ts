// Events and their reminders in real instants: a first occurrence at a wall-clock time in a zone, an
// optional recurrence (rrule, computed on wall-clock dates so "every Thursday 19:00" stays 19:00 across
// a DST change), and reminders a fixed number of real hours before each occurrence.
import { DateTime } from 'luxon';
import { RRule, type Options as RRuleOptions } from 'rrule';
import { z } from 'zod';

const WALL = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

export const RecurrenceSchema = z
  .object({
    freq: z.enum(['daily', 'weekly', 'monthly']),
    interval: z.number().int().min(1).max(52).default(1),
    /** ISO weekdays (1 = Monday) for weekly rules; the first occurrence's weekday when absent. */
    weekdays: z.array(z.number().int().min(1).max(7)).max(7).optional(),
    /** For monthly rules: the nth weekday of the month (e.g. 1 = first, -1 = last) of the start's weekday. */
    nth: z.number().int().min(-1).max(4).refine((n) => n !== 0).optional(),
    count: z.number().int().min(1).max(500).optional(),
    /** Last day (wall date, inclusive) in the event's zone. */
    until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  })
  .strict();
export type Recurrence = z.infer<typeof RecurrenceSchema>;

export const ReminderSchema = z.enum(['24h', '1h', 'start']);
export type Reminder = z.infer<typeof ReminderSchema>;

export const REMINDER_OFFSET_MS: Record<Reminder, number> = { '24h': 24 * 3_600_000, '1h': 3_600_000, start: 0 };

export const EventTimeSchema = z
  .object({
    /** Wall-clock start of the first occurrence, `YYYY-MM-DDTHH:mm`. */
    start: z.string().regex(WALL),
    /** An IANA zone, or 'space': each space's own zone (a "19:00 local" event). */
    zone: z.string().min(1).max(64),
    recurrence: RecurrenceSchema.optional(),
  })
  .strict();
export type EventTime = z.infer<typeof EventTimeSchema>;

export function isValidZone(zone: string): boolean {
  return DateTime.now().setZone(zone).isValid;
}

/** The instant of a wall-clock time in a zone; a time skipped by a DST jump moves forward by the jump. */
export function instantOf(wall: string, zone: string): number | undefined {
  const at = DateTime.fromISO(wall, { zone });
  return at.isValid ? at.toMillis() : undefined;
}

const RRULE_DAYS = [RRule.MO, RRule.TU, RRule.WE, RRule.TH, RRule.FR, RRule.SA, RRule.SU];
const FREQ = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY } as const;

/** Wall-clock fields carried in a UTC Date: rrule's "floating" time, free of any zone. */
function floating(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute));
}

function ruleOf(start: DateTime, r: Recurrence): RRule {
  const options: Partial<RRuleOptions> = { freq: FREQ[r.freq], interval: r.interval, dtstart: floating(start) };
  if (r.freq === 'weekly') options.byweekday = (r.weekdays?.length ? r.weekdays : [start.weekday]).map((d) => RRULE_DAYS[d - 1] ?? RRule.MO);
  if (r.freq === 'monthly' && r.nth !== undefined) options.byweekday = [(RRULE_DAYS[start.weekday - 1] ?? RRule.MO).nth(r.nth)];
  if (r.count !== undefined) options.count = r.count;
  if (r.until !== undefined) options.until = new Date(`${r.until}T23:59:59Z`);
  return new RRule(options);
}

/** The occurrences of an event whose instants fall in [from, to), in `zone` (the event's, or a space's). */
export function occurrencesBetween(time: EventTime, zone: string, from: number, to: number): number[] {
  const start = DateTime.fromISO(time.start, { zone });
  if (!start.isValid || from >= to) return [];
  if (!time.recurrence) {
    const at = start.toMillis();
    return at >= from && at < to ? [at] : [];
  }
  // The window in wall-clock terms, padded by more than any zone offset.
  const pad = 2 * 86_400_000;
  const wallFrom = floating(DateTime.fromMillis(from - pad, { zone }));
  const wallTo = floating(DateTime.fromMillis(to + pad, { zone }));
  return ruleOf(start, time.recurrence)
    .between(wallFrom, wallTo, true)
    .map((d) => DateTime.fromObject({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }, { zone }).toMillis())
    .filter((at) => at >= from && at < to);
}

export interface Due {
  /** The occurrence this is about. */
  occurrence: number;
  reminder: Reminder;
  /** When to post: `reminder`'s real hours before the occurrence. */
  at: number;
}

/** Every reminder due in [from, to), oldest first. "24 h" is 24 real hours, also across a DST change. */
export function remindersBetween(time: EventTime, zone: string, reminders: readonly Reminder[], from: number, to: number): Due[] {
  const longest = Math.max(0, ...reminders.map((r) => REMINDER_OFFSET_MS[r]));
  const out: Due[] = [];
  for (const occurrence of occurrencesBetween(time, zone, from, to + longest)) {
    for (const reminder of reminders) {
      const at = occurrence - REMINDER_OFFSET_MS[reminder];
      if (at >= from && at < to) out.push({ occurrence, reminder, at });
    }
  }
  return out.sort((a, b) => a.at - b.at || a.occurrence - b.occurrence);
}
