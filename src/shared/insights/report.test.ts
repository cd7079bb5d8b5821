import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { HOUR_MS, InsightsAggregator, type InsightSource } from './aggregate';
import { normalize } from './testing';
import { buildReport, DAY_MS, gini, proportion, topShare } from './report';
import { isNegative, sentiment, terms } from './text';

const T0 = Date.UTC(2026, 10, 2, 12); // Mon 2 Nov 2026 12:00 UTC
let n = 0;
function ev(kind: InsightSource['kind'], ts: number, author: string, extra: Partial<InsightSource> = {}): InsightSource {
  n++;
  return { id: `e${String(n).padStart(5, '0')}`, platform: 'discord', sourceId: 's1', kind, spaceId: 'g1', channelId: 'c1', ts, author: { id: author, bot: false }, ...extra };
}
const msg = (ts: number, author: string, text = 'hello there', extra: Partial<InsightSource> = {}) => ev('message', ts, author, { text, messageId: `m${n + 1}`, ...extra });

function report(events: InsightSource[], period: '24h' | '7d' | '30d' | '90d', now: number, zone = 'UTC') {
  const agg = new InsightsAggregator();
  agg.addAll(events);
  return buildReport(agg, { scope: { kind: 'all' }, period, now, zone });
}

describe('members', () => {
  it('counts joins, leaves, net growth and newcomer first messages and answers', () => {
    const events = [
      ev('join', T0, 'ana'),
      ev('join', T0 + HOUR_MS, 'bo'),
      ev('join', T0 + 2 * HOUR_MS, 'cy'),
      ev('leave', T0 + 3 * HOUR_MS, 'cy'),
      // ana posts 10 min after joining and dee answers her 5 min later; bo posts after 30 min, unanswered.
      msg(T0 + 10 * 60_000, 'ana', 'how do I verify?', { messageId: 'q1' }),
      msg(T0 + 15 * 60_000, 'dee', 'use the verify button', { replyToMessageId: 'q1', messageId: 'a1' }),
      msg(T0 + HOUR_MS + 30 * 60_000, 'bo', 'hi all', { messageId: 'q2' }),
      // bo answers himself: not an answer.
      msg(T0 + 2 * HOUR_MS, 'bo', 'anyone?', { replyToMessageId: 'q2', messageId: 'q3' }),
    ];
    const r = report(events, '24h', T0 + 12 * HOUR_MS);
    expect(r.members).toMatchObject({ joins: 3, leaves: 1, net: 2, newcomers: 3, newcomersPosted: 2 });
    expect(r.members.medianFirstMessageMs).toBe(20 * 60_000); // median of 10 and 30 min
    expect(r.members.answered).toMatchObject({ count: 1, of: 2 });
    expect(r.activity.repliesPerMessage).toBe(2 / 4);
  });

  it('ranks the members who answer newcomers first as contributors worth growing', () => {
    const dee = (name: string) => ({ author: { id: 'dee', bot: false, name: 'dee_', displayName: name } });
    const events = [
      ev('join', T0, 'ana'),
      ev('join', T0, 'bo'),
      ev('join', T0, 'cy'),
      msg(T0 + 60_000, 'ana', 'hi', { messageId: 'a' }),
      msg(T0 + 60_000, 'bo', 'hello?', { messageId: 'b' }),
      msg(T0 + 60_000, 'cy', 'hey', { messageId: 'c' }),
      // Dee answers ana and bo first (renamed in between: the latest name counts); eli answers cy, and bo after dee.
      msg(T0 + 2 * 60_000, 'dee', 'welcome!', { replyToMessageId: 'a', ...dee('Dee') }),
      msg(T0 + 3 * 60_000, 'dee', 'welcome!', { replyToMessageId: 'b', ...dee('Dee the Helper') }),
      msg(T0 + 4 * 60_000, 'eli', 'welcome!', { replyToMessageId: 'b' }),
      msg(T0 + 4 * 60_000, 'eli', 'welcome!', { replyToMessageId: 'c' }),
      msg(T0 + 5 * 60_000, 'eli', 'anyone for a match?'),
    ];
    const r = report(events, '24h', T0 + HOUR_MS);
    expect(r.contributors).toEqual([
      { member: 'discord|s1|dee', name: 'Dee the Helper', newcomersAnswered: 2, messages: 2 },
      { member: 'discord|s1|eli', name: 'eli', newcomersAnswered: 1, messages: 3 },
    ]);
  });

  it('retains a newcomer who still posts 7 days after joining, not one who stopped', () => {
    const events = [
      ev('join', T0, 'ana'),
      ev('join', T0, 'bo'),
      msg(T0 + HOUR_MS, 'ana'),
      msg(T0 + HOUR_MS, 'bo'),
      msg(T0 + 8 * DAY_MS, 'ana'),
      msg(T0 + 6 * DAY_MS, 'bo'),
    ];
    const r = report(events, '30d', T0 + 10 * DAY_MS);
    expect(r.members.retained7).toMatchObject({ count: 1, of: 2 });
    // Nobody joined 30 days before the end: no one is eligible yet, and it says 0 of 0, not 0%.
    expect(r.members.retained30).toMatchObject({ count: 0, of: 0 });
  });
});

