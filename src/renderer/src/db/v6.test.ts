import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { itemFromEnvelope } from '@shared/domain/inbox';
import { rankOf } from '@shared/domain/priority';
import { TribeDb } from './db';
import { declareV1 } from './v1';
import { declareV2 } from './v2';
import { declareV3 } from './v3';
import { declareV4 } from './v4';
import { declareV5 } from './v5';
import { message, scamFlag, uniqueDbName } from './testing';

const lane = (db: TribeDb, name: string) => db.inboxItems.where('[lane+rank]').between([name, Dexie.minKey], [name, Dexie.maxKey]).primaryKeys();

describe('schema v6', () => {
  it('opens a database written by v5 with every item in its lane and rank, and keeps them right on every later write', async () => {
    const name = uniqueDbName('v6');
    const old = new Dexie(name);
    for (const declare of [declareV1, declareV2, declareV3, declareV4, declareV5]) declare(old);
    await old.open();
    const open = itemFromEnvelope(message(1, { flags: [scamFlag] }))!;
    const done = { ...itemFromEnvelope(message(2, { flags: [scamFlag] }))!, status: 'resolved' as const };
    const unsure = itemFromEnvelope(message(3, { flags: [{ ...scamFlag, confidence: 0.2 }] }))!;
    await old.table('inboxItems').bulkAdd([open, done, unsure]);
    old.close();

    const db = new TribeDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect(await db.inboxItems.get(open.id)).toMatchObject({ ...open, lane: 'open', rank: rankOf(open) });
    expect(await lane(db, 'open')).toEqual([open.id]);
    expect(await lane(db, 'resolved')).toEqual([done.id]);
    expect(await lane(db, 'maybe')).toEqual([unsure.id]);

    // put, and modify through a query: the lane follows the item.
    await db.inboxItems.put({ ...open, status: 'resolved' });
    await db.inboxItems.where('id').equals(unsure.id).modify((item) => {
      item.status = 'claimed';
    });
    expect(await lane(db, 'open')).toEqual([unsure.id]);
    expect((await lane(db, 'resolved')).sort()).toEqual([open.id, done.id].sort());
    expect(await lane(db, 'maybe')).toEqual([]);
    db.close();
  });
});
