import { describe, expect, it } from 'vitest';
import { HOUR_MS, InsightsAggregator, type InsightSource } from './aggregate';
import { crisisSignal, crisisSignals, levelFor } from './crisis';

// Tue 1 Dec 2026 21:00 UTC, and the same hour on the four Tuesdays before.
const NOW_HOUR = Date.UTC(2026, 11, 1, 21);
const WEEK = 7 * 24 * HOUR_MS;
let n = 0;
function msg(ts: number, author: string, text: string, extra: Partial<InsightSource> = {}): InsightSource {
  n++;
  return { id: `e${n}`, platform: 'telegram', sourceId: 's', kind: 'message', spaceId: 'g', spaceName: 'Chat', channelId: 'c', messageId: `m${n}`, ts, author: { id: author, bot: false }, text, ...extra };
}

function history(): InsightSource[] {
  const out: InsightSource[] = [];
  // Four weeks: 10 calm messages in the Tuesday 21:00 hour, 4 an hour otherwise on that evening, 1 in 10 negative.
  for (let w = 1; w <= 4; w++) {
    for (let i = 0; i < 10; i++) out.push(msg(NOW_HOUR - w * WEEK + i * 60_000, `u${i}`, i === 0 ? 'this is terrible' : 'great game today'));
    for (let hour = 1; hour < 24; hour++) for (let i = 0; i < 4; i++) out.push(msg(NOW_HOUR - w * WEEK + hour * HOUR_MS + i * 60_000, `u${i}`, i === 0 ? 'awful lag' : 'nice one'));
  }
  // The hours right before now, so the negative baseline has data.
  for (let hour = 2; hour < 30; hour++) for (let i = 0; i < 4; i++) out.push(msg(NOW_HOUR - hour * HOUR_MS + i * 60_000, `u${i}`, i === 0 ? 'awful lag' : 'nice one'));
  return out;
}

describe('crisis signal', () => {
  it('stays calm on a usual Tuesday evening', () => {
    const agg = new InsightsAggregator();
    agg.addAll(history());
    agg.addAll(Array.from({ length: 10 }, (_, i) => msg(NOW_HOUR + i * 60_000, `u${i}`, 'great game today')));
    const s = crisisSignal(agg.spaces.get('telegram|s|g')!, NOW_HOUR + 50 * 60_000);
    expect(s.level).toBe('calm');
    expect(s.terms).toEqual([]);
  });

  it('explains a raid: volume against the weekday-hour, negative jump, scam rate, reports on one topic, slow response', () => {
    const agg = new InsightsAggregator();
    agg.addAll(history());
    const now = NOW_HOUR + 50 * 60_000;
    const surge: InsightSource[] = [];
    for (let i = 0; i < 60; i++) surge.push(msg(NOW_HOUR + i * 30_000, `r${i}`, i % 2 ? 'where is my refund, this is terrible' : 'claim free nitro now', i % 2 ? {} : { flags: [{ category: 'scam' }] }));
    for (let i = 0; i < 6; i++) surge.push({ ...msg(NOW_HOUR + i * 60_000, `u${i}`, `refund ${['missing', 'late', 'scam'][i % 3]}`), kind: 'report', messageId: undefined });
    agg.addAll(surge);
    const s = crisisSignal(agg.spaces.get('telegram|s|g')!, now, [now - 70 * 60_000, now - 5 * 60_000]);
    const byKind = Object.fromEntries(s.terms.map((t) => [t.kind, t]));
    expect(byKind.volume).toMatchObject({ current: 60, usual: 10, ratio: 6, basis: 'weekday-hour', points: 2, at: NOW_HOUR });
    // 'free' is positive in AFINN: the lures count as scored, not negative; the complaints do.
    expect(byKind.negative).toMatchObject({ points: 1, scored: 60, share: 0.5 });
    expect((byKind.negative as { usual: number }).usual).toBeCloseTo(52 / 214); // the week before: 10 + 23·4 + 28·4 messages, 1 + 23 + 28 negative
    expect(byKind.scamRaid).toMatchObject({ count: 30, points: 2 });
    expect(byKind.reports).toMatchObject({ count: 6, topic: 'refund', onTopic: 6, points: 2 });
    expect(byKind.response).toMatchObject({ open: 2, oldestOpenMs: 70 * 60_000, points: 2 });
    expect(s.level).toBe('crisis');
    expect(crisisSignals(agg, now).map((x) => x.level)).toEqual(['crisis']);
  });

  it('uses the recent hourly mean in a young space, and a floor so a quiet room is not alarmed by a few messages', () => {
    const agg = new InsightsAggregator();
    const start = NOW_HOUR - 10 * HOUR_MS;
    for (let hour = 0; hour < 9; hour++) agg.add(msg(start + hour * HOUR_MS, 'a', 'hi'));
    agg.addAll(Array.from({ length: 12 }, (_, i) => msg(NOW_HOUR + i * 1000, `x${i}`, 'hello')));
    expect(crisisSignal(agg.spaces.get('telegram|s|g')!, NOW_HOUR + 60_000).level).toBe('calm');
    agg.addAll(Array.from({ length: 40 }, (_, i) => msg(NOW_HOUR + i * 1000, `y${i}`, 'join my server', { flags: [{ category: 'raid' }] })));
    const s = crisisSignal(agg.spaces.get('telegram|s|g')!, NOW_HOUR + 60_000);
    expect(s.terms.map((t) => t.kind)).toEqual(['volume', 'scamRaid']);
    expect(s.terms[0]).toMatchObject({ basis: 'recent', current: 52 });
    expect(s.level).toBe('warning');
  });

  it('counts volume at most one point in a space the cache has just met, but a raid of lures still warns', () => {
    const agg = new InsightsAggregator();
    // A fresh install: 90 ordinary messages in the first hour the cache sees.
    agg.addAll(Array.from({ length: 90 }, (_, i) => msg(NOW_HOUR + i * 20_000, `u${i % 30}`, 'good game everyone')));
    const busy = crisisSignal(agg.spaces.get('telegram|s|g')!, NOW_HOUR + 40 * 60_000);
    expect(busy.terms).toMatchObject([{ kind: 'volume', points: 1, basis: 'recent', current: 90 }]);
    expect(busy.level).toBe('watch');
    agg.addAll(Array.from({ length: 60 }, (_, i) => msg(NOW_HOUR + i * 10_000, `raider${i}`, 'FREE NITRO claim now', { flags: [{ category: 'raid' }] })));
    const raid = crisisSignal(agg.spaces.get('telegram|s|g')!, NOW_HOUR + 40 * 60_000);
    expect(raid.terms.map((t) => [t.kind, t.points])).toEqual([
      ['scamRaid', 3],
      ['volume', 1],
    ]);
    expect(raid.level).toBe('warning');
  });

  it('maps points to levels', () => {
    expect([0, 1, 2, 3, 5, 6, 10].map(levelFor)).toEqual(['calm', 'watch', 'watch', 'warning', 'warning', 'crisis', 'crisis']);
  });
});