describe('activity', () => {
  it('counts messages and active members per hour, bots left out of members', () => {
    const events = [
      msg(T0, 'ana'),
      msg(T0 + 60_000, 'ana'),
      msg(T0 + 120_000, 'bo'),
      msg(T0 + HOUR_MS, 'bo'),
      ev('message', T0 + HOUR_MS, 'bot', { author: { id: 'bot', bot: true }, text: 'beep' }),
    ];
    const r = report(events, '24h', T0 + 2 * HOUR_MS);
    const points = r.activity.series.filter((p) => p.messages > 0);
    expect(points.map((p) => [p.t, p.messages, p.active])).toEqual([
      [T0, 3, 2],
      [T0 + HOUR_MS, 2, 1],
    ]);
    expect(r.activity.activeMembers).toBe(2);
    expect(r.activity.series).toHaveLength(24);
  });

  it('puts a spring-forward night of Europe/Berlin into a 23-hour local day and the right heatmap cells', () => {
    // 29 Mar 2026: local 02:00 does not exist (01:00 UTC is 03:00 CEST).
    const zone = 'Europe/Berlin';
    const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
    const events = [msg(at('2026-03-29T01:30'), 'ana'), msg(at('2026-03-29T03:30'), 'bo'), msg(at('2026-03-29T23:30'), 'cy'), msg(at('2026-03-30T00:30'), 'ana')];
    const r = report(events, '30d', at('2026-04-01T00:00'), zone);
    expect(r.granularity).toBe('day');
    const day = r.activity.series.find((p) => p.t === at('2026-03-29T00:00'))!;
    const next = r.activity.series.find((p) => p.t === at('2026-03-30T00:00'))!;
    expect(next.t - day.t).toBe(23 * HOUR_MS);
    expect([day.messages, day.active, next.messages]).toEqual([3, 3, 1]);
    // Sunday (index 6): 01:00, 03:00 and 23:00; nothing at the missing 02:00.
    expect(r.activity.heatmap[6]![1]).toBe(1);
    expect(r.activity.heatmap[6]![2]).toBe(0);
    expect(r.activity.heatmap[6]![3]).toBe(1);
    expect(r.activity.heatmap[6]![23]).toBe(1);
    expect(r.activity.heatmap[0]![0]).toBe(1);
  });

  it('folds both UTC hours of a fall-back night into the one repeated local hour', () => {
    // 25 Oct 2026: local 02:00–03:00 happens twice (00:00 and 01:00 UTC).
    const zone = 'Europe/Berlin';
    const events = [msg(Date.UTC(2026, 9, 25, 0, 30), 'ana'), msg(Date.UTC(2026, 9, 25, 1, 30), 'bo')];
    const r = report(events, '7d', Date.UTC(2026, 9, 26), zone);
    expect(r.activity.heatmap[6]![2]).toBe(2);
    // Hourly series keeps the two hours apart.
    expect(r.activity.series.filter((p) => p.messages > 0)).toHaveLength(2);
    const dayReport = report(events, '30d', Date.UTC(2026, 9, 26), zone);
    const day = dayReport.activity.series.find((p) => p.messages > 0)!;
    const after = dayReport.activity.series[dayReport.activity.series.indexOf(day) + 1]!;
    expect(after.t - day.t).toBe(25 * HOUR_MS);
  });

  it('measures speaking share and Gini on a room one member dominates', () => {
    // 10 members: one writes 91 messages, nine write 1 each (100 in all).
    const events = [...Array.from({ length: 91 }, (_, i) => msg(T0 + i * 1000, 'loud')), ...Array.from({ length: 9 }, (_, i) => msg(T0 + i * 1000, `m${i}`))];
    const r = report(events, '24h', T0 + HOUR_MS);
    expect(r.activity.speaking.members).toBe(10);
    expect(r.activity.speaking.top1Share).toBeCloseTo(0.91);
    expect(r.activity.speaking.top10Share).toBeCloseTo(0.91);
    // Gini by hand: sorted [1×9, 91]; Σ i·x = 45 + 910 = 955; 2·955/(10·100) − 11/10 = 0.81.
    expect(r.activity.speaking.gini).toBeCloseTo(0.81);
  });
});

