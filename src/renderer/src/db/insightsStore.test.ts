import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '@shared/domain/model';
import { InsightsAggregator, type InsightSource } from '@shared/insights/aggregate';
import { crisisSignal } from '@shared/insights/crisis';
import { buildReport, type PeriodId } from '@shared/insights/report';
import { glanceAnswers, type Glance } from '@shared/insights/snapshot';
import { normalize } from '@shared/insights/testing';
import { TribeDb } from './db';
import { ingestBatch } from './ingest';
import { AggregateKeeper, KEEP_DAYS } from './insightsStore';
import { pruneCache } from './retention';
import { uniqueDbName } from './testing';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 10, 25, 12);

const dbs: TribeDb[] = [];
function freshDb(): TribeDb {
  const db = new TribeDb(uniqueDbName('insights'));
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

function envelope(n: number, ts: number, o: { kind?: 'message' | 'join' | 'leave' | 'report'; author?: string; space?: string; replyTo?: number; text?: string } = {}): Envelope {
  const space = o.space ?? 'g1';
  return {
    event: {
      id: `discord:${space}:c1:${n}`,
      sourceId: 's1',
      platform: 'discord',
      kind: o.kind ?? 'message',
      spaceId: space,
      spaceName: `Space ${space}`,
      channelId: 'c1',
      messageId: String(n),
      ts,
      author: { id: o.author ?? `u${n % 4}`, name: o.author ?? `user${n % 4}`, bot: false },
      text: o.text ?? 'thanks, great help with the refund',
      ...(o.replyTo !== undefined ? { replyToMessageId: String(o.replyTo) } : {}),
    },
    flags: [],
  };
}

function fullRecompute(rows: readonly InsightSource[]): InsightsAggregator {
  const agg = new InsightsAggregator();
  agg.addAll(rows);
  return agg;
}

function reports(agg: InsightsAggregator, now: number) {
  return (['24h', '7d', '90d'] as PeriodId[]).map((period) => buildReport(agg, { scope: { kind: 'all' }, period, now, zone: 'Europe/Berlin' }));
}

describe('stored insights aggregates', () => {
  it('a first build, batches forwarded or only journaled, checkpoints and reopenings equal a full recompute', async () => {
    const arbEvent = fc.record({
      kind: fc.constantFrom('message', 'message', 'message', 'join', 'leave', 'report') as fc.Arbitrary<'message' | 'join' | 'leave' | 'report'>,
      hour: fc.integer({ min: 0, max: 24 * 40 }),
      author: fc.constantFrom('ana', 'bo', 'cy', 'dee'),
      space: fc.constantFrom('g1', 'g2'),
      text: fc.constantFrom('refund please', 'this is terrible', 'great stuff', '退款什么时候到账', 'hello'),
      replyTo: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    });
    // Steps after the initial events: a batch ingested and forwarded to the keeper, one only ingested
    // (the worker was away: the journal has it), a checkpoint, or a reopening (a new keeper loads).
    const arbStep = fc.oneof(
      fc.record({ type: fc.constant('forwarded' as const), events: fc.array(arbEvent, { minLength: 1, maxLength: 8 }) }),
      fc.record({ type: fc.constant('journaled' as const), events: fc.array(arbEvent, { minLength: 1, maxLength: 8 }) }),
      fc.record({ type: fc.constant('checkpoint' as const) }),
      fc.record({ type: fc.constant('reopen' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(arbEvent, { maxLength: 30 }), fc.array(arbStep, { maxLength: 10 }), async (initial, steps) => {
        const db = freshDb();
        let n = 0;
        const start = NOW - 40 * DAY;
        const toEnvelopes = (events: typeof initial) => events.map((e) => envelope(n++, start + e.hour * HOUR + n, { kind: e.kind, author: e.author, space: e.space, text: e.text, ...(e.replyTo !== undefined ? { replyTo: e.replyTo } : {}) }));
        if (initial.length > 0) await ingestBatch(db, toEnvelopes(initial));
        let keeper = new AggregateKeeper(db);
        expect(await keeper.open({ now: NOW })).toBe('built');
        await keeper.checkpoint(NOW);
        for (const step of steps) {
          if (step.type === 'checkpoint') await keeper.checkpoint(NOW);
          else if (step.type === 'reopen') {
            keeper = new AggregateKeeper(db);
            expect(await keeper.open({ now: NOW })).toBe('loaded');
          } else {
            const res = await ingestBatch(db, toEnvelopes(step.events));
            // A forwarded batch may also be read from the journal first: folding it twice must not count twice.
            if (step.type === 'forwarded') {
              keeper.add(res.insightBatch, res.stored);
              keeper.add(res.insightBatch, res.stored);
            }
          }
        }
        await keeper.checkpoint(NOW);
        const reopened = new AggregateKeeper(db);
        expect(await reopened.open({ now: NOW })).toBe('loaded');
        const all = await db.events.toArray();
        const full = fullRecompute(all);
        expect(normalize(reopened.agg)).toEqual(normalize(full));
        expect(reports(reopened.agg, NOW)).toEqual(reports(full, NOW));
        expect(reopened.agg.count).toBe(full.count);
        // Every journal batch is folded and gone after the last checkpoint.
        await reopened.checkpoint(NOW);
        expect(await db.insightBatches.count()).toBe(0);
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it('a batch stored while the first build reads counts once, whichever windows had already been read', async () => {
    const db = freshDb();
    await ingestBatch(db, [envelope(1, NOW - 20 * DAY), envelope(2, NOW - 2 * DAY), envelope(3, NOW - HOUR)]);
    const keeper = new AggregateKeeper(db);
    let during: Awaited<ReturnType<typeof ingestBatch>> | undefined;
    // Between the recent days and the older ones: one new event in a window already read, one in a window still to come.
    const built = keeper.open({
      now: NOW,
      onRecent: () => void ingestBatch(db, [envelope(4, NOW - 3 * DAY), envelope(5, NOW - 25 * DAY)]).then((r) => (during = r)),
    });
    expect(await built).toBe('built');
    expect(during?.insightBatch).toBeDefined();
    keeper.add(during!.insightBatch, during!.stored);
    expect(keeper.agg.count).toBe(5);
    expect(normalize(keeper.agg)).toEqual(normalize(fullRecompute(await db.events.toArray())));
  });

  it('keeps 90 days of figures after the events older than 30 days are pruned', async () => {
    const db = freshDb();
    // Four messages a day for 90 days, and a newcomer 60 days ago who was answered.
    const envelopes: Envelope[] = [];
    for (let d = 0; d < 90; d++) for (let k = 0; k < 4; k++) envelopes.push(envelope(d * 10 + k, NOW - (89 - d) * DAY - k * HOUR - HOUR, { author: `m${k}` }));
    envelopes.push(envelope(5000, NOW - 60 * DAY, { kind: 'join', author: 'newbie' }));
    envelopes.push(envelope(5001, NOW - 60 * DAY + 10 * 60_000, { author: 'newbie', text: 'hello, how do I get the refund?' }));
    envelopes.push(envelope(5002, NOW - 60 * DAY + 20 * 60_000, { author: 'm1', replyTo: 5001 }));
    await ingestBatch(db, envelopes);
    const keeper = new AggregateKeeper(db);
    await keeper.open({ now: NOW });
    await keeper.checkpoint(NOW);
    const before = buildReport(keeper.agg, { scope: { kind: 'all' }, period: '90d', now: NOW, zone: 'Europe/Berlin' });
    expect(before.activity.messages).toBe(362);

    const pruned = await pruneCache(db, NOW);
    expect(pruned.events).toBeGreaterThan(200);
    expect(await db.events.where('ts').below(NOW - 31 * DAY).count()).toBe(0);
    // New messages after the prune are folded in as usual.
    const late = await ingestBatch(db, [envelope(9000, NOW - 30 * 60_000, { author: 'm2' })]);
    keeper.add(late.insightBatch, late.stored);
    await keeper.checkpoint(NOW);

    const reopened = new AggregateKeeper(db);
    expect(await reopened.open({ now: NOW })).toBe('loaded');
    const after = buildReport(reopened.agg, { scope: { kind: 'all' }, period: '90d', now: NOW, zone: 'Europe/Berlin' });
    expect(after.activity.messages).toBe(363);
    expect(after.members).toMatchObject({ joins: 1, newcomers: 1, newcomersPosted: 1, answered: { count: 1, of: 1 } });
    // The daily series reaches back 90 days: its first days still count their four messages.
    expect(after.activity.series.filter((p) => p.messages > 0).length).toBeGreaterThanOrEqual(89);
    // What the events alone would give now: the old days are gone from them.
    const fromEvents = buildReport(fullRecompute(await db.events.toArray()), { scope: { kind: 'all' }, period: '90d', now: NOW, zone: 'Europe/Berlin' });
    expect(fromEvents.activity.messages).toBeLessThan(130);
  });

  it('forgets hourly aggregates older than KEEP_DAYS, in memory and in IndexedDB, and keeps the rest', async () => {
    const db = freshDb();
    await ingestBatch(db, [envelope(1, NOW - (KEEP_DAYS + 20) * DAY), envelope(2, NOW - (KEEP_DAYS + 1) * DAY - HOUR), envelope(3, NOW - 100 * DAY), envelope(4, NOW - HOUR)]);
    const keeper = new AggregateKeeper(db);
    await keeper.open({ now: NOW });
    await keeper.checkpoint(NOW);
    const days = async () => (await db.insightAggregates.where('key').startsWith('h|').primaryKeys()).map((k) => Number(k.split('|')[1]) * DAY);
    const cutoff = (Math.floor(NOW / DAY) - KEEP_DAYS) * DAY;
    expect((await days()).every((d) => d >= cutoff)).toBe(true);
    expect(await days()).toHaveLength(2);
    const reopened = new AggregateKeeper(db);
    await reopened.open({ now: NOW });
    const r = buildReport(reopened.agg, { scope: { kind: 'all' }, period: '90d', now: NOW, zone: 'UTC' });
    expect(r.activity.messages).toBe(1);
    const hours = [...reopened.agg.spaces.values()].flatMap((s) => [...s.hours.keys()]);
    expect(hours.sort()).toEqual([Math.floor((NOW - 100 * DAY) / HOUR), Math.floor((NOW - HOUR) / HOUR)]);
  });

  it('a checkpoint that fails is made good by the next one: nothing lost, nothing counted twice', async () => {
    const db = freshDb();
    const keeper = new AggregateKeeper(db);
    await ingestBatch(db, [envelope(1, NOW - 2 * HOUR)]);
    await keeper.open({ now: NOW });
    await keeper.checkpoint(NOW);
    // B touches g1 and g2; the checkpoint after it fails (IndexedDB refused the write).
    const b = await ingestBatch(db, [envelope(2, NOW - HOUR), envelope(3, NOW - HOUR, { space: 'g2' })]);
    keeper.add(b.insightBatch, b.stored);
    const refuse = vi.spyOn(db.insightAggregates, 'bulkPut').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(keeper.checkpoint(NOW)).rejects.toThrow('QuotaExceededError');
    refuse.mockRestore();
    // C touches g1 only: its checkpoint must also store what B did to g2, and drop B from the journal.
    const c = await ingestBatch(db, [envelope(4, NOW - HOUR + 1)]);
    keeper.add(c.insightBatch, c.stored);
    await keeper.checkpoint(NOW);
    expect(await db.insightBatches.count()).toBe(0);
    const reopened = new AggregateKeeper(db);
    expect(await reopened.open({ now: NOW })).toBe('loaded');
    expect(normalize(reopened.agg)).toEqual(normalize(fullRecompute(await db.events.toArray())));
  });

  describe('a glance (the recent days and the newcomers, read first)', () => {
    /** The 24-hour and 7-day reports and every space's crisis signal: what a glance answers. */
    function glanceView(agg: InsightsAggregator, now: number) {
      const signals = [...agg.spaces.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map((space) => crisisSignal(space, now));
      return { reports: reports(agg, now).slice(0, 2), signals };
    }

    it('answers the short periods and the crisis signal as the full aggregates do, after any batches, checkpoints and journal', async () => {
      const arbEvent = fc.record({
        kind: fc.constantFrom('message', 'message', 'message', 'join', 'join', 'leave', 'report') as fc.Arbitrary<'message' | 'join' | 'leave' | 'report'>,
        // The last 35 days (the crisis signal reads four weeks back, the 7-day report two), most in the
        // last three, so that newcomers post and are answered (or not) within the day the report allows.
        hour: fc.oneof({ arbitrary: fc.integer({ min: 24 * 32, max: 24 * 35 }), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 24 * 35 }), weight: 1 }),
        author: fc.constantFrom('ana', 'bo', 'cy', 'dee', 'eve', 'fay'),
        space: fc.constantFrom('g1', 'g2'),
        text: fc.constantFrom('refund please', 'this is terrible', 'great stuff', '退款什么时候到账', 'hello'),
        /** A reply to the event this many before (a recent message, often a newcomer's first). */
        replyBack: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
      });
      const arbStep = fc.oneof(
        fc.record({ type: fc.constant('forwarded' as const), events: fc.array(arbEvent, { minLength: 1, maxLength: 8 }) }),
        fc.record({ type: fc.constant('journaled' as const), events: fc.array(arbEvent, { minLength: 1, maxLength: 4 }) }),
        fc.record({ type: fc.constant('checkpoint' as const) }),
      );
      let readInFull = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(arbEvent, { maxLength: 40 }), fc.array(arbStep, { maxLength: 8 }), async (initial, steps) => {
          const db = freshDb();
          let n = 0;
          const start = NOW - 35 * DAY;
          const toEnvelopes = (events: typeof initial) =>
            events.map((e) => envelope(n++, start + e.hour * HOUR + n, { kind: e.kind, author: e.author, space: e.space, text: e.text, ...(e.replyBack !== undefined && n > e.replyBack ? { replyTo: n - 1 - e.replyBack } : {}) }));
          if (initial.length > 0) await ingestBatch(db, toEnvelopes(initial));
          const keeper = new AggregateKeeper(db);
          await keeper.open({ now: NOW });
          await keeper.checkpoint(NOW);
          for (const step of steps) {
            if (step.type === 'checkpoint') await keeper.checkpoint(NOW);
            else {
              const res = await ingestBatch(db, toEnvelopes(step.events));
              if (step.type === 'forwarded') keeper.add(res.insightBatch, res.stored);
            }
          }
          let glance: Glance | undefined;
          const reopened = new AggregateKeeper(db);
          expect(await reopened.open({ now: NOW, onGlance: (g) => (glance = g) })).toBe('loaded');
          const full = fullRecompute(await db.events.toArray());
          expect(glanceView(reopened.agg, NOW)).toEqual(glanceView(full, NOW));
          // Always offered: where the journal touches member rows the glance lacks, it reads those spaces in full.
          expect(glance).toBeDefined();
          if (glance!.full.size > 0) readInFull++;
          expect(glanceAnswers(glance!, '7d', NOW)).toBe(true);
          expect(glanceView(glance!.agg, NOW)).toEqual(glanceView(full, NOW));
        }),
        { numRuns: 40 },
      );
      // With six members the journal often touches rows the glance did not read: that path is exercised.
      expect(readInFull).toBeGreaterThan(3);
    }, 120_000);

    it('says when the full read holds exactly what the glance did (its answers then stand), and not when a batch or a checkpoint came between', async () => {
      const db = freshDb();
      const keeper = new AggregateKeeper(db);
      await keeper.open({ now: NOW });
      const first = await ingestBatch(db, [envelope(1, NOW - 2 * DAY, { kind: 'join', author: 'newbie' }), envelope(2, NOW - 2 * DAY + HOUR, { author: 'newbie' })]);
      keeper.add(first.insightBatch, first.stored);
      await keeper.checkpoint(NOW);
      // One batch in the journal only, read by both the glance and the full read.
      await ingestBatch(db, [envelope(3, NOW - HOUR, { author: 'helper', replyTo: 2 })]);
      const week = { scope: { kind: 'all' as const }, period: '7d' as const, now: NOW, zone: 'UTC' };
      let glance: Glance | undefined;
      const same = new AggregateKeeper(db);
      await same.open({ now: NOW, onGlance: (g) => void (glance = g) });
      expect(same.sameAsGlance).toBe(true);
      expect(buildReport(glance!.agg, week)).toEqual(buildReport(same.agg, week));

      // A batch stored after the glance was read: the full read has it, the glance does not.
      const later = new AggregateKeeper(db);
      await later.open({ now: NOW, onGlance: async () => void (await ingestBatch(db, [envelope(4, NOW - HOUR, { author: 'bo' })])) });
      expect(later.sameAsGlance).toBe(false);
      // Another window's checkpoint between the reads (the journal emptied, the records written).
      const other = new AggregateKeeper(db);
      await other.open({ now: NOW });
      const checkpointed = new AggregateKeeper(db);
      await checkpointed.open({ now: NOW, onGlance: () => other.checkpoint(NOW).then(() => undefined) });
      expect(checkpointed.sameAsGlance).toBe(false);
      // No glance (not asked for): nothing to stand for.
      const plain = new AggregateKeeper(db);
      await plain.open({ now: NOW });
      expect(plain.sameAsGlance).toBe(false);
    });

    it('keeps the newcomer records right as answers and earlier joins arrive in later batches', async () => {
      const db = freshDb();
      const keeper = new AggregateKeeper(db);
      const step = async (envelopes: Envelope[]) => {
        const res = await ingestBatch(db, envelopes);
        keeper.add(res.insightBatch, res.stored);
        await keeper.checkpoint(NOW);
      };
      const glanceNewcomers = async () => {
        let glance: Glance | undefined;
        await new AggregateKeeper(db).open({ now: NOW, onGlance: (g) => (glance = g) });
        return buildReport(glance!.agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: 'UTC' }).members;
      };
      await keeper.open({ now: NOW });
      await step([envelope(1, NOW - 2 * DAY, { kind: 'join', author: 'newbie' }), envelope(2, NOW - 2 * DAY + HOUR, { author: 'newbie', text: 'hello, where is the refund?' })]);
      expect(await glanceNewcomers()).toMatchObject({ newcomers: 1, answered: { count: 0, of: 1 } });
      // Someone who never joined answers: only the reply table changed, and the newbie's record with it.
      await step([envelope(3, NOW - 2 * DAY + 2 * HOUR, { author: 'helper', replyTo: 2 })]);
      expect(await glanceNewcomers()).toMatchObject({ newcomers: 1, answered: { count: 1, of: 1 } });
      // An earlier join arrives: the row moves to the earlier day's record, and the later day's is deleted.
      await step([envelope(4, NOW - 3 * DAY, { kind: 'join', author: 'newbie' })]);
      expect(await glanceNewcomers()).toMatchObject({ newcomers: 1, answered: { count: 1, of: 1 } });
      expect(await db.insightAggregates.where('key').startsWith('j|').primaryKeys()).toEqual([`j|${Math.floor((NOW - 3 * DAY) / DAY)}|discord|s1|g1`]);
    });

    it('reads only the recent days and the newcomers, and a space in full when the journal joins a member it did not read', async () => {
      const db = freshDb();
      await ingestBatch(db, [
        envelope(1, NOW - 60 * DAY, { author: 'old' }),
        envelope(2, NOW - 40 * DAY, { kind: 'join', author: 'veteran' }),
        envelope(3, NOW - 2 * DAY, { kind: 'join', author: 'newbie' }),
        envelope(4, NOW - 2 * DAY + HOUR, { author: 'newbie', text: 'hello, where is the refund?' }),
        envelope(5, NOW - 2 * DAY + 2 * HOUR, { author: 'helper', replyTo: 4 }),
      ]);
      const keeper = new AggregateKeeper(db);
      await keeper.open({ now: NOW });
      await keeper.checkpoint(NOW);
      let glance: Glance | undefined;
      await new AggregateKeeper(db).open({ now: NOW, onGlance: (g) => (glance = g) });
      const space = glance!.agg.spaces.get('discord|s1|g1')!;
      // Neither the day 60 days back nor the veteran's row is read; the newbie is, with the answer.
      expect([...space.hours.keys()].every((h) => h >= Math.floor((NOW - 30 * DAY) / HOUR))).toBe(true);
      expect(space.members.size).toBe(1);
      expect(glanceAnswers(glance!, '90d', NOW)).toBe(false);
      expect(buildReport(glance!.agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: 'UTC' }).members).toMatchObject({ newcomers: 1, answered: { count: 1, of: 1 } });

      expect(glance!.full.size).toBe(0);

      // The veteran joins again (only in the journal): the earlier join is in a row the glance lacks, so
      // it reads that space's member and reply tables, and the veteran is no newcomer.
      await ingestBatch(db, [envelope(6, NOW - HOUR, { kind: 'join', author: 'veteran' }), envelope(7, NOW - HOUR, { kind: 'join', author: 'other', space: 'g2' })]);
      glance = undefined;
      const reopened = new AggregateKeeper(db);
      await reopened.open({ now: NOW, onGlance: (g) => (glance = g) });
      expect([...glance!.full]).toEqual(['discord|s1|g1']);
      expect(glance!.agg.spaces.get('discord|s1|g1')!.members.size).toBe(4);
      const week = (agg: InsightsAggregator) => buildReport(agg, { scope: { kind: 'all' }, period: '7d', now: NOW, zone: 'UTC' });
      expect(week(glance!.agg).members).toMatchObject({ joins: 3, newcomers: 2 });
      expect(week(glance!.agg)).toEqual(week(reopened.agg));
    });
  });
});
