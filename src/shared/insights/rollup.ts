// Day roll-ups of the hourly insights aggregates, for the 30- and 90-day periods (issue 18): one bucket
// per space and LOCAL day of one viewer's time zone, built from that day's UTC hour buckets and kept
// incrementally (an event marks its UTC hour; the local day holding it is built again when next read).
//
// Why per zone and not per UTC day: a period's days are the viewer's calendar days, so a UTC-day sum
// would straddle two of them wherever the offset is not 0; and "active members per day" is a count of
// distinct members, which cannot be split back into hours. The hourly buckets stay the truth (kept in
// UTC, stored, zone-free); a roll-up is a derived cache for one zone, in memory only, at most the
// 181 kept days × spaces, and a zone change (or a second viewer zone) builds its own.
import { DateTime, type Zone } from 'luxon';
import { HOUR_MS, type HourBucket, type InsightsAggregator, type SpaceAggregate } from './aggregate';
import { bump, packedCounts, type PackedCounts } from './compact';

const DAY_MS = 24 * HOUR_MS;

/** One space's local day: the sums of its hour buckets, its authors merged, and messages per local hour. */
export interface DayBucket {
  messages: number;
  replies: number;
  joins: number;
  leaves: number;
  flagged: number;
  reports: number;
  scored: number;
  negative: number;
  modActions?: Record<string, number>;
  /** Messages per member over the day (distinct members: one pair each). */
  authors: PackedCounts;
  /** Messages per local hour 0…23 (the repeated hour of a fall-back night holds both UTC hours). */
  cells: Float64Array;
  /** Weekday of the local day, 0 = Monday. */
  weekday: number;
}

/** Where a UTC hour falls in a zone: local day index (days since 1970-01-01 local) and local hour. */
export interface LocalHour {
  day: number;
  hour: number;
}

/** Hour → local day and hour in one zone, each hour's offset read once (luxon's zone lookup costs microseconds). */
export class ZoneClock {
  private readonly tz: Zone;
  private readonly cache = new Map<number, LocalHour>();

  constructor(readonly zone: string) {
    this.tz = DateTime.fromMillis(0, { zone }).zone;
  }

  at(h: number): LocalHour {
    let slot = this.cache.get(h);
    if (!slot) {
      const localMs = h * HOUR_MS + this.tz.offset(h * HOUR_MS) * 60_000;
      const day = Math.floor(localMs / DAY_MS);
      slot = { day, hour: Math.floor((localMs - day * DAY_MS) / HOUR_MS) };
      this.cache.set(h, slot);
    }
    return slot;
  }

  /** The UTC hours of a local day, ascending (23, 24 or 25 of them). */
  hoursOf(day: number): number[] {
    const out: number[] = [];
    // No zone is more than 14 hours from UTC; a margin either side finds every hour of the day.
    for (let h = day * 24 - 16; h < day * 24 + 40; h++) if (this.at(h).day === day) out.push(h);
    return out;
  }
}

export class DayRollups {
  readonly clock: ZoneClock;
  /** Per space key, built days; null = a day without any bucket. */
  private readonly days = new Map<string, Map<number, DayBucket | null>>();
  /** UTC hours changed since their day was built, per space key. */
  private readonly dirty = new Map<string, Set<number>>();
  /** Days built (a test and the bench read it). */
  built = 0;

  constructor(
    readonly agg: InsightsAggregator,
    zone: string,
  ) {
    this.clock = new ZoneClock(zone);
    agg.watchHours(this);
  }

  get zone(): string {
    return this.clock.zone;
  }

  /** The aggregator added an event in this space's UTC hour. */
  touched(spaceKey: string, hour: number): void {
    const days = this.days.get(spaceKey);
    if (!days || days.size === 0) return;
    let set = this.dirty.get(spaceKey);
    if (!set) this.dirty.set(spaceKey, (set = new Set()));
    set.add(hour);
  }

  /** The aggregator dropped hours before `hour`: every local day that held one is dropped too. */
  trimmed(hour: number): void {
    const last = this.clock.at(hour).day;
    for (const days of this.days.values()) for (const d of days.keys()) if (d <= last) days.delete(d);
  }

  /** Stops following the aggregator (the worker keeps roll-ups for the viewer's zone only). */
  close(): void {
    this.agg.unwatchHours(this);
  }

  /** The space's local day, built from its hour buckets if it is not kept or has changed since. */
  day(space: SpaceAggregate, day: number): DayBucket | undefined {
    const days = this.keptDays(space);
    const kept = days.get(day);
    if (kept !== undefined) return kept ?? undefined;
    const bucket = this.build(space, day);
    days.set(day, bucket ?? null);
    return bucket;
  }

  /**
   * The space's local day if it is built and unchanged since (null: built, and no bucket that day);
   * undefined when it is not, so the caller reads its hours instead. Never builds: a question is
   * answered from what is ready while the worker builds the rest between questions.
   */
  ready(space: SpaceAggregate, day: number): DayBucket | null | undefined {
    return this.keptDays(space).get(day);
  }

  /** The space's kept days, without the ones an event changed since they were built. */
  private keptDays(space: SpaceAggregate): Map<number, DayBucket | null> {
    let days = this.days.get(space.key);
    if (!days) this.days.set(space.key, (days = new Map()));
    const dirty = this.dirty.get(space.key);
    if (dirty && dirty.size > 0) {
      for (const h of dirty) days.delete(this.clock.at(h).day);
      dirty.clear();
    }
    return days;
  }

  private build(space: SpaceAggregate, day: number): DayBucket | undefined {
    this.built++;
    let out: DayBucket | undefined;
    for (const h of this.clock.hoursOf(day)) {
      const b: HourBucket | undefined = space.hours.get(h);
      if (!b) continue;
      out ??= { messages: 0, replies: 0, joins: 0, leaves: 0, flagged: 0, reports: 0, scored: 0, negative: 0, authors: packedCounts(), cells: new Float64Array(24), weekday: (((day + 3) % 7) + 7) % 7 };
      out.messages += b.messages;
      out.replies += b.replies;
      out.joins += b.joins;
      out.leaves += b.leaves;
      out.flagged += b.flagged;
      out.reports += b.reports;
      out.scored += b.scored;
      out.negative += b.negative;
      out.cells[this.clock.at(h).hour]! += b.messages;
      if (b.modActions) {
        out.modActions ??= {};
        for (const k in b.modActions) out.modActions[k] = (out.modActions[k] ?? 0) + b.modActions[k]!;
      }
      const pairs = b.authors.pairs;
      for (let i = 0, end = b.authors.size * 2; i < end; i += 2) bump(out.authors, pairs[i]!, pairs[i + 1]!);
    }
    return out;
  }
}
