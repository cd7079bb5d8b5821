import { describe, expect, it } from 'vitest';
import { HOUR_MS, InsightsAggregator, type InsightSource } from './aggregate';
import { buildReport, DAY_MS, PERIODS, type PeriodId, type ReportQuery } from './report';
import { ReportCache } from './reportCache';
import { DayRollups } from './rollup';
import { DAYS_PER_STEP, warmup } from './warmup';

const NOW = Date.UTC(2026, 10, 30, 15, 20);
const ZONE = 'America/New_York';

let seed = 7;
const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % 2147483648) / 2147483648;

/** Messages, joins and replies over 100 days in three spaces, on both sides of the 1 Nov DST change. */
function events(count: number, from: number, to: number, prefix: string): InsightSource[] {
  return Array.from({ length: count }, (_, i): InsightSource => {
    const space = `g${Math.floor(rand() * 3)}`;
    const kind = rand() < 0.85 ? 'message' : 'join';
    return {
      id: `${prefix}${i}`,
      platform: 'discord',
      sourceId: 's',
      kind,
      spaceId: space,
      channelId: 'c',
      messageId: `${prefix}${i}`,
      ts: from + Math.floor(rand() * (to - from)),
      author: { id: `m${Math.floor(rand() * 40)}`, bot: false },
      ...(kind === 'message' ? { text: rand() < 0.5 ? 'refund please' : 'great event tonight' } : {}),
      ...(kind === 'message' && i > 0 && rand() < 0.3 ? { replyToMessageId: `${prefix}${Math.floor(rand() * i)}` } : {}),
    };
  });
}

/** Runs the warm-up to its end, counting the roll-up days each step builds. */
function runAll(steps: Generator<void, void>, days: DayRollups): number[] {
  const perStep: number[] = [];
  let before = days.built;
  while (!steps.next().done) {
    perStep.push(days.built - before);
    before = days.built;
  }
  return perStep;
}

function readyDays(agg: InsightsAggregator, days: DayRollups, back: number): number {
  const today = days.clock.at(Math.floor(NOW / HOUR_MS)).day;
  let ready = 0;
  for (const space of agg.spaces.values()) for (let d = 0; d < back; d++) if (days.ready(space, today - d) !== undefined) ready++;
  return ready;
}

describe('insights warm-up between questions', () => {
  const shown: ReportQuery = { scope: { kind: 'all' }, period: '7d', now: NOW, zone: ZONE };

  it('builds the last 92 local days and every period of the question shown, in short steps, before anyone asks; the answers equal a recompute', () => {
    const agg = new InsightsAggregator();
    agg.addAll(events(3000, NOW - 100 * DAY_MS, NOW, 'a'));
    const days = new DayRollups(agg, ZONE);
    const reports = new ReportCache();
    const perStep = runAll(warmup(agg, days, reports, NOW, shown), days);
    // No step builds more than its share of days (a question waits for one step at most).
    expect(Math.max(...perStep)).toBeLessThanOrEqual(DAYS_PER_STEP * agg.spaces.size);
    expect(readyDays(agg, days, 92)).toBe(92 * agg.spaces.size);
    for (const period of Object.keys(PERIODS) as PeriodId[]) {
      const q = { ...shown, period };
      const ready = reports.peek(agg, q);
      expect(ready, period).toBeDefined();
      expect(ready).toEqual(buildReport(agg, q));
    }
  });

  it('builds the reports of the likeliest next periods first, then the roll-ups (later reports read them)', () => {
    const agg = new InsightsAggregator();
    agg.addAll(events(1500, NOW - 100 * DAY_MS, NOW, 'b'));
    const days = new DayRollups(agg, ZONE);
    const reports = new ReportCache();
    const steps = warmup(agg, days, reports, NOW, shown);
    // The question shown, then 30 days, 90 days, 24 hours: one step each.
    for (const period of ['7d', '30d', '90d', '24h'] as const) {
      expect(reports.peek(agg, { ...shown, period }), period).toBeUndefined();
      expect(steps.next().done).toBe(false);
      expect(reports.peek(agg, { ...shown, period }), period).toBeDefined();
    }
    expect(days.built).toBe(0);
    runAll(steps, days);
    expect(readyDays(agg, days, 92)).toBe(92 * agg.spaces.size);
  });

  it('with the view closed builds the roll-ups and no report; after new events a new run rebuilds the changed days and the answers follow them', () => {
    const agg = new InsightsAggregator();
    const first = events(2000, NOW - 100 * DAY_MS, NOW - 2 * DAY_MS, 'c');
    agg.addAll(first);
    const days = new DayRollups(agg, ZONE);
    const reports = new ReportCache();
    runAll(warmup(agg, days, reports, NOW, undefined), days);
    expect(readyDays(agg, days, 92)).toBe(92 * agg.spaces.size);
    expect(reports.peek(agg, { ...shown, period: '90d' })).toBeUndefined();

    // New events land in built days (one 40 days back): those days are stale until built again.
    const built = days.built;
    const late = events(200, NOW - 45 * DAY_MS, NOW, 'd');
    agg.addAll(late);
    expect(readyDays(agg, days, 92)).toBeLessThan(92 * agg.spaces.size);
    const q = { ...shown, period: '90d' as const };
    runAll(warmup(agg, days, reports, NOW, q), days);
    expect(days.built).toBeGreaterThan(built);
    expect(readyDays(agg, days, 92)).toBe(92 * agg.spaces.size);
    // Equal to a recompute over every event from scratch.
    const fresh = new InsightsAggregator();
    fresh.addAll([...first, ...late]);
    for (const period of Object.keys(PERIODS) as PeriodId[]) expect(reports.peek(agg, { ...q, period })).toEqual(buildReport(fresh, { ...q, period }));
  });
});