describe('helpers', () => {
  it('gini and top share', () => {
    expect(gini([5, 5, 5, 5])).toBe(0);
    expect(gini([0, 0, 0, 4])).toBeCloseTo(0.75);
    expect(topShare([50, 30, 20], 0.1)).toBeCloseTo(0.5);
  });
  it('gives a wide interval for a small sample and a narrow one for a large', () => {
    const small = proportion(1, 2);
    const large = proportion(500, 1000);
    expect(small.high - small.low).toBeGreaterThan(0.6);
    expect(large.high - large.low).toBeLessThan(0.07);
    expect(large.low).toBeLessThan(0.5);
    expect(large.high).toBeGreaterThan(0.5);
  });
});

describe('text', () => {
  it('segments Chinese into words and drops stop words', () => {
    const t = terms('我们的退款什么时候到账？客服不回复');
    expect(t).toContain('退款');
    expect(t).not.toContain('我们');
    expect(t).not.toContain('的');
    expect(terms('Where is my REFUND? https://x.example/a')).toEqual(['refund']);
  });
  it('scores English with AFINN (with negation) and Chinese with the translated lexicon', () => {
    expect(sentiment('this is terrible').score).toBeLessThan(0);
    expect(sentiment('not good').score).toBeLessThan(0);
    expect(sentiment('great, thanks').score).toBeGreaterThan(0);
    expect(isNegative(sentiment('客服太不满意了'))).toBe(true);
    expect(sentiment('the the the').hits).toBe(0);
    // Words that name Object.prototype's members are words, not lexicon entries.
    expect(sentiment('constructor toString hasOwnProperty')).toEqual({ score: 0, hits: 0 });
  });
});

describe('topics and sentiment', () => {
  it('finds a term rising against the previous period and one falling', () => {
    const events = [
      ...Array.from({ length: 4 }, (_, i) => msg(T0 - DAY_MS + i * HOUR_MS, `a${i}`, 'giveaway tonight')),
      ...Array.from({ length: 5 }, (_, i) => msg(T0 + i * HOUR_MS, `b${i}`, 'where is my refund')),
      msg(T0 + 6 * HOUR_MS, 'c', 'giveaway'),
    ];
    const r = report(events, '24h', T0 + DAY_MS);
    expect(r.topics.rising[0]).toEqual({ term: 'refund', now: 5, before: 0 });
    expect(r.topics.falling.map((h) => h.term)).toEqual(['tonight', 'giveaway']);
  });

  it('reports the negative share per space with its interval', () => {
    const events = [
      msg(T0, 'a', 'this is terrible'),
      msg(T0 + 1, 'b', 'awful, I hate it'),
      msg(T0 + 2, 'c', 'great news'),
      msg(T0 + 3, 'd', 'the meeting is at noon'), // no lexicon words: not scored
      msg(T0 + 4, 'e', 'ok', { spaceId: 'g2' }),
    ];
    const r = report(events, '24h', T0 + HOUR_MS);
    const g1 = r.sentiment.perSpace.find((s) => s.key === 'discord|s1|g1')!;
    expect(g1.negative).toMatchObject({ count: 2, of: 3 });
    expect(g1.negative.low).toBeLessThan(2 / 3);
    expect(r.sentiment.overall.count).toBe(2);
  });
});

