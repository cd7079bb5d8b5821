import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HOUR_MS, InsightsAggregator, type InsightSource } from './aggregate';
import { buildReport, DAY_MS, type PeriodId } from './report';
import { DayRollups, ZoneClock } from './rollup';

// Two DST changes inside the window: Europe/Berlin springs forward on 29 Mar 2026 and falls back on
// 25 Oct 2026; America/Sao_Paulo has none now; Asia/Kolkata is 5:30 off UTC; Australia/Lord_Howe moves
// by 30 minutes (5 Apr 2026, 4 Oct 2026).
const START = Date.UTC(2026, 2, 1);
const ZONES = ['Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];

const arbEvent = fc.record({
  kind: fc.constantFrom('message', 'message', 'message', 'join', 'leave', 'report', 'modAction'),
  hour: fc.integer({ min: 0, max: 24 * 240 }),
  minute: fc.integer({ min: 0, max: 59 }),
  author: fc.constantFrom('ana', 'bo', 'cy', 'dee', 'eve'),
  space: fc.constantFrom('g1', 'g2'),
  platform: fc.constantFrom('discord', 'telegram') as fc.Arbitrary<'discord' | 'telegram'>,
  text: fc.constantFrom('refund please', 'this is terrible', 'great stuff', '退款什么时候到账', ''),
  replyTo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
  flagged: fc.constantFrom(undefined, 'scam'),
});

type Raw = typeof arbEvent extends fc.Arbitrary<infer T> ? T : never;

function toEvent(r: Raw, i: number, base = START): InsightSource {
  return {
    id: `e${i}`,
    platform: r.platform,
    sourceId: 's',
    kind: r.kind,
    spaceId: r.space,
    channelId: 'c',
    messageId: `m${i}`,
    ts: base + r.hour * HOUR_MS + r.minute * 60_000,
    author: { id: r.author, bot: false },
    text: r.text,
    ...(r.replyTo !== undefined ? { replyToMessageId: `m${r.replyTo}` } : {}),
    ...(r.flagged ? { flags: [{ category: 'scam' as const }] } : {}),
    ...(r.kind === 'modAction' ? { moderation: { action: 'ban' as const } } : {}),
  };
}

describe('zone clock', () => {
  it('gives a spring-forward day 23 UTC hours, a fall-back day 25, and a 5:30 zone 24', () => {
    const berlin = new ZoneClock('Europe/Berlin');
    const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY_MS);
    expect(berlin.hoursOf(dayOf('2026-03-29T00:00:00Z'))).toHaveLength(23);
    expect(berlin.hoursOf(dayOf('2026-10-25T00:00:00Z'))).toHaveLength(25);
    expect(berlin.hoursOf(dayOf('2026-10-26T00:00:00Z'))).toHaveLength(24);
    const kolkata = new ZoneClock('Asia/Kolkata');
    const hours = kolkata.hoursOf(dayOf('2026-06-10T00:00:00Z'));
    expect(hours).toHaveLength(24);
    // Local midnight in Kolkata is 18:30 UTC the day before; an hour belongs where its start falls
    // (18:00 UTC is 23:30 local, the day before), as the hourly report places it.
    expect(new Date(hours[0]! * HOUR_MS).toISOString()).toBe('2026-06-09T19:00:00.000Z');
  });
});

