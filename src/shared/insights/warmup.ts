// What the insights worker does between questions once everything is read (issue 18): builds the
// reports of the periods a moderator switches to next, the day roll-ups of the viewer's zone, and the
// row indexes the next batch needs, in short steps. The worker runs one step
// per task, so a question waits for one step at most, and the first 30- or 90-day switch after start is
// read from what is ready instead of building it on the click.
import type { InsightsAggregator } from './aggregate';
import type { PeriodId, ReportQuery } from './report';
import type { ReportCache } from './reportCache';
import type { DayRollups } from './rollup';

/** Local days of roll-ups one step builds, for every space (about 4 ms on the bench's 50 spaces, quiet). */
export const DAYS_PER_STEP = 2;
/** Local days the 90-day period touches (its first one cut). */
const LONG_DAYS = 92;

/** Periods in the order a moderator who looks at `shown` is likely to switch to them: the next longer first. */
const NEXT: Record<PeriodId, PeriodId[]> = {
  '24h': ['7d', '30d', '90d'],
  '7d': ['30d', '90d', '24h'],
  '30d': ['90d', '7d', '24h'],
  '90d': ['30d', '7d', '24h'],
};

/** Builds the roll-ups of local days [today - to, today - from), DAYS_PER_STEP days per step. */
function* rollUp(agg: InsightsAggregator, days: DayRollups, today: number, from: number, to: number): Generator<void, void> {
  for (let back = from; back < to; back += DAYS_PER_STEP) {
    const spaces = [...agg.spaces.values()];
    for (let d = back; d < Math.min(to, back + DAYS_PER_STEP); d++) for (const space of spaces) days.day(space, today - d);
    yield;
  }
}

/**
 * The steps, in order: the reports of `query` (the question shown, if the view is open) for its own
 * period and the others, likeliest first, each read from the roll-up days ready and the hours of the
 * rest; then the roll-ups of the last 92 local days, newest first (they make every later report of a
 * long period cheaper, as events keep changing the figures); then the row indexes. Right after start
 * the reports come first: from the hours they cost less than building the roll-ups they would read.
 * Every step is idempotent, so the worker starts the sequence again after each question (what is
 * built is passed over) and so also rebuilds the days new events changed.
 */
export function* warmup(agg: InsightsAggregator, days: DayRollups, reports: ReportCache, now: number, query: ReportQuery | undefined): Generator<void, void> {
  if (query) {
    for (const period of [query.period, ...NEXT[query.period]]) {
      reports.get(agg, { ...query, period }, query.zone === days.zone ? { days } : {});
      yield;
    }
  }
  const today = days.clock.at(Math.floor(now / 3_600_000)).day;
  yield* rollUp(agg, days, today, 0, LONG_DAYS);
  yield* agg.prepareSteps();
}