describe('incremental aggregation', () => {
  const arbEvent = fc.record({
    kind: fc.constantFrom('message', 'message', 'message', 'join', 'leave', 'report', 'modAction'),
    hour: fc.integer({ min: 0, max: 24 * 40 }),
    minute: fc.integer({ min: 0, max: 59 }),
    author: fc.constantFrom('ana', 'bo', 'cy', 'dee', 'eve'),
    space: fc.constantFrom('g1', 'g2'),
    platform: fc.constantFrom('discord', 'telegram') as fc.Arbitrary<'discord' | 'telegram'>,
    text: fc.constantFrom('refund please', 'this is terrible', 'great stuff', '退款什么时候到账', 'hello', ''),
    replyTo: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    flagged: fc.constantFrom(undefined, 'scam', 'toxicity'),
  });
  it('adding events in any order and batches equals a full recompute', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 120 }), fc.infiniteStream(fc.nat(5)), fc.integer(), (raw, cuts, seed) => {
        const events: InsightSource[] = raw.map((r, i) => ({
          id: `e${i}`,
          platform: r.platform,
          sourceId: 's',
          kind: r.kind,
          spaceId: r.space,
          spaceName: `name-${i % 3}`,
          channelId: 'c',
          messageId: `m${i}`,
          ts: Date.UTC(2026, 9, 1) + r.hour * HOUR_MS + r.minute * 60_000,
          author: { id: r.author, bot: false },
          text: r.text,
          ...(r.replyTo !== undefined ? { replyToMessageId: `m${r.replyTo}` } : {}),
          ...(r.flagged ? { flags: [{ category: r.flagged as 'scam' }] } : {}),
          ...(r.kind === 'modAction' ? { moderation: { action: 'ban' as const } } : {}),
        }));
        const full = new InsightsAggregator();
        full.addAll(events);
        // Shuffle deterministically and add in batches.
        const shuffled = [...events];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) | 0;
          const j = Math.abs(s) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const inc = new InsightsAggregator();
        const it = cuts[Symbol.iterator]();
        for (let i = 0; i < shuffled.length; ) {
          const size = 1 + (it.next().value as number);
          inc.addAll(shuffled.slice(i, i + size));
          i += size;
        }
        const now = Date.UTC(2026, 9, 1) + 41 * DAY_MS;
        for (const period of ['24h', '90d'] as const) {
          for (const zone of ['Europe/Berlin', 'Asia/Shanghai']) {
            const q = { scope: { kind: 'all' as const }, period, now, zone };
            expect(buildReport(inc, q)).toEqual(buildReport(full, q));
          }
        }
        expect(normalize(inc)).toEqual(normalize(full));
      }),
      { numRuns: 40 },
    );
  });
});

describe('members linked across platforms', () => {
  it('a person with a Discord and a Telegram account counts once in active members and speaking share', () => {
    const tg = (extra: Partial<InsightSource> = {}): Partial<InsightSource> => ({ platform: 'telegram', sourceId: 't1', spaceId: 'chat', ...extra });
    const events = [
      msg(T0, 'mei', 'hello from discord'),
      msg(T0 + 60_000, 'mei', 'still me'),
      msg(T0 + 2 * 60_000, '777', 'hello from telegram', tg()),
      msg(T0 + 3 * 60_000, 'bo', 'hi'),
    ];
    const unlinked = report(events, '24h', T0 + HOUR_MS);
    expect(unlinked.activity.activeMembers).toBe(3);
    expect(unlinked.activity.speaking.members).toBe(3);
    expect(unlinked.activity.series.find((p) => p.messages > 0)?.active).toBe(3);

    const agg = new InsightsAggregator();
    agg.addAll(events);
    const people = [['discord|mei', 'person-mei'], ['telegram|777', 'person-mei']] as const;
    const linked = buildReport(agg, { scope: { kind: 'all' }, period: '24h', now: T0 + HOUR_MS, zone: 'UTC', people });
    expect(linked.activity.activeMembers).toBe(2);
    expect(linked.activity.speaking.members).toBe(2);
    // Mei wrote 3 of 4 messages as one person: the top 10% (one member) holds 75%.
    expect(linked.activity.speaking.top10Share).toBe(0.75);
    expect(linked.activity.speaking.gini).toBeCloseTo(gini([3, 1]));
    expect(linked.activity.series.find((p) => p.messages > 0)?.active).toBe(2);
    // Messages are still every message.
    expect(linked.activity.messages).toBe(4);
  });
});