describe('day roll-ups', () => {
  it('30- and 90-day reports read from roll-ups (some days built, some not, some changed since) equal the hourly recompute, across batches, DST days and trimming', () => {
    fc.assert(
      fc.property(
        fc.array(arbEvent, { minLength: 1, maxLength: 150 }),
        fc.array(arbEvent, { maxLength: 60 }),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 100, max: 240 }),
        fc.constantFrom<PeriodId>('30d', '90d'),
        // Which of the last 95 local days are built before each report (the worker builds them between questions).
        fc.array(fc.boolean(), { minLength: 95, maxLength: 95 }),
        (first, later, zone, nowDay, period, built) => {
          const inc = new InsightsAggregator();
          const days = new DayRollups(inc, zone);
          const now = START + nowDay * DAY_MS + 7 * HOUR_MS + 1;
          const today = days.clock.at(Math.floor(now / HOUR_MS)).day;
          const prebuild = () => {
            for (let d = 0; d < built.length; d++) if (built[d]) for (const space of inc.spaces.values()) days.day(space, today - d);
          };
          const q = { scope: { kind: 'all' as const }, period, now, zone };
          inc.addAll(first.map((r, i) => toEvent(r, i)));
          prebuild();
          const count = days.built;
          expect(buildReport(inc, q, { days })).toEqual(buildReport(inc, q));
          // A report reads what is built and never builds a day itself.
          expect(days.built).toBe(count);
          // Later batches change built days: those are read from their hours until built again.
          const more = later.map((r, i) => toEvent(r, 1000 + i));
          inc.addAll(more.slice(0, more.length >> 1));
          expect(buildReport(inc, { ...q, period: '90d' }, { days })).toEqual(buildReport(inc, { ...q, period: '90d' }));
          prebuild();
          expect(buildReport(inc, { ...q, period: '90d' }, { days })).toEqual(buildReport(inc, { ...q, period: '90d' }));
          inc.addAll(more.slice(more.length >> 1));
          inc.trimBefore(Math.floor(now / HOUR_MS) - 70 * 24 - 5);
          const full = new InsightsAggregator();
          full.addAll([...first.map((r, i) => toEvent(r, i)), ...more]);
          full.trimBefore(Math.floor(now / HOUR_MS) - 70 * 24 - 5);
          for (const p of ['30d', '90d'] as const) expect(buildReport(inc, { ...q, period: p }, { days })).toEqual(buildReport(full, { ...q, period: p }));
          prebuild();
          for (const p of ['30d', '90d'] as const) expect(buildReport(inc, { ...q, period: p }, { days })).toEqual(buildReport(full, { ...q, period: p }));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a 90-day report reads each whole local day once, and a new event rebuilds only its day', () => {
    const agg = new InsightsAggregator();
    const days = new DayRollups(agg, 'Europe/Berlin');
    const now = Date.UTC(2026, 10, 30, 12);
    const events: InsightSource[] = [];
    for (let d = 0; d < 95; d++) events.push(toEvent({ kind: 'message', hour: 0, minute: 5, author: 'ana', space: 'g1', platform: 'discord', text: 'great stuff', replyTo: undefined, flagged: undefined }, d, now - d * DAY_MS));
    agg.addAll(events);
    const q = { scope: { kind: 'all' as const }, period: '90d' as const, now, zone: 'Europe/Berlin' };
    const hourly = buildReport(agg, q);
    // Nothing built yet: the report reads every day from its hours, and builds none.
    expect(buildReport(agg, q, { days })).toEqual(hourly);
    expect(days.built).toBe(0);
    const space = [...agg.spaces.values()][0]!;
    const today = days.clock.at(Math.floor(now / HOUR_MS)).day;
    for (let d = 0; d < 92; d++) days.day(space, today - d);
    expect(days.built).toBe(92);
    const r = buildReport(agg, q, { days });
    // 91 local steps (the period's first and last day cut), the 89 between them from roll-ups.
    expect(r.activity.series).toHaveLength(91);
    expect(r).toEqual(hourly);
    expect(days.built).toBe(92);
    agg.add({ ...events[10]!, id: 'late', ts: now - 10 * DAY_MS + 60_000 });
    // The changed day is no longer ready (read from its hours) until built again; no other day is rebuilt.
    const lateDay = days.clock.at(Math.floor((now - 10 * DAY_MS) / HOUR_MS)).day;
    expect(days.ready(space, lateDay)).toBeUndefined();
    expect(days.ready(space, lateDay - 1)).toBeDefined();
    const again = buildReport(agg, q, { days });
    expect(again).toEqual(buildReport(agg, q));
    expect(again.activity.messages).toBe(hourly.activity.messages + 1);
    for (let d = 0; d < 92; d++) days.day(space, today - d);
    expect(days.built).toBe(93);
    expect(buildReport(agg, q, { days })).toEqual(again);
    // A roll-up of another zone is not used for this one.
    const other = new DayRollups(agg, 'Asia/Shanghai');
    for (let d = 0; d < 92; d++) other.day(space, other.clock.at(Math.floor(now / HOUR_MS)).day - d);
    expect(buildReport(agg, q, { days: other })).toEqual(again);
    // Trimming cuts a local day in two: its roll-up holds only what is left (the day's message at
    // 12:05 UTC is gone; 49 daily messages and the late one stay).
    const cut = Math.floor((now - 50 * DAY_MS) / HOUR_MS) + 1;
    agg.trimBefore(cut);
    const trimmed = buildReport(agg, q, { days });
    const fresh = new InsightsAggregator();
    fresh.addAll([...events, { ...events[10]!, id: 'late', ts: now - 10 * DAY_MS + 60_000 }]);
    fresh.trimBefore(cut);
    expect(trimmed).toEqual(buildReport(fresh, q));
    expect(trimmed.activity.messages).toBe(50);
  });
});
