import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { TribeDb } from './db';
import { ingestBatch } from './ingest';
import { AggregateKeeper } from './insightsStore';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { declareV3 } from './v3';
import { declareV4 } from './v4';
import { declareV5 } from './v5';
import { declareV6 } from './v6';
import { message, uniqueDbName } from './testing';

describe('schema v7', () => {
  it('opens a database written by v6 with empty insights tables, builds the aggregates from its events once, and journals new batches', async () => {
    const name = uniqueDbName('v7');
    const old = new Dexie(name);
    for (const declare of [declareV1, declareV2, declareV3, declareV4, declareV5, declareV6]) declare(old);
    await old.open();
    const rows = [1, 2, 3].map((n) => ({ ...message(n).event, flags: [] }));
    await old.table('events').bulkAdd(rows);
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.insightAggregates.count()).toBe(0);
    expect(await db.insightBatches.count()).toBe(0);

    const keeper = new AggregateKeeper(db);
    expect(await keeper.open()).toBe('built');
    expect(keeper.agg.count).toBe(3);
    await keeper.checkpoint(1_700_000_000_000);
    expect(await db.insightAggregates.get('meta')).toMatchObject({ count: 3 });

    // Ingest journals the ids of what it stored, in its own transaction; a repeat journals nothing.
    const res = await ingestBatch(db, [message(4), message(5)]);
    expect(await db.insightBatches.get(res.insightBatch!)).toEqual({ id: res.insightBatch, eventIds: ['discord:g1:c1:4', 'discord:g1:c1:5'] });
    const again = await ingestBatch(db, [message(4)]);
    expect(again.insightBatch).toBeUndefined();
    expect(await db.insightBatches.count()).toBe(1);

    // The next opening loads the stored aggregates and folds the journal in.
    const next = new AggregateKeeper(db);
    expect(await next.open()).toBe('loaded');
    expect(next.agg.count).toBe(5);
    db.close();
  });
});
