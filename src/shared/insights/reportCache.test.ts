import { describe, expect, it } from 'vitest';
import { HOUR_MS, InsightsAggregator, type InsightSource } from './aggregate';
import { buildReport, type ReportQuery } from './report';
import { ReportCache } from './reportCache';

const NOW = Date.UTC(2026, 10, 20, 12, 30);
let n = 0;
function message(ts: number, author: string, space = 'g1'): InsightSource {
  n++;
  return { id: `discord:${space}:c1:${n}`, platform: 'discord', sourceId: 's1', kind: 'message', spaceId: space, channelId: 'c1', messageId: String(n), ts, author: { id: author, bot: false }, text: 'thanks for the refund help' };
}

describe('report cache', () => {
  const q = (o: Partial<ReportQuery> = {}): ReportQuery => ({ scope: { kind: 'all' }, period: '7d', now: NOW, zone: 'Europe/Berlin', ...o });

  it('answers a question asked again within the hour as buildReport would, until the figures change', () => {
    const agg = new InsightsAggregator();
    agg.addAll([message(NOW - 2 * HOUR_MS, 'ana'), message(NOW - 30 * 24 * HOUR_MS, 'bo')]);
    const cache = new ReportCache();
    const first = cache.get(agg, q());
    expect(first).toEqual(buildReport(agg, q()));
    // Later in the same hour: the same report (the period ends with the hour); another period is its own.
    expect(cache.peek(agg, q({ now: NOW + 20 * 60_000 }))).toBe(first);
    expect(cache.peek(agg, q({ period: '30d' }))).toBeUndefined();
    expect(cache.peek(agg, q({ now: NOW + HOUR_MS }))).toBeUndefined();
    expect(cache.peek(agg, q({ zone: 'Asia/Shanghai' }))).toBeUndefined();
    expect(cache.peek(agg, q({ people: [['discord|ana', 'p1']] }))).toBeUndefined();

    // A new event: nothing cached is served any more.
    agg.add(message(NOW - HOUR_MS, 'cy'));
    expect(cache.peek(agg, q())).toBeUndefined();
    const after = cache.get(agg, q());
    expect(after.activity.messages).toBe(2);
    expect(after).toEqual(buildReport(agg, q()));

    // Old hours trimmed: the 90-day report changes, and so does what the cache serves.
    const long = q({ period: '90d' });
    expect(cache.get(agg, long).activity.messages).toBe(3);
    // A trim with nothing that old (every checkpoint trims) keeps what was built.
    const kept = cache.get(agg, long);
    agg.trimBefore(Math.floor((NOW - 100 * 24 * HOUR_MS) / HOUR_MS));
    expect(cache.peek(agg, long)).toBe(kept);
    agg.trimBefore(Math.floor((NOW - 10 * 24 * HOUR_MS) / HOUR_MS));
    expect(cache.get(agg, long).activity.messages).toBe(2);
    expect(cache.get(agg, long)).toEqual(buildReport(agg, long));

    // Another aggregator (the store loaded again) never reads the first one's reports.
    const other = new InsightsAggregator();
    expect(cache.get(other, q()).activity.messages).toBe(0);
  });

  it('hands its reports to another aggregator holding the same events, unless the first changed since', () => {
    const glance = new InsightsAggregator();
    const full = new InsightsAggregator();
    const rows = [message(NOW - 2 * HOUR_MS, 'ana'), message(NOW - 3 * HOUR_MS, 'bo')];
    glance.addAll(rows);
    full.addAll(rows);
    const cache = new ReportCache();
    const week = cache.get(glance, q());
    cache.adopt(glance, full);
    expect(cache.peek(full, q())).toBe(week);
    expect(week).toEqual(buildReport(full, q()));
    // The full aggregates move on: the adopted report is dropped.
    full.add(message(NOW - HOUR_MS, 'cy'));
    expect(cache.peek(full, q())).toBeUndefined();

    const stale = new ReportCache();
    stale.get(glance, q());
    glance.add(message(NOW - HOUR_MS, 'dee'));
    stale.adopt(glance, full);
    expect(stale.peek(full, q())).toBeUndefined();
  });
});
